"""Issue 19, "reports and output stay safe whatever the user wrote": a value or a file name holding ESC
sequences, a carriage return, bidi overrides, C1 controls, U+FFFE, or bytes that are not UTF-8 never
reaches the terminal as it is (every reporter of every command), never breaks a JUnit/SARIF/JSON report,
and is spelled one way (escaped) in every format."""

from __future__ import annotations

import json
import os
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kotacerdas.jsontext import dumps
from kotacerdas.safetext import uri_path, visible, visible_lines

BASE = Path(__file__).parent / "cases" / "_base"

# retitle the terminal, erase the line, return to column 0 and forge a finding, read backwards, C1 CSI
EVIL_YAML = r'"Evil\e]0;PWNED\a\e[2K\r\u202eplan.yaml:1:1: error KC999 forged\x9b31m\ufffe\u2028end"'
EVIL = "Evil\x1b]0;PWNED\x07\x1b[2K\r\u202eplan.yaml:1:1: error KC999 forged\x9b31m\ufffe\u2028end"
# What may never appear in terminal output: C0 controls but LF (and TAB), DEL, C1, bidi and line separators,
# noncharacters, surrogates. ESC is allowed only as the start of a colour sequence (SGR) when colour is on.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufffe\uffff\ud800-\udfff]")
SGR = re.compile(r"\x1b\[[0-9;]*m")


def assert_safe(text: str, color: bool = False) -> None:
    rest = SGR.sub("", text) if color else text
    found = RAW.search(rest)
    assert found is None, f"raw {found.group()!r} in output: {text[max(found.start() - 60, 0):found.end() + 20]!r}"


def _evil_repo(tmp_path: Path, name: str = "base") -> Path:
    root = tmp_path / name
    shutil.copytree(BASE, root)
    p = root / "programmes" / "qw-1.yaml"
    text = p.read_text(encoding="utf-8")
    text = text.replace("owner: Diskominfo", f"owner: {EVIL_YAML}")
    text = text.replace("name: Mal Pelayanan Publik Digital", f"name: {EVIL_YAML}")
    p.write_text(text, encoding="utf-8")
    return root


def test_the_sanitiser_escapes_every_unsafe_character_visibly_and_keeps_the_rest():
    assert visible(EVIL) == (r"Evil\x1b]0;PWNED\x07\x1b[2K\x0d\u202eplan.yaml:1:1: error KC999 forged\x9b31m"
                             r"\ufffe\u2028end")
    assert visible("Kab. Garut – 2024 ✓ é 漢") == "Kab. Garut – 2024 ✓ é 漢"
    assert visible("a\nb\tc") == r"a\x0ab\x09c"
    assert visible_lines("a\nb\tc\rd") == "a\nb\tc\\x0dd"
    assert visible("name\udcff.yaml") == r"name\xff.yaml"  # surrogateescape: the byte that was not UTF-8
    assert json.loads(dumps({"v": EVIL, "p": "x\udcff"})) == {"v": EVIL, "p": r"x\xff"}
    assert not RAW.search(dumps({"v": EVIL}))
    assert uri_path("programmes/a b\udcff.yaml") == "programmes/a%20b%FF.yaml"


@pytest.mark.parametrize("command", ["validate", "lint"])
@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "github", "markdown"])
def test_validate_and_lint_reports_never_pass_control_characters(cli, tmp_path, command, fmt):
    root = _evil_repo(tmp_path)
    r = cli(command, root, "--format", fmt)
    assert r.returncode == 1, r.stdout + r.stderr
    assert_safe(r.stdout)
    assert_safe(r.stderr)
    if fmt == "json":
        doc = json.loads(r.stdout)
        assert any("Evil\x1b]0;PWNED\x07\x1b[2K\r\u202e" in (d.get("found") or "") for d in doc["diagnostics"])
    elif fmt == "sarif":
        doc = json.loads(r.stdout)
        assert doc["runs"][0]["results"]
    elif fmt == "junit":
        suites = ET.fromstring(r.stdout)  # well-formed XML 1.0 whatever the value held
        assert r"\x1b]0;PWNED\x07" in ET.tostring(suites, encoding="unicode")
    elif fmt == "markdown":  # Markdown's own escape doubles the backslash: the page shows \x1b
        assert r"\\x1b]0;PWNED\\x07" in r.stdout
    else:
        assert r"\x1b]0;PWNED\x07" in r.stdout
    # one forged line is impossible: every output line that looks like a finding is a real one
    assert not any(line.startswith("plan.yaml:1:1: error KC999") for line in r.stdout.splitlines())


def test_report_files_are_valid_too(cli, tmp_path):
    root = _evil_repo(tmp_path)
    for fmt in ("junit", "sarif", "json"):
        out = tmp_path / f"report.{fmt}"
        r = cli("validate", root, "--format", fmt, "--output", out)
        assert r.returncode == 1, r.stderr
        text = out.read_text(encoding="utf-8")
        assert_safe(text)
        ET.fromstring(text) if fmt == "junit" else json.loads(text)


def test_colour_output_carries_only_our_own_colour_sequences(cli, tmp_path):
    root = _evil_repo(tmp_path)
    r = cli("lint", root, env={"NO_COLOR": None, "FORCE_COLOR": "1"})
    assert r.returncode == 1
    assert SGR.search(r.stdout), "colour was asked for"
    assert_safe(r.stdout, color=True)


def test_diff_in_every_format_never_passes_control_characters(cli, tmp_path):
    old = tmp_path / "old"
    shutil.copytree(BASE, old)
    new = _evil_repo(tmp_path, "new")
    (new / "programmes" / "qw-1.yaml").write_text(
        (new / "programmes" / "qw-1.yaml").read_text(encoding="utf-8").replace(f"owner: {EVIL_YAML}",
                                                                              "owner: Diskominfo"),
        encoding="utf-8")
    for fmt in ("text", "markdown", "json"):
        r = cli("diff", old, new, "--format", fmt)
        assert r.returncode == 0, r.stdout + r.stderr
        assert_safe(r.stdout)
        if fmt == "json":
            names = [c["name"] for c in json.loads(r.stdout)["changes"]]
            assert any(n.startswith("Evil\x1b]0;PWNED\x07\x1b[2K\r\u202e") for n in names), names
        else:  # Markdown doubles the backslash of the escape (its own escaping), so the page shows \x07
            assert r"PWNED\x07" in r.stdout.replace("\\\\", "\\")
    r = cli("diff", old, new, env={"NO_COLOR": None, "FORCE_COLOR": "1"})
    assert_safe(r.stdout, color=True)


def test_fmt_and_usage_messages_escape_a_file_name_with_control_characters(cli, tmp_path):
    root = tmp_path / "base"
    shutil.copytree(BASE, root)
    evil = root / "programmes" / "qw\x1b]0;PWNED\x07-2.yaml"
    evil.write_text((root / "programmes" / "qw-1.yaml").read_text(encoding="utf-8").replace("QW-GOV-01", "QW-GOV-02")
                    .replace("name: Mal", "name:   Mal"), encoding="utf-8")
    r = cli("fmt", root)
    assert r.returncode == 0, r.stdout + r.stderr
    assert_safe(r.stdout + r.stderr)
    assert r"qw\x1b]0;PWNED\x07-2.yaml" in r.stdout
    r = cli("validate", tmp_path / "missing\x1b[2J")
    assert r.returncode == 2
    assert_safe(r.stdout + r.stderr)


@pytest.mark.skipif(os.uname().sysname == "Darwin", reason="macOS file systems refuse names that are not UTF-8")
@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "github", "markdown"])
def test_a_file_name_that_is_not_utf8_is_reported_one_way_in_every_format(cli, tmp_path, fmt):
    root = tmp_path / "base"
    shutil.copytree(BASE, root)
    name = os.fsencode(root / "programmes") + b"/bad\xffname.yaml"
    with open(name, "wb") as f:
        f.write(b"id: [unclosed\n")
    r = cli("validate", root, "--format", fmt)
    assert r.returncode == 1, r.stdout + r.stderr
    assert_safe(r.stdout + r.stderr)
    if fmt == "sarif":
        uris = [res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                for res in json.loads(r.stdout)["runs"][0]["results"]]
        assert any(u.endswith("programmes/bad%FFname.yaml") for u in uris), uris
    elif fmt == "json":
        assert any(d["path"].endswith(r"programmes/bad\xffname.yaml") for d in json.loads(r.stdout)["diagnostics"])
    elif fmt == "junit":
        files = [c.get("file") for c in ET.fromstring(r.stdout).iter("testcase")]
        assert any(f.endswith(r"programmes/bad\xffname.yaml") for f in files), files
    else:
        assert r"programmes/bad\xffname.yaml" in r.stdout


def test_fmt_on_an_anchor_name_used_twice_prints_no_python_warning(tmp_path):
    """Found by tests/fuzz/fuzz_hostile.py: ruamel.yaml's ReusedAnchorWarning reached the terminal (a
    process of its own: pytest would capture the warning in this one)."""
    from .hardening.util import cli

    root = tmp_path / "base"
    shutil.copytree(BASE, root)
    p = root / "programmes" / "qw-1.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace("id: QW-GOV-01", "id: &dup QW-GOV-01")
                 .replace("progress: 40", "progress: &dup 40"), encoding="utf-8")
    for args in (("fmt", "--check", root), ("fmt", root)):
        r = cli(*args)
        assert r.returncode in (0, 1), r.stdout + r.stderr
        assert "Warning" not in r.stderr, r.stderr


def test_render_findings_in_colour_keep_their_colours(cli, tmp_path):
    root = tmp_path / "base"
    shutil.copytree(BASE, root)
    (root / "templates" / "chapters").mkdir(parents=True)
    (root / "templates" / "chapters" / "01-pendahuluan.md.j2").write_text("{{ nope(\n", encoding="utf-8")
    r = cli("render", root, "--out", tmp_path / "out", env={"NO_COLOR": None, "FORCE_COLOR": "1"})
    assert r.returncode == 1, r.stdout + r.stderr
    assert SGR.search(r.stderr), "colour was asked for"
    assert "\\x1b[" not in r.stderr  # our own colours are not escaped into text (say() passes TerminalText)
