"""KC129: realisation and status owed for past years, summed up per OPD."""

from __future__ import annotations

from ...i18n import N_, _, ngettext

from ._base import finding, passed_years

CODE = "KC129"
NAME = "data-owed-per-opd"
SEVERITY = "info"
SUMMARY = N_("An OPD owes data for past years: targets without realisation, programme years without a status.")
RATIONALE = (
    N_("Monitoring asks every OPD each year for the realisation of its indicators and the status of its "
    "programmes. KC108 names each missing realisation where it belongs; this note adds the programmes' "
    "yearly status (`history`) and sums both up per OPD, the list Diskominfo or Bappeda sends to each "
    "office. An indicator's OPD is its `opd`, else the owners of the programmes that serve it.")
)
BAD = """\
# linted with --as-of 2026-03-01; indicators/ind-gov-01.yaml (opd: Diskominfo)
targets:
  - {year: 2025, target: 60}
"""
GOOD = """\
targets:
  - {year: 2025, target: 60, realisation: 64}
"""
OPTIONS = ()
SHOWN = 5  # items named in a finding; the rest are counted


def check(mp, options, as_of):
    from ...report.evaluation import data_owed

    positions = {o.id: i for i, o in enumerate(mp.opd_file.item.opd)} if mp.opd_file is not None else {}
    for opd, owed in data_owed(mp, passed_years(as_of)).items():
        items = [f"{i} ({y})" for i, y in owed.targets] + [f"{i} ({y})" for i, y in owed.programmes]
        shown = ", ".join(items[:SHOWN]) + (_(", and {n} more").format(n=len(items) - SHOWN)
                                            if len(items) > SHOWN else "")
        loc: tuple
        if opd in positions and mp.opd_file is not None:
            where, loc = mp.opd_file.at("opd", positions[opd], "id"), ("opd", positions[opd], "id")
        elif mp.plan is not None:
            where, loc = mp.plan.at("region"), ("region",)
        else:
            where, loc = ("plan.yaml", 1, 1), ()
        who = opd or _("no OPD")
        t, p = len(owed.targets), len(owed.programmes)
        if t and p:
            message = _("{opd} owes data for past years: {t} target realisations and {p} programme years' "
                        "status").format(opd=who, t=t, p=p)
        elif t:
            message = ngettext("{opd} owes data for past years: {n} target realisation",
                               "{opd} owes data for past years: {n} target realisations", t).format(opd=who, n=t)
        else:
            message = ngettext("{opd} owes data for past years: {n} programme year's status",
                               "{opd} owes data for past years: {n} programme years' status", p).format(opd=who, n=p)
        hint = (_("Collect them with `kotacerdas sheet export . --opd {opd} --out {opd}.xlsx` (docs/sheets.md).")
                .format(opd=opd) if opd else _("Name the responsible OPD (indicator `opd`, programme `owner`)."))
        yield finding(CODE, SEVERITY, where, message, loc=loc, found=shown,
                      expected=_("a realisation for every target and a history status for every programme year "
                                 "up to {year}").format(year=passed_years(as_of)), hint=hint)
