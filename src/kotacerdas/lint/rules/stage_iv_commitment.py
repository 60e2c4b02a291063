"""KC115: a completed Bimtek IV has a joint commitment signed by at least one signatory."""

from __future__ import annotations

from ._base import finding

CODE = "KC115"
NAME = "stage-iv-commitment"
SEVERITY = "error"
SUMMARY = "Stage IV is completed without a joint commitment (komitmen bersama) that anyone has signed."
RATIONALE = (
    "Bimtek IV ends with the signing of the joint commitment by the regional head and the OPD heads; it "
    "is what turns the masterplan into an obligation. A completed stage IV with no commitment, or with no "
    "signatory marked `signed: true`, records a finalisation that did not happen. When the record does not "
    "say who signed (no signatories, or `signed` left out for all of them), that is a note: not known is "
    "not \"nobody signed\"."
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
            yield finding(CODE, SEVERITY, src.at("status"), "stage IV is completed but has no joint commitment",
                          loc=("commitment",), found="no commitment", expected="commitment: with signed signatories",
                          hint="Add `commitment:` with its title, date and signatories (`signed: true`).")
        elif not s.commitment.signatories:
            yield finding(CODE, "info", src.at("commitment", "title"),
                          "stage IV is completed; who signed the joint commitment is not recorded",
                          loc=("commitment", "signatories"), found="no signatories",
                          expected="the signatories, with signed: true for those who signed",
                          hint="List the signatories when the signed document is at hand.")
        elif all(sig.signed is None for sig in s.commitment.signatories):
            yield finding(CODE, "info", src.at("commitment", "signatories"),
                          "stage IV is completed; whether the signatories signed is not recorded",
                          loc=("commitment", "signatories"),
                          found=f"{len(s.commitment.signatories)} signatories, signed not written",
                          expected="signed: true (or false) for each signatory",
                          hint="Write `signed: true` for those who signed, from the signed document.")
        elif not any(sig.signed for sig in s.commitment.signatories):
            loc = ("commitment", "signatories") if s.commitment.signatories else ("commitment", "title")
            yield finding(CODE, SEVERITY, src.at(*loc), "stage IV is completed but nobody signed the joint commitment",
                          loc=("commitment", "signatories"),
                          found=f"{len(s.commitment.signatories)} signatories, none signed",
                          expected="at least one signatory with signed: true",
                          hint="Mark those who signed with `signed: true`, or set the stage back to ongoing.")
