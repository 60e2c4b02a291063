"""KC124: an indicator no programme serves."""

from __future__ import annotations

from ...i18n import N_, _

from ._base import finding

CODE = "KC124"
NAME = "unused-indicator"
SEVERITY = "info"
SUMMARY = N_("An indicator is served by no programme.")
RATIONALE = (
    N_("Indicators measure programmes. An indicator that no programme lists under `indicators:` will be "
    "monitored without anyone responsible for moving it; link it to a programme or remove it.")
)
BAD = """\
# indicators/ind-9.yaml: id: IND-9, and no programme lists IND-9
"""
GOOD = """\
# programmes/…: indicators: [IND-9]
"""
OPTIONS = ()


def check(mp, options, as_of):
    served = {i for p in mp.programmes for i in p.item.indicators}
    for src in mp.indicators:
        if src.item.id not in served:
            yield finding(CODE, SEVERITY, src.at("id"), _("indicator {id} is served by no programme")
                                                        .format(id=src.item.id),
                          loc=("id",), found=_("no programme lists it"), expected=_("at least one programme"),
                          hint=_("Add {id} to the `indicators:` of the programme that moves it.")
                               .format(id=src.item.id))
