"""`--format markdown`: a review comment (pull request, merge request) and, with `heading=False`, the body
of the "Riwayat Perubahan" chapter of a rendered masterplan. Indonesian by default, English with lang="en"."""

from __future__ import annotations

from ...safetext import visible
from ..labels import CHANGE_WORDS, SECTION_TITLES, SEVERITY_WORDS, TEXT, field_label
from ..records import Change, DiffResult, FieldChange, Side
from ...render.formatting import Formatter
from . import show


def _esc(text: str) -> str:
    """Plain text safe inside Markdown (and inside table cells), control characters made visible."""
    out = visible(text).replace("\\", "\\\\")
    for ch in "`*_[]<>|~":
        out = out.replace(ch, "\\" + ch)
    return out


def _value(lang: str, fc: FieldChange, value, t: dict) -> str:
    if value is None:
        return t["none"]
    if fc.segments and fc.segments[-1].name == "amount" and isinstance(value, int):
        return Formatter(lang).money(value)  # Rp5.150.000.000 in Indonesian, Rp5,150,000,000 in English
    if isinstance(value, float) and not value.is_integer():
        return Formatter(lang).number(value, 6)  # 3,9 in Indonesian, 3.9 in English
    return _esc(show(value, t["none"]))


def _scalar(value) -> bool:
    return not isinstance(value, (list, dict)) and value is not None


def _words(fc: FieldChange) -> str:
    out = ""
    for op, text in fc.words or []:
        # Emphasis next to punctuation needs a space before it to open (CommonMark flanking rules).
        if out and (text[:1] not in ",.;:!?)" or op != "="):
            out += " "
        out += _esc(text) if op == "=" else (f"~~{_esc(text)}~~" if op == "-" else f"**{_esc(text)}**")
    return out


def _field(section: str, fc: FieldChange, lang: str) -> str:
    t = TEXT[lang]
    label = _esc(field_label(section, fc.segments, lang))
    if fc.words:
        return f"- {label}: {_words(fc)}"
    if not fc.element and fc.change in ("added", "removed") and _scalar(fc.new if fc.change == "added" else fc.old):
        # a single value written or taken out: it was (or is now) not known, which is not "nothing"
        if fc.change == "added":
            return f"- {label}: {t['unknown']} → {_value(lang, fc, fc.new, t)}"
        return f"- {label}: {_value(lang, fc, fc.old, t)} → {t['unknown']}"
    if fc.change == "added":
        word = t["element_added"] if fc.element else CHANGE_WORDS[lang]["added"]
        return f"- {label} ({word}): {_value(lang, fc, fc.new, t)}"
    if fc.change == "removed":
        word = t["element_removed"] if fc.element else CHANGE_WORDS[lang]["removed"]
        return f"- {label} ({word}): ~~{_value(lang, fc, fc.old, t)}~~"
    return f"- {label}: {_value(lang, fc, fc.old, t)} → {_value(lang, fc, fc.new, t)}"


def _code(text: str) -> str:
    """An inline code span (no escapes apply inside one)."""
    text = visible(text)
    fence = "``" if "`" in text else "`"
    pad = " " if "`" in text else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def side_text(side: Side, lang: str) -> str:
    if side.kind == "revision":
        short = f" ({side.commit[:10]})" if side.commit else ""
        return f"{_code(side.label)}{short}"
    if side.kind == "worktree":
        return TEXT[lang]["working_tree"]
    return _code(side.label)


def _change(c: Change, lang: str) -> list[str]:
    word = CHANGE_WORDS[lang][c.change].capitalize()
    title = _esc(c.name) if c.section == "plan" else f"{_esc(c.id)} {_esc(c.name)}"
    lines = [f"- **{word}: {title}** ({_code(c.path)})"]
    for fc in c.fields:
        lines.append("  " + _field(c.section, fc, lang))
    for f in c.flags:
        lines.append(f"  - ⚠ {SEVERITY_WORDS[lang][f.severity]} (`{f.rule}`): {_esc(f.message(lang))}")
    return lines


def body(result: DiffResult, lang: str = "id", level: int = 2) -> str:
    """The Markdown body: comparison line, summary, flagged changes, then one heading per section.
    `level` is the heading level of the sections."""
    t = TEXT[lang]
    h = "#" * level
    out = [f"{t['compared']}: {side_text(result.old, lang)} → {side_text(result.new, lang)}.", ""]
    if not result.changes:
        out.append(t["no_changes"])
        return "\n".join(out) + "\n"
    n, fl = result.counts(), result.flag_counts()
    cw, sw = CHANGE_WORDS[lang], SEVERITY_WORDS[lang]
    out.append(f"**{t['summary']}:** {n['added']} {cw['added']}, {n['removed']} {cw['removed']}, "
               f"{n['modified']} {cw['modified']}; {t['flagged']}: {fl['error']} {sw['error']}, "
               f"{fl['warning']} {sw['warning']}, {fl['info']} {sw['info']}.")
    flagged = [(c, f) for c in result.changes for f in c.flags]
    if flagged:
        flagged.sort(key=lambda cf: (-{"error": 3, "warning": 2, "info": 1}[cf[1].severity], cf[0].sort_key()))
        out += ["", f"{h} {t['attention']}", "",
                f"| {t['severity']} | {t['rule']} | {t['item']} | {t['note']} |", "|---|---|---|---|"]
        for c, f in flagged:
            titles = SECTION_TITLES[lang]
            item = f"{titles[c.section]} {_esc(c.id)}" if c.section != "plan" else titles["plan"]
            out.append(f"| {sw[f.severity]} | `{f.rule}` | {item} | {_esc(f.message(lang))} |")
    for section, changes in result.by_section():
        out += ["", f"{h} {SECTION_TITLES[lang][section]}", ""]
        for c in changes:
            out += _change(c, lang)
    return "\n".join(out) + "\n"


def render(result: DiffResult, lang: str = "id", **_) -> str:
    return f"## {TEXT[lang]['title']}\n\n" + body(result, lang, level=3)
