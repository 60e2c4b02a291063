"""KC127: last year's evaluation recommendations have their follow-up recorded."""

from __future__ import annotations

from ...i18n import N_, _

from ._base import finding

CODE = "KC127"
NAME = "recommendation-without-follow-up"
SEVERITY = "warning"
SUMMARY = N_("A recommendation of an earlier year's evaluation has no `follow_up` recorded.")
RATIONALE = (
    N_("The ministry's Tahap I presentation each year opens with what was done about last year's "
    "recommendations. A recommendation in evaluations/<year>.yaml of a year before the current one (per "
    "--as-of) needs a `follow_up` with its status (done, in-progress, not-started, dropped) and what was "
    "done, so the report can say it and the regional head can present it.")
)
BAD = """\
# evaluations/2024.yaml, linted with --as-of 2025-06-01
recommendations:
  - text: Tetapkan produsen data di setiap OPD.
"""
GOOD = """\
recommendations:
  - text: Tetapkan produsen data di setiap OPD.
    follow_up: {status: done, action: Kepbup produsen data 2025 ditetapkan., date: 2025-03-10}
"""
OPTIONS = ()


def check(mp, options, as_of):
    for src in mp.evaluations:
        e = src.item
        if e.year >= as_of.year:
            continue
        for i, r in enumerate(e.recommendations):
            if r.follow_up is not None:
                continue
            label = r.id or f"#{i + 1}"
            yield finding(CODE, SEVERITY, src.at("recommendations", i),
                          _("recommendation {id} of the {year} evaluation has no follow-up").format(
                              id=label, year=e.year),
                          loc=("recommendations", i, "follow_up"), found=_("no follow_up"),
                          expected=_("follow_up with a status (done, in-progress, not-started, dropped) and what "
                                     "was done"),
                          hint=_("Add `follow_up: {{status: …, action: …}}` under the recommendation "
                                 "(as of {date}).").format(date=as_of.isoformat()))
