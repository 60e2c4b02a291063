"""KC107: targets move in the indicator's direction, from the baseline and year on year."""

from __future__ import annotations

from ._base import Option, finding, fmt_num
from ...i18n import N_, _

CODE = "KC107"
NAME = "target-direction"
SEVERITY = "warning"
SUMMARY = N_("A target moves against the indicator's direction (from the baseline or from the year before).")
RATIONALE = (
    N_("An indicator says whether higher (`direction: up`) or lower (`direction: down`) is better. A target "
    "below the baseline of an `up` indicator, or a target lower than the year before, plans for things to "
    "get worse; usually a typo, a swapped direction or a unit changed half-way.")
)
BAD = """\
direction: up
baseline: {year: 2023, value: 40}
targets:
  - {year: 2024, target: 30}
"""
GOOD = """\
direction: up
baseline: {year: 2023, value: 40}
targets:
  - {year: 2024, target: 45}
"""
OPTIONS = (Option("allow_flat", True, N_("Accept a target equal to the one before it.")),)


def check(mp, options, as_of):
    flat_ok = options["allow_flat"]
    for src in mp.indicators:
        ind = src.item
        up = ind.direction == "up"
        prev = ("baseline", ind.baseline.year, ind.baseline.value) if ind.baseline else None
        order = sorted((t.year, i) for i, t in enumerate(ind.targets) if t.target is not None)
        for year, i in order:
            value = ind.targets[i].target
            if prev is not None and prev[1] < year:
                what, prev_year, prev_value = prev
                delta = value - prev_value if up else prev_value - value
                if delta < 0 or (delta == 0 and not flat_ok):
                    before = (_("the baseline {value} ({year})") if what == "baseline" else
                              _("the {year} target {value}")).format(value=fmt_num(prev_value), year=prev_year)
                    if flat_ok:
                        bound = _("a value at least as high as {value}") if up \
                            else _("a value at least as low as {value}")
                    else:
                        bound = _("a value higher than {value}") if up else _("a value lower than {value}")
                    yield finding(CODE, SEVERITY, src.at("targets", i, "target"),
                                  _("{year} target of {id} moves against its direction ({direction})")
                                  .format(year=year, id=ind.id, direction=ind.direction),
                                  loc=("targets", i, "target"), found=_("{fmt_num} after {before}")
                                                                      .format(fmt_num=fmt_num(value), before=before),
                                  expected=bound.format(value=fmt_num(prev_value)),
                                  hint=_("Check the number, the unit and the indicator's `direction`."))
            prev = ("target", year, value)
