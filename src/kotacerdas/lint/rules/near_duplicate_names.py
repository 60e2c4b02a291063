"""KC121: two programmes with nearly the same name."""

from __future__ import annotations

import math
from difflib import SequenceMatcher

from ._base import Option, finding
from ...i18n import N_, _

CODE = "KC121"
NAME = "near-duplicate-names"
SEVERITY = "warning"
SUMMARY = N_("Two programmes have nearly the same name (difflib ratio at or above the threshold, default 0.9).")
RATIONALE = (
    N_("When OPDs submit their Renstra programmes in Bimtek II, the same innovation often arrives twice with a "
    "slightly different name from two offices. Duplicates double-count budgets and indicators; merge them "
    "into one programme with one owner and the other office supporting.")
)
BAD = """\
# programmes/a.yaml: name: Mal Pelayanan Publik Digital
# programmes/b.yaml: name: Mall Pelayanan Publik Digital
"""
GOOD = """\
# programmes/a.yaml: name: Mal Pelayanan Publik Digital (one programme, supporting: [DPMPTSP])
"""
OPTIONS = (Option("ratio", 0.9, N_("Similarity (0–1) from which two names count as near-duplicates."),
                  minimum=0.5, maximum=1.0),)


# Candidates are found through an index of each name's rarest letter triples (a prefix filter on padded
# trigrams, exact: a pair at or above the ratio always shares one), so the rule grows close to linearly
# with the number of programmes instead of comparing every pair (1,500 names that share their letters
# took 70 s). Names built only of very common triples could still meet every other name: each name visits
# at most MAX_VISITS index entries and verifies at most MAX_VERIFIED earlier names (those sharing most of
# its rare triples), so a near-duplicate among thousands of names alike in every letter can be missed.
Q = 3
MAX_VISITS = 1_000
MAX_VERIFIED = 40


def _grams(name: str) -> list[tuple[str, int]]:
    """Padded trigrams, numbered by occurrence so a multiset becomes a set."""
    padded = "\x00" * (Q - 1) + name + "\x00" * (Q - 1)
    seen: dict[str, int] = {}
    out = []
    for i in range(len(padded) - Q + 1):
        g = padded[i:i + Q]
        seen[g] = seen.get(g, 0) + 1
        out.append((g, seen[g]))
    return out


def _min_overlap(la: int, t: float) -> int:
    """The fewest trigrams a name of length la shares with any name whose difflib ratio with it is >= t.
    ratio = 2M/(la+lb) for M matched characters, so the edit distance k <= la + lb - 2M, and two names
    k edits apart share at least max(la, lb) + Q - 1 - Q*k padded trigrams (Ukkonen's q-gram lemma)."""
    lo, hi = math.ceil(la * t / (2 - t) - 1e-9), math.floor(la * (2 - t) / t + 1e-9)  # lengths within reach
    best = la + Q - 1
    for lb in range(max(lo, 0), hi + 1):
        matched = math.ceil(t * (la + lb) / 2 - 1e-9)
        if matched > min(la, lb):
            continue
        k = la + lb - 2 * matched
        best = min(best, max(la, lb) + Q - 1 - Q * k)
    return best


def _candidates(names: list[str], t: float):
    """For each name j, the earlier names i < j (in order) that may reach the ratio."""
    grams = [_grams(n) for n in names]
    freq: dict[tuple[str, int], int] = {}
    for gs in grams:
        for g in gs:
            freq[g] = freq.get(g, 0) + 1
    index: dict[tuple[str, int], list[int]] = {}
    loose: list[int] = []  # names so short (or a ratio so low) that a partner may share no trigram at all
    for j, gs in enumerate(grams):
        need = _min_overlap(len(names[j]), t)
        if need <= 0:
            yield j, list(range(min(j, MAX_VERIFIED)))
            loose.append(j)
            continue
        ordered = sorted(gs, key=lambda g: (freq[g], g))
        prefix = ordered[:len(gs) - need + 1]
        found: dict[int, int] = dict.fromkeys(loose[:MAX_VERIFIED], 0)  # earlier name -> rare triples shared
        visits = len(found)
        for g in prefix:
            for i in index.get(g, ()):
                found[i] = found.get(i, 0) + 1
                visits += 1
                if visits >= MAX_VISITS:
                    break
            if visits >= MAX_VISITS:
                break
        if len(found) > MAX_VERIFIED:  # the names sharing most of the rare triples, the earliest on a tie
            found = dict.fromkeys(sorted(found, key=lambda i: (-found[i], i))[:MAX_VERIFIED], 0)
        yield j, sorted(found)
        for g in prefix:
            index.setdefault(g, []).append(j)


def check(mp, options, as_of):
    threshold = options["ratio"]
    names = [(" ".join(p.item.name.lower().split()), p) for p in mp.programmes if p.item.name is not None]
    matcher = SequenceMatcher(autojunk=False)
    for j, earlier in _candidates([n for n, _programme in names], threshold):
        name_b, b = names[j]
        matcher.set_seq2(name_b)
        for i in earlier:
            name_a, a = names[i]
            matcher.set_seq1(name_a)
            if (matcher.real_quick_ratio() >= threshold and matcher.quick_ratio() >= threshold
                    and matcher.ratio() >= threshold):
                line = a.at("name")[1]
                yield finding(CODE, SEVERITY, b.at("name"),
                              _("{id} '{name}' nearly repeats {id2} '{name2}'")
                              .format(id=b.item.id, name=b.item.name, id2=a.item.id, name2=a.item.name),
                              loc=("name",), found=_("similarity {ratio:.2f}").format(ratio=matcher.ratio()),
                              expected=_("distinct names (similarity below {threshold})")
                                       .format(threshold=threshold),
                              hint=_("If they are one programme, merge them (see {path}:{line}); otherwise name "
                                     "what makes each one different.").format(path=a.path, line=line))
                break
