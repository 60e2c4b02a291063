"""KC112: an OPD in the registry that has no part in the plan."""

from __future__ import annotations

from ...i18n import N_, _

from ._base import finding

CODE = "KC112"
NAME = "idle-opd"
SEVERITY = "info"
SUMMARY = N_("An OPD in opd.yaml owns or supports no programme and sits in no governance body.")
RATIONALE = (
    N_("Coordination between offices is the main risk the reports name. An office that is registered but "
    "has no role is either a leftover in opd.yaml or an office that should have been given one; both are "
    "worth a look, so this is a note rather than a warning.")
)
BAD = """\
# opd.yaml lists Dispora, but no programme names it as owner or supporting, and no governance body has it
"""
GOOD = """\
# programmes/…/prg-olahraga.yaml
owner: Dispora
"""
OPTIONS = ()


def check(mp, options, as_of):
    if mp.opd_file is None:
        return
    used = set()
    for src in mp.programmes:
        used.add(src.item.owner)
        used.update(src.item.supporting)
    if mp.plan is not None:
        for body in mp.plan.item.governance:
            used.update(m.opd for m in body.members if m.opd)
    for i, o in enumerate(mp.opd_file.item.opd):
        if o.id not in used:
            yield finding(CODE, SEVERITY, mp.opd_file.at("opd", i, "id"), _("OPD {id} has no part in the plan")
                                                                          .format(id=o.id),
                          loc=("opd", i, "id"), found=_("no programme owned or supported, no governance seat"),
                          expected=_("a role in at least one programme or governance body"),
                          hint=_("Give {id} a role, or remove it from opd.yaml if it is not involved.")
                               .format(id=o.id))
