"""The resource bounds that have no case in tests/cases: number of files and total repository size,
set in kotacerdas.yaml `limits:` and checked through the real CLI. (File size, alias expansion and nesting
depth: tests/cases/file-too-large, alias-bomb, recursive-alias, deep-nesting; tests/test_loader.py.)"""

from __future__ import annotations

from .hardening.util import BASE, assert_clean_exit, cli, cli_env, copy_repo


def with_limits(tmp_path, limits: str):
    repo = copy_repo(BASE, tmp_path / "repo")
    config = repo / "kotacerdas.yaml"
    config.write_text(config.read_text() + "limits:\n" + limits)
    return repo


def test_too_many_files(tmp_path):
    repo = with_limits(tmp_path, "  max_files: 3\n")
    r = cli("validate", repo, env=cli_env(tmp_path / "cache"))
    assert_clean_exit(r, allowed=(1,))
    assert "kotacerdas.yaml:1:1: error KC006 repository has too many files" in r.stdout
    assert "found: 8 YAML files" in r.stdout and "expected: at most 3 (limits.max_files)" in r.stdout


def test_repository_too_large(tmp_path):
    repo = with_limits(tmp_path, "  max_total_bytes: 1024\n")
    r = cli("lint", repo, "--as-of", "2026-11-22", env=cli_env(tmp_path / "cache"))
    assert_clean_exit(r, allowed=(1,))
    assert "kotacerdas.yaml:1:1: error KC006 repository is too large" in r.stdout
    assert "expected: at most 1,024 (limits.max_total_bytes)" in r.stdout
