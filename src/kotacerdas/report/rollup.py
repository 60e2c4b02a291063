"""A province's report over its kab/kota in the tree: coverage by a documented rule, each member's index
over the years, the members' quick wins by dimension, and a table with a link to each member's report
(and, given `--books DIR`, to its rendered book).

The coverage rule is coverage.py's (docs/report.md): a member listed in the province's plan.yaml
`members` counts when its repository in the tree is valid and adopted or at least drafted; a "scaffold",
an "invalid" one or a "missing" one (no repository in the tree has its region code) does not. A smart
province needs 80% (tree.COVERAGE_TARGET)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..render.markdown import MdText
from ..repository import UsageError
from ..tree import COVERAGE_TARGET
from .coverage import COUNTED, masterplan_state

if TYPE_CHECKING:
    from ..api import Repo

@dataclass
class Member:
    code: str
    name: str
    state: str  # adopted, drafted, scaffold, invalid, missing
    rel: str | None = None  # its repository in the tree
    index: dict[int, tuple[float, bool]] = field(default_factory=dict)  # year -> (value, computed)
    quick_wins: Counter = field(default_factory=Counter)  # dimension code -> quick wins
    report: dict[str, str] = field(default_factory=dict)  # ext -> link from the province's report
    book: dict[str, str] = field(default_factory=dict)  # ext -> link to its rendered book

    @property
    def counted(self) -> bool:
        return self.state in COUNTED


@dataclass
class Rollup:
    """One province's roll-up (data; `context` gives what the report template shows)."""

    code: str
    name: str
    rel: str
    year: int
    members: list[Member] = field(default_factory=list)
    dimension_names: dict[str, str] = field(default_factory=dict)

    @property
    def counted(self) -> int:
        return sum(1 for m in self.members if m.counted)

    @property
    def percent(self) -> float | None:
        return round(100 * self.counted / len(self.members), 1) if self.members else None

    @property
    def meets_target(self) -> bool:
        return bool(self.members) and self.counted / len(self.members) >= COVERAGE_TARGET

    @property
    def years(self) -> list[int]:
        return sorted({y for m in self.members for y in m.index if y <= self.year})

    def quick_wins(self) -> list[tuple[str, int]]:
        """(dimension code, quick wins) over the counted members, taxonomy order first."""
        total: Counter = Counter()
        for m in self.members:
            if m.counted:
                total.update(m.quick_wins)
        order = list(self.dimension_names)
        return sorted(total.items(), key=lambda kv: (order.index(kv[0]) if kv[0] in order else len(order), kv[0]))

    def context(self, lang: str, ext: str) -> dict:
        from . import charts
        from .context import formatter, report_labels

        R = report_labels(lang)
        fmt = formatter(lang)
        years = self.years
        rows = [{"code": m.code, "name": m.name, "state": m.state,
                 "index": [{"value": m.index[y][0], "computed": m.index[y][1]} if y in m.index else None
                           for y in years],
                 "report": m.report.get(ext), "book": m.book.get(ext)} for m in self.members]
        shown = [m for m in self.members if self.year in m.index]
        chart = charts.bars("chart-members", R["member_index_chart"].format(year=self.year), [m.name for m in shown],
                            [(R["index"], [m.index[self.year][0] for m in shown])], unknown=R["unknown"],
                            y_max=4.0, fmt=lambda v: fmt.number(v, 2))
        return {"members": len(self.members), "real": self.counted, "percent": self.percent,
                "meets_target": self.meets_target, "years": years, "rows": rows,
                "chart": MdText(chart.markdown), "_chart": chart,
                "quick_wins": [{"code": c, "name": self.dimension_names.get(c, c) or R["unknown"], "count": n}
                               for c, n in self.quick_wins()]}


@dataclass
class Facts:
    """What a province's roll-up needs of one repository of the tree (small and picklable: computed where
    the repository's report is written, in a worker process for a big tree)."""

    rel: str
    dest: Path | None
    code: str | None
    level: str | None
    state: str
    language: str
    index: dict[int, tuple[float, bool]] = field(default_factory=dict)
    quick_wins: Counter = field(default_factory=Counter)


def facts_of(repo: Repo, rel: str, dest: Path | None, year: int) -> Facts | None:
    """The roll-up's facts of one repository, or None when it is not one (report_repo says why)."""
    from .evaluation import index_series

    try:
        validation = repo.validate()
    except UsageError:
        return None
    plan = validation.masterplan.plan
    if plan is None:
        return None
    facts = Facts(rel, dest, plan.item.region.code, plan.item.region.level, masterplan_state(validation),
                  repo.language)
    if validation.ok:
        m = validation.masterplan
        facts.index = {p.year: (p.value, p.official is None) for p in index_series(m, up_to=year)
                       if p.value is not None}
        facts.quick_wins = Counter(p.item.dimension or "" for p in m.programmes if p.item.quick_win)
    return facts


def build_rollup(repo: Repo, rel: str, dest: Path | None, facts: list[Facts], year: int, formats: list[str], *,
                 out: Path | None = None, books: Path | None = None) -> Rollup | None:
    """The roll-up of one province repository over the facts of the tree's repositories (None: the
    repository is not a province)."""
    from .build import report_stem
    from .run import relative_link

    try:
        mp = repo.validate().masterplan
    except UsageError:
        return None
    if mp.plan is None or mp.plan.item.region.level != "provinsi":
        return None
    by_code: dict[str, Facts] = {}
    for f in facts:
        if f.code is not None:
            by_code.setdefault(f.code, f)
    province = mp.plan.item
    lang = repo.language
    roll = Rollup(province.region.code, province.region.name, rel, year,
                  dimension_names={c: (d.name.en or d.name.id) if lang == "en" else d.name.id
                                   for c, d in mp.taxonomy.dimensions.items()})
    for ref in province.members:
        found = by_code.get(ref.code)
        if found is None:
            roll.members.append(Member(ref.code, ref.name, "missing"))
            continue
        member = Member(ref.code, ref.name, found.state, found.rel, dict(found.index), Counter(found.quick_wins))
        if dest is not None and found.dest is not None:
            if found.state != "invalid":
                stem = report_stem(year, found.language)
                member.report = {ext: relative_link(found.dest / f"{stem}.{ext}", dest) for ext in formats}
            if books is not None and out is not None:
                book = books / found.dest.relative_to(out)
                member.book = {"md": relative_link(book, dest) + "/", "html": relative_link(book / "index.html", dest)}
        roll.members.append(member)
    return roll
