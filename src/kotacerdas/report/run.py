"""The report as a capability of kotacerdas.api: `Repo.report(year, ...)` and `Tree.report(year, ...)` call
`report_repo` and `report_tree` here. They validate through the Repo (loaded once), build the files
(build.py), write them into `out` through render's output plan (or, with check, say what differs) and
return data: a `ReportOutcome` per repository with the year's figures (`YearFigures`), and for a tree
the province roll-ups (rollup.py). Nothing here prints or exits; wrong usage raises `UsageError`."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..diagnostics import Diagnostic, Severity
from ..fsutil import os_problem
from ..i18n import _
from ..repository import UsageError

if TYPE_CHECKING:
    from ..api import Repo, Tree
    from .rollup import Rollup

FORMATS = ("md", "html")
FIRST_YEAR, LAST_YEAR = 1945, 2100


@dataclass
class YearFigures:
    """The figures of one year's report, as data (what the report prints, without the words)."""

    year: int
    index: float | None  # the official index, else the computed one (see index_computed), else None
    index_computed: bool
    change: float | None
    index_series: list[Any]  # evaluation.IndexPoint, oldest first
    outcome: list[Any]  # evaluation.OutcomeRow per dimension (programmes planned for the year)
    targets: dict[str, Any]  # achieved, missed, no_data, rate (None when nothing is known)
    missed: list[tuple[str, int]]  # (indicator id, year) of every target missed up to the year
    explanation_owed: dict[str, list[str]]  # OPD -> "indicator (year)" of missed targets without explanation
    data_owed: dict[str, dict[str, list[str]]]  # OPD -> {"targets": [...], "programmes": [...]}
    recommendations_open: list[str]  # last year's recommendations without a follow-up marked done


@dataclass
class ReportOutcome:
    """The report of one repository. status: "written", "checked" (`differences` say what is out of date),
    "built" (no `out`: `contents` hold the files), "invalid" (validate's errors in `diagnostics`, nothing
    written), "template-errors", or "usage-error" (one repository of a tree that cannot be written)."""

    root: Path
    out: Path | None
    year: int
    status: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    differences: list[tuple[str, str]] = field(default_factory=list)
    contents: dict[str, bytes] = field(default_factory=dict)
    figures: YearFigures | None = None
    check: bool = False

    @property
    def ok(self) -> bool:
        return self.status in ("written", "built") or (self.status == "checked" and not self.differences)


@dataclass
class TreeReport:
    """The report of every repository of a tree, in the tree's order, and each province's roll-up."""

    root: Path
    outcomes: list[tuple[str, ReportOutcome]]
    rollups: list[Rollup] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(o.ok for _, o in self.outcomes)


def check_request(year: int, formats: list[str]) -> None:
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise UsageError(_("unknown format '{format}'; choose md or html").format(format=bad[0] if bad else ""))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise UsageError(_("--year {year} is not a year between {first} and {last}").format(
            year=year, first=FIRST_YEAR, last=LAST_YEAR))


def report_repo(repo: Repo, year: int, formats: list[str], out: Path | None, *, check: bool = False,
                rollup: Rollup | None = None) -> ReportOutcome:
    from ..editions import select_edition
    from .build import build_report

    from ..render.environment import use_disk_cache

    check_request(year, formats)
    use_disk_cache(repo.options.cache_folder())  # compiled templates and converted pages, as render keeps them
    validation = repo.validate()
    if not validation.ok:
        return ReportOutcome(repo.root, out, year, "invalid", list(validation.diagnostics), check=check)
    if out is not None:
        from ..render import out_dir_problem

        problem = out_dir_problem(validation.repo, out)
        if problem:
            raise UsageError(problem)
    masterplan = select_edition(validation.masterplan, edition_of_year(validation.masterplan, year))
    lang = repo.language
    links = (lambda ext: rollup.context(lang, ext)) if rollup is not None else None
    result = build_report(masterplan, year, formats, lang=lang, rollup=links)
    if not result.ok:
        return ReportOutcome(repo.root, out, year, "template-errors", list(result.diagnostics), check=check)
    outcome = ReportOutcome(repo.root, out, year, "built", files=sorted(result.files), figures=result.figures,
                            check=check)
    if out is None:
        outcome.contents = dict(result.files)
        return outcome
    _guard_sources(validation.repo, out, result.files)
    from ..render.output import apply_plan, plan_output

    plan = plan_output(out, result.files, "report", False, partial=True)
    if check:
        outcome.status, outcome.differences = "checked", plan.differences()
        return outcome
    try:
        apply_plan(out, plan)
    except OSError as exc:
        raise UsageError(_("cannot write into {out}: {why}").format(out=out, why=os_problem(exc))) from None
    outcome.status, outcome.written, outcome.unchanged = "written", sorted(plan.write), list(plan.unchanged)
    return outcome


def _guard_sources(repository, out: Path, files: dict[str, bytes]) -> None:
    """Refuse an --out where a report file would replace a source file (its YAML, a Markdown file it refers
    to, which all lie inside the repository: an --out outside it cannot)."""
    from ..protect import source_files

    try:
        Path(out).resolve().relative_to(Path(repository.root).resolve())
    except ValueError:
        return

    sources = source_files(repository)
    clash = sorted(name for name in files if (out / name).resolve() in sources)
    if clash:
        raise UsageError(_("--out {out} would overwrite source files of the repository: {files}").format(
            out=out, files=", ".join(clash)))


def edition_of_year(mp, year: int) -> str | None:
    """The edition whose period holds `year` (the latest such), or None: the current one."""
    if mp.plan is None or not mp.plan.item.editions:
        return None
    holding = [e for e in mp.plan.item.editions if e.period.start <= year <= e.period.end]
    return max(holding, key=lambda e: (e.period.start, e.period.end)).id if holding else None


@dataclass(frozen=True)
class _TreeJob:
    """What every repository of a tree report is asked (handed to each worker)."""

    year: int
    formats: list[str]
    check: bool
    options: Any


def report_tree(tree: Tree, year: int, formats: list[str], out: Path | None, *, check: bool = False,
                books: Path | None = None) -> TreeReport:
    """Every repository's report into out/<its path in the tree> (the tree's own plan into out/<its folder
    name>); a province's report rolls up its kab/kota (rollup.py). Each repository is loaded once: the
    kab/kota first (in worker processes from four up; the result is the same), whose facts give the
    provinces' roll-ups."""
    from ..api import Repo
    from ..runtime import ordered_map
    from .rollup import build_rollup, facts_of

    check_request(year, formats)
    jobs, first, provinces, parallel = tree.plan(out)
    request = _TreeJob(year, formats, check, tree.options)
    done: dict[str, ReportOutcome] = {}
    facts = []
    for rel, fact, outcome in ordered_map(_report_member, [(j, request) for j in first], parallel=parallel):
        done[rel] = outcome
        facts.append(fact)
    held = {root: Repo(root, tree.options) for root, _, _ in provinces}
    facts += [facts_of(held[root], rel, dest, year) for root, rel, dest in provinces]
    order = {rel: n for n, (_, rel, _) in enumerate(jobs)}
    known = sorted((f for f in facts if f is not None), key=lambda f: order[f.rel])
    result = TreeReport(tree.root, [])
    for root, rel, dest in provinces:
        roll = build_rollup(held[root], rel, dest, known, year, formats, out=out, books=books)
        done[rel] = _report_one(held[root], dest, request, roll)
        if roll is not None:
            result.rollups.append(roll)
    result.outcomes = [(rel, done[rel]) for _, rel, _ in jobs]
    return result


def _report_one(repo: Repo, dest: Path | None, request: _TreeJob, rollup: Rollup | None) -> ReportOutcome:
    try:
        return report_repo(repo, request.year, request.formats, dest, check=request.check, rollup=rollup)
    except UsageError as exc:  # a usage problem with one repository stops that one, not the tree
        return ReportOutcome(repo.root, dest, request.year, "usage-error", [Diagnostic(
            "KC013", Severity.ERROR, "kotacerdas.yaml", 1, 1, str(exc), found=str(exc),
            expected=_("a repository the report can be written for"))], check=request.check)


def _report_member(item) -> tuple[str, Any, ReportOutcome]:
    """One kab/kota of a tree report (module-level: it runs in a worker, with only what it is handed)."""
    from ..api import Repo
    from .rollup import facts_of

    (root, rel, dest), request = item
    repo = Repo(root, request.options)
    outcome = _report_one(repo, dest, request, None)
    return rel, facts_of(repo, rel, dest, request.year), outcome


def relative_link(target: Path, start: Path) -> str:
    """A link from a page in folder `start` to the file `target`, with forward slashes."""
    return Path(os.path.relpath(target, start)).as_posix()
