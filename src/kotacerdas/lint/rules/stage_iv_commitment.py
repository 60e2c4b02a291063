"""KC115: a completed Bimtek IV has a joint commitment signed by at least one signatory."""

from __future__ import annotations

from ...i18n import N_, _

from ._base import finding

CODE = "KC115"
NAME = "stage-iv-commitment"
SEVERITY = "error"
SUMMARY = N_("Stage IV is completed without a joint commitment (komitmen bersama) that anyone has signed.")
RATIONALE = (
    N_("Bimtek IV ends with the signing of the joint commitment by the regional head and the OPD heads; it "
    "is what turns the masterplan into an obligation. A completed stage IV with no commitment, or with no "
    "signatory marked `signed: true`, records a finalisation that did not happen. When the record does not "
    "say who signed (no signatories, or `signed` left out for all of them), that is a note: not known is "
    "not \"nobody signed\".")
)
BAD = """\
stage: IV
status: completed
commitment:
  title: Komitmen Bersama
  signatories:
    - {position: Bupati Garut, signed: false}
"""
GOOD = """\
stage: IV
status: completed
commitment:
  title: Komitmen Bersama
  signatories:
    - {position: Bupati Garut, signed: true}
"""
OPTIONS = ()


def check(mp, options, as_of):
    for src in mp.stages:
        s = src.item
        if s.stage != "IV" or s.status != "completed":
            continue
        if s.commitment is None:
            yield finding(CODE, SEVERITY, src.at("status"), _("stage IV is completed but has no joint commitment"),
                          loc=("commitment",), found=_("no commitment"),
                          expected=_("commitment: with signed signatories"),
                          hint=_("Add `commitment:` with its title, date and signatories (`signed: true`)."))
        elif not s.commitment.signatories:
            yield finding(CODE, "info", src.at("commitment", "title"),
                          _("stage IV is completed; who signed the joint commitment is not recorded"),
                          loc=("commitment", "signatories"), found=_("no signatories"),
                          expected=_("the signatories, with signed: true for those who signed"),
                          hint=_("List the signatories when the signed document is at hand."))
        elif all(sig.signed is None for sig in s.commitment.signatories):
            yield finding(CODE, "info", src.at("commitment", "signatories"),
                          _("stage IV is completed; whether the signatories signed is not recorded"),
                          loc=("commitment", "signatories"),
                          found=_("{n_signatories} signatories, signed not written")
                                .format(n_signatories=len(s.commitment.signatories)),
                          expected=_("signed: true (or false) for each signatory"),
                          hint=_("Write `signed: true` for those who signed, from the signed document."))
        elif not any(sig.signed for sig in s.commitment.signatories):
            loc = ("commitment", "signatories") if s.commitment.signatories else ("commitment", "title")
            yield finding(CODE, SEVERITY, src.at(*loc), _("stage IV is completed but nobody signed the joint "
                                                          "commitment"),
                          loc=("commitment", "signatories"),
                          found=_("{n_signatories} signatories, none signed")
                                .format(n_signatories=len(s.commitment.signatories)),
                          expected=_("at least one signatory with signed: true"),
                          hint=_("Mark those who signed with `signed: true`, or set the stage back to ongoing."))
