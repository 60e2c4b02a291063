"""KC121: two programmes with nearly the same name."""

from __future__ import annotations

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


def check(mp, options, as_of):
    threshold = options["ratio"]
    names = [(" ".join(p.item.name.lower().split()), p) for p in mp.programmes if p.item.name is not None]
    matcher = SequenceMatcher(autojunk=False)
    for j in range(1, len(names)):
        name_b, b = names[j]
        matcher.set_seq2(name_b)
        for i in range(j):
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
