"""The language of messages, as an officer meets it: validate, lint, diff and --help speak Bahasa Indonesia
or English, chosen by --lang, then KOTACERDAS_LANG, then kotacerdas.yaml's `language`, then the locale of
the environment (LC_ALL, LC_MESSAGES, LANG), else Indonesian. Codes, JSON keys and SARIF structure are
the same in every language."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kotacerdas import api, i18n

CASES = Path(__file__).resolve().parent / "cases"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
LOCALE_VARS = ("KOTACERDAS_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")


@pytest.fixture
def no_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """No language from the environment (the suite's conftest pins English messages otherwise)."""
    for name in LOCALE_VARS:
        monkeypatch.delenv(name, raising=False)


def _repo(tmp_path: Path, *, language: str | None = "id", bad: bool = True) -> Path:
    """The test corpus's valid base repository, with `language:` as given (None: not written) and, when
    `bad`, a misspelt field in plan.yaml and an unknown owner OPD in a programme."""
    root = tmp_path / "repo"
    shutil.copytree(CASES / "_base", root)
    config = root / "kotacerdas.yaml"
    lines = [ln for ln in config.read_text(encoding="utf-8").splitlines() if not ln.startswith("language:")]
    if language is not None:
        lines.append(f"language: {language}")
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    if bad:
        plan = root / "plan.yaml"
        plan.write_text(plan.read_text(encoding="utf-8") + "visii: salah ketik\n", encoding="utf-8")
    return root


def _line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.startswith(text))


def test_validate_speaks_indonesian_with_file_line_and_field(cli, tmp_path, no_locale):
    root = _repo(tmp_path)
    line = _line_of(root / "plan.yaml", "visii:")
    ran = cli("validate", root, "--lang", "id", cwd=tmp_path)
    assert ran.returncode == 1
    assert f"repo/plan.yaml:{line}:1: error KC011 isian 'visii' tidak dikenal" in ran.stdout
    assert "      ditemukan: 'visii'; diharapkan: " in ran.stdout
    assert "✗ repo: 1 galat, 0 peringatan, 0 catatan dalam 8 berkas yang diperiksa" in ran.stdout
    assert "found:" not in ran.stdout and "error," not in ran.stdout


def test_validate_speaks_english_with_lang_en(cli, tmp_path, no_locale):
    root = _repo(tmp_path)
    ran = cli("validate", root, "--lang", "en", cwd=tmp_path)
    assert ran.returncode == 1
    assert "error KC011 unknown field 'visii'" in ran.stdout
    assert "      found: 'visii'; expected: " in ran.stdout
    assert "✗ repo: 1 error, 0 warnings, 0 notes in 8 files checked" in ran.stdout


def test_plurals_follow_the_count(cli, tmp_path, no_locale):
    root = _repo(tmp_path, bad=False)
    assert "✓ repo is valid: 8 files checked" in cli("validate", root, "--lang", "en", cwd=tmp_path).stdout
    assert "✓ repo valid: 8 berkas diperiksa" in cli("validate", root, "--lang", "id", cwd=tmp_path).stdout
    plan = root / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "visii: a\nmisii: b\n", encoding="utf-8")
    assert "2 errors, 0 warnings" in cli("validate", root, "--lang", "en", cwd=tmp_path).stdout
    assert "2 galat, 0 peringatan" in cli("validate", root, "--lang", "id", cwd=tmp_path).stdout


@pytest.mark.parametrize(("env", "expected"), [
    ({"LANG": "id_ID.UTF-8"}, "id"),
    ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LC_MESSAGES": "en_GB.UTF-8", "LANG": "id_ID.UTF-8"}, "en"),  # as gettext: LC_MESSAGES before LANG
    ({"LC_ALL": "id_ID.UTF-8", "LC_MESSAGES": "en_GB.UTF-8"}, "id"),
    ({"LANG": "C.UTF-8"}, "id"),  # no language in the locale: the repository's document language
    ({"LANG": "de_DE.UTF-8"}, "id"),  # a language without a catalog: likewise
    ({"KOTACERDAS_LANG": "en", "LANG": "id_ID.UTF-8"}, "en"),
])
def test_the_environment_picks_the_language_when_kotacerdas_yaml_does_not(cli, tmp_path, no_locale, env, expected):
    root = _repo(tmp_path, language=None)
    ran = cli("validate", root, cwd=tmp_path, env=env)
    assert ran.returncode == 1
    word = {"id": "isian 'visii' tidak dikenal", "en": "unknown field 'visii'"}[expected]
    assert word in ran.stdout


def test_kotacerdas_yaml_comes_before_the_locale_and_lang_before_both(cli, tmp_path, no_locale):
    root = _repo(tmp_path, language="en")
    assert "unknown field 'visii'" in cli("validate", root, cwd=tmp_path, env={"LANG": "id_ID.UTF-8"}).stdout
    assert "isian 'visii' tidak dikenal" in cli("validate", root, "--lang", "id", cwd=tmp_path,
                                               env={"LANG": "en_US.UTF-8"}).stdout


def test_json_keeps_its_keys_and_codes_in_every_language(cli, tmp_path, no_locale):
    root = _repo(tmp_path)
    reports = {lang: json.loads(cli("validate", root, "-f", "json", "--lang", lang, cwd=tmp_path).stdout)
               for lang in ("id", "en")}
    assert reports["id"].keys() == reports["en"].keys()
    ids, ens = reports["id"]["diagnostics"], reports["en"]["diagnostics"]
    assert [d.keys() for d in ids] == [d.keys() for d in ens]
    assert [(d["code"], d["path"], d["line"], d["column"], d["field"]) for d in ids] == \
        [(d["code"], d["path"], d["line"], d["column"], d["field"]) for d in ens]
    assert ids[0]["message"] == "isian 'visii' tidak dikenal"
    assert ens[0]["message"] == "unknown field 'visii'"


def test_sarif_carries_the_message_in_the_chosen_language(cli, tmp_path, no_locale):
    root = _repo(tmp_path)
    sarif = json.loads(cli("validate", root, "-f", "sarif", "--lang", "id", cwd=tmp_path).stdout)
    result = sarif["runs"][0]["results"][0]
    assert result["ruleId"] == "KC011"
    assert "isian 'visii' tidak dikenal" in result["message"]["text"]


def test_lint_findings_and_summary_in_indonesian(cli, example_copy, no_locale):
    root = example_copy("garut")
    ran = cli("lint", root, "--as-of", "2026-11-22", "--lang", "id")
    en = cli("lint", root, "--as-of", "2026-11-22", "--lang", "en")
    assert ran.returncode == en.returncode
    assert "lolos lint" in ran.stdout or "galat" in ran.stdout
    assert ("passes lint" in en.stdout) or ("error" in en.stdout)
    assert ran.stdout != en.stdout


def test_help_is_translated(cli, no_locale, tmp_path):
    ran = cli("validate", "--help", "--lang", "id", cwd=tmp_path)
    assert "Memeriksa apakah repositori masterplan tersusun dengan benar." in ran.stdout
    assert "Tulis laporan ke berkas ini (secara atomik)." in ran.stdout
    assert "--lang" in ran.stdout
    ran = cli("validate", "--help", "--lang", "en", cwd=tmp_path)
    assert "Check that a masterplan repository is well-formed." in ran.stdout
    # with nothing said, Indonesian: the language of a masterplan that says nothing
    assert "Memeriksa apakah" in cli("validate", "--help", cwd=tmp_path).stdout


def test_wrong_usage_is_reported_in_the_language(cli, tmp_path, no_locale):
    ran = cli("validate", tmp_path / "tidak-ada", "--lang", "id")
    assert ran.returncode == 2
    assert "folder tidak ada" in ran.stderr
    ran = cli("validate", tmp_path / "tidak-ada", "--lang", "en")
    assert ran.returncode == 2 and "no such folder" in ran.stderr
    ran = cli("validate", tmp_path, "--lang", "fr")
    assert ran.returncode == 2


def test_the_api_speaks_each_calls_language_and_leaves_the_callers(tmp_path, no_locale):
    root = _repo(tmp_path)
    ids = api.open(root, api.Options(lang="id", cache=False)).validate().diagnostics
    ens = api.open(root, api.Options(lang="en", cache=False)).validate().diagnostics
    assert [d.code for d in ids] == [d.code for d in ens] == ["KC011"]
    assert ids[0].message == "isian 'visii' tidak dikenal"
    assert ens[0].message == "unknown field 'visii'"
    assert i18n.current_language() == "en"  # the caller's language, as it was
    # no language given: kotacerdas.yaml's
    assert api.open(root, api.Options(cache=False)).validate().diagnostics[0].message == ids[0].message


def test_the_cache_keeps_each_languages_messages(tmp_path, no_locale):
    root = _repo(tmp_path)
    cache = tmp_path / "cache"
    for _ in range(2):  # the second round reads every file's result from the cache
        for lang, text in (("id", "isian 'visii' tidak dikenal"), ("en", "unknown field 'visii'")):
            found = api.open(root, api.Options(lang=lang, cache_dir=cache)).validate().diagnostics
            assert found[0].message == text


def test_a_tree_checked_in_worker_processes_speaks_the_language(tmp_path, no_locale):
    tree = tmp_path / "tree"
    for name in ("a", "b", "c", "d"):
        shutil.copytree(_repo(tmp_path / name), tree / name)
    result = api.open(tree, api.Options(lang="id", cache=False, parallel=True)).validate()
    messages = {d.message for d in result.diagnostics if d.code == "KC011"}
    assert messages == {"isian 'visii' tidak dikenal"}


def test_diff_markdown_writes_figures_as_each_language_does():
    from kotacerdas.diff.records import Flag

    flag = Flag("budget-changed", "warning", {
        "old": "x", "new": "y", "pct": "+3.9%", "threshold": "10",
        "numbers": {"old": ("money", 5_000_000_000), "new": ("money", 5_150_000_000),
                    "threshold": ("number", 10), "pct": ("percent", 3.0)}}, "funding")
    assert flag.message("id") == "anggaran berubah dari Rp5.000.000.000 menjadi Rp5.150.000.000 (+3,0%, ambang 10%)"
    assert flag.message("en") == "budget changed from Rp5,000,000,000 to Rp5,150,000,000 (+3.0%, threshold 10%)"


@pytest.mark.parametrize(("value", "expected"), [
    ("id_ID.UTF-8", "id"), ("en_GB", "en"), ("in_ID", "id"), ("C", None), ("POSIX", None), ("", None),
    ("fr_FR.UTF-8", None), ("id", "id"), ("en_US@euro", "en"),
])
def test_locale_names(value, expected):
    assert i18n.from_locale(value) == expected


def test_typers_own_words_and_the_help_option_are_translated(cli, no_locale, tmp_path):
    ran = cli("lint", "--help", "--lang", "id", cwd=tmp_path)
    assert "Opsi:" in ran.stdout and "Argumen:" in ran.stdout and "[bawaan: auto]" in ran.stdout
    assert "Tampilkan pesan ini lalu keluar." in ran.stdout
    ran = cli("lint", "--help", "--lang", "en", cwd=tmp_path)
    assert "Options:" in ran.stdout and "Show this message and exit." in ran.stdout


def test_lang_before_the_command_name(cli, tmp_path, no_locale):
    root = _repo(tmp_path)
    ran = cli("--lang", "en", "validate", root, cwd=tmp_path)
    assert ran.returncode == 1 and "unknown field 'visii'" in ran.stdout
    assert "Perintah" in cli("--help", cwd=tmp_path).stdout  # Typer's "Commands" heading, in Indonesian


GOLDENS = Path(__file__).resolve().parent / "data" / "i18n"


def _golden(name: str, text: str) -> None:
    """Compare with tests/data/i18n/NAME (KOTACERDAS_UPDATE_GOLDENS=1 rewrites it, as for render's goldens)."""
    import os

    path = GOLDENS / name
    if os.environ.get("KOTACERDAS_UPDATE_GOLDENS"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_golden_validate_report_in_indonesian(cli, tmp_path, no_locale):
    """What an officer reads for the mistakes people make most: a misspelt field, an amount typed the
    Indonesian way, an office that is not in opd.yaml, a required field left out."""
    root = _repo(tmp_path)
    qw = root / "programmes" / "qw-1.yaml"
    qw.write_text(qw.read_text(encoding="utf-8").replace("amount: 250000000", "amount: Rp 250.000.000")
                  .replace("owner: Diskominfo", "owner: Dinas Kominfo"), encoding="utf-8")
    ind = root / "indicators" / "ind-1.yaml"
    ind.write_text(ind.read_text(encoding="utf-8").replace("unit: layanan\n", ""), encoding="utf-8")
    ran = cli("validate", "repo", "--lang", "id", cwd=tmp_path)
    assert ran.returncode == 1
    _golden("validate-id.txt", ran.stdout)


def test_golden_lint_report_in_indonesian(cli, tmp_path, no_locale):
    _repo(tmp_path, bad=False)
    ran = cli("lint", "repo", "--as-of", "2026-11-22", "--lang", "id", cwd=tmp_path)
    assert ran.returncode == 1
    _golden("lint-id.txt", ran.stdout)


def test_rules_and_sarif_rule_metadata_in_the_language(cli, tmp_path, no_locale):
    ran = cli("rules", "KC103", "--lang", "id", cwd=tmp_path)
    assert ran.returncode == 0
    assert "KC103 quick-win-too-long (lint, tingkat bawaan: error)" in ran.stdout
    assert "Quick win memerlukan waktu penyelesaian lebih lama dari batas (bawaan 24 bulan)." in ran.stdout
    assert "Longest a quick win" not in ran.stdout
    listing = cli("rules", "--lang", "id", cwd=tmp_path).stdout
    assert "KC011  unknown-field" in listing and "Sebuah isian bukan bagian dari format." in listing
    root = _repo(tmp_path)
    sarif = json.loads(cli("validate", root, "-f", "sarif", "--lang", "id", cwd=tmp_path).stdout)
    rule = next(r for r in sarif["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "KC011")
    assert rule["name"] == "unknown-field"  # names and codes are the same in every language
    assert rule["shortDescription"]["text"] == "Sebuah isian bukan bagian dari format."


def test_diff_json_keeps_its_keys_with_messages_in_the_language(cli, tmp_path, no_locale):
    old = _repo(tmp_path / "old", bad=False)
    new = _repo(tmp_path / "new", bad=False)
    qw = new / "programmes" / "qw-1.yaml"
    qw.write_text(qw.read_text(encoding="utf-8").replace("owner: Diskominfo", "owner: Setda")
                  .replace("  - Setda\n", "  - Diskominfo\n"), encoding="utf-8")
    out = {lang: json.loads(cli("diff", old, new, "-f", "json", "--lang", lang, cwd=tmp_path).stdout)
           for lang in ("id", "en")}
    assert out["id"].keys() == out["en"].keys()
    flags = {lang: [f for c in out[lang]["changes"] for f in c["flags"]] for lang in out}
    assert [f["rule"] for f in flags["id"]] == [f["rule"] for f in flags["en"]] == ["owner-changed"]
    assert flags["id"][0]["message"] == "OPD penanggung jawab berganti dari Diskominfo ke Setda"
    assert flags["en"][0]["message"] == "owner OPD changed from Diskominfo to Setda"


@pytest.mark.parametrize("content", [b"language: en\n", b"language: [a\n", b"\xff\xfe", b"- a list\n",
                                     b"language: fr\n"])
def test_the_configured_language_is_read_without_failing(tmp_path, content):
    (tmp_path / "kotacerdas.yaml").write_bytes(content)
    assert i18n.configured_language(tmp_path) == ("en" if content == b"language: en\n" else None)


def test_a_fifo_as_kotacerdas_yaml_does_not_block_the_choice(tmp_path):
    import os

    os.mkfifo(tmp_path / "kotacerdas.yaml")
    assert i18n.configured_language(tmp_path) is None  # returns at once: a read would wait for a writer


def test_init_says_what_it_wrote_in_the_chosen_language(tmp_path, cli):
    args = ("init", tmp_path / "garut", "--region-code", "32.05", "--name", "Kabupaten Garut",
            "--install", "kotacerdas==0.1.0")
    indonesian = cli("--lang", "id", *args)
    assert indonesian.returncode == 0, indonesian.stderr
    assert "Repositori masterplan dibuat dengan" in indonesian.stdout
    assert "Berikutnya: ganti setiap teks yang diawali [ISI]" in indonesian.stdout
    again = cli("--lang", "en", *args, "--force")  # everything exists now: skipped, in English
    assert again.returncode == 0, again.stderr
    assert "files that already exist (left unchanged):" in again.stdout and "Melewati" not in again.stdout
