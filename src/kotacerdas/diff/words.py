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


_TOKEN = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*|\S")
_NO_SPACE_BEFORE = set(",.;:!?)]}%")
_NO_SPACE_AFTER = set("([{")


def tokens(text: str) -> list[str]:
    """Words and punctuation marks: "saing," is the word "saing" and a comma."""
    return _TOKEN.findall(text)


def join(words: list[str]) -> str:
    out = ""
    for w in words:
        if out and w not in _NO_SPACE_BEFORE and out[-1] not in _NO_SPACE_AFTER:
            out += " "
        out += w
    return out


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Segments ("=", text), ("-", removed words), ("+", added words), in reading order."""
    a, b = tokens(old), tokens(new)
    out: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
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
