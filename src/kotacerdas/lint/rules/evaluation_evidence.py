"""KC128: an evaluation year has its self-assessment evidence inventory."""

from __future__ import annotations

from ...i18n import N_, _

from ._base import finding

CODE = "KC128"
NAME = "evaluation-without-evidence"
SEVERITY = "warning"
SUMMARY = N_("An evaluation year records no self-assessment evidence (regulations, decrees, application inventory).")
RATIONALE = (
    N_("The Tahap II online self-assessment is scored on its supporting evidence: the regulations and "
    "decrees, the application inventory, the managers' organisation structure. Keeping the inventory "
    "with the year's evaluation (file paths in the repository or links) lets next year's team find what "
    "was sent. An evaluation of a past year (per --as-of), or one whose result is already recorded, "
    "should list it under `self_assessment.evidence`.")
)
BAD = """\
# evaluations/2025.yaml
year: 2025
index: 3.31
"""
GOOD = """\
year: 2025
index: 3.31
self_assessment:
  evidence:
    - {kind: regulation, title: Perbup 87/2023 Masterplan Smart City, path: bukti/perbup-87-2023.pdf}
"""
OPTIONS = ()


def check(mp, options, as_of):
    for src in mp.evaluations:
        e = src.item
        result_known = e.index is not None or e.scores is not None or bool(e.dimension_scores)
        if e.year >= as_of.year and not result_known:
            continue
        sa = e.self_assessment
        if sa is not None and sa.evidence:
            continue
        where = src.at("self_assessment") if sa is not None else src.at("year")
        yield finding(CODE, SEVERITY, where,
                      _("the {year} evaluation lists no self-assessment evidence").format(year=e.year),
                      loc=("self_assessment", "evidence"), found=_("no self_assessment.evidence"),
                      expected=_("the documents sent with the Tahap II self-assessment (kind, title, path or url)"),
                      hint=_("List the regulations, decrees, application inventory and organisation structure "
                             "that were uploaded, with their file paths or links."))
