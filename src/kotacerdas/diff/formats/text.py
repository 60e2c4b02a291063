"""`--format text`: changes grouped by section, one line per changed field, flags marked with `!`.
Long text shows a word diff in git's style ([-removed-]{+added+}); rich colours it on a terminal."""

from __future__ import annotations

from ..labels import SECTION_TITLES
from ...reporters.text import render_segments
from ..records import DiffResult, FieldChange
from ..rules import rupiah
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
        return rupiah(value)
    return show(value)


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
        body = [("not known", "dim"), (" → ", "dim"), (_shown(fc, fc.new), None)]
    elif fc.change == "removed" and _scalar(fc.old):
        body = [(_shown(fc, fc.old), None), (" → ", "dim"), ("not known", "dim")]
    elif fc.change == "added":
        body = [("+ ", "green"), (show(fc.new), None)]
    elif fc.change == "removed":
        body = [("- ", "red"), (show(fc.old), None)]
    else:
        body = [(_shown(fc, fc.old), None), (" → ", "dim"), (_shown(fc, fc.new), None)]
    return head + body + [(where, "dim")]


def _lines(result: DiffResult):
    yield [("Comparing ", None), (result.old.describe(), "bold"), (" → ", None), (result.new.describe(), "bold")]
    if not result.changes:
        yield [("No planning changes.", None)]
        return
    for section, changes in result.by_section():
        yield []
        yield [(SECTION_TITLES["en"][section], "bold underline")]
        for c in changes:
            mark, style = _MARK[c.change]
            moved = f" (was {c.old_path})" if c.old_path and c.old_path != c.path and c.change == "modified" else ""
            yield [("  ", None), (mark, style), (" ", None), (c.id, "bold"), (f"  {c.name}", None),
                   (f"  {c.path}{moved}", "dim")]
            for fc in c.fields:
                yield _field(fc)
            for f in c.flags:
                yield [("      ", None), ("! ", _STYLE[f.severity]), (f"{f.severity} {f.rule}", _STYLE[f.severity]),
                       (f": {f.message('en')}", None)]
    n = result.counts()
    fl = result.flag_counts()
    yield []
    total = sum(n.values())
    yield [(f"{total} change{'s' if total != 1 else ''}: {n['added']} added, {n['removed']} removed, "
            f"{n['modified']} modified; flagged: {_plural(fl['error'], 'error')}, "
            f"{_plural(fl['warning'], 'warning')}, {fl['info']} info", None)]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def render(result: DiffResult, color: bool = False, **_) -> str:
    return render_segments(_lines(result), color)
