"""KC109: a missed target has its obstacle and follow-up written down."""

from __future__ import annotations

from ...i18n import N_, _

from ._base import finding, fmt_num

CODE = "KC109"
NAME = "missed-target-without-follow-up"
SEVERITY = "error"
SUMMARY = N_("A missed target (realisation worse than target) lacks `obstacle` or `follow_up`.")
RATIONALE = (
    N_("Unmet targets must be reported together with the obstacle and the proposed solution (the demand of "
    "Tuban's regional secretary in the Bimtek III report). A realisation below an `up` target, or above a "
    "`down` target, needs both `obstacle` and `follow_up`.")
)
BAD = """\
direction: up
targets:
  - {year: 2024, target: 30, realisation: 25}
"""
GOOD = """\
direction: up
targets:
  - year: 2024
    target: 30
    realisation: 25
    obstacle: Server belum siap.
    follow_up: Pengadaan server 2025.
"""
OPTIONS = ()


def check(mp, options, as_of):
    for src in mp.indicators:
        ind = src.item
        for i, t in enumerate(ind.targets):
            if t.target is None or t.realisation is None:
                continue
            missed = t.realisation < t.target if ind.direction == "up" else t.realisation > t.target
            if not missed:
                continue
            lacking = [k for k in ("obstacle", "follow_up") if getattr(t, k) is None]
            if lacking:
                yield finding(CODE, SEVERITY, src.at("targets", i, "realisation"),
                              (_("{id}: {year} target missed without obstacle and follow_up") if len(lacking) == 2
                               else _("{id}: {year} target missed without {field}"))
                              .format(id=ind.id, year=t.year, field=lacking[0]),
                              loc=("targets", i, lacking[0]),
                              found=_("realisation {fmt_num} against target {fmt_num2}")
                                    .format(fmt_num=fmt_num(t.realisation), fmt_num2=fmt_num(t.target)),
                              expected=_("obstacle (kendala) and follow_up (tindak lanjut)"),
                              hint=_("Write down why the target was missed and what will be done about it."))
