"""The message catalogs: every message marked in the code has its Bahasa Indonesia, the translation keeps
the message's placeholders, and the compiled catalog that ships is the one the .po file gives.

The messages are extracted at test time with Babel, with the project's own babel.cfg (so a message added
on any branch without its translation fails here, naming it)."""

from __future__ import annotations

import ast
import io
import string
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from kotacerdas import i18n

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "src/kotacerdas/locale/id/LC_MESSAGES/kotacerdas.po"
MO = PO.with_suffix(".mo")


def _extracted() -> dict[str | tuple[str, str], str]:
    """msgid (a (singular, plural) pair for ngettext) -> where it is, as Babel extracts them."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    out: dict = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(str(ROOT), method_map, options_map):
        key = message if isinstance(message, str) else tuple(message[:2])
        out.setdefault(key, f"{filename}:{lineno}")
    return out


@pytest.fixture(scope="module")
def extracted() -> dict:
    return _extracted()


@pytest.fixture(scope="module")
def catalog():
    with open(PO, "rb") as fh:
        return read_po(fh)


def _translated(msg) -> bool:
    strings = [msg.string] if isinstance(msg.string, str) else list(msg.string)
    return all(s.strip() for s in strings)


def test_extraction_finds_the_messages_of_every_kind(extracted):
    # a diagnostic, a plural, a command's help (docstring) and an option's help: each way of marking works
    assert "unknown taxonomy '{wanted}'" in extracted
    assert ("{n} warning", "{n} warnings") in extracted
    assert any(k.startswith("Check that a masterplan repository is well-formed.") for k in extracted
               if isinstance(k, str))
    assert "Write the report to this file (atomically)." in extracted
    assert len(extracted) > 500


def test_every_marked_message_has_an_indonesian_translation(extracted, catalog):
    missing = [f"{where}: {key!r}" for key, where in sorted(extracted.items(), key=lambda kv: kv[1])
               if (msg := catalog.get(key if isinstance(key, str) else key[0])) is None or not _translated(msg)]
    assert not missing, "messages without a translation in " + PO.name + " (docs/i18n.md says how to add them):\n" \
        + "\n".join(missing)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_translations_keep_every_placeholder(catalog):
    """A translation that drops or renames a {placeholder} would raise KeyError (or lose a value) in
    `.format(...)`; one that adds a brace would not format at all."""
    wrong = []
    for msg in catalog:
        if not msg.id or "python-brace-format" not in msg.flags:
            continue
        source = msg.id if isinstance(msg.id, str) else msg.id[0]
        for text in [msg.string] if isinstance(msg.string, str) else msg.string:
            try:
                if _fields(text) != _fields(source):
                    wrong.append(f"{source!r} -> {text!r}")
            except ValueError as exc:
                wrong.append(f"{source!r} -> {text!r}: {exc}")
    assert not wrong, "\n".join(wrong)


def test_the_compiled_catalog_is_the_one_the_po_file_gives(catalog):
    """The .mo ships in the wheel and serves an editable install; it must be recompiled whenever the .po
    changes: `pybabel compile -d src/kotacerdas/locale -D kotacerdas` (docs/i18n.md)."""
    buf = io.BytesIO()
    write_mo(buf, catalog)
    assert MO.read_bytes() == buf.getvalue(), f"{MO.name} is out of date: run pybabel compile (docs/i18n.md)"


def test_indonesian_has_one_plural_form(catalog):
    assert catalog.num_plurals == 1
    with i18n.language("id"):
        assert i18n.ngettext("{n} warning", "{n} warnings", 3).format(n=3) == "3 peringatan"
        assert i18n.ngettext("{n} warning", "{n} warnings", 1).format(n=1) == "1 peringatan"
    assert i18n.ngettext("{n} warning", "{n} warnings", 1).format(n=1) == "1 warning"
    assert i18n.ngettext("{n} warning", "{n} warnings", 3).format(n=3) == "3 warnings"


def test_no_function_that_translates_rebinds_underscore():
    """`for _, x in ...` or `a, _ = ...` in a function that also calls _() makes _ a local there: the call
    would fail at run time (UnboundLocalError or 'str' object is not callable)."""
    bad = []
    for path in sorted((ROOT / "src/kotacerdas").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for fn in ast.walk(tree):
            if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            own = [n for n in ast.walk(fn) if not isinstance(n, ast.comprehension)]
            comprehension_names = {id(t) for c in ast.walk(fn) if isinstance(c, ast.comprehension)
                                   for t in ast.walk(c.target)}
            stores = [n.lineno for n in own if isinstance(n, ast.Name) and n.id == "_"
                      and isinstance(n.ctx, ast.Store) and id(n) not in comprehension_names]
            calls = any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "_" for n in own)
            if stores and calls:
                bad.append(f"{path.relative_to(ROOT)}:{stores[0]} ({fn.name})")
    assert not bad, "\n".join(bad)


def test_every_help_text_of_the_command_line_is_in_the_catalog(catalog):
    """What `--help` shows is looked up at run time by the exact text Typer holds: the extractor must
    yield each text the same way (a docstring cleaned as inspect.cleandoc does)."""
    import typer

    from kotacerdas.cli import build_app
    from kotacerdas.commands.language import translate_help

    command = typer.main.get_command(build_app())
    with i18n.language("id"):
        translate_help(command)
    seen, missing = 0, []

    def walk(cmd) -> None:
        nonlocal seen
        texts = [cmd.__dict__.get("_kc_help", (None,))[0]]
        texts += [p.__dict__.get("_kc_help") for p in cmd.params]
        for text in texts:
            if text:
                seen += 1
                msg = catalog.get(text)
                if msg is None or not _translated(msg):
                    missing.append(f"{cmd.name}: {text[:70]!r}")
        for sub in getattr(cmd, "commands", {}).values():
            walk(sub)

    walk(command)
    assert seen > 60
    assert not missing, "\n".join(missing)


def test_the_wheel_ships_the_compiled_catalog(tmp_path):
    """Built as pip builds it (hatchling in an isolated environment), the wheel holds the same .mo."""
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
                          capture_output=True, text=True, timeout=600)
    if done.returncode != 0 and "No matching distribution" in done.stderr:
        pytest.skip("no package index to fetch the build backend from")
    assert done.returncode == 0, done.stderr
    wheel = next(tmp_path.glob("kotacerdas-*.whl"))
    with zipfile.ZipFile(wheel) as zf:
        assert zf.read("kotacerdas/locale/id/LC_MESSAGES/kotacerdas.mo") == MO.read_bytes()
