"""KC114: a completed Bimtek stage records its participants and deliverables."""

from __future__ import annotations

from ...i18n import N_, _

from ._base import finding

CODE = "KC114"
NAME = "completed-stage-record"
SEVERITY = "warning"
SUMMARY = N_("A completed stage records no participants or no deliverables.")
RATIONALE = (
    N_("Each Bimtek stage ends with a deliverable (Buku I, the programme list, Buku II, the signed commitment) "
    "and its report names who took part. A stage marked completed without either is the record the "
    "ministry asks for first, and cannot be evaluated.")
)
BAD = """\
stage: I
status: completed
"""
GOOD = """\
stage: I
status: completed
participants: {count: 56, institutions: [Bappeda, Diskominfo]}
deliverables:
  - {title: Buku I Analisis Strategis, book: buku-1, done: true}
"""
OPTIONS = ()


def check(mp, options, as_of):
    for src in mp.stages:
        s = src.item
        if s.status != "completed" or s.stage in ("seleksi", "mou", "evaluasi"):
            continue  # only the Bimtek stages end with a deliverable and a list of participants
        if s.participants is None or (s.participants.count == 0 and not s.participants.institutions):
            # a count left out with the institutions named is a record (the count is not known, not zero)
            loc = ("participants", "count") if s.participants else ("status",)
            yield finding(CODE, SEVERITY, src.at(*loc), _("stage {stage} is completed but records no participants")
                                                        .format(stage=s.stage),
                          loc=("participants",), found=_("no participants") if s.participants is None else _("count 0"),
                          expected=_("participants: {count: …, institutions: […]}"),
                          hint=_("Record how many took part and which OPDs and institutions came."))
        if not s.deliverables:
            yield finding(CODE, SEVERITY, src.at("status"), _("stage {stage} is completed but records no "
                                                              "deliverables").format(stage=s.stage),
                          loc=("deliverables",), found=_("no deliverables"), expected=_("at least one deliverable"),
                          hint=_("List what the stage produced, e.g. `- title: Buku I Analisis Strategis`."))
