"""KC101: every dimension of the pinned taxonomy has at least one quick win."""

from __future__ import annotations

from ...i18n import N_, _

from ._base import dimension_anchor, finding

CODE = "KC101"
NAME = "dimension-without-quick-win"
SEVERITY = "error"
SUMMARY = N_("A dimension of the pinned taxonomy has no quick win.")
RATIONALE = (
    N_("Coverage of the dimensions is the first thing the national evaluation checks, and the guidance asks "
    "for at least one quick win per dimension so that citizens feel every part of the masterplan early. "
    "A dimension without a quick win usually means Bimtek III left it unfinished. Cancelled quick wins do "
    "not count."
    " With editions, the edition in force is judged: a quick win of an earlier edition counts when it still runs "
    "in it.")
)
BAD = """\
# dimensions: governance, living, …; no programme with quick_win: true has dimension: living
"""
GOOD = """\
# programmes/living/qw-posyandu.yaml
id: QW-LIV-01
dimension: living
element: health
quick_win: true
"""
CURRENT_EDITION = True  # the engine passes the masterplan as its edition in force sees it
OPTIONS = ()


def check(mp, options, as_of):
    covered = {p.item.dimension for p in mp.quick_wins if p.item.status != "cancelled"}
    for code, dim in mp.taxonomy.dimensions.items():
        if code not in covered:
            name = dim.name.en or dim.name.id
            yield finding(CODE, SEVERITY, dimension_anchor(mp, code), _("dimension '{code}' ({name}) has no quick "
                                                                        "win").format(code=code, name=name),
                          found=_("no programme with quick_win: true and dimension: {code}").format(code=code),
                          expected=_("at least one quick win per dimension"),
                          hint=_("Mark a short programme of the {name} dimension as `quick_win: true`, or add one.")
                               .format(name=name))
