"""`kotacerdas validate` as a user runs it: exit codes, text and JSON output, colour, and the promises that
it never writes to the repository and never shows a Python traceback."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kotacerdas import cli
from kotacerdas.validate import validate

from .conftest import run_cli
from .test_validate_cases import BASE, CASES, build_case, case_names, read_list

KOTACERDAS = Path(sys.executable).parent / "kotacerdas"
ANSI = re.compile(r"\x1b\[")


def run(*args, cwd=None, env_extra=None, unset=("NO_COLOR", "FORCE_COLOR", "GITHUB_ACTIONS")):
    """`kotacerdas ARGS` in this process, with `unset` removed from the environment and `env_extra` added."""
    env: dict[str, str | None] = dict.fromkeys(unset)
    env.update(env_extra or {})
    return run_cli(*args, cwd=cwd, env=env)


def run_process(*args, env_extra=None):
    """The installed console script: for what only a separate process shows (stream encodings, a hang)."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "GITHUB_ACTIONS")}
    env.update(env_extra or {})
    return subprocess.run([str(KOTACERDAS), *map(str, args)], capture_output=True, text=True, env=env,
                          timeout=120, encoding=env.get("PYTHONIOENCODING", "utf-8"))


def snapshot(root: Path) -> dict[str, tuple]:
    """Every entry under root with its kind, bytes and modification time."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            p = Path(dirpath) / name
            st = p.lstat()
            if p.is_symlink():
                out[str(p)] = ("link", os.readlink(p), st.st_mtime_ns)
            elif p.is_file():
                out[str(p)] = ("file", p.read_bytes(), st.st_mtime_ns)
            else:
                out[str(p)] = ("dir", None, st.st_mtime_ns)
    return out


@pytest.fixture
def base_repo(tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(BASE, repo)
    return repo


# --- exit codes (the installed console script) ------------------------------------------------------------


def test_exit_0_when_valid(base_repo):
    r = run("validate", base_repo)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "is valid" in r.stdout
    assert r.stderr == ""


def test_exit_1_when_invalid(tmp_path):
    repo = build_case("unknown-field", tmp_path)
    r = run("validate", repo)
    assert r.returncode == 1
    assert "KC011" in r.stdout and "Did you mean 'funding'?" in r.stdout


def test_exit_0_with_warnings_only(tmp_path):
    repo = build_case("bom-warning", tmp_path)
    r = run("validate", repo)
    assert r.returncode == 0
    assert "warning KC003" in r.stdout


def test_exit_2_for_missing_path(tmp_path):
    r = run("validate", tmp_path / "nowhere")
    assert r.returncode == 2
    assert "no such folder" in r.stderr
    assert "Traceback" not in r.stderr


def test_exit_2_for_folder_without_config(tmp_path):
    (tmp_path / "plan.yaml").write_text("title: x\n", encoding="utf-8")
    r = run("validate", tmp_path)
    assert r.returncode == 2
    assert "not a masterplan repository" in r.stderr and "kotacerdas.yaml" in r.stderr


def test_exit_2_for_a_file_instead_of_a_folder(base_repo):
    r = run("validate", base_repo / "plan.yaml")
    assert r.returncode == 2
    assert "not a folder" in r.stderr


def test_exit_2_for_unknown_format(base_repo):
    r = run("validate", base_repo, "--format", "yml")
    assert r.returncode == 2
    assert "unknown format 'yml'" in r.stderr


def test_exit_2_for_unknown_option(base_repo):
    r = run("validate", base_repo, "--colour")
    assert r.returncode == 2
    assert "Traceback" not in r.stderr


def test_default_path_is_current_folder(base_repo):
    r = run("validate", cwd=base_repo)
    assert r.returncode == 0
    assert r.stdout.startswith("✓ . is valid")


# --- text output ------------------------------------------------------------------------------------------


def test_text_output_shows_the_source_line_under_the_message(tmp_path):
    build_case("unknown-field", tmp_path)
    r = run("validate", "repo", cwd=tmp_path)
    lines = r.stdout.splitlines()
    i = next(n for n, ln in enumerate(lines) if "KC011" in ln)
    assert lines[i] == "repo/programmes/qw-1.yaml:12:1: error KC011 unknown field 'fundng'"
    assert lines[i + 1] == "   12 │ fundng:"
    assert lines[i + 2] == "      │ ^^^^^^^"
    assert "found: 'fundng'; expected: one of: id, name," in lines[i + 3]
    assert lines[i + 4] == "      hint: Did you mean 'funding'?"
    assert lines[-1] == "✗ repo: 1 error, 0 warnings, 0 notes in 8 files checked"


def test_text_output_is_plain_when_not_a_terminal_or_no_color(tmp_path):
    repo = build_case("wrong-types", tmp_path)
    piped = run("validate", repo)  # stdout is a pipe, not a terminal
    assert not ANSI.search(piped.stdout)
    no_color = run("validate", repo, env_extra={"NO_COLOR": "1", "FORCE_COLOR": "1"}, unset=())
    assert not ANSI.search(no_color.stdout)
    assert no_color.stdout == piped.stdout
    forced = run("validate", repo, env_extra={"FORCE_COLOR": "1"})
    assert ANSI.search(forced.stdout)  # the check above can fail: colour exists when asked for
    assert ANSI.sub("", re.sub(r"\x1b\[[0-9;]*m", "", forced.stdout)) == piped.stdout


def test_output_is_byte_identical_between_runs(tmp_path):
    repo = build_case("unresolved-refs", tmp_path)
    first, second = run("validate", repo, "-f", "json"), run("validate", repo, "-f", "json")
    assert first.stdout == second.stdout
    assert run("validate", repo).stdout == run("validate", repo).stdout


# --- JSON output ------------------------------------------------------------------------------------------


def test_json_shape(tmp_path):
    build_case("enum-values", tmp_path)
    r = run("validate", "repo", "--format", "json", cwd=tmp_path)
    assert r.returncode == 1
    doc = json.loads(r.stdout)
    assert set(doc) == {"version", "command", "kotacerdas_version", "root", "ok", "files_checked", "summary",
                        "diagnostics"}
    assert doc["version"] == 1 and doc["command"] == "validate" and doc["root"] == "repo"
    assert doc["ok"] is False and doc["files_checked"] == 8
    assert doc["summary"] == {"error": 4, "warning": 0, "info": 0}
    first = doc["diagnostics"][0]
    assert list(first) == ["code", "severity", "path", "line", "column", "message", "field", "found", "expected",
                           "hint"]
    assert first["path"] == "repo/programmes/qw-1.yaml" and first["line"] == 9 and first["column"] == 10
    assert first["field"] == "horizon" and first["hint"] == "Did you mean 'pendek'?"
    assert first["found"] == 'text "pendeek"'
    by_field = {d["field"]: d for d in doc["diagnostics"]}
    assert by_field["funding[0].source"]["hint"] == "Did you mean 'apbd'?"
    # sorted by file, line, column
    keys = [(d["path"], d["line"], d["column"]) for d in doc["diagnostics"]]
    assert keys == sorted(keys)


def test_json_for_a_valid_repository(base_repo):
    r = run("validate", base_repo, "-f", "json")
    doc = json.loads(r.stdout)
    assert doc["ok"] is True and doc["diagnostics"] == [] and doc["summary"]["error"] == 0


def test_json_output_file_is_written_only_where_told(tmp_path):
    repo = build_case("missing-field", tmp_path)
    before = snapshot(repo)
    out = tmp_path / "report.json"
    r = run("validate", repo, "-f", "json", "-o", out)
    assert r.returncode == 1 and r.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["error"] == 2
    assert snapshot(repo) == before


# --- every case, through the real entry point -------------------------------------------------------------


def _main(argv, capsys, monkeypatch) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["kotacerdas", *argv])
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    code = 0
    try:
        cli.main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("name", case_names())
def test_case_through_cli_never_writes_and_never_crashes(name, tmp_path, capsys, monkeypatch):
    repo = build_case(name, tmp_path)
    before = snapshot(tmp_path)
    expected = read_list(CASES / name / "expected.txt")
    ok = validate(repo).ok
    monkeypatch.chdir(tmp_path)
    code, out, err = _main(["validate", "repo"], capsys, monkeypatch)
    assert "Traceback" not in out + err and "internal error" not in err
    assert code == (0 if ok else 1)
    code_json, out_json, err_json = _main(["validate", "repo", "--format", "json"], capsys, monkeypatch)
    assert "Traceback" not in err_json and code_json == code
    doc = json.loads(out_json)
    assert sorted(f"{d['code']} {d['path'].removeprefix('repo/')}:{d['line']}"
                  for d in doc["diagnostics"]) == sorted(expected)
    assert doc["ok"] is ok
    assert snapshot(tmp_path) == before



# --- files that did not load: the source line is shown only when it is safe to read ----------------------


def test_link_leaving_the_repository_is_not_read_for_display(tmp_path):
    repo = build_case("symlink-outside", tmp_path)
    r = run("validate", repo)
    assert r.returncode == 1
    assert "KC007" in r.stdout
    assert "IND-SECRET" not in r.stdout and "Data dari luar" not in r.stdout  # the outside file's content


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_named_pipe_does_not_hang_the_text_report(base_repo):
    os.mkfifo(base_repo / "programmes" / "pipe.yaml")
    r = run_process("validate", base_repo)  # would block forever if anything opened the pipe (timeout=120)
    assert r.returncode == 1
    assert "programmes/pipe.yaml:1:1: error KC007 not a regular file" in r.stdout


def test_huge_file_is_reported_without_printing_it(base_repo):
    with open(base_repo / "indicators" / "huge.yaml", "wb") as fh:
        fh.truncate(3 * 1024**3)  # sparse: 3 GiB of NUL bytes on one "line"
    r = run("validate", base_repo)
    assert r.returncode == 1
    assert "KC006 file is too large" in r.stdout and "3,221,225,472 bytes" in r.stdout
    assert "\x00" not in r.stdout and len(r.stdout) < 2000


def test_invalid_utf8_line_is_shown_with_replacement(tmp_path):
    repo = build_case("invalid-utf8", tmp_path)
    r = run("validate", repo)
    assert "    7 │     name: Badan Perencanaan Pembangunan Daerah \ufffd Litbang" in r.stdout


def test_output_to_a_stream_that_cannot_encode_every_character(base_repo):
    # Windows writes piped output as cp1252, which has no ✓ or │: this used to end in "internal error".
    opd = base_repo / "opd.yaml"
    opd.write_text(opd.read_text(encoding="utf-8").replace("id: Setda", "id: Sétda ✓"), encoding="utf-8")
    text = run_process("validate", base_repo, env_extra={"PYTHONIOENCODING": "cp1252"})
    assert text.returncode == 1 and "internal error" not in text.stderr
    assert "KC012" in text.stdout
    as_json = run_process("validate", base_repo, "-f", "json", env_extra={"PYTHONIOENCODING": "ascii"})
    assert as_json.returncode == 1 and "internal error" not in as_json.stderr
    found = [d["found"] for d in json.loads(as_json.stdout)["diagnostics"]]
    assert found == ['text "Sétda ✓"']  # nothing lost: escaped as \\u00e9 and \\u2713 in the JSON
