"""The yearly evaluation as figures: the official record, what can be computed beside it, and the outcome
of the masterplan's execution per dimension and year. Pure functions of a `Masterplan`, no I/O.

Rules (docs/report.md):
- An official figure (the result letter's `index`, `change`) is the record and is never replaced. A
  *computed* index (the weighted mean of the five evaluation-dimension scores, with that year's `weights`
  or else kotacerdas.yaml's `evaluation:`) is given only where the letter gives no index and all five
  scores are known; it is labelled as computed wherever it is shown.
- A programme runs in a year when its `history` entry for that year says `ongoing`, `partly-running` or
  `completed` (partly running is counted as running, and counted separately too); `planned`,
  `suspended`, `stopped`, `cancelled` are not running; no entry, no status or `unknown` is not known.
  Only programmes planned for that year are counted: those with a history entry for it, and those whose
  start year is known and not later, up to their end year (no end year: up to the plan period's end).
  A programme whose start is not known and that has no entry for the year is not counted in it. The
  outcome rate is running / (programmes whose status is known): the unknown ones are reported, never
  counted as zero.
"""

from __future__ import annotations

from dataclasses import dataclass, field

EVAL_DIMENSIONS = ("baseline", "output", "outcome", "impact", "quick_win")
RUNNING = frozenset({"ongoing", "partly-running", "completed"})
NOT_RUNNING = frozenset({"planned", "suspended", "stopped", "cancelled"})


def year_status(programme, year: int) -> str | None:
    """The status monitoring recorded for `programme` in `year`, or None when not known."""
    for h in programme.history:
        if h.year == year:
            return h.status if h.status not in (None, "unknown") else None
    return None


def year_entry(programme, year: int):
    return next((h for h in programme.history if h.year == year), None)


def planned_in(programme, year: int, plan_end: int | None) -> bool:
    """Whether the programme was meant to run in `year` (see the module's rules)."""
    if any(h.year == year for h in programme.history):
        return True
    if programme.start is None or programme.start > year:
        return False
    last = programme.end if programme.end is not None else plan_end
    return last is None or year <= last


def planned_years(programme, plan_end: int | None, before: int) -> list[int]:
    """The years before `before` in which the programme was meant to run."""
    years = {h.year for h in programme.history if h.year < before}
    if programme.start is not None:
        last = programme.end if programme.end is not None else plan_end
        last = before - 1 if last is None else min(last, before - 1)
        years.update(range(programme.start, last + 1))
    return sorted(years)


def plan_end(mp) -> int | None:
    return mp.plan.item.period.end if mp.plan is not None else None


def weights_of(mp, evaluation) -> dict[str, float]:
    w = evaluation.weights if evaluation is not None and evaluation.weights is not None else mp.config.evaluation
    return {k: float(getattr(w, k)) for k in EVAL_DIMENSIONS}


def computed_index(scores, weights: dict[str, float]) -> float | None:
    """The weighted mean of the five scores, or None when one of them (or every weight) is missing."""
    if scores is None:
        return None
    values = {k: getattr(scores, k) for k in EVAL_DIMENSIONS}
    if any(v is None for v in values.values()):
        return None
    total = sum(weights.values())
    if total <= 0:
        return None
    return round(sum(values[k] * weights[k] for k in EVAL_DIMENSIONS) / total, 2)


@dataclass
class IndexPoint:
    year: int
    official: float | None
    computed: float | None  # only where official is None
    change: float | None
    change_computed: bool  # the change is the difference of two indices, not the letter's
    rank_province: int | None = None
    rank_national: int | None = None

    @property
    def value(self) -> float | None:
        return self.official if self.official is not None else self.computed


def index_series(mp, up_to: int | None = None) -> list[IndexPoint]:
    """One point per evaluation year (up to `up_to`), oldest first."""
    out: list[IndexPoint] = []
    for src in mp.evaluations:
        e = src.item
        if up_to is not None and e.year > up_to:
            continue
        computed = None if e.index is not None else computed_index(e.scores, weights_of(mp, e))
        point = IndexPoint(e.year, e.index, computed, e.change, False,
                           e.rank.province if e.rank else None, e.rank.national if e.rank else None)
        if point.change is None and point.value is not None:
            before = e.previous_index
            if before is None and out and out[-1].year == e.year - 1:
                before = out[-1].value
            if before is not None:
                point.change, point.change_computed = round(point.value - before, 2), True
        out.append(point)
    return out


@dataclass
class OutcomeRow:
    dimension: str
    planned: int = 0  # programmes planned to run in the year
    running: int = 0
    partly: int = 0  # of `running`, partly running
    not_running: int = 0
    unknown: int = 0
    unknown_ids: list[str] = field(default_factory=list)

    @property
    def known(self) -> int:
        return self.running + self.not_running

    @property
    def rate(self) -> float | None:
        return round(self.running / self.known * 100, 1) if self.known else None


def outcome(mp, year: int, *, quick_wins_only: bool = False) -> list[OutcomeRow]:
    """Per dimension (taxonomy order): how many of the programmes planned for `year` ran."""
    rows = {code: OutcomeRow(code) for code in mp.taxonomy.dimensions}
    end = plan_end(mp)
    for src in mp.programmes:
        p = src.item
        if quick_wins_only and not p.quick_win:
            continue
        if not planned_in(p, year, end):
            continue
        row = rows.setdefault(p.dimension or "", OutcomeRow(p.dimension or ""))  # "": dimension not known
        row.planned += 1
        status = year_status(p, year)
        if status is None:
            row.unknown += 1
            row.unknown_ids.append(p.id)
        elif status in RUNNING:
            row.running += 1
            row.partly += status == "partly-running"
        else:
            row.not_running += 1
    return list(rows.values())


def evaluation_of(mp, year: int):
    """The Sourced evaluation of `year`, or None."""
    return next((e for e in mp.evaluations if e.item.year == year), None)


def indicator_opds(mp, indicator) -> list[str]:
    """The OPDs answerable for an indicator's figures: its `opd`, else the owners of the programmes that
    serve it; [""] when neither is written."""
    if indicator.opd:
        return [indicator.opd]
    return sorted({s.item.owner for s in mp.programmes if indicator.id in s.item.indicators and s.item.owner}) or [""]


@dataclass
class Owed:
    """What one OPD still owes for past years: realisations of targets and programmes' yearly status."""

    targets: list[tuple[str, int]] = field(default_factory=list)  # (indicator id, year)
    programmes: list[tuple[str, int]] = field(default_factory=list)  # (programme id, year)


def data_owed(mp, last_year: int) -> dict[str, Owed]:
    """Per OPD ("" for none written), in id order: every target of a year up to `last_year` with no
    realisation, and every year up to `last_year` a programme was planned for whose status is not known."""
    owed: dict[str, Owed] = {}
    for src in mp.indicators:
        ind = src.item
        for t in ind.targets:
            if t.year <= last_year and t.target is not None and t.realisation is None:
                for o in indicator_opds(mp, ind):
                    owed.setdefault(o, Owed()).targets.append((ind.id, t.year))
    end = plan_end(mp)
    for src in mp.programmes:
        p = src.item
        for y in planned_years(p, end, last_year + 1):
            if year_status(p, y) is None:
                owed.setdefault(p.owner or "", Owed()).programmes.append((p.id, y))
    return {o: owed[o] for o in sorted(owed, key=lambda o: (o == "", o))}
