"""KC117: funding years lie within the programme's own start–end."""

from __future__ import annotations

from ...i18n import N_, _

from ._base import finding

CODE = "KC117"
NAME = "funding-outside-years"
SEVERITY = "error"
SUMMARY = N_("A funding line's year lies outside the programme's start–end years.")
RATIONALE = (
    N_("Money budgeted in a year the programme does not run is either a typo in the year or a programme whose "
    "dates were changed without its budget. Both make the budget table of Buku II wrong.")
)
BAD = """\
start: 2024
end: 2025
funding:
  - {source: apbd, year: 2026, amount: 100000000}
"""
GOOD = """\
start: 2024
end: 2026
funding:
  - {source: apbd, year: 2026, amount: 100000000}
"""
OPTIONS = ()


def check(mp, options, as_of):
    for src in mp.programmes:
        p = src.item
        for i, line in enumerate(p.funding):
            early = p.start is not None and line.year < p.start
            late = p.end is not None and line.year > p.end
            if early or late:
                span = f"{p.start or '…'}–{p.end or '…'}"
                yield finding(CODE, SEVERITY, src.at("funding", i, "year"),
                              _("{id}: funding year {year} is outside the programme's years {span}")
                              .format(id=p.id, year=line.year, span=span),
                              loc=("funding", i, "year"), found=str(line.year),
                              expected=_("a year within {span}").format(span=span),
                              hint=_("Correct the funding year, or the programme's start/end."))
