"""KC111: the plan period covers the RPJMD period it names."""

from __future__ import annotations

from ...i18n import N_, _

from ...editions import current_edition
from ._base import finding

CODE = "KC111"
NAME = "plan-covers-rpjmd"
SEVERITY = "warning"
SUMMARY = N_("The plan period ends before the RPJMD it names ends, or does not overlap it at all.")
RATIONALE = (
    N_("The masterplan feeds the regional medium-term plan (RPJMD) and is usually aligned with its five "
    "years, with a longer outlook. A plan that ends before, or starts after, the RPJMD it cites leaves "
    "RPJMD years without smart-city programmes. A masterplan written in the middle of an RPJMD (starting "
    "after the RPJMD's first year) is normal and is not reported, as long as it runs to the RPJMD's end."
    " With editions, the period of the edition in force is compared with the RPJMD (an earlier edition "
    "ended before it).")
)
BAD = """\
period: {start: 2024, end: 2027}
rpjmd:
  title: RPJMD Kabupaten Garut 2024-2029
  period: {start: 2024, end: 2029}
"""
GOOD = """\
period: {start: 2024, end: 2029}
rpjmd:
  title: RPJMD Kabupaten Garut 2024-2029
  period: {start: 2024, end: 2029}
"""
CURRENT_EDITION = True  # the engine passes the masterplan as its edition in force sees it
OPTIONS = ()


def check(mp, options, as_of):
    if mp.plan is None or mp.plan.item.rpjmd is None:
        return
    plan, rpjmd = mp.plan.item.period, mp.plan.item.rpjmd.period
    if plan.end >= rpjmd.end and plan.start <= rpjmd.end:
        return  # covers the RPJMD from its own start (mid-RPJMD plans are normal) to the RPJMD's end
    key = "start" if plan.start > rpjmd.end else "end"
    loc: tuple = ("period", key)
    edition = current_edition(mp.plan.item)
    if edition is not None:  # the edition in force is what is compared: point at its period
        loc = ("editions", mp.plan.item.editions.index(edition), "period", key)
    yield finding(CODE, SEVERITY, mp.plan.at(*loc),
                  _("plan period {start}–{end} does not cover the RPJMD period {start2}–{end2}")
                  .format(start=plan.start, end=plan.end, start2=rpjmd.start, end2=rpjmd.end),
                  loc=loc, found=f"{plan.start}–{plan.end}",
                  expected=_("a period that runs to {end} or later").format(end=rpjmd.end),
                  hint=_("Extend the plan period, or correct rpjmd.period."))
