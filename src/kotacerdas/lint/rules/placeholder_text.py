"""KC118: no placeholder text (TODO, TBD, lorem, "-", "...", "xxx") in the plan's text fields."""

from __future__ import annotations

from ...i18n import N_, _

import re

from ...diagnostics import field_path
from ._base import Option, finding, text_values

CODE = "KC118"
NAME = "placeholder-text"
SEVERITY = "warning"
SUMMARY = N_('A text field holds a placeholder such as [ISI], TODO, TBD, lorem ipsum, "-", "..." or "xxx".')
RATIONALE = (
    N_("Drafts fill gaps with TODO, a dash or three dots and mean to come back. Such text passes the format "
    "check (it is text) but ends up printed in the books the region signs. Every name, description and "
    "narrative in the YAML files is checked; ids and codes are not. `[ISI]` (\"fill in\") is what "
    "`kotacerdas init` writes where officers must write the real text.")
)
BAD = """\
problem: TODO
outcome: "-"
"""
GOOD = """\
problem: Layanan perizinan masih tatap muka.
outcome: Waktu layanan perizinan turun menjadi 3 hari.
"""
OPTIONS = (
    Option("words", ["TODO", "TBD", "lorem", "xxx", "FIXME", "[ISI]"],
           N_("Words that mark a placeholder anywhere in a text (whole words, any case).")),
    Option("values", ["-", "--", "...", "…", "?", "n/a"],
           N_("Texts that are placeholders when they are the whole value.")),
)

_CACHE: dict = {}


def _pattern(words: tuple[str, ...]):
    if words not in _CACHE:
        # Whole words: a word-character edge needs a boundary; a bracket edge (`[ISI]Tujuan`) is one itself.
        alternatives = "|".join(
            ("(?<![\\w])" if re.match(r"\w", w) else "") + re.escape(w) + ("(?![\\w])" if re.search(r"\w$", w) else "")
            for w in words if w) or r"(?!x)x"
        _CACHE[words] = re.compile(f"({alternatives})", re.IGNORECASE)
    return _CACHE[words]


def placeholder_in(text: str, words: tuple[str, ...], values: frozenset[str]) -> str | None:
    """The placeholder found in `text`, or None."""
    stripped = text.strip()
    if stripped.lower() in values:
        return stripped
    m = _pattern(words).search(text)
    return m.group(0) if m else None


def check(mp, options, as_of):
    words = tuple(options["words"])
    values = frozenset(v.lower() for v in options["values"])
    for doc, loc, text in text_values(mp):
        found = placeholder_in(text, words, values)
        if found is None:
            continue
        line, col = doc.locate(loc)
        yield finding(CODE, SEVERITY, (doc.path, line, col), _("placeholder text '{found}' in {field_path}")
                                                             .format(found=found, field_path=field_path(loc)),
                      loc=loc, found=_short(text), expected=_("the real text"),
                      hint=_("Write the actual content, or remove the optional field until it is known."))


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return f'"{text}"' if len(text) <= limit else f'"{text[: limit - 1]}…"'
