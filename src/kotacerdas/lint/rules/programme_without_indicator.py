"""KC105: every programme and quick win serves at least one indicator."""

from __future__ import annotations

from ...i18n import N_, _

from ._base import finding

CODE = "KC105"
NAME = "programme-without-indicator"
SEVERITY = "warning"
SUMMARY = N_("A programme or quick win serves no indicator.")
RATIONALE = (
    N_("Monitoring and evaluation measure programmes through indicators with a baseline and yearly targets; "
    "the evaluation scores baseline, output, outcome and impact. A programme with no indicator cannot be "
    "evaluated at all. A warning, not an error: public quick-win records rarely name one, and a plan "
    "encoded from them must still be usable.")
)
BAD = """\
id: QW-GOV-01
indicators: []
"""
GOOD = """\
id: QW-GOV-01
indicators: [IND-GOV-01]
"""
OPTIONS = ()


def check(mp, options, as_of):
    for src in mp.programmes:
        p = src.item
        if not p.indicators:
            what = "quick win" if p.quick_win else "programme"
            yield finding(CODE, SEVERITY, src.at("id"), _("{what} {id} serves no indicator")
                                                        .format(what=what, id=p.id), loc=("indicators",),
                          found=_("no indicators"), expected=_("at least one indicator id from indicators/"),
                          hint=_("Add `indicators: [IND-…]` naming the indicator this programme moves."))
