"""`--format github`: GitHub Actions workflow commands, which show up as annotations on the changed lines
of a pull request: `::error file=plan.yaml,line=3,col=11,title=KC101::message`.

Values are escaped as the runner expects: in the message `%`, CR and LF; in properties also `:` and
`,`. `auto` picks this format when GITHUB_ACTIONS=true. A plain summary line ends the output.
"""

from __future__ import annotations

from ..i18n import _, ngettext
from ..safetext import visible
from . import Report
from ._finding import full_text

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    # CR and LF are the runner's own escapes (a message of several lines); any other control is made visible
    return visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report) -> str:
    lines = []
    for d in report.diagnostics:
        props = ",".join([
            f"file={escape_property(report.display_path(d.path))}",
            f"line={d.line}",
            f"col={d.column}",
            f"title={escape_property(d.code)}",
        ])
        lines.append(f"::{_LEVEL[d.severity.value]} {props}::{escape_data(full_text(d))}")
    counts = report.counts()
    errors, warnings, notes = counts.get("error", 0), counts.get("warning", 0), counts.get("info", 0)
    summary = _("{errors}, {warnings}, {notes}").format(
        errors=ngettext("{n} error", "{n} errors", errors).format(n=errors),
        warnings=ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings),
        notes=ngettext("{n} note", "{n} notes", notes).format(n=notes))
    files = ngettext("{n} file", "{n} files", report.files_checked).format(n=report.files_checked)
    line = _("{summary}, {n} suppressed in {files} checked") if report.suppressed else \
        _("{summary} in {files} checked")
    lines.append(f"kotacerdas {report.command} {report.prefix or '.'}: "
                 + line.format(summary=summary, n=len(report.suppressed), files=files))
    return "\n".join(lines) + "\n"
