"""Hardening II, class "hangs, quadratic work and unbounded memory": the guarded reader for prose files
(pipes, size), diff reading git blobs by size first, the word diff's cap, templates bounded whatever the
expression. Memory is checked by running the command under RLIMIT_AS in a subprocess, never by timing.

Every test here failed on the code before the fix (a hang, MemoryError/exit 3, or a template that built
gigabytes)."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kotacerdas.cli import build_app

from .hardening.util import CLI, GARUT, cli_env

PROSE = "narasi/latar-belakang.md"


def invoke(*args):
    return CliRunner().invoke(build_app(), [str(a) for a in args])


def _copy(tmp_path: Path, name: str = "repo") -> Path:
    return Path(shutil.copytree(GARUT, tmp_path / name, ignore=shutil.ignore_patterns(".git")))


def _limited(args, cwd=None, memory=700 * 1024**2, timeout=120) -> subprocess.CompletedProcess:
    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    return subprocess.run([*CLI, *map(str, args)], capture_output=True, text=True, env=cli_env(), cwd=cwd,
                          preexec_fn=limit, timeout=timeout)


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.email=t@example.org", "-c", "user.name=t", *args], cwd=cwd, check=True,
                   capture_output=True)


@pytest.mark.parametrize("command", ["validate", "lint", "render", "diff"])
def test_a_named_pipe_as_a_prose_file_is_refused_not_read(tmp_path, command):
    repo = _copy(tmp_path)
    (repo / PROSE).unlink()
    os.mkfifo(repo / PROSE)
    args = {"validate": ["validate", repo], "lint": ["lint", repo], "render": ["render", repo, "--out", tmp_path / "o"],
            "diff": ["diff", GARUT, repo]}[command]
    r = subprocess.run([*CLI, *map(str, args)], capture_output=True, text=True, env=cli_env(), timeout=60)
    assert r.returncode == 1, r.stdout + r.stderr
    assert f"prose file '{PROSE}' is not a regular file" in r.stdout + r.stderr


@pytest.mark.parametrize("command", ["lint", "render", "diff"])
def test_a_huge_prose_file_is_refused_by_its_size_under_a_memory_limit(tmp_path, command):
    repo = _copy(tmp_path)
    with open(repo / PROSE, "ab") as fh:
        fh.truncate(2 * 1024**3)  # 2 GiB (sparse): reading it whole needs more memory than the limit
    args = {"lint": ["lint", repo], "render": ["render", repo, "--out", tmp_path / "o"],
            "diff": ["diff", GARUT, repo]}[command]
    r = _limited(args)
    assert r.returncode == 1, r.stdout + r.stderr
    assert f"prose file '{PROSE}' is too large" in r.stdout + r.stderr
    assert "internal error" not in r.stderr


def test_diff_checks_blob_sizes_before_reading_a_revision(tmp_path):
    top = tmp_path / "git"
    top.mkdir()
    _git(top, "init", "-q")
    shutil.copytree(GARUT, top / "r", ignore=shutil.ignore_patterns(".git"))
    _git(top, "add", "-A")
    _git(top, "commit", "-qm", "one")
    (top / "r" / PROSE).write_text("Kata. " * 40_000_000)  # 240 MB, a few hundred KB in git
    _git(top, "add", "-A")
    _git(top, "commit", "-qm", "two")
    r = _limited(["diff", "HEAD~1", "HEAD", "--path", "r"], cwd=top)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "internal error" not in r.stderr
    assert "240,000,000 bytes" in r.stdout + r.stderr


@pytest.mark.parametrize("expression", [
    "{{ 'x'|center(1000**3) }}", "{{ 'x'.ljust(10**9) }}", "{{ '{:>999999999}'.format(1) }}",
    "{{ '%0999999999d' % 1 }}", "{{ ((9**999)**999)**999 }}", "{{ lipsum(200000) }}",
    "{{ ('x' * 1000000)|replace('x', 'x' * 1000000) }}",
    "{% set s = 'x' * 1000000 %}{% for i in range(100000) %}{{ s }}{% endfor %}",
])
def test_a_template_is_bounded_in_size_whatever_the_expression(tmp_path, expression):
    repo = _copy(tmp_path)
    chapter = repo / "templates" / "chapters" / "99-runaway.md.j2"
    chapter.parent.mkdir(parents=True, exist_ok=True)
    chapter.write_text('{% extends "layout/chapter.md.j2" %}{% block title %}X{% endblock %}'
                       "{% block body %}\n" + expression + "\n{% endblock %}\n", encoding="utf-8")
    r = _limited(["render", repo, "--out", tmp_path / "o"], memory=1200 * 1024**2, timeout=300)
    assert r.returncode == 1, r.stdout + r.stderr[-2000:]
    assert "KC201" in r.stdout + r.stderr and "internal error" not in r.stderr
    assert not (tmp_path / "o").exists()
