"""KC106: an indicator has a baseline and a numeric target for each listed year."""

from __future__ import annotations

from ...i18n import N_, _

from ._base import finding

CODE = "KC106"
NAME = "indicator-incomplete"
SEVERITY = "warning"
SUMMARY = N_("An indicator has no baseline, no targets, or a year without a numeric target.")
RATIONALE = (
    N_("A target means something only against a starting point: the evaluation's first score is the "
    "baseline. Each indicator needs its baseline (year and value) and a numeric target for every year it "
    "lists, so that realisation can be compared with it.")
)
BAD = """\
id: IND-GOV-01
unit: layanan
direction: up
targets:
  - year: 2024
"""
GOOD = """\
id: IND-GOV-01
unit: layanan
direction: up
baseline: {year: 2023, value: 12}
targets:
  - {year: 2024, target: 30}
"""
OPTIONS = ()


def check(mp, options, as_of):
    for src in mp.indicators:
        ind = src.item
        if ind.baseline is None:
            yield finding(CODE, SEVERITY, src.at("id"), _("indicator {id} has no baseline")
                                                        .format(id=ind.id), loc=("baseline",),
                          found=_("no baseline"), expected=_("baseline: {year: …, value: …}"),
                          hint=_("Add the value measured before the programme started, with its year."))
        if not ind.targets:
            yield finding(CODE, SEVERITY, src.at("id"), _("indicator {id} has no targets").format(id=ind.id),
                          loc=("targets",),
                          found=_("no targets"), expected=_("a target for each year of the plan"),
                          hint=_("Add `targets:` with `- year: …` and `target: …` per year."))
        for i, t in enumerate(ind.targets):
            if t.target is None:
                yield finding(CODE, SEVERITY, src.at("targets", i, "year"),
                              _("indicator {id} has no target for {year}").format(id=ind.id, year=t.year),
                              loc=("targets", i, "target"),
                              found=_("no target"), expected=_("a number"), hint=_("Add `target: …` under this year."))
