"""The coverage rule: whether a kab/kota's masterplan counts for its province (docs/report.md).

A repository counts when it is valid and its masterplan is real:

- "adopted": a recorded regulation adopts it: an edition's `regulation` in plan.yaml, or in
  `legal_basis` a regional regulation or decree (peraturan daerah, peraturan/keputusan gubernur, bupati
  or wali kota) whose title names the masterplan ("masterplan", "master plan", "rencana induk");
- "drafted": not adopted, but not an untouched `kotacerdas init` scaffold either: it has at least one
  programme and plan.yaml holds no `[ISI]` text left to fill in.

Otherwise it is a "scaffold" or "invalid". Used by the tree's coverage (validate, render) and the
province's report (rollup.py) alike. Light on imports: it runs in the tree's workers.
"""

from __future__ import annotations

import re

from pydantic import BaseModel

ADOPTING_KINDS = frozenset({"peraturan-daerah", "peraturan-gubernur", "peraturan-bupati", "peraturan-wali-kota",
                            "keputusan-gubernur", "keputusan-bupati", "keputusan-wali-kota"})
_NAMES_MASTERPLAN = re.compile(r"master\s*plan|rencana\s+induk", re.IGNORECASE)
FILL_IN = "[ISI]"
COUNTED = frozenset({"adopted", "drafted"})


def masterplan_state(validation) -> str:
    """adopted, drafted, scaffold or invalid: the coverage rule for one validated repository."""
    if not validation.ok:
        return "invalid"
    mp = validation.masterplan
    plan = mp.plan.item if mp.plan is not None else None
    if plan is None:
        return "invalid"
    if any(e.regulation is not None for e in plan.editions) or any(
            r.kind in ADOPTING_KINDS and _NAMES_MASTERPLAN.search(r.title) for r in plan.legal_basis):
        return "adopted"
    if mp.programmes and not _fill_in_left(plan):
        return "drafted"
    return "scaffold"


def _fill_in_left(value) -> bool:
    """Whether a text of plan.yaml still holds init's [ISI] ("fill in")."""
    if isinstance(value, str):
        return FILL_IN in value
    if isinstance(value, BaseModel):
        return any(_fill_in_left(v) for v in vars(value).values())
    if isinstance(value, dict):
        return any(_fill_in_left(v) for v in value.values())
    if isinstance(value, list):
        return any(_fill_in_left(v) for v in value)
    return False
