"""`--format text`: for people. Each finding as `path:line:col: severity CODE message`, the source line with
a caret under the column, then what was found, what is expected and a hint. Colour through rich when
writing to a terminal (and NO_COLOR is not set); plain text otherwise."""

from __future__ import annotations

from ..i18n import _, ngettext
from ..safetext import TerminalText, visible
from . import Report

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _lines(report: Report):
    """(text, style) segments, one list per output line."""
    for d in report.diagnostics:
        sev = d.severity.value
        where = f"{report.display_path(d.path)}:{d.line}:{d.column}"
        field = f" [{d.field}]" if d.field and d.field not in d.message else ""
        yield [(where, "bold"), (": ", None), (f"{sev} {d.code}", _STYLE[sev]), (f" {d.message}{field}", None)]
        src = report.source_line(d.path, d.line) if report.source_line else ""
        if src.strip():
            gutter = f"{d.line:>5} │ "
            yield [(gutter, "dim"), (src.replace("\t", " "), None)]
            caret_at = min(max(d.column - 1, 0), len(src))
            width = len(visible(src[caret_at:caret_at + _token_width(src, caret_at)]))
            caret_at = len(visible(src[:caret_at]))  # escapes widen the line: the caret follows them
            yield [(" " * 5 + " │ ", "dim"), (" " * caret_at + "^" * width, _STYLE[sev])]
        if d.found or d.expected:
            parts: list[tuple[str, str | None]] = []
            if d.found:
                parts.append((_("found: "), "dim"))
                parts.append((d.found, None))
            if d.expected:
                parts.append((_("; expected: ") if d.found else _("expected: "), "dim"))
                parts.append((d.expected, None))
            yield [("      ", None), *parts]
        if d.hint:
            yield [("      ", None), (_("hint: "), "green"), (d.hint, None)]
    counts = report.counts()
    if report.diagnostics:
        yield []
    from .text_summary import rule_lines, work_list_lines

    yield from work_list_lines(report.extra.get("work_list") or [])
    yield from rule_lines(report.extra.get("rules") or [])
    errors, warnings, infos = counts.get("error", 0), counts.get("warning", 0), counts.get("info", 0)
    n = report.files_checked
    files = ngettext("{n} file", "{n} files", n).format(n=n)
    target = report.prefix or "."
    silenced = ngettext("; {n} finding suppressed inline", "; {n} findings suppressed inline",
                        len(report.suppressed)).format(n=len(report.suppressed)) if report.suppressed else ""
    counts_text = _("{errors}, {warnings}, {notes}").format(
        errors=ngettext("{n} error", "{n} errors", errors).format(n=errors),
        warnings=ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings),
        notes=ngettext("{n} note", "{n} notes", infos).format(n=infos))
    if errors:
        yield [("✗ ", "bold red"), (_("{target}: {counts} in {files} checked{suppressed}").format(
            target=target, counts=counts_text, files=files, suppressed=silenced), None)]
    else:
        if warnings or infos:
            tail = _(" ({warnings}, {notes})").format(
                warnings=ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings),
                notes=ngettext("{n} note", "{n} notes", infos).format(n=infos))
        else:
            tail = ""
        verdict = _("{target} is valid: {files} checked{tail}{suppressed}") if report.command == "validate" \
            else _("{target} passes lint: {files} checked{tail}{suppressed}")
        yield [("✓ ", "bold green"), (verdict.format(target=target, files=files, tail=tail, suppressed=silenced),
                                       None)]


def _token_width(src: str, start: int) -> int:
    end = start
    while end < len(src) and not src[end].isspace():
        end += 1
    return max(1, min(end - start, 60))


def render(report: Report) -> str:
    return render_segments(_lines(report), report.color)


def render_segments(lines, color: bool) -> str:
    """Lines of (text, style) segments as plain text, or coloured with rich for a terminal. Every segment
    passes through `safetext.visible`: a control character a user wrote never reaches the terminal, and
    a line feed inside a value cannot start a line of its own."""
    lines = [[(visible(text), style) for text, style in line] for line in lines]
    if not color:
        return "".join("".join(text for text, _ in line) + "\n" for line in lines)
    from io import StringIO

    from rich.console import Console
    from rich.text import Text

    buf = StringIO()
    console = Console(file=buf, force_terminal=True, color_system="standard", highlight=False, soft_wrap=True,
                      emoji=False)
    for line in lines:
        console.print(Text.assemble(*[(t, s) if s else t for t, s in line]))
    return TerminalText(buf.getvalue())
