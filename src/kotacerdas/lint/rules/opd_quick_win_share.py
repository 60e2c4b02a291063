"""KC113: no OPD owns more than a configured share of the quick wins."""

from __future__ import annotations

from collections import Counter

from ._base import Option, finding
from ...i18n import N_, _

CODE = "KC113"
NAME = "opd-quick-win-share"
SEVERITY = "warning"
SUMMARY = N_("One OPD owns more than the configured share of the quick wins (default 34%).")
RATIONALE = (
    N_("Quick wins are meant to be spread across offices: every OPD with a part in the smart city should "
    "deliver something visible, and one office carrying most of them (often Diskominfo) is a delivery "
    "risk and a sign the others were not engaged. Counted only when there are at least `min_quick_wins`."
    " With editions, the quick wins of the edition in force are counted.")
)
BAD = """\
# 4 quick wins, 3 of them with owner: Diskominfo (75%)
"""
GOOD = """\
# 4 quick wins owned by Diskominfo, Dinkes, DLH and Disdik
"""
CURRENT_EDITION = True  # the engine passes the masterplan as its edition in force sees it
OPTIONS = (
    Option("max_share", 0.34, N_("Largest share of the quick wins one OPD may own (0–1)."), minimum=0.0, maximum=1.0),
    Option("min_quick_wins", 3, N_("Check only when the plan has at least this many quick wins."), minimum=1),
)


def check(mp, options, as_of):
    qws = mp.quick_wins
    if len(qws) < options["min_quick_wins"]:
        return
    owners = Counter(q.item.owner for q in qws if q.item.owner is not None)  # an owner not known is no one's
    limit = options["max_share"]
    for opd, n in sorted(owners.items()):
        share = n / len(qws)
        if share > limit:
            where = _opd_anchor(mp, opd) or next(q for q in qws if q.item.owner == opd).at("owner")
            yield finding(CODE, SEVERITY, where,
                          _("{opd} owns {n} of {n_qws} quick wins ({share:.0%}), more than {limit:.0%}")
                          .format(opd=opd, n=n, n_qws=len(qws), share=share, limit=limit),
                          found=_("{n} of {n_qws} quick wins").format(n=n, n_qws=len(qws)),
                          expected=_("at most {limit:.0%} of the quick wins")
                                                                          .format(limit=limit),
                          hint=_("Give other offices ownership of some quick wins, with this one supporting."))


def _opd_anchor(mp, opd):
    if mp.opd_file is None:
        return None
    for i, o in enumerate(mp.opd_file.item.opd):
        if o.id == opd:
            return mp.opd_file.at("opd", i, "id")
    return None
