"""KC111: the plan period covers the RPJMD period it names."""

from __future__ import annotations

from ._base import finding

CODE = "KC111"
NAME = "plan-covers-rpjmd"
SEVERITY = "warning"
SUMMARY = "The plan period does not cover the period of the RPJMD it names."
RATIONALE = (
    "The masterplan feeds the regional medium-term plan (RPJMD) and is usually aligned with its five "
    "years, with a longer outlook. A plan that ends before, or starts after, the RPJMD it cites leaves "
    "RPJMD years without smart-city programmes."
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
OPTIONS = ()


def check(mp, options, as_of):
    if mp.plan is None or mp.plan.item.rpjmd is None:
        return
    plan, rpjmd = mp.plan.item.period, mp.plan.item.rpjmd.period
    if plan.start <= rpjmd.start and plan.end >= rpjmd.end:
        return
    key = "start" if plan.start > rpjmd.start else "end"
    yield finding(CODE, SEVERITY, mp.plan.at("period", key),
                  f"plan period {plan.start}–{plan.end} does not cover the RPJMD period {rpjmd.start}–{rpjmd.end}",
                  loc=("period", key), found=f"{plan.start}–{plan.end}",
                  expected=f"a period from {rpjmd.start} or earlier to {rpjmd.end} or later",
                  hint="Extend the plan period, or correct rpjmd.period.")
