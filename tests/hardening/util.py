"""Shared by the hardening tests: run the real CLI as a subprocess, copy repositories, take snapshots."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
ROOT = TESTS.parent
BASE = TESTS / "cases" / "_base"
GARUT = ROOT / "examples" / "garut"
TUBAN = ROOT / "examples" / "tuban"
CLI = [sys.executable, "-m", "kotacerdas"]


def cli_env(cache: Path | None = None, **extra: str) -> dict[str, str]:
    """The environment of a user's shell: no colour forcing, no debug tracebacks, no CI detection; the
    cache (compiled templates, loaded files) in a folder of the test's own."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("FORCE_COLOR", "KOTACERDAS_DEBUG", "GITHUB_ACTIONS", "KOTACERDAS_CACHE_DIR")}
    env["NO_COLOR"] = "1"
    if cache is not None:
        env["KOTACERDAS_CACHE_DIR"] = str(cache)
    env.update(extra)
    return env


def cli(*args, env: dict[str, str] | None = None, timeout: float = 120, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *map(str, args)], capture_output=True, text=True, env=env or cli_env(),
                          timeout=timeout, **kw)


def start(*args, env: dict[str, str] | None = None, **kw) -> subprocess.Popen:
    return subprocess.Popen([*CLI, *map(str, args)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env or cli_env(), **kw)


def finish(proc: subprocess.Popen, timeout: float = 120) -> subprocess.CompletedProcess:
    out, err = proc.communicate(timeout=timeout)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def copy_repo(source: Path, dest: Path) -> Path:
    shutil.copytree(source, dest, ignore=shutil.ignore_patterns(".git"))
    return dest


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under root (hidden ones included) -> its bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(Path(root).rglob("*")) if p.is_file()}


def assert_clean_exit(proc: subprocess.CompletedProcess, allowed=(0, 1), what: str = "") -> None:
    """Exit code in `allowed`, and neither a traceback nor cli.main's internal-error message."""
    text = f"{what}\n{' '.join(map(str, proc.args))}\nexit {proc.returncode}\n{proc.stdout}{proc.stderr}"
    assert proc.returncode in allowed, text
    assert "Traceback" not in proc.stdout + proc.stderr, text
    assert "internal error" not in proc.stdout + proc.stderr, text
