"""The rows of the data sheets, from a resolved masterplan: one row per item and year.

Both directions read these: export writes them, import compares what the officer wrote with them (the
values now in the YAML files) to find what changed."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..masterplan import Masterplan, Sourced
from .layout import LIST_OF, SheetSpec


NO_OPD = ""  # in an OPD filter: the indicators no OPD reports (no programme serves them)


@dataclass
class Row:
    item_id: str
    year: int
    values: dict[str, Any]
    src: Sourced = field(repr=False)


def indicator_owners(mp: Masterplan) -> dict[str, list[str]]:
    """Which OPDs report each indicator: the owners of the programmes serving it, and the OPD its
    data_source names (when that is an OPD id)."""
    opd_ids = set(mp.opds)
    owners: dict[str, set[str]] = {i.item.id: set() for i in mp.indicators}
    for p in mp.programmes:
        if p.item.owner is None:  # not known: the indicator's sheet goes to the OPDs that are known
            continue
        for iid in p.item.indicators:
            owners.setdefault(iid, set()).add(p.item.owner)
    for i in mp.indicators:
        if i.item.data_source in opd_ids:
            owners[i.item.id].add(i.item.data_source)
    return {k: sorted(v) for k, v in owners.items()}


def year_entry(item: Any, kind: str, year: int) -> Any:
    """The item's entry for `year` in its yearly list (targets or history), or None."""
    return next((e for e in getattr(item, LIST_OF[kind]) if e.year == year), None)


def current_value(item: Any, kind: str, year: int, key: str) -> Any:
    entry = year_entry(item, kind, year)
    return None if entry is None else getattr(entry, key)


def _period(mp: Masterplan) -> list[int]:
    if mp.plan is None:
        return []
    return list(range(mp.plan.item.period.start, mp.plan.item.period.end + 1))


def _direction(value: str, lang: str) -> str:
    return value if lang == "en" else {"up": "naik", "down": "turun"}[value]


def rows_of(mp: Masterplan, spec: SheetSpec, years: list[int] | None, opds: Iterable[str] | None,
            lang: str) -> list[Row]:
    wanted = set(opds) if opds else None
    if spec.item == "indicator":
        return _indicator_rows(mp, years, wanted, lang)
    quick = spec.kind == "quick-wins"
    return _programme_rows(mp, [p for p in mp.programmes if bool(p.item.quick_win) == quick], years, wanted, lang)


def _indicator_rows(mp: Masterplan, years: list[int] | None, wanted: set[str] | None, lang: str) -> list[Row]:
    owners = indicator_owners(mp)
    period = _period(mp)
    out = []
    for src in mp.indicators:
        ind = src.item
        who = owners.get(ind.id, [])
        if wanted is not None and not (wanted.intersection(who) or (NO_OPD in wanted and not who)):
            continue
        ys = years or sorted({t.year for t in ind.targets} | set(period))
        base = f"{_number_text(ind.baseline.value)} ({ind.baseline.year})" if ind.baseline else None
        for y in ys:
            t = year_entry(ind, "indicator", y)
            out.append(Row(ind.id, y, {
                "id": ind.id, "name": ind.name, "unit": ind.unit, "direction": _direction(ind.direction, lang),
                "opd": ", ".join(who) or None, "baseline": base, "year": y,
                "target": t.target if t else None, "realisation": t.realisation if t else None,
                "obstacle": t.obstacle if t else None, "follow_up": t.follow_up if t else None,
            }, src))
    return out


def _programme_rows(mp: Masterplan, programmes: list[Sourced], years: list[int] | None,
                    wanted: set[str] | None, lang: str) -> list[Row]:
    out = []
    for src in programmes:
        p = src.item
        # an owner not known goes with the items no OPD reports (the tanpa-opd workbook of --split)
        if wanted is not None and (p.owner if p.owner is not None else NO_OPD) not in wanted:
            continue
        # a start or end that is not known: the years the monitoring history or the funding names
        # an open end (still running): its years run to the end of the plan period, as the book draws it
        plan_end = mp.plan.item.period.end if mp.plan is not None else 0
        last = p.end if p.end is not None else max(p.start or 0, plan_end)
        own = (set(range(p.start, last + 1)) if p.start is not None else set()) | {h.year for h in p.history}
        if p.start is None:
            own |= {f.year for f in p.funding}
        ys = [y for y in years if y in own] if years else sorted(own)
        dim = mp.taxonomy.dimensions.get(p.dimension)
        dim_name = (dim.name.en or dim.name.id) if dim is not None and lang == "en" else (
            dim.name.id if dim is not None else p.dimension)
        for y in ys:
            h = year_entry(p, "programme", y)
            amounts = [f.amount for f in p.funding if f.year == y and f.amount is not None]
            out.append(Row(p.id, y, {
                "id": p.id, "name": p.name, "opd": p.owner, "dimension": dim_name, "year": y,
                "budget": sum(amounts) if amounts else None,
                "status": h.status if h else None, "progress": h.progress if h else None,
                "obstacle": h.obstacle if h else None, "follow_up": h.follow_up if h else None,
                "budget_realisation": h.budget_realisation if h else None, "note": h.note if h else None,
            }, src))
    return out


def _number_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)
