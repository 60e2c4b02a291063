"""The file system as it really is: unreadable files, symlink loops, files that vanish mid-run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kotacerdas.repository import load_files, load_repository
from kotacerdas.validate import validate

BASE = Path(__file__).parent / "cases" / "_base"


@pytest.fixture
def repo(tmp_path):
    target = tmp_path / "repo"
    shutil.copytree(BASE, target)
    return target


def _codes(result):
    return [(d.code, d.path) for d in result.diagnostics]


def test_base_repository_is_valid(repo):
    assert validate(repo).ok


def test_symlink_loop_is_a_diagnostic(repo):
    (repo / "programmes" / "loop-a.yaml").symlink_to("loop-b.yaml")
    (repo / "programmes" / "loop-b.yaml").symlink_to("loop-a.yaml")
    result = validate(repo)
    assert ("KC007", "programmes/loop-a.yaml") in _codes(result)
    assert ("KC007", "programmes/loop-b.yaml") in _codes(result)
    assert not result.ok


def test_directory_symlink_loop_does_not_hang(repo):
    (repo / "programmes" / "again").symlink_to("..", target_is_directory=True)
    result = validate(repo)  # must terminate; links to folders are not followed
    assert result.ok


def test_file_vanishing_during_the_run_is_a_diagnostic(repo):
    victim = "programmes/" + sorted(p.name for p in (repo / "programmes").rglob("*.yaml"))[0]

    def loader(root, jobs, limits):
        (root / victim).unlink()  # the file disappears after discovery, before it is read
        return load_files(root, jobs, limits)

    repository = load_repository(repo, loader=loader)
    found = [d for d in repository.diagnostics if d.path == victim]
    assert [d.code for d in found] == ["KC007"]
    assert "disappeared" in found[0].message


def _without_root_powers(cmd: list[str]) -> list[str]:
    """Root reads any file; drop the capabilities that allow it (util-linux setpriv) so that file
    permissions apply for real."""
    if os.getuid() != 0:
        return cmd
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: file permissions cannot be enforced")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search", *cmd]


def test_permission_denied_is_a_diagnostic_not_a_traceback(repo):
    secret = repo / "opd.yaml"
    os.chmod(secret, 0o000)
    cmd = _without_root_powers([sys.executable, "-m", "kotacerdas", "validate", str(repo), "--format", "text"])
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=repo)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "opd.yaml:1:1: error KC007 permission denied" in proc.stdout
