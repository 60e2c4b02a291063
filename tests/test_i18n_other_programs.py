"""What other programs say, in the officer's language: a YAML parser's description of a syntax error
(libyaml for reading, ruamel.yaml for fmt), the operating system's errors and git's, each shown as
kotacerdas' own sentence in Indonesian or English (git's own words follow as a detail line)."""

from __future__ import annotations

import errno
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from kotacerdas import fsutil, i18n, yaml_problems

CASES = Path(__file__).resolve().parent / "cases"
LOCALE_VARS = ("KOTACERDAS_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")


@pytest.fixture
def no_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in LOCALE_VARS:
        monkeypatch.delenv(name, raising=False)


def _repo(tmp_path: Path, tail: str = "") -> tuple[Path, int]:
    """The corpus's valid base repository with `tail` appended to plan.yaml; and the line `tail` starts on."""
    root = tmp_path / "repo"
    shutil.copytree(CASES / "_base", root)
    plan = root / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text + tail, encoding="utf-8")
    return root, text.count("\n") + 1


# --- YAML syntax errors --------------------------------------------------------------------------------------

BROKEN = [  # (appended to plan.yaml, line offset, column, code, Indonesian, English)
    ("a: b: c\n", 0, 5, "KC001", "galat sintaks YAML: nilai pemetaan tidak diperbolehkan di tempat ini",
     "YAML syntax error: mapping values are not allowed in this context"),
    ("a: \"abc\n", 0, 4, "KC001",
     "galat sintaks YAML: berkas berakhir sebelum waktunya (ketika membaca teks berkutip)",
     "YAML syntax error: found unexpected end of stream (while scanning a quoted scalar)"),
    ("a: @x\n", 0, 4, "KC001",
     "ditemukan karakter yang tidak boleh mengawali nilai apa pun (ketika mencari bagian berikutnya)",
     "found character that cannot start any token (while scanning for the next token)"),
    ("a: \"\\q\"\n", 0, 5, "KC001",
     "ditemukan karakter escape yang tidak dikenal (ketika mengurai teks berkutip)",
     "found unknown escape character (while parsing a quoted scalar)"),
    ("a\nb: c\n", 1, 1, "KC001",
     "tidak ditemukan ':' yang diharapkan (ketika membaca kunci sederhana)",
     "could not find expected ':' (while scanning a simple key)"),
    ("a: b\x07c\n", 0, 5, "KC003",
     "karakter #x0007 tidak dapat diterima: karakter kontrol tidak diperbolehkan",
     "unacceptable character #x0007: control characters are not allowed"),
]


@pytest.mark.parametrize(("tail", "offset", "column", "code", "indonesian", "english"), BROKEN)
def test_a_yaml_syntax_error_is_described_in_the_language(cli, tmp_path, no_locale, tail, offset, column, code,
                                                          indonesian, english):
    root, line = _repo(tmp_path, tail)
    ran = cli("validate", root, "--lang", "id", cwd=tmp_path)
    assert ran.returncode == 1, ran.stderr
    assert f"repo/plan.yaml:{line + offset}:{column}: error {code} " in ran.stdout
    assert indonesian in ran.stdout
    assert english not in ran.stdout
    ran = cli("validate", root, "--lang", "en", cwd=tmp_path)
    assert ran.returncode == 1
    assert f"repo/plan.yaml:{line + offset}:{column}: error {code} " in ran.stdout
    assert english in ran.stdout


def test_fmt_says_ruamels_problem_in_the_language(cli, tmp_path, no_locale):
    """A tab inside a key: libyaml reads it, ruamel.yaml (which fmt writes with) does not."""
    root, line = _repo(tmp_path, "k\tx: 1\n")
    ran = cli("fmt", root, "--check", "--lang", "id", cwd=tmp_path)
    assert ran.returncode == 1, ran.stderr
    assert f"repo/plan.yaml:{line}:2: error KC091: " in ran.stdout
    assert "ditemukan karakter '\\t' yang tidak boleh mengawali nilai apa pun" in ran.stdout
    ran = cli("fmt", root, "--check", "--lang", "en", cwd=tmp_path)
    assert "found character '\\t' that cannot start any token" in ran.stdout


def _parser_sources() -> tuple[bytes, str]:
    """libyaml's texts as compiled into PyYAML's extension, and the Python source of PyYAML's and
    ruamel.yaml's scanner, parser, composer and reader (adjacent string literals joined)."""
    import ruamel.yaml
    import yaml

    compiled = b"".join(p.read_bytes() for p in Path(yaml.__file__).parent.glob("_yaml*.so"))
    source = ""
    for package in (yaml, ruamel.yaml):
        for name in ("scanner.py", "parser.py", "composer.py", "reader.py"):
            source += (Path(package.__file__).parent / name).read_text(encoding="utf-8")
    source = re.sub(r"""(['"])\s*\n\s*f?(['"])""", "", source)  # 'expected ... ' 'but found' -> one literal
    return compiled, source


# PyYAML's composer over libyaml (compiled by Cython, its texts not readable in the binary): driven instead
COMPOSED = {"found undefined alias": "a: *x\n", "found duplicate anchor; first occurrence": "a: &x 1\nb: &x 2\n",
            "second occurrence": "a: &x 1\nb: &x 2\n"}


@pytest.mark.parametrize("entry", yaml_problems.PROBLEMS)
def test_every_table_entry_is_a_text_a_parser_writes(entry):
    import yaml

    if entry in COMPOSED:
        with pytest.raises(yaml.YAMLError) as raised:
            yaml.compose(COMPOSED[entry], Loader=yaml.CSafeLoader)
        assert entry in (raised.value.problem, raised.value.context)
        return
    compiled, source = _parser_sources()
    plain = entry.replace("{{", "{").replace("}}", "}")
    if "{" not in re.sub(r"\{\{|\}\}", "", entry) and b"\0" + plain.encode() + b"\0" in compiled:
        return  # one of libyaml's (a C string)
    parts = re.split(r"\{\w+\}", entry)
    literal = r"[^'\"\n]{1,40}?".join(re.escape(p.replace("{{", "{").replace("}}", "}")) for p in parts)
    assert re.search(r"""['"]""" + literal + r"""['"\\]""", source), entry


@pytest.mark.parametrize(("text", "expected"), [
    ("mapping values are not allowed in this context", "nilai pemetaan tidak diperbolehkan di tempat ini"),
    ("expected <block end>, but found '<block mapping start>'",
     "diharapkan <akhir blok>, tetapi ditemukan '<block mapping start>'"),
    ("found undefined alias 'x'", "ditemukan alias 'x' yang belum didefinisikan"),
    ("a text no parser wrote yet", "a text no parser wrote yet"),
    ("", ""),
])
def test_yaml_problem_keeps_the_variable_part_and_falls_back_to_the_parsers_words(text, expected):
    with i18n.language("id"):
        assert yaml_problems.yaml_problem(text) == expected
    with i18n.language("en"):
        assert yaml_problems.yaml_problem(text) == text


# --- operating-system errors ---------------------------------------------------------------------------------


def test_a_folder_where_the_report_file_should_go(cli, tmp_path, no_locale):
    root, _line = _repo(tmp_path)
    (tmp_path / "report.json").mkdir()
    ran = cli("validate", root, "-f", "json", "--output", tmp_path / "report.json", "--lang", "id", cwd=tmp_path)
    assert ran.returncode == 2, ran.stderr
    assert "ini sebuah folder, bukan berkas" in ran.stderr
    assert "Is a directory" not in ran.stderr
    ran = cli("validate", root, "-f", "json", "--output", tmp_path / "report.json", "--lang", "en", cwd=tmp_path)
    assert ran.returncode == 2 and "it is a folder, not a file" in ran.stderr


def test_a_path_through_a_regular_file(cli, tmp_path, no_locale):
    root, _line = _repo(tmp_path)
    (tmp_path / "notes.txt").write_text("x\n", encoding="utf-8")
    out = tmp_path / "notes.txt" / "sub" / "report.json"
    ran = cli("validate", root, "-f", "json", "--output", out, "--lang", "id", cwd=tmp_path)
    assert ran.returncode == 2, ran.stderr
    assert "salah satu bagian jalurnya adalah berkas, bukan folder" in ran.stderr
    assert "Not a directory" not in ran.stderr


def _failure(path: Path, flags: int = os.O_RDONLY) -> OSError:
    try:
        os.close(os.open(path, flags))
    except OSError as exc:
        return exc
    raise AssertionError(f"{path} opened")


def test_a_missing_file_and_a_folder_opened_for_writing(tmp_path):
    missing = _failure(tmp_path / "tidak-ada.yaml")
    folder = _failure(tmp_path, os.O_WRONLY)
    assert (missing.errno, folder.errno) == (errno.ENOENT, errno.EISDIR)
    with i18n.language("id"):
        assert fsutil.os_problem(missing) == "tidak ada"
        assert fsutil.os_problem(folder) == "ini sebuah folder, bukan berkas"
    with i18n.language("en"):
        assert fsutil.os_problem(missing) == "it does not exist"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file whatever its permissions")
def test_a_file_without_read_permission(tmp_path):
    locked = tmp_path / "locked.yaml"
    locked.write_text("a: 1\n", encoding="utf-8")
    locked.chmod(0)
    with i18n.language("id"):
        assert fsutil.os_problem(_failure(locked)) == "izin ditolak: pengguna ini tidak boleh membukanya"


def test_our_own_words_and_an_unlisted_errno_pass_through(tmp_path):
    with i18n.language("id"):
        assert fsutil.os_problem(OSError(errno.EFBIG, "plan.yaml terlalu besar")) == "plan.yaml terlalu besar"
        assert fsutil.os_problem(OSError(errno.ECHILD, os.strerror(errno.ECHILD))) == os.strerror(errno.ECHILD)
        assert fsutil.os_problem(OSError("no errno")) == "no errno"


# --- git -----------------------------------------------------------------------------------------------------


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"})


def test_git_a_bad_revision(cli, tmp_path, no_locale):
    root, _line = _repo(tmp_path)
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "awal")
    ran = cli("diff", "tidak-ada", "--lang", "id", cwd=root)
    assert ran.returncode == 2, ran.stderr
    assert "revisi 'tidak-ada' tidak dikenal di repositori git" in ran.stderr
    assert "\n  pesan git: fatal: " in ran.stderr  # git's own words, as a detail line
    ran = cli("diff", "tidak-ada", "--lang", "en", cwd=root)
    assert ran.returncode == 2 and "unknown revision 'tidak-ada'" in ran.stderr and "\n  git says: " in ran.stderr


def test_git_a_folder_that_is_not_a_repository(cli, tmp_path, no_locale):
    root, _line = _repo(tmp_path)
    ran = cli("diff", "HEAD", "--lang", "id", cwd=root, env={"GIT_CEILING_DIRECTORIES": str(tmp_path)})
    assert ran.returncode == 2, ran.stderr
    assert "tidak berada di dalam repositori git" in ran.stderr
    assert "\n  pesan git: fatal: not a git repository" in ran.stderr


def test_git_not_installed(cli, tmp_path, no_locale):
    root, _line = _repo(tmp_path)
    (tmp_path / "empty-bin").mkdir()
    ran = cli("diff", "HEAD", "--lang", "id", cwd=root, env={"PATH": str(tmp_path / "empty-bin")})
    assert ran.returncode == 2, ran.stderr
    assert "git tidak terpasang" in ran.stderr


# --- the zip library's words when a workbook handed to `sheet import` is not one ---

def _zip(path: Path, members: dict[str, bytes]) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


@pytest.mark.parametrize(("lang", "words"), [
    ("id", ["berkas zip yang rusak (penyimpanannya tidak selesai, atau berkasnya terpotong)",
            "berkas zip, tetapi bukan buku kerja Excel", "berkas Excel 97-2003 lama (.xls)"]),
    ("en", ["a damaged zip file (saving it did not finish, or it was cut short)",
            "a zip file, but not an Excel workbook", "an old Excel 97-2003 .xls file"]),
])
def test_a_file_that_is_no_workbook_is_said_in_the_language(cli, example_copy, tmp_path, no_locale, lang, words):
    repo = example_copy("garut")
    sheet = b"<worksheet><sheetData><row><c><f>1+1</f></c></row></sheetData></worksheet>"
    damaged = _zip(tmp_path / "rusak.xlsx", {"xl/workbook.xml": b"<workbook/>", "xl/worksheets/sheet1.xml": sheet})
    data = bytearray(damaged.read_bytes())
    at = bytes(data).index(b"1+1")
    data[at] = ord("9")  # the member's checksum no longer matches: zipfile says "Bad CRC-32"
    damaged.write_bytes(bytes(data))
    other = _zip(tmp_path / "arsip.xlsx", {"word/document.xml": b"<w/>"})
    old = tmp_path / "lama.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 64)
    for book, expected in zip((damaged, other, old), words, strict=True):
        ran = cli("sheet", "import", repo, book, "--lang", lang, cwd=tmp_path)
        assert ran.returncode == 1 and "KC300" in ran.stdout + ran.stderr
        assert expected in ran.stdout + ran.stderr, ran.stdout + ran.stderr
