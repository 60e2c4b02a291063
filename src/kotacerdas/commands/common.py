"""What every command shares: exit codes, output destinations, colour detection, usage errors."""

from __future__ import annotations

import codecs
import enum
import os
import sys
from pathlib import Path
from typing import Any

import typer
from ..i18n import _, ngettext


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
    say(_("kotacerdas: error: {message}").format(message=message) + "\n", sys.stderr)
    return typer.Exit(ExitCode.USAGE)


def say(text: str, stream=None) -> None:
    """Write lines for a person (stdout unless `stream`): a control character in a path or value a user
    wrote is shown as an escape (safetext), never passed to the terminal; `TerminalText` (a reporter's
    coloured output, already escaped) is written as it is."""
    from ..safetext import TerminalText, visible_lines

    (stream or sys.stdout).write(text if isinstance(text, TerminalText) else visible_lines(text))


def say_err(text: str) -> None:
    """`say` on stderr."""
    say(text, sys.stderr)


def _u_escape(err: UnicodeEncodeError) -> tuple[str, int]:
    out = ""
    for ch in err.object[err.start : err.end]:
        n = ord(ch)
        out += f"\\u{n:04x}" if n <= 0xFFFF else f"\\u{0xD800 + ((n - 0x10000) >> 10):04x}\\u{0xDC00 + (n & 0x3FF):04x}"
    return out, err.end


codecs.register_error("kotacerdas-u", _u_escape)  # type: ignore[arg-type]  # only encoding errors reach it


def emit(text: str, output: Path | None) -> None:
    """Write a report to stdout, or atomically to --output. On stdout a control character the reporter did
    not escape is escaped here (the last guard), except in `TerminalText`: rich's colours over text the
    reporter already escaped."""
    if output is None:
        from ..safetext import TerminalText, visible_lines

        if not isinstance(text, TerminalText):
            text = visible_lines(text)
        try:
            sys.stdout.write(text)
        except UnicodeEncodeError:  # a stdout that cannot encode every character (Windows cp1252 when piped)
            enc = sys.stdout.encoding or "ascii"
            sys.stdout.write(text.encode(enc, "kotacerdas-u").decode(enc))  # lossless: \uXXXX, valid in JSON
        sys.stdout.flush()
        return
    from ..fsutil import atomic_write_text, os_problem
    from ..protect import overwrite_problem

    problem = overwrite_problem(output)
    if problem:
        raise usage_error(problem)
    try:
        atomic_write_text(output, text)
    except OSError as exc:
        raise usage_error(_("cannot write {output}: {value}")
                          .format(output=output, value=os_problem(exc))) from None


def pick_format(fmt: str, available) -> str:
    if fmt == "auto":
        return "github" if os.environ.get("GITHUB_ACTIONS") == "true" and "github" in available else "text"
    if fmt not in available:
        raise usage_error(_("unknown format '{value}'; choose one of: {choices}")
                          .format(value=fmt, choices=", ".join(["auto", *available])))
    return fmt


# --- the glue between a command and kotacerdas.api ------------------------------------------------------------


class ProgressBar:
    """api.Options' progress callback as a rich progress bar on stderr, for a person at a terminal only
    (scale.show_progress); started on the first report, closed by `close`."""

    def __init__(self, label: str) -> None:
        from ..scale import show_progress

        self.label, self.enabled = label, show_progress()
        self._bar: Any = None
        self._task: Any = None

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        if self._bar is None:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self._bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                 TimeElapsedColumn(), transient=True, console=Console(file=sys.stderr))
            self._bar.start()
            self._task = self._bar.add_task(self.label, total=total)
        self._bar.update(self._task, completed=done)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()


def open_masterplan(path: Path, **options):
    """api.open with the command's options; a path that is no masterplan is wrong usage (exit 2)."""
    from .. import api

    try:
        opened = api.open(path, api.Options(**options))
    except api.UsageError as exc:
        raise usage_error(str(exc)) from None
    say_root(path, opened.root)
    return opened


def open_file(path: Path, **options):
    """api.open_file with the command's options: (the repository holding the file, its relative path)."""
    from .. import api

    try:
        repo, rel = api.open_file(path, api.Options(**options))
    except api.UsageError as exc:
        raise usage_error(str(exc)) from None
    say_root(path.parent, repo.root)
    return repo, rel


def repository_root(path: Path) -> Path:
    """`path`, or, when it is a folder inside a masterplan repository, that repository's root (said on
    stderr): for the commands that take one repository's folder (migrate, sheet)."""
    import os

    from ..focus import find_root
    from ..repository import is_repository

    if path.is_dir() and not is_repository(path):
        root = find_root(path)
        if root is not None:
            say_root(path, root)
            return root if path.is_absolute() else Path(os.path.relpath(root))
    return path


def say_root(asked: Path, root: Path) -> None:
    """When a command works on a repository found above the folder it was given (run from a subfolder,
    as git finds its root), say which one on stderr."""
    import os

    if os.path.abspath(asked) != os.path.abspath(root):
        from ..i18n import _

        sys.stderr.write(_("kotacerdas: using the masterplan repository at {root}\n").format(
            root=os.path.abspath(root)))


def call(fn, *args, **kwargs):
    """Call into the API; its UsageError is wrong usage (exit 2)."""
    from ..repository import UsageError

    try:
        return fn(*args, **kwargs)
    except UsageError as exc:
        raise usage_error(str(exc)) from None


def diagnostics_report(fmt: str, command: str, opened, result, output: Path | None, *, fail_on: str = "error") -> str:
    """The report of a validate or lint result (one repository's, or a tree's) in the chosen format."""
    from ..api import Tree
    from ..reporters import Report, display_prefix, render_report

    prefix = display_prefix(opened.root)
    shown = Report(command, [], opened.root, prefix=prefix)
    extra: dict = {}
    suppressed = list(getattr(result, "suppressed", []) or [])
    if command == "lint":
        extra = {"as_of": opened.options.date.isoformat(), "fail_on": fail_on,
                 "suppressed": [{**d.to_dict(), "path": shown.display_path(d.path),
                                 "suppression": {"kind": "inSource", "justification": d.suppressed_by or None}}
                                for d in suppressed]}
        from ..lint.worklist import rule_summary

        extra["work_list"] = [{**w.to_dict(), "path": shown.display_path(w.path)}
                              for w in getattr(result, "work_list", [])]
        extra["rules"] = [r.to_dict() for r in rule_summary(result.diagnostics)]
    if isinstance(opened, Tree):
        extra["repositories"] = [{"path": r.rel, "region": r.region_code, "name": r.region_name, "ok": r.ok,
                                  "files_checked": r.files_checked} for r in result.repos]
        extra["coverage"] = [c.to_dict() for c in result.coverage]
        files = result.files_checked
    elif hasattr(result, "files_checked"):  # validate FILE (focus.FileValidation)
        files = result.files_checked
    else:
        files = len(result.validation.repo.files) if command == "lint" else len(result.repo.files)
    report = Report(command=command, diagnostics=result.diagnostics, root=opened.root, files_checked=files,
                    prefix=prefix, source_line=opened.source_line, color=use_color() and output is None,
                    extra=extra, suppressed=suppressed)
    text = render_report(fmt, report)
    if isinstance(opened, Tree) and fmt == "text":
        from ..tree import coverage_text

        valid = sum(1 for r in result.repos if r.ok)
        text += (ngettext("{n} masterplan checked: {valid} valid, {invalid} invalid",
                          "{n} masterplans checked: {valid} valid, {invalid} invalid", len(result.repos))
                 .format(n=len(result.repos), valid=valid, invalid=len(result.repos) - valid) + "\n"
                 + coverage_text(result.coverage))
    return text
