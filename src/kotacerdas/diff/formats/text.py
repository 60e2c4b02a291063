"""`--format text`: changes grouped by section, one line per changed field, flags marked with `!`.
Long text shows a word diff in git's style ([-removed-]{+added+}); rich colours it on a terminal."""

from __future__ import annotations

from ...i18n import _, current_language, ngettext
from ...render.formatting import Formatter
from ...reporters.text import render_segments
from ..labels import SECTION_TITLES
from ..records import DiffResult, FieldChange
from . import show

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_MARK = {"added": ("+", "green"), "removed": ("-", "red"), "modified": ("~", "yellow")}


def _words(fc: FieldChange):
    out: list[tuple[str, str | None]] = []  # (text, style)
    for op, text in fc.words or []:
        if out and text[:1] not in ",.;:!?)":
            out.append((" ", None))
        if op == "=":
            out.append((text, None))
        elif op == "-":
            out.append((f"[-{text}-]", "red"))
        else:
            out.append((f"{{+{text}+}}", "green"))
    return out


def _scalar(value) -> bool:
    return not isinstance(value, (list, dict)) and value is not None


def _shown(fc: FieldChange, value) -> str:
    if fc.segments and fc.segments[-1].name in ("amount", "budget_realisation") and isinstance(value, int):
        return Formatter(_lang()).money(value)  # Rp5.150.000.000 in Indonesian, Rp5,150,000,000 in English
    if isinstance(value, float) and not value.is_integer():
        return Formatter(_lang()).number(value, 6)  # 55,5 in Indonesian, 55.5 in English
    return show(value)


def _lang() -> str:
    """The language of the run (this format has no --lang of its own; Markdown has)."""
    return "id" if current_language() == "id" else "en"


def _field(fc: FieldChange):
    where = f"  ({fc.file}:{fc.line})" if fc.file and fc.line else ""
    head = [("      ", None), (fc.path, "bold"), (": ", None)]
    if fc.element:
        if fc.change == "added":
            body = [("+ ", "green"), (show(fc.new), None)]
        elif fc.change == "removed":
            body = [("- ", "red"), (show(fc.old), None)]
        else:
            body = [("~ ", "yellow")] + (_words(fc) or [(show(fc.old), None), (" → ", "dim"), (show(fc.new), None)])
    elif fc.words:
        body = _words(fc)
    elif fc.change == "added" and _scalar(fc.new):  # a value written where there was none: it was not known
        body = [(_("not known"), "dim"), (" → ", "dim"), (_shown(fc, fc.new), None)]
    elif fc.change == "removed" and _scalar(fc.old):
        body = [(_shown(fc, fc.old), None), (" → ", "dim"), (_("not known"), "dim")]
    elif fc.change == "added":
        body = [("+ ", "green"), (show(fc.new), None)]
    elif fc.change == "removed":
        body = [("- ", "red"), (show(fc.old), None)]
    else:
        body = [(_shown(fc, fc.old), None), (" → ", "dim"), (_shown(fc, fc.new), None)]
    return head + body + [(where, "dim")]


def _lines(result: DiffResult):
    lang = _lang()
    yield [(_("Comparing "), None), (result.old.describe(), "bold"), (" → ", None), (result.new.describe(), "bold")]
    if not result.changes:
        yield [(_("No planning changes."), None)]
        return
    for section, changes in result.by_section():
        yield []
        yield [(SECTION_TITLES[lang][section], "bold underline")]
        for c in changes:
            mark, style = _MARK[c.change]
            moved = _(" (was {path})").format(path=c.old_path) \
                if c.old_path and c.old_path != c.path and c.change == "modified" else ""
            yield [("  ", None), (mark, style), (" ", None), (c.id, "bold"), (f"  {c.name}", None),
                   (f"  {c.path}{moved}", "dim")]
            for fc in c.fields:
                yield _field(fc)
            for f in c.flags:
                yield [("      ", None), ("! ", _STYLE[f.severity]), (f"{f.severity} {f.rule}", _STYLE[f.severity]),
                       (f": {f.message(lang)}", None)]
    n = result.counts()
    fl = result.flag_counts()
    yield []
    total = sum(n.values())
    yield [(ngettext("{total} change: {added} added, {removed} removed, {modified} modified; flagged: {errors}, "
                     "{warnings}, {info} info", "{total} changes: {added} added, {removed} removed, {modified} "
                     "modified; flagged: {errors}, {warnings}, {info} info", total)
            .format(total=total, added=n["added"], removed=n["removed"], modified=n["modified"], info=fl["info"],
                    errors=ngettext("{n} error", "{n} errors", fl["error"]).format(n=fl["error"]),
                    warnings=ngettext("{n} warning", "{n} warnings", fl["warning"]).format(n=fl["warning"])),
            None)]


def render(result: DiffResult, color: bool = False, **_) -> str:
    return render_segments(_lines(result), color)
