"""KC122: a quick win has the short horizon."""

from __future__ import annotations

from ...i18n import N_, _

from ._base import finding

CODE = "KC122"
NAME = "quick-win-horizon"
SEVERITY = "warning"
SUMMARY = N_("A quick win's horizon is not `pendek` (short term).")
RATIONALE = (
    N_("Horizons are pendek (the quick wins, delivered within KC103's maximum, 24 months by default), menengah "
    "(5 years) and panjang (10 years). A quick win "
    "on a medium or long horizon contradicts itself and lands in the wrong part of the roadmap.")
)
BAD = """\
quick_win: true
horizon: menengah
"""
GOOD = """\
quick_win: true
horizon: pendek
"""
OPTIONS = ()


def check(mp, options, as_of):
    for src in mp.quick_wins:
        p = src.item
        if p.horizon is not None and p.horizon != "pendek":  # not written: not known, nothing to contradict
            yield finding(CODE, SEVERITY, src.at("horizon"), _("quick win {id} has horizon '{horizon}'")
                                                             .format(id=p.id, horizon=p.horizon),
                          loc=("horizon",), found=p.horizon, expected=_("pendek"),
                          hint=_("Set `horizon: pendek`, or `quick_win: false` if it is a longer programme."))
