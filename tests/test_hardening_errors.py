"""Hardening II, class "internal errors that must be diagnostics": numbers longer than Python converts,
a YAML anchor name used twice, no HOME and no password entry, folders the user may not enter or list,
big figures that passed validation and broke the templates.

Every test here failed on the code before the fix (exit 3 "internal error", a traceback, or a silently
shorter result)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kotacerdas.cli import build_app

from .hardening.util import CLI, GARUT, cli_env

PROGRAMME = "programmes/governance/qw-gov-01-garuda.yaml"
INDICATOR = "indicators/governance/izin-daring.yaml"


def invoke(*args):
    return CliRunner().invoke(build_app(), [str(a) for a in args])


def _copy(tmp_path: Path, name: str = "repo") -> Path:
    return Path(shutil.copytree(GARUT, tmp_path / name, ignore=shutil.ignore_patterns(".git")))


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _every_command(repo: Path, tmp_path: Path) -> list[tuple[str, int, str]]:
    runs = [("validate", repo), ("lint", repo), ("fmt", "--check", repo), ("render", repo, "--out", tmp_path / "o"),
            ("render", repo, "--format", "html", "--out", tmp_path / "h"), ("diff", GARUT, repo)]
    out = []
    for args in runs:
        r = invoke(*args)
        out.append((args[0], r.exit_code, r.output + repr(r.exception or "")))
    return out


@pytest.mark.parametrize("digits", [5000, 301])
def test_a_number_with_too_many_digits_is_a_finding_in_every_command(tmp_path, digits):
    repo = _copy(tmp_path)
    _replace(repo / PROGRAMME, "amount: 850000000", "amount: " + "9" * digits)
    for name, code, output in _every_command(repo, tmp_path):
        assert code == 1, (name, output)
        assert "number has too many digits" in output or name in ("render", "diff"), (name, output)
        assert "Traceback" not in output and "internal error" not in output
    r = invoke("validate", repo)
    assert f"{PROGRAMME}:36:13: error KC012 number has too many digits" in r.output
    # the git textconv driver is the process boundary itself: it prints the file, never a traceback
    t = subprocess.run([*CLI, "diff", "--textconv", str(repo / PROGRAMME)], capture_output=True, text=True,
                       env=cli_env(), timeout=60)
    assert t.returncode == 0 and "Traceback" not in t.stderr, t.stderr
    assert "9" * digits in t.stdout


def test_textconv_on_a_pipe_or_a_huge_file_answers_at_once(tmp_path):
    import os

    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    big = tmp_path / "big.yaml"
    with open(big, "wb") as fh:
        fh.truncate(3 * 1024**3)  # sparse
    for path, words in ((fifo, "not a regular file"), (big, "file is too large")):
        t = subprocess.run([*CLI, "diff", "--textconv", str(path)], capture_output=True, text=True, env=cli_env(),
                           timeout=60)
        assert t.returncode == 0 and words in t.stdout, t.stdout + t.stderr


def test_big_figures_that_pass_validation_are_rendered_digit_for_digit(tmp_path):
    repo = _copy(tmp_path)
    _replace(repo / PROGRAMME, "amount: 850000000", "amount: 1000000000000000000000000000000")
    _replace(repo / INDICATOR, "target: 60", "target: 1e26")
    for name, code, output in _every_command(repo, tmp_path):
        assert code in (0, 1) and "internal error" not in output and "KC201" not in output, (name, output)
    book = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "o").glob("*.md"))
    assert "Rp1.000.000.000.000.000.000.000.000.000.000" in book
    assert "100.000.000.000.000.000.000.000.000" in book


def test_an_anchor_name_used_twice_still_gives_positions(tmp_path):
    repo = _copy(tmp_path)
    path = repo / PROGRAMME
    _replace(path, "    year: 2024", "    year: &y 2024")
    _replace(path, "    year: 2025", "    year: &y 2025")  # legal YAML: *y now means 2025
    _replace(path, "status: completed", "status: bogus")  # a finding that needs a position
    for name, code, output in _every_command(repo, tmp_path):
        assert code == (0 if name == "fmt" else 1), (name, output)  # fmt --check does not validate
        assert "internal error" not in output and "Traceback" not in output, (name, output)
    r = invoke("validate", repo)
    assert f"{PROGRAMME}:42:9: error KC012" in r.output, r.output


def test_no_home_and_no_password_entry_only_costs_the_cache(tmp_path, monkeypatch):
    """The user's real situation (an arbitrary uid in a container, HOME unset) cannot be produced here
    without an interpreter that uid may run, so the lookups are made to fail as they do there: getpwuid
    raises KeyError and HOME is unset."""
    import pwd

    def no_entry(uid):
        raise KeyError(f"getpwuid(): uid not found: {uid}")

    for var in ("HOME", "XDG_CACHE_HOME", "KOTACERDAS_CACHE_DIR"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(pwd, "getpwuid", no_entry)
    for args in (("validate", GARUT), ("lint", GARUT), ("render", GARUT, "--out", tmp_path / "o")):
        r = invoke(*args)
        assert r.exit_code == 0, (args, r.output, r.exception)


def _without_root_powers(*args) -> subprocess.CompletedProcess:
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: folder permissions cannot be enforced")
    return subprocess.run(["setpriv", "--bounding-set=-dac_override,-dac_read_search", *CLI, *map(str, args)],
                          capture_output=True, text=True, env=cli_env(), timeout=120)


@pytest.mark.parametrize("mode", [0o000, 0o644], ids=["no-entry-no-listing", "listing-but-no-entry"])
def test_a_folder_the_user_may_not_enter_or_list_is_a_diagnostic(tmp_path, mode):
    import os

    repo = _copy(tmp_path)
    folder = repo / "programmes" / "governance"
    os.chmod(folder, mode)
    try:
        for command in ("validate", "lint"):
            r = _without_root_powers(command, repo)
            assert r.returncode == 1, r.stdout + r.stderr
            assert "internal error" not in r.stderr and "Traceback" not in r.stderr, r.stderr
            if mode == 0:
                assert "programmes/governance" in r.stdout and "cannot read the folder" in r.stdout, r.stdout
            else:  # listed: each file is named, unreadable
                assert "qw-gov-01-garuda.yaml:1:1: error KC007 permission denied" in r.stdout, r.stdout
    finally:
        os.chmod(folder, 0o755)
