"""Apply the rule table (rules.py) to one change: which reviewer-relevant facts it carries."""

from __future__ import annotations

from ..masterplan import Masterplan
from .records import Change, Flag
from .rules import number, rupiah


class Lookup:
    """The programmes and indicators of both sides by id, built once per comparison: looking each changed
    item up in the lists (Masterplan.programme scans them) made diff grow with changes × programmes."""

    def __init__(self, old: Masterplan, new: Masterplan) -> None:
        self.programmes = (_first_by_id(old.programmes), _first_by_id(new.programmes))
        self.indicators = (_first_by_id(old.indicators), _first_by_id(new.indicators))


def _first_by_id(items) -> dict:
    out: dict = {}
    for s in items:
        out.setdefault(s.item.id, s)  # the first, as Masterplan.programme finds it
    return out


def flag_change(change: Change, old: Masterplan, new: Masterplan, severities: dict[str, str],
                threshold: float, lookup: Lookup | None = None) -> list[Flag]:
    flags: list[Flag] = []
    lookup = lookup or Lookup(old, new)

    def add(rule: str, field: str = "", **params) -> None:
        flags.append(Flag(rule, severities[rule], params, field))

    if change.section == "plan":
        if old.plan is not None and new.plan is not None:
            per_a, per_b = old.plan.item.period, new.plan.item.period
            if (per_a.start, per_a.end) != (per_b.start, per_b.end):
                add("period-changed", "period", old=f"{per_a.start}–{per_a.end}", new=f"{per_b.start}–{per_b.end}")
        for f in change.fields:
            if f.segments[0].name == "taxonomy":
                if len(f.segments) == 1:
                    add("taxonomy-changed", "taxonomy", what=f"{f.old} → {f.new}", what_id=f"{f.old} → {f.new}")
                else:
                    add("taxonomy-changed", f.path, what=f"{f.path} {f.change}",
                        what_id=f"{f.path} " + {"added": "ditambahkan", "removed": "dihapus",
                                                "modified": "diubah"}[f.change])
                    break  # one flag for a reworked taxonomy is enough; the fields list every detail
        return flags

    if change.section in ("programmes", "quick-wins"):
        a = lookup.programmes[0].get(change.id)
        b = lookup.programmes[1].get(change.id)
        if change.change == "removed" and a is not None and a.item.quick_win:
            add("quick-win-removed", "", id=change.id, how="removed")
        if change.change != "modified" or a is None or b is None:
            return flags
        pa, pb = a.item, b.item
        if pa.quick_win and not pb.quick_win:
            add("quick-win-removed", "quick_win", id=change.id, how="no longer a quick win")
        if pa.end is not None and pb.end is not None and pb.end > pa.end:
            add("programme-end-later", "end", old=pa.end, new=pb.end)
        # an owner or dimension made known (or no longer written) is a field change ("not known → Dinkes"),
        # not a change of hands: a reviewer is flagged only when both sides name one (issue 14)
        if pa.owner is not None and pb.owner is not None and pa.owner != pb.owner:
            add("owner-changed", "owner", old=pa.owner, new=pb.owner)
        if pa.dimension is not None and pb.dimension is not None and pa.dimension != pb.dimension:
            add("dimension-changed", "dimension", old=pa.dimension, new=pb.dimension)
        # a line whose amount is not known on either side is left out: an amount made known is not a change of
        # budget (its field change says "not known → Rp…"), and an amount unknown now is not a cut to zero
        unknown = {(f.source, f.year) for f in [*pa.funding, *pb.funding] if f.amount is None}
        before = sum(f.amount for f in pa.funding if f.amount is not None and (f.source, f.year) not in unknown)
        after = sum(f.amount for f in pb.funding if f.amount is not None and (f.source, f.year) not in unknown)
        if before != after:
            pct = abs(after - before) / before * 100 if before else float("inf")
            if pct > threshold:
                shown = "new budget" if not before else f"{(after - before) / before * 100:+.1f}%"
                add("budget-changed", "funding", old=rupiah(before), new=rupiah(after), pct=shown,
                    threshold=number(threshold),  # the numbers as they are, for each language's writing:
                    numbers={"old": ("money", before), "new": ("money", after), "threshold": ("number", threshold),
                             "pct": ("percent", (after - before) / before * 100 if before else None)})
        return flags

    if change.section == "indicators" and change.change == "modified":
        ia = lookup.indicators[0].get(change.id)
        ib = lookup.indicators[1].get(change.id)
        if ia is None or ib is None:
            return flags
        direction = ib.item.direction
        olds = {t.year: t.target for t in ia.item.targets if t.target is not None}
        news = {t.year: t.target for t in ib.item.targets if t.target is not None}
        for year in sorted(olds):
            was = olds[year]
            if year in news:
                now = news[year]
                if (direction == "up" and now < was) or (direction == "down" and now > was):
                    add("target-lowered", f"targets[{year}].target", year=year, old=number(was), new=number(now),
                        direction=direction, verb="lowered" if direction == "up" else "raised",
                        numbers={"old": ("number", was), "new": ("number", now)})
                continue
            later = [y for y in sorted(news) if y > year and news[y] == was and olds.get(y) != was]
            if later:
                add("target-delayed", f"targets[{year}]", old=number(was), year=year,
                    how_en=f"moved to {later[0]}", how_id=f"dipindah ke {later[0]}", numbers={"old": ("number", was)})
            else:
                add("target-delayed", f"targets[{year}]", old=number(was), year=year,
                    how_en="removed", how_id="dihapus", numbers={"old": ("number", was)})
    return flags
