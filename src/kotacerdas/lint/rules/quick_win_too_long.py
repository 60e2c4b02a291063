"""KC103: a quick win runs no longer than the configured maximum."""

from __future__ import annotations

from ._base import Option, finding, months_of
from ...i18n import N_, _

CODE = "KC103"
NAME = "quick-win-too-long"
SEVERITY = "error"
SUMMARY = N_("A quick win takes longer to deliver than the maximum (default 24 months).")
RATIONALE = (
    N_("A quick win is delivered within 6 to 24 months and is felt directly by citizens; that is what makes it "
    "a quick win. A longer programme belongs on the roadmap as a medium-term programme. The delivery time "
    "is `duration_months`; `start`–`end` is how long the programme or service runs, which for a continuing "
    "service (a call centre, a portal) is much longer than its delivery. Without `duration_months`, a "
    "start–end span above the maximum is only a note asking for the delivery time.")
)
BAD = """\
quick_win: true
start: 2024
end: 2026        # 36 months
"""
GOOD = """\
quick_win: true
start: 2024
end: 2025
duration_months: 18
"""
OPTIONS = (Option("max_months", 24, N_("Longest a quick win may run, in months."), minimum=1),)


def check(mp, options, as_of):
    limit = options["max_months"]
    for src in mp.quick_wins:
        p = src.item
        months = months_of(p)
        if months is None or months <= limit:
            continue
        if p.duration_months is not None:
            yield finding(CODE, SEVERITY, src.at("duration_months"),
                          _("quick win {id} takes {months} months to deliver, longer than {limit}")
                          .format(id=p.id, months=months, limit=limit),
                          loc=("duration_months",), found=_("{months} months").format(months=months),
                          expected=_("at most {limit} months")
                                                                                       .format(limit=limit),
                          hint=_("Shorten the delivery, or make it a regular programme with quick_win: false."))
        else:
            yield finding(CODE, "info", src.at("end"),
                          _("quick win {id} runs {start}–{end} ({months} months); its delivery time is not written")
                          .format(id=p.id, start=p.start, end=p.end, months=months), loc=("duration_months",),
                          found=_("no duration_months"),
                          expected=_("duration_months: the months it takes to deliver (at most {limit})")
                                   .format(limit=limit),
                          hint=_("If start–end is how long the service runs, write the delivery time as "
                                 "duration_months; if it really takes this long, make it a regular programme."))
