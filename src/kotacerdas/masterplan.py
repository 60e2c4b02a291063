"""The resolved masterplan: one object that lint, render and diff read, built from a loaded repository.

`Repository` knows files; `Masterplan` knows the plan: its taxonomy, offices, dimensions, stages,
programmes and indicators, each item paired with the file it came from so that any finding about it can
point at a line. Built once per run; cheap (no I/O).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

from .models import (
    STAGE_ORDER,
    DimensionPlan,
    Edition,
    Evaluation,
    Indicator,
    Opd,
    OpdRegistry,
    Plan,
    Programme,
    RepoConfig,
    Stage,
    Taxonomy,
)
from .reference import DEFAULT_TAXONOMY, TaxonomyIndex, builtin_taxonomies
from .repository import LoadedFile, Repository
from .source import Document

T = TypeVar("T")


@dataclass(frozen=True)
class Sourced(Generic[T]):
    """A model together with the document it was read from."""

    item: T
    doc: Document

    @property
    def path(self) -> str:
        return self.doc.path

    def at(self, *loc, key: bool = False) -> tuple[str, int, int]:
        line, col = self.doc.locate(tuple(loc), key=key)
        return self.doc.path, line, col


@dataclass
class Masterplan:
    repo: Repository
    config: RepoConfig
    plan: Sourced[Plan] | None
    opd_file: Sourced[OpdRegistry] | None
    taxonomy: TaxonomyIndex
    taxonomy_source: str  # "builtin" or a repository path
    dimensions: list[Sourced[DimensionPlan]] = field(default_factory=list)
    stages: list[Sourced[Stage]] = field(default_factory=list)
    programmes: list[Sourced[Programme]] = field(default_factory=list)
    indicators: list[Sourced[Indicator]] = field(default_factory=list)
    taxonomies: list[Sourced[Taxonomy]] = field(default_factory=list)
    evaluations: list[Sourced[Evaluation]] = field(default_factory=list)  # by year
    # the edition of plan.yaml `editions:` this masterplan is seen as (editions.select_edition); None: as written
    edition: Edition | None = None

    @property
    def opds(self) -> dict[str, Opd]:
        if self.opd_file is None:
            return {}
        return {o.id: o for o in self.opd_file.item.opd}

    @property
    def quick_wins(self) -> list[Sourced[Programme]]:
        return [p for p in self.programmes if p.item.quick_win]

    def programme(self, pid: str) -> Sourced[Programme] | None:
        return next((p for p in self.programmes if p.item.id == pid), None)

    def indicator(self, iid: str) -> Sourced[Indicator] | None:
        return next((i for i in self.indicators if i.item.id == iid), None)

    def stage(self, sid: str) -> Sourced[Stage] | None:
        return next((s for s in self.stages if s.item.stage == sid), None)

    def dimension(self, code: str) -> Sourced[DimensionPlan] | None:
        return next((d for d in self.dimensions if d.item.dimension == code), None)


def _sourced(files: list[LoadedFile]) -> list[Sourced]:
    return [Sourced(f.model, f.doc) for f in files if f.doc is not None]  # a file with a model has its document


def build_masterplan(repo: Repository, partial: bool = False) -> Masterplan:
    """The masterplan of the files that passed their schema check; with `partial`, also of the parts of the
    files that did not (for validate's cross-file checks only)."""
    if partial:
        import dataclasses

        files = [dataclasses.replace(f, model=getattr(f, "partial", None)) if f.model is None
                 and getattr(f, "partial", None) is not None else f for f in repo.files]
        repo = dataclasses.replace(repo, files=files)
    taxonomies = _sourced(repo.of_kind("taxonomy"))
    wanted = repo.config.taxonomy or DEFAULT_TAXONOMY
    own = next((t for t in taxonomies if t.item.id == wanted), None)
    if own is not None:
        index, origin = TaxonomyIndex(own.item), own.path
    else:
        builtin = builtin_taxonomies()
        index = TaxonomyIndex(builtin.get(wanted) or builtin[DEFAULT_TAXONOMY])
        origin = "builtin"
    plan = repo.one("plan")
    opd = repo.one("opd")
    stages = _sourced(repo.of_kind("stage"))
    stages.sort(key=lambda s: (STAGE_ORDER.index(s.item.stage), s.path))
    programmes = sorted(_sourced(repo.of_kind("programme")), key=lambda p: (p.item.id, p.path))
    indicators = sorted(_sourced(repo.of_kind("indicator")), key=lambda i: (i.item.id, i.path))
    order = {code: n for n, code in enumerate(index.dimensions)}
    dimensions = sorted(_sourced(repo.of_kind("dimension")),
                        key=lambda d: (order.get(d.item.dimension, len(order)), d.path))
    return Masterplan(
        repo=repo,
        config=repo.config,
        plan=Sourced(plan.model, plan.doc) if plan and plan.doc is not None else None,
        opd_file=Sourced(opd.model, opd.doc) if opd and opd.doc is not None else None,
        taxonomy=index,
        taxonomy_source=origin,
        dimensions=dimensions,
        stages=stages,
        programmes=programmes,
        indicators=indicators,
        taxonomies=taxonomies,
        evaluations=sorted(_sourced(repo.of_kind("evaluation")), key=lambda e: (e.item.year, e.path)),
    )
