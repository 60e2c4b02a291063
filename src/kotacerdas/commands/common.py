"""What every command shares: exit codes, output destinations, colour detection, usage errors."""

from __future__ import annotations

import enum
import os
import sys
from pathlib import Path

import typer


class ExitCode(enum.IntEnum):
    OK = 0
    FINDINGS = 1  # invalid content, lint findings at or above --fail-on, changes with --exit-code
    USAGE = 2  # wrong usage: no such path, not a masterplan repository, bad option
    INTERRUPTED = 130


def use_color(stream=None) -> bool:
    stream = stream or sys.stdout
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return bool(getattr(stream, "isatty", lambda: False)()) and os.environ.get("TERM") != "dumb"


def usage_error(message: str) -> typer.Exit:
    sys.stderr.write(f"kotacerdas: error: {message}\n")
    return typer.Exit(ExitCode.USAGE)


def emit(text: str, output: Path | None) -> None:
    """Write a report to stdout, or atomically to --output."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from ..fsutil import atomic_write_text

    try:
        atomic_write_text(output, text)
    except OSError as exc:
        raise usage_error(f"cannot write {output}: {exc.strerror or exc}") from None


def pick_format(fmt: str, available) -> str:
    if fmt == "auto":
        return "github" if os.environ.get("GITHUB_ACTIONS") == "true" and "github" in available else "text"
    if fmt not in available:
        raise usage_error(f"unknown format '{fmt}'; choose one of: auto, " + ", ".join(available))
    return fmt
