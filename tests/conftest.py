"""Shared fixtures: a fresh copy of an example or test repository, and the command line run in-process.

A test states only what it is about: `example_copy("garut")` gives a writable copy of examples/garut in the
test's tmp_path; `cli("validate", path)` runs `kotacerdas` in this process (Typer's CliRunner) and returns
what a subprocess would (returncode, stdout, stderr). Tests whose subject is the process boundary (signals,
pipes, start-up, the environment of a fresh interpreter) start the installed console script instead.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
KOTACERDAS = Path(sys.executable).parent / "kotacerdas"  # the installed console script, for process tests


@dataclass
class Ran:
    """What one run of the command line gave: as subprocess.CompletedProcess names it."""

    returncode: int
    stdout: str
    stderr: str
    args: tuple[str, ...] = ()


@contextlib.contextmanager
def _cwd(path: Path | None) -> Iterator[None]:
    if path is None:
        yield
        return
    before = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def run_cli(*args, cwd: Path | None = None, env: dict[str, str | None] | None = None,
            input: str | None = None) -> Ran:
    """`kotacerdas ARGS` in this process, as the console script would run it: exit code, standard output
    and standard error apart; a bug (an exception escaping a command) is exit 3 with the traceback on
    stderr, so a test can assert it never happens."""
    from typer.testing import CliRunner

    from kotacerdas.cli import build_app

    argv = [str(a) for a in args]
    environment = {"NO_COLOR": "1", "FORCE_COLOR": None, "GITHUB_ACTIONS": None, "KOTACERDAS_DEBUG": None}
    environment.update(env or {})
    with _cwd(cwd):
        result = CliRunner().invoke(build_app(), argv, env=environment, input=input, catch_exceptions=True)
    code = result.exit_code
    stderr = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        code = 3
        stderr += "".join(traceback.format_exception(result.exception))
    return Ran(code, result.stdout, stderr, tuple(argv))


@pytest.fixture
def cli() -> Callable[..., Ran]:
    return run_cli


@pytest.fixture
def example_copy(tmp_path: Path) -> Callable[[str], Path]:
    """A writable copy of examples/NAME (or of any folder given by path) under the test's tmp_path."""

    def copy(name: str | Path, dest: str | None = None) -> Path:
        source = Path(name) if Path(name).is_absolute() else EXAMPLES / str(name)
        target = tmp_path / (dest or source.name)
        shutil.copytree(source, target, symlinks=True)
        return target

    return copy


@pytest.fixture(scope="session")
def _session_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("kotacerdas-cache")


@pytest.fixture(autouse=True)
def _english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages in English, whatever a repository's language or the machine's locale: the suite's
    assertions on message text are written in English. Tests about the language of messages
    (tests/test_i18n_*.py) remove or set KOTACERDAS_LANG themselves."""
    monkeypatch.setenv("KOTACERDAS_LANG", "en")


@pytest.fixture(autouse=True)
def _private_cache(_session_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The suite's own kotacerdas cache folder, never the user's (a test about the cache sets its own)."""
    monkeypatch.setenv("KOTACERDAS_CACHE_DIR", str(_session_cache))


@pytest.fixture
def fresh_repo(tmp_path: Path) -> Path:
    """A masterplan repository just made by `kotacerdas init` (Kabupaten Garut, 2025-2029) in
    tmp_path/garut, installing kotacerdas==0.1.0 (the day-one tests)."""
    dest = tmp_path / "garut"
    ran = run_cli("init", dest, "-c", "32.05", "-n", "Kabupaten Garut", "--period", "2025-2029", "--install",
                  "kotacerdas==0.1.0")
    assert ran.returncode == 0, ran.stderr
    return dest


CHROMIUM = Path("/usr/bin/chromium")  # Debian's, as .ci/run installs it
BROWSER_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser():
    """A headless Chromium (Debian's) through Playwright, shared by a module's tests."""
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is missing: install Debian's chromium (apt-get install chromium), as .ci/run "
                    "does, to run the browser tests")
    import playwright.sync_api as playwright  # the test extra installs it; never skipped for lack of it

    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS, headless=True)
        yield b
        b.close()
