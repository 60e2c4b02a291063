"""KC123: a programme's status agrees with its progress."""

from __future__ import annotations

from ...i18n import N_, _

from ._base import finding, fmt_num

CODE = "KC123"
NAME = "status-progress"
SEVERITY = "warning"
SUMMARY = N_("A programme is completed with progress below 100%, or at 100% while still planned.")
RATIONALE = (
    N_("Quick wins are tracked by completion percentage, and the dashboard reads both fields. A completed "
    "programme at 60%, or a planned one at 100%, means one of the two was not updated.")
)
BAD = """\
status: completed
progress: 80
"""
GOOD = """\
status: completed
progress: 100
"""
OPTIONS = ()


def check(mp, options, as_of):
    for src in mp.programmes:
        p = src.item
        if p.progress is None:
            continue  # progress not known: nothing to compare
        if p.status == "completed" and p.progress < 100:
            loc = ("progress",) if "progress" in src.doc.data else ("status",)
            yield finding(CODE, SEVERITY, src.at(*loc),
                          _("{id} is completed but its progress is {fmt_num}%")
                          .format(id=p.id, fmt_num=fmt_num(p.progress)),
                          loc=("progress",), found=_("status completed, progress {fmt_num}")
                                                   .format(fmt_num=fmt_num(p.progress)),
                          expected=_("progress: 100"), hint=_("Update the progress, or the status."))
        elif p.status == "planned" and p.progress >= 100:
            yield finding(CODE, SEVERITY, src.at("progress"), _("{id} is at 100% but its status is planned")
                                                              .format(id=p.id),
                          loc=("status",), found=_("status planned, progress 100"), expected=_("status: completed"),
                          hint=_("Update the status, or the progress."))
