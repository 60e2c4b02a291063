"""What every command shares: exit codes, output destinations, colour detection, usage errors."""

from __future__ import annotations

import codecs
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


def _u_escape(err: UnicodeEncodeError) -> tuple[str, int]:
    out = ""
    for ch in err.object[err.start : err.end]:
        n = ord(ch)
        out += f"\\u{n:04x}" if n <= 0xFFFF else f"\\u{0xD800 + ((n - 0x10000) >> 10):04x}\\u{0xDC00 + (n & 0x3FF):04x}"
    return out, err.end


codecs.register_error("kotacerdas-u", _u_escape)


def emit(text: str, output: Path | None) -> None:
    """Write a report to stdout, or atomically to --output."""
    if output is None:
        try:
            sys.stdout.write(text)
        except UnicodeEncodeError:  # a stdout that cannot encode every character (Windows cp1252 when piped)
            enc = sys.stdout.encoding or "ascii"
            sys.stdout.write(text.encode(enc, "kotacerdas-u").decode(enc))  # lossless: \uXXXX, valid in JSON
        sys.stdout.flush()
        return
    from ..fsutil import atomic_write_text
    from ..protect import overwrite_problem

    problem = overwrite_problem(output)
    if problem:
        raise usage_error(problem)
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
