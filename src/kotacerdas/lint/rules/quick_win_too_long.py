"""KC103: a quick win runs no longer than the configured maximum."""

from __future__ import annotations

from ._base import Option, finding, months_of

CODE = "KC103"
NAME = "quick-win-too-long"
SEVERITY = "error"
SUMMARY = "A quick win runs longer than the maximum (default 24 months)."
RATIONALE = (
    "A quick win is delivered within 6 to 24 months and is felt directly by citizens; that is what makes it "
    "a quick win. A longer programme belongs on the roadmap as a medium-term programme. The duration is "
    "`duration_months` when given, else the whole years from `start` to `end`."
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
OPTIONS = (Option("max_months", 24, "Longest a quick win may run, in months.", minimum=1),)


def check(mp, options, as_of):
    limit = options["max_months"]
    for src in mp.quick_wins:
        p = src.item
        months = months_of(p)
        if months > limit:
            if p.duration_months is not None:
                where, loc, found = src.at("duration_months"), ("duration_months",), f"{months} months"
            else:
                where, loc, found = src.at("end"), ("end",), f"{p.start}–{p.end}, {months} months"
            yield finding(CODE, SEVERITY, where, f"quick win {p.id} runs {months} months, longer than {limit}",
                          loc=loc, found=found, expected=f"at most {limit} months",
                          hint="Shorten it (set duration_months, or an earlier end), or make it a regular "
                               "programme with quick_win: false.")
