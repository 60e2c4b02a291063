"""`--format markdown`: a summary and a table, for a GitHub job summary ($GITHUB_STEP_SUMMARY) or a
review comment. Pipes and line breaks inside cells are escaped so the table never breaks."""

from __future__ import annotations

from ..safetext import visible
from . import Report

_ICON = {"error": "❌ error", "warning": "⚠️ warning", "info": "ℹ️ note"}


def cell(text: str | None) -> str:
    if not text:
        return ""
    text = visible(" ".join(str(text).split()))
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def _in_code(text: str) -> str:
    """Text inside a code span in a table cell: no escapes apply there but the cell's pipe."""
    return visible(text).replace("|", "\\|")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def render(report: Report) -> str:
    counts = report.counts()
    errors, warnings, notes = counts.get("error", 0), counts.get("warning", 0), counts.get("info", 0)
    target = report.prefix or "."
    mark = "❌" if errors else "✅"
    verdict = "is valid" if report.command == "validate" else "passes lint"
    head = (f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}, {_plural(notes, 'note')}"
            if errors else f"{verdict}")
    out = [f"### {mark} kotacerdas {report.command} `{cell(target)}`: {head}", ""]
    out.append(f"{_plural(report.files_checked, 'file')} checked; "
               f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}, {_plural(notes, 'note')}"
               + (f", {len(report.suppressed)} suppressed inline" if report.suppressed else "") + ".")
    if report.diagnostics:
        out += ["", "| Severity | Code | Location | Problem | Found | Expected | Hint |",
                "|---|---|---|---|---|---|---|"]
        for d in report.diagnostics:
            where = f"{report.display_path(d.path)}:{d.line}:{d.column}"
            out.append(f"| {_ICON[d.severity.value]} | {d.code} | `{_in_code(where)}` | {cell(d.message)} | "
                       f"{cell(d.found)} | {cell(d.expected)} | {cell(d.hint)} |")
    from .text_summary import markdown_summary

    out += markdown_summary(report.extra.get("work_list") or [], report.extra.get("rules") or [], cell)
    return "\n".join(out) + "\n"
