"""KC110: a programme funded from Dana Desa is coordinated with villages before December of the year
before it starts."""

from __future__ import annotations

from ...i18n import N_, _

import datetime as _dt

from ._base import finding

CODE = "KC110"
NAME = "dana-desa-coordination"
SEVERITY = "warning"
SUMMARY = N_("A Dana Desa programme has no village-coordination milestone before December of the year before it "
             "starts.")
RATIONALE = (
    N_("Village budgets (APBDes) are planned a year ahead. Tuban's regional secretary warned that coordination "
    "with villages must finish before December, or the programme slips a year. A programme with a "
    "`dana-desa` funding line needs a milestone of kind `village-coordination` dated before 1 December of "
    "the year before its start year.")
)
BAD = """\
start: 2025
funding:
  - {source: dana-desa, year: 2025, amount: 50000000}
milestones:
  - {title: Musyawarah desa, date: 2024-12-10, kind: village-coordination}
"""
GOOD = """\
start: 2025
funding:
  - {source: dana-desa, year: 2025, amount: 50000000}
milestones:
  - {title: Musyawarah desa, date: 2024-10-15, kind: village-coordination}
"""
OPTIONS = ()


def check(mp, options, as_of):
    for src in mp.programmes:
        p = src.item
        village = [(f.year, i) for i, f in enumerate(p.funding) if f.source == "dana-desa"]
        if not village:
            continue
        first, line = min(village)  # the first year Dana Desa pays, not the programme's own first year
        deadline = _dt.date(first - 1, 12, 1)
        coordination = [(i, m) for i, m in enumerate(p.milestones) if m.kind == "village-coordination"]
        if not coordination:
            yield finding(CODE, SEVERITY, src.at("funding", line, "source"),
                          _("{id} is funded from Dana Desa but has no village-coordination milestone")
                          .format(id=p.id),
                          loc=("milestones",), found=_("no milestone with kind: village-coordination"),
                          expected=_("a village-coordination milestone before {isoformat}")
                                   .format(isoformat=deadline.isoformat()),
                          hint=_("Add a milestone `kind: village-coordination` (musyawarah desa) dated before "
                                 "December {value}, so villages can put it in their {first} APBDes.")
                               .format(value=first - 1, first=first))
        elif not any(m.date < deadline for _, m in coordination):
            i, m = min(coordination, key=lambda c: c[1].date)
            yield finding(CODE, SEVERITY, src.at("milestones", i, "date"),
                          _("{id}: village coordination on {isoformat} is too late for Dana Desa in {first}")
                          .format(id=p.id, isoformat=m.date.isoformat(), first=first),
                          loc=("milestones", i, "date"), found=m.date.isoformat(),
                          expected=_("a date before {isoformat}").format(isoformat=deadline.isoformat()),
                          hint=_("Move the coordination before December {value}, or plan the Dana Desa share from "
                                 "{value2}.")
                               .format(value=first - 1,
                                       value2=m.date.year + 2 if m.date.month == 12 else m.date.year + 1))
