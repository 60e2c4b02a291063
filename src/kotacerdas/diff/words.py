"""Word-level differences of long text, so a reviewer sees the three words that changed in a paragraph
instead of the paragraph twice.

Bounded whatever the text (issue 19: 30 MB of punctuation took over 300 s and 3 GB): the common start and
end are taken off first (linear); difflib (cubic in the worst case) only matches runs within a fixed
budget of token pairs, a long middle sentence by sentence first (`_Budget`); what no budget is left for,
and texts above `MAX_TOKENISED_CHARS` (never cut into tokens at all, compared by their common start and
end), are shown as one removed and one added part; and a part longer than
`MAX_SEGMENT_CHARS` is shown by its start and end around "… N characters …". The old and new values of
a change always keep the whole text."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from itertools import islice

from ..i18n import _

# Text with more words than this (on either side) gets a word diff.
LONG_TEXT_WORDS = 8
# Above these bounds the linear fallbacks apply (see the module's docstring).
MAX_DIFF_PAIRS = 90_000  # one matcher run: tokens (or sentences) of one side times the other's
MAX_DIFF_WORK = 400_000  # all matcher runs of one word diff together
MAX_SENTENCES = 2_000  # a side, for matching sentence by sentence
MAX_TOKENISED_CHARS = 200_000
MAX_SEGMENT_CHARS = 2_000
SEGMENT_CONTEXT_CHARS = 400  # kept at each end of a shortened part
MAX_PAIRED_TEXTS = 10_000  # rewritten list elements (removed x added) paired by similarity, at most
MAX_SIMILARITY_WORDS = 2_000  # above: similarity by shared words (linear), not by their order

_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\S+")


def normalise(text: str) -> str:
    """Whitespace does not carry meaning in plan text: re-wrapping a paragraph is not a change."""
    return _SPACE.sub(" ", text).strip()


def _more_words_than(text: str, n: int) -> bool:
    return sum(1 for _ in islice(_WORD.finditer(text), n + 1)) > n


def is_long(old: str, new: str) -> bool:
    return _more_words_than(old, LONG_TEXT_WORDS) or _more_words_than(new, LONG_TEXT_WORDS)


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
    the original spacing is kept; formatters put one space between segments. Bounded in time and memory
    whatever the text (see the module's docstring)."""
    if len(old) + len(new) > MAX_TOKENISED_CHARS:
        return _by_characters(old, new)
    a, b = tokens(old), tokens(new)
    start = 0
    while start < len(a) and start < len(b) and a[start][1] == b[start][1]:
        start += 1
    end = 0
    while end < len(a) - start and end < len(b) - start and a[-1 - end][1] == b[-1 - end][1]:
        end += 1
    out: list[tuple[str, str]] = [("=", join(a[:start]))] if start else []
    _Budget(MAX_DIFF_WORK).middle(a[start:len(a) - end], b[start:len(b) - end], out)
    if end:
        out.append(("=", join(a[len(a) - end:])))
    return _shorten(out)


class _Budget:
    """difflib's matcher is cubic in the worst case (many repeated tokens): on tokens it only ever sees two
    runs whose lengths multiply to at most MAX_DIFF_PAIRS, and all its token runs together at most `work`
    pairs. A longer middle is matched sentence by sentence first: each sentence made unique by its
    occurrence number (so the matcher is at most quadratic), at most MAX_SENTENCES a side; the changed
    sentences then get a word diff from what is left of the budget. What no budget is left for is shown as
    removed and added. Deterministic: the same text, the same segments."""

    def __init__(self, work: int) -> None:
        self.left = work

    def _token_opcodes(self, x: list[str], y: list[str]):
        if len(x) * len(y) > min(MAX_DIFF_PAIRS, self.left):
            return None
        self.left -= max(len(x) * len(y), 1)
        return difflib.SequenceMatcher(None, x, y, autojunk=False).get_opcodes()

    def middle(self, a: list[tuple[str, str]], b: list[tuple[str, str]], out: list[tuple[str, str]],
               by_sentence: bool = True) -> None:
        if not a or not b:
            out += [(op, join(part)) for op, part in (("-", a), ("+", b)) if part]
            return
        ops = self._token_opcodes([w for _, w in a], [w for _, w in b])
        if ops is not None:
            _append(out, ops, a, b)
            return
        sa, sb = _sentences(a), _sentences(b)
        if not by_sentence or len(sa) + len(sb) < 3 or len(sa) > MAX_SENTENCES or len(sb) > MAX_SENTENCES:
            out += [("-", join(a)), ("+", join(b))]
            return
        matcher = difflib.SequenceMatcher(None, _numbered(sa), _numbered(sb), autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                out.append(("=", join([t for s in sa[i1:i2] for t in s])))
            else:
                self.middle([t for s in sa[i1:i2] for t in s], [t for s in sb[j1:j2] for t in s], out, False)


def _append(out, ops, a, b) -> None:
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            out.append(("=", join(a[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            out.append(("-", join(a[i1:i2])))
        if tag in ("insert", "replace"):
            out.append(("+", join(b[j1:j2])))


def _numbered(sentences: list[list[tuple[str, str]]]) -> list[tuple[str, int]]:
    """Each sentence's words with how often the same sentence came before: every element unique."""
    seen: Counter[str] = Counter()
    out = []
    for s in sentences:
        text = " ".join(w for _, w in s)
        out.append((text, seen[text]))
        seen[text] += 1
    return out


def _sentences(run: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    """Tokens cut after each full stop, question or exclamation mark, and before each line break."""
    out: list[list[tuple[str, str]]] = [[]]
    for space, word in run:
        if "\n" in space and out[-1]:
            out.append([])
        out[-1].append((space, word))
        if word in (".", "!", "?"):
            out.append([])
    return [s for s in out if s]


def _common_prefix(a: str, b: str) -> int:
    """Length of the common start of two strings, by halving (slice comparisons run at C speed)."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _by_characters(old: str, new: str) -> list[tuple[str, str]]:
    """Common start, removed middle, added middle, common end, cut at whitespace: never tokenised."""
    start = _common_prefix(old, new)
    while start and not old[start - 1].isspace():  # back to the start of the word
        start -= 1
    rest_a, rest_b = old[start:], new[start:]
    end = _common_prefix(rest_a[::-1], rest_b[::-1])
    while end and not rest_a[len(rest_a) - end].isspace():
        end -= 1
    parts = [("=", old[:start]), ("-", rest_a[:len(rest_a) - end]), ("+", rest_b[:len(rest_b) - end]),
             ("=", rest_a[len(rest_a) - end:])]
    return [(op, _shortened(text, normalise)) for op, text in parts if text and not text.isspace()]


def _shortened(text: str, clean=None) -> str:
    """A part longer than MAX_SEGMENT_CHARS by its start and end; `clean` applies to what is kept only."""
    if len(text) <= MAX_SEGMENT_CHARS:
        return clean(text) if clean else text
    head, tail = text[:SEGMENT_CONTEXT_CHARS], text[-SEGMENT_CONTEXT_CHARS:]
    if clean:
        head, tail = clean(head), clean(tail)
    hidden = len(text) - SEGMENT_CONTEXT_CHARS * 2
    return _("{head} … {count} more characters … {tail}").format(head=head, count=f"{hidden:,}", tail=tail)


def _shorten(segments: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(op, _shortened(text)) for op, text in segments]


def similarity(a: str, b: str) -> float:
    """How alike two texts are, 0..1; symmetric (difflib's ratio alone is not). Above
    MAX_SIMILARITY_WORDS by the words they share, whatever their order (linear)."""
    x, y = a.split(), b.split()
    if len(x) > MAX_SIMILARITY_WORDS or len(y) > MAX_SIMILARITY_WORDS:
        shared = sum((Counter(x) & Counter(y)).values())
        return 2 * shared / (len(x) + len(y))
    forward = difflib.SequenceMatcher(None, x, y, autojunk=False).ratio()
    backward = difflib.SequenceMatcher(None, y, x, autojunk=False).ratio()
    return (forward + backward) / 2
