"""Word-level differences of long text, so a reviewer sees the three words that changed in a paragraph
instead of the paragraph twice."""

from __future__ import annotations

import difflib
import re

# Text with more words than this (on either side) gets a word diff.
LONG_TEXT_WORDS = 8


def normalise(text: str) -> str:
    """Whitespace does not carry meaning in plan text: re-wrapping a paragraph is not a change."""
    return " ".join(text.split())


def is_long(old: str, new: str) -> bool:
    return len(old.split()) > LONG_TEXT_WORDS or len(new.split()) > LONG_TEXT_WORDS


_TOKEN = re.compile(r"(\s*)([^\W_]+(?:[-'’][^\W_]+)*|\S)")


def tokens(text: str) -> list[tuple[str, str]]:
    """(whitespace before, word or punctuation mark): "saing," is the word "saing" and a comma. The
    whitespace is kept so that a segment prints exactly as written ("1.839,94" stays "1.839,94")."""
    return [(m.group(1), m.group(2)) for m in _TOKEN.finditer(text)]


def join(words: list[tuple[str, str]]) -> str:
    """The text of consecutive tokens with the spacing they were written with."""
    return "".join((" " if space else "") + word for space, word in words).lstrip(" ")


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Segments ("=", text), ("-", removed words), ("+", added words), in reading order. Within a segment
    the original spacing is kept; formatters put one space between segments."""
    a, b = tokens(old), tokens(new)
    out: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, [w for _, w in a], [w for _, w in b], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.append(("=", join(a[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            out.append(("-", join(a[i1:i2])))
        if tag in ("insert", "replace"):
            out.append(("+", join(b[j1:j2])))
    return out


def similarity(a: str, b: str) -> float:
    """How alike two texts are, 0..1; symmetric (difflib's ratio alone is not)."""
    x, y = a.split(), b.split()
    forward = difflib.SequenceMatcher(None, x, y, autojunk=False).ratio()
    backward = difflib.SequenceMatcher(None, y, x, autojunk=False).ratio()
    return (forward + backward) / 2
