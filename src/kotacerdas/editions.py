"""Editions: one repository holds the editions of its masterplan (a plan is revised: one for 2018-2023,
then one for 2019-2023), each with its period, books and adopting regulation, under `plan.yaml`
`editions:`.

A programme (or quick win) belongs to the editions it names in `editions:`, or, naming none, to every
edition whose period overlaps its years (a programme whose years are not known belongs to all). So a
programme may predate or outlive an edition; the year-in-period check (KC023) applies per edition.
`render` and `diff` show one edition, the current one by default (`current: true`, else the latest
start); `select_edition` returns the masterplan as that edition sees it, so the commands stay unchanged.
"""

from __future__ import annotations

import dataclasses

from .masterplan import Masterplan, Sourced
from .models import Edition, Plan, Programme
from .i18n import _


class EditionNotFound(Exception):
    """--edition names no edition of the plan (exit 2)."""


def current_edition(plan: Plan) -> Edition | None:
    """The edition in force: the one marked `current: true`, else the one that starts last."""
    if not plan.editions:
        return None
    marked = [e for e in plan.editions if e.current]
    if marked:
        return marked[-1]
    return max(plan.editions, key=lambda e: (e.period.start, e.period.end))


def editions_of(plan: Plan, programme: Programme) -> list[Edition]:
    """The editions a programme belongs to."""
    if programme.editions:
        return [e for e in plan.editions if e.id in programme.editions]
    if programme.start is None and programme.end is None:
        return list(plan.editions)
    first: int = programme.start if programme.start is not None else programme.end  # type: ignore[assignment]
    last: int = programme.end if programme.end is not None else 2100
    return [e for e in plan.editions if first <= e.period.end and last >= e.period.start]


def allowed_years(plan: Plan, programme: Programme | None = None) -> list[tuple[int, int]]:
    """The periods a year of this programme (or of any item) may lie in: its editions' periods when the
    plan has editions (all of them for an item that is not a programme), else the plan period."""
    if not plan.editions or programme is None or not programme.editions:
        return [(plan.period.start, plan.period.end)] + [(e.period.start, e.period.end) for e in plan.editions]
    return [(e.period.start, e.period.end) for e in editions_of(plan, programme)]


def select_edition(mp: Masterplan, edition_id: str | None = None) -> Masterplan:
    """The masterplan as one edition sees it (default: the current one): the edition's period and title,
    its books, its regulation first in the legal basis, only its programmes, and the edition itself as
    `edition` (the books' cover and lembar pengesahan cite it). A plan without editions,
    and edition_id None on it, is returned as it is."""
    if mp.plan is None or not mp.plan.item.editions:
        if edition_id is not None:
            raise EditionNotFound(_("--edition {edition_id}: plan.yaml lists no editions")
                                  .format(edition_id=edition_id))
        return mp
    plan = mp.plan.item
    if edition_id is None:
        edition = current_edition(plan)
    else:
        edition = next((e for e in plan.editions if e.id == edition_id), None)
        if edition is None:
            known = ", ".join(e.id for e in plan.editions)
            raise EditionNotFound(_("--edition {edition_id}: no such edition in plan.yaml (editions: {known})")
                                  .format(edition_id=edition_id, known=known))
    assert edition is not None
    legal = list(plan.legal_basis)
    if edition.regulation is not None and edition.regulation not in legal:
        legal.insert(0, edition.regulation)
    books = [b for b in plan.books if b.id in edition.books] if edition.books else list(plan.books)
    seen = plan.model_copy(update={"period": edition.period, "title": edition.title or plan.title,
                                   "legal_basis": legal, "books": books})
    programmes = [p for p in mp.programmes if edition.id in {e.id for e in editions_of(plan, p.item)}]
    return dataclasses.replace(mp, plan=Sourced(seen, mp.plan.doc), programmes=programmes, edition=edition)
