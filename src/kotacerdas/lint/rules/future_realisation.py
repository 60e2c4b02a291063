"""KC126: no realisation recorded for a year that has not begun."""

from __future__ import annotations

from ...i18n import N_, _

from ._base import finding

CODE = "KC126"
NAME = "future-realisation"
SEVERITY = "warning"
SUMMARY = N_("A realisation is recorded for a year after the current one (per --as-of).")
RATIONALE = (
    N_("A realisation is what was achieved; it cannot exist for a year that has not started. It is usually "
    "a target typed into the wrong field, or a row under the wrong year.")
)
BAD = """\
# linted with --as-of 2026-11-22
targets:
  - {year: 2028, target: 90, realisation: 90}
"""
GOOD = """\
targets:
  - {year: 2028, target: 90}
"""
OPTIONS = ()


def check(mp, options, as_of):
    for src in mp.indicators:
        ind = src.item
        for i, t in enumerate(ind.targets):
            if t.realisation is not None and t.year > as_of.year:
                yield finding(CODE, SEVERITY, src.at("targets", i, "realisation"),
                              _("{id}: realisation recorded for {year}, which has not begun")
                              .format(id=ind.id, year=t.year),
                              loc=("targets", i, "realisation"), found=_("year {year}").format(year=t.year),
                              expected=_("realisations for {year} or earlier (as of {isoformat})")
                                       .format(year=as_of.year, isoformat=as_of.isoformat()),
                              hint=_("Move the value to `target`, or to the right year."))
