"""KC116: a programme has at least one funding line."""

from __future__ import annotations

from ...i18n import N_, _
from ._base import Option, finding

CODE = "KC116"
NAME = "programme-without-funding"
SEVERITY = "warning"
SUMMARY = N_("A programme has no funding line.")
RATIONALE = (
    N_("A programme without a source of funds (APBD, APBN, Dana Desa, CSR, KPBU…) and an indicative budget "
    "cannot enter the RPJMD or an OPD's Renstra, which is how a masterplan gets carried out. Cancelled "
    "programmes are not checked. Threshold (`min_funded_share`, default 0.5), reviewed against real records: "
    "a full Buku II lists indicative funds per programme and year in its 'program dan rencana aksi' chapter "
    "(examples/garut 27 of 27 and examples/tuban 30 of 30 programmes funded), and unclear funding is a finding "
    "of real reviews (a 2019 planning-studio review of Semarang's smart city names 'ketidakjelasan "
    "pembiayaan'), while the public records a repository is often encoded from (evaluation news such as Antara's "
    "report on Klaten's six flagship innovations in 2021, or Diskominfo Sleman's monev page, where Output "
    "scores the budget of the smart-city effort as a whole) name programmes, OPDs and dimensions but no "
    "amounts (examples/bojonegoro: 0 of 3). So a programme without funding is a warning only where the "
    "repository records funding for at least that share of its programmes; below it, the repository does not "
    "record funding at all, and one note says so instead of one warning per programme.")
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
OPTIONS = (
    Option("min_funded_share", 0.5, N_("Report each programme without funding only when at least this share (0–1) of "
           "the plan's programmes has a funding line; else one note for the repository."), minimum=0.0, maximum=1.0),
)


def check(mp, options, as_of):
    checked = [src for src in mp.programmes if src.item.status != "cancelled"]
    unfunded = [src for src in checked if not src.item.funding]
    if not unfunded:
        return
    funded_share = (len(checked) - len(unfunded)) / len(checked)
    if funded_share < options["min_funded_share"]:
        first = unfunded[0]
        yield finding(CODE, "info", first.at("id"),
                      _("{n} of {total} programmes have no funding line: this repository does not record funding "
                        "(not known, not zero)").format(n=len(unfunded), total=len(checked)),
                      loc=("funding",), found=_("funding lines on {share:.0%} of the programmes").format(
                          share=funded_share),
                      expected=_("funding lines on at least {share:.0%} of the programmes before each one is "
                                 "reported").format(share=options["min_funded_share"]),
                      hint=_("Add `funding:` to each programme when the action plan (Buku II) or the DPA gives it."))
        return
    for src in unfunded:
        p = src.item
        yield finding(CODE, SEVERITY, src.at("id"), _("{id} has no funding line").format(id=p.id), loc=("funding",),
                      found=_("no funding"), expected=_("at least one line: source, year, amount"),
                      hint=_("Add `funding:` with the source, fiscal year and indicative amount in rupiah."))
