"""KC116: a programme has at least one funding line."""

from __future__ import annotations

from ...i18n import N_, _

from ._base import finding

CODE = "KC116"
NAME = "programme-without-funding"
SEVERITY = "warning"
SUMMARY = N_("A programme has no funding line.")
RATIONALE = (
    N_("A programme without a source of funds (APBD, APBN, Dana Desa, CSR, KPBU…) and an indicative budget "
    "cannot enter the RPJMD or an OPD's Renstra, which is how a masterplan gets carried out. Cancelled "
    "programmes are not checked.")
)
BAD = """\
id: PRG-GOV-02
funding: []
"""
GOOD = """\
id: PRG-GOV-02
funding:
  - {source: apbd, year: 2025, amount: 150000000}
"""
OPTIONS = ()


def check(mp, options, as_of):
    for src in mp.programmes:
        p = src.item
        if not p.funding and p.status != "cancelled":
            yield finding(CODE, SEVERITY, src.at("id"), _("{id} has no funding line").format(id=p.id), loc=("funding",),
                          found=_("no funding"), expected=_("at least one line: source, year, amount"),
                          hint=_("Add `funding:` with the source, fiscal year and indicative amount in rupiah."))
