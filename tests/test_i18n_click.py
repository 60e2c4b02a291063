"""Click's own words in the officer's language: a command line the parser refuses ("Usage:", "Error: No
such option", "Missing argument", "Did you mean") is refused in Bahasa Indonesia with --lang id, and word
for word as Click writes it with --lang en. Exit 2 (wrong usage) in both."""

from __future__ import annotations

import enum

import pytest
import typer
from typer.testing import CliRunner

from kotacerdas.commands import click_words
from kotacerdas.commands.language import LanguageGroup

ENGLISH = ("Usage:", "Error:", "Try '", "No such", "Missing", "Invalid value", "Did you mean", "Got unexpected",
           "requires", "does not take", "is not one of", "Possible options", "[OPTIONS]", "COMMAND [ARGS]")


def _no_english(text: str) -> None:
    for word in ENGLISH:
        assert word not in text, (word, text)


@pytest.mark.parametrize(("args", "indonesian"), [
    (["validate", "--bogus"], "Galat: Opsi tidak dikenal: --bogus"),
    (["validat"], "Galat: Perintah 'validat' tidak ada. Mungkin maksud Anda 'validate'?"),
    (["sheet", "exprt"], "Galat: Perintah 'exprt' tidak ada. Mungkin maksud Anda 'export'?"),
    (["report", ".", "--year", "abc"], "Galat: Nilai tidak sah untuk '--year' / '-y': 'abc' bukan bilangan bulat."),
    (["report", "."], "Galat: Opsi '--year' / '-y' wajib diisi."),
    (["validate", ".", "satu", "dua"], "Galat: Ada argumen tambahan yang tidak diharapkan (satu dua)"),
    (["render", ".", "--out"], "Galat: Opsi '--out' memerlukan sebuah nilai."),
    (["validate", "--lang=xx"], "Galat: Nilai tidak sah untuk '--lang': 'xx' bukan salah satu dari 'id', 'en'."),
])
def test_a_refused_command_line_is_refused_in_indonesian(cli, tmp_path, args, indonesian):
    ran = cli(*args, cwd=tmp_path, env={"KOTACERDAS_LANG": "id"})
    assert ran.returncode == 2
    assert indonesian in ran.stderr.splitlines()
    _no_english(ran.stderr)


def test_the_usage_and_the_hint_to_help_are_indonesian(cli, tmp_path):
    ran = cli("--lang", "id", "validate", "--bogus", cwd=tmp_path)
    usage, hint = ran.stderr.splitlines()[:2]
    assert usage.startswith("Penggunaan: ") and usage.endswith(" validate [OPSI] [path]")
    assert hint.startswith("Coba '") and hint.endswith(" validate -h' untuk bantuan.")
    group = cli("--lang", "id", "sheet", "-h", cwd=tmp_path)
    first = group.stdout.splitlines()[0]
    assert first.startswith("Penggunaan: ") and first.endswith(" sheet [OPSI] PERINTAH [ARGUMEN]...")


def test_english_is_what_click_writes(cli, tmp_path):
    ran = cli("--lang", "en", "validate", "--bogus", cwd=tmp_path)
    assert ran.returncode == 2
    prog = ran.stderr.split()[1]  # the program's name as the runner gives it
    assert ran.stderr.splitlines() == [f"Usage: {prog} validate [OPTIONS] [path]",
                                       f"Try '{prog} validate -h' for help.", "",
                                       "Error: No such option: --bogus"]
    typo = cli("--lang", "en", "validat", cwd=tmp_path)
    assert "Error: No such command 'validat'. Did you mean 'validate'?" in typo.stderr.splitlines()
    year = cli("--lang", "en", "report", ".", "--year", "abc", cwd=tmp_path)
    assert "Error: Invalid value for '--year' / '-y': 'abc' is not a whole number." in year.stderr.splitlines()


def test_the_language_of_a_later_run_is_its_own(cli, tmp_path):
    """The help texts and usage words are set on shared command objects: a run in English after one in
    Indonesian speaks English again."""
    cli("--lang", "id", "validate", "--bogus", cwd=tmp_path)
    ran = cli("--lang", "en", "validate", "--bogus", cwd=tmp_path)
    assert ran.stderr.startswith("Usage: ") and " validate [OPTIONS] [path]\n" in ran.stderr


def test_a_control_character_in_a_refused_option_is_not_passed_to_the_terminal(cli, tmp_path):
    ran = cli("--lang", "id", "validate", "--x\x1b[31m", cwd=tmp_path)
    assert ran.returncode == 2 and "\x1b" not in ran.stderr


# --- every template of click_words against the installed Typer: a probe app with every kind of option ---

class _Mode(str, enum.Enum):
    md = "md"
    html = "html"


def _probe_app() -> typer.Typer:
    app = typer.Typer(cls=LanguageGroup, rich_markup_mode=None, context_settings={"help_option_names": ["-h"]})

    @app.command()
    def probe(name: str = typer.Argument(...), count: int = typer.Option(0), ratio: float = typer.Option(0.0),
              flag: bool = typer.Option(False), pair: tuple[str, str] = typer.Option(("a", "b")),
              needed: int = typer.Option(...), mode: _Mode = typer.Option(...)) -> None:
        pass

    @app.command()
    def choose(mode: _Mode = typer.Argument(...)) -> None:
        pass

    @app.command()
    def pairs(pair: tuple[str, str] = typer.Argument(...)) -> None:
        pass

    return app


_OK = ["x", "--needed", "1", "--mode", "md"]
PROBES = [
    ["prob"],
    ["probe", *_OK, "--cont", "1"],
    ["probe", *_OK, "--zzz"],
    ["probe", *_OK, "--flag=1"],
    ["probe", *_OK, "--count"],
    ["probe", *_OK, "--pair", "a"],
    ["pairs", "a"],
    ["choose"],
    ["probe", *_OK, "y"],
    ["probe", "x", "--needed", "1"],
    ["probe", "--needed", "1", "--mode", "md"],
    ["probe", "x", "--mode", "md"],
    ["probe", *_OK, "--count", "1.5"],
    ["probe", *_OK, "--ratio", "abc"],
    ["probe", "x", "--needed", "1", "--mode", "pdf"],
]


def _error_line(app: typer.Typer, lang: str, args: list[str]) -> str:
    ran = CliRunner().invoke(app, ["--lang", lang, *args])
    assert ran.exit_code == 2, (args, ran.output)
    lines = ran.stderr.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(("Error: ", "Galat: ")))
    return "\n".join(lines[start:])  # a message may go on over lines (Typer's list of choices)


def test_every_template_is_a_text_the_installed_typer_writes_and_each_is_translated():
    """Each template of click_words.WORDS is met in what Typer really writes for some command line (a Typer
    that changes its wording fails here, not silently in English), and in Indonesian no English is left."""
    app, met = _probe_app(), set()
    for args in PROBES:
        english = _error_line(app, "en", args)
        assert english.startswith("Error: "), english
        text = english.removeprefix("Error: ")
        templates = click_words.templates_in(text)
        assert templates, f"no template for {text!r}"
        met.update(templates)
        indonesian = _error_line(app, "id", args)
        assert indonesian.startswith("Galat: ")
        _no_english(indonesian)
    assert met == set(click_words.WORDS), set(click_words.WORDS) - met


def test_a_text_no_template_knows_is_shown_as_it_is():
    assert click_words.translate("kotacerdas: sesuatu yang lain") == "kotacerdas: sesuatu yang lain"
