"""Reporters turn a `Report` (diagnostics plus context) into text. One module per format; each exposes
`render(report) -> str` and does nothing else. Commands pick one by name through `render_report`."""

from __future__ import annotations

import importlib
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from collections.abc import Callable

from ..diagnostics import Diagnostic

# name -> module under kotacerdas.reporters (imported only when used, to keep start-up fast)
FORMATS: dict[str, str] = {
    "text": "text",
    "json": "json_report",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
    "markdown": "markdown",
}


@dataclass
class Report:
    command: str  # "validate" or "lint"
    diagnostics: list[Diagnostic]
    root: Path
    files_checked: int = 0
    prefix: str = ""  # what to put before repository-relative paths when displaying them
    source_line: Callable[[str, int], str] | None = None  # (repo-relative path, line) -> text
    color: bool = False
    extra: dict = field(default_factory=dict)
    suppressed: list[Diagnostic] = field(default_factory=list)  # lint findings silenced inline (suppressed_by)

    def display_path(self, path: str) -> str:
        return str(PurePosixPath(self.prefix) / path) if self.prefix not in ("", ".") else path

    def counts(self) -> Counter:
        return Counter(d.severity.value for d in self.diagnostics)


def display_prefix(root: Path) -> str:
    """The repository's path as the user would type it from the current folder."""
    try:
        rel = os.path.relpath(Path(root).resolve(), Path.cwd())
    except ValueError:  # another drive on Windows
        return Path(root).resolve().as_posix()
    return PurePosixPath(Path(rel).as_posix()).as_posix()


def render_report(fmt: str, report: Report) -> str:
    if fmt not in FORMATS:
        raise KeyError(fmt)
    module = importlib.import_module(f"{__name__}.{FORMATS[fmt]}")
    return module.render(report)
