"""`--format markdown`: a summary and a table, for a GitHub job summary ($GITHUB_STEP_SUMMARY) or a
review comment. Pipes and line breaks inside cells are escaped so the table never breaks."""

from __future__ import annotations

from ..i18n import N_, _, ngettext
from ..safetext import visible
from . import Report

_ICON = {"error": N_("❌ error"), "warning": N_("⚠️ warning"), "info": N_("ℹ️ note")}


def cell(text: str | None) -> str:
    if not text:
        return ""
    text = visible(" ".join(str(text).split()))
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def _in_code(text: str) -> str:
    """Text inside a code span in a table cell: no escapes apply there but the cell's pipe."""
    return visible(text).replace("|", "\\|")


def render(report: Report) -> str:
    counts = report.counts()
    errors, warnings, notes = counts.get("error", 0), counts.get("warning", 0), counts.get("info", 0)
    target = report.prefix or "."
    mark = "❌" if errors else "✅"
    verdict = _("is valid") if report.command == "validate" else _("passes lint")
    summary = _("{errors}, {warnings}, {notes}").format(
        errors=ngettext("{n} error", "{n} errors", errors).format(n=errors),
        warnings=ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings),
        notes=ngettext("{n} note", "{n} notes", notes).format(n=notes))
    head = summary if errors else verdict
    out = [f"### {mark} kotacerdas {report.command} `{cell(target)}`: {head}", ""]
    files = ngettext("{n} file", "{n} files", report.files_checked).format(n=report.files_checked)
    line = (_("{files} checked; {counts}, {suppressed} suppressed inline.") if report.suppressed
            else _("{files} checked; {counts}."))
    out.append(line.format(files=files, counts=summary, suppressed=len(report.suppressed)))
    if report.diagnostics:
        out += ["", "| " + " | ".join([_("Severity"), _("Code"), _("Location"), _("Problem"), _("Found"),
                                       _("Expected"), _("Hint")]) + " |",
                "|---|---|---|---|---|---|---|"]
        for d in report.diagnostics:
            where = f"{report.display_path(d.path)}:{d.line}:{d.column}"
            out.append(f"| {_(_ICON[d.severity.value])} | {d.code} | `{_in_code(where)}` | {cell(d.message)} | "
                       f"{cell(d.found)} | {cell(d.expected)} | {cell(d.hint)} |")
    from .text_summary import markdown_summary

    out += markdown_summary(report.extra.get("work_list") or [], report.extra.get("rules") or [], cell)
    return "\n".join(out) + "\n"
