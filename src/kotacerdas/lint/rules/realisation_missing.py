"""KC108: a year that has passed has its realisation recorded."""

from __future__ import annotations

from ...i18n import N_, _

from ._base import finding, passed_years

CODE = "KC108"
NAME = "realisation-missing"
SEVERITY = "warning"
SUMMARY = N_("A target year that has passed (per --as-of) has no realisation.")
RATIONALE = (
    N_("Targets are monitored and evaluated every year. Once a fiscal year has ended, the masterplan should "
    "record what was actually achieved (`realisation`), so that missed targets can be explained and the "
    "next years adjusted. The date is `--as-of` (default today), so results are reproducible.")
)
BAD = """\
# linted with --as-of 2026-03-01
targets:
  - {year: 2025, target: 60}
"""
GOOD = """\
targets:
  - {year: 2025, target: 60, realisation: 64}
"""
OPTIONS = ()


def check(mp, options, as_of):
    last = passed_years(as_of)
    for src in mp.indicators:
        ind = src.item
        for i, t in enumerate(ind.targets):
            if t.year <= last and t.target is not None and t.realisation is None:
                yield finding(CODE, SEVERITY, src.at("targets", i, "year"),
                              _("{id}: year {year} has passed but has no realisation")
                              .format(id=ind.id, year=t.year),
                              loc=("targets", i, "realisation"), found=_("no realisation"),
                              expected=_("the value achieved in {year}").format(year=t.year),
                              hint=_("Add `realisation: …` under year {year} (as of {isoformat}).")
                                   .format(year=t.year, isoformat=as_of.isoformat()))
