"""The whole `kotacerdas report` run as a library call: validate, build the report (of one repository, or
of every repository of a tree with the province roll-up), write into --out or --check it. Returns what to
print and whether it failed; the command only prints it (so kotacerdas.api can call it the same way)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..render.output import apply_plan, plan_output


class ReportUsageError(Exception):
    """Wrong usage (exit 2): no such folder, unknown format or language, a bad --out."""


@dataclass
class ReportRun:
    lines: list[str] = field(default_factory=list)  # for stdout
    errors: list[str] = field(default_factory=list)  # for stderr
    failed: bool = False


def _validated(root: Path):
    from ..repository import UsageError
    from ..scale import Cache
    from ..validate import validate

    try:
        return validate(root, loader=Cache().loader)
    except UsageError as exc:
        raise ReportUsageError(str(exc)) from None


def run_report(path: Path, *, year: int, formats: list[str], out: Path, lang: str | None = None,
               check: bool = False) -> ReportRun:
    for f in formats:
        if f not in ("md", "html"):
            raise ReportUsageError(f"unknown format '{f}'; choose md or html")
    if lang is not None and lang not in ("id", "en"):
        raise ReportUsageError(f"unknown language '{lang}'; choose id or en")
    if not 1945 <= year <= 2100:
        raise ReportUsageError(f"--year {year} is not a year between 1945 and 2100")
    path = Path(path)
    if not path.is_dir():
        raise ReportUsageError(f"{path} is not a folder")
    from ..scale import scan

    listings = scan(path)
    run = ReportRun()
    if set(listings) - {path}:
        from .rollup import tree_rollups

        rollups = tree_rollups(path, listings, year, out)
        for root in sorted(listings, key=lambda p: p.relative_to(path).parts):
            rel = root.relative_to(path)
            dest = Path(out) / (rel if rel.parts else Path(path.resolve().name))
            _one(root, dest, year, formats, lang, check, run, rollups.get(root))
        return run
    _one(path, Path(out), year, formats, lang, check, run, None)
    return run


def _one(root: Path, out: Path, year: int, formats: list[str], lang: str | None, check: bool, run: ReportRun,
         rollup) -> None:
    from ..render import out_dir_problem
    from ..reporters import Report, display_prefix, render_report
    from .build import build_report

    validation = _validated(root)
    repo = validation.repo
    if not validation.ok:
        run.errors.append(render_report("text", Report("validate", validation.diagnostics, repo.root,
                                                       files_checked=len(repo.files),
                                                       prefix=display_prefix(repo.root))))
        run.errors.append(f"kotacerdas: report: {root} has errors (above); nothing was written for it.\n")
        run.failed = True
        return
    problem = out_dir_problem(repo, out)
    if problem:
        raise ReportUsageError(problem)
    lang = lang or validation.masterplan.config.language
    result = build_report(validation.masterplan, year, formats, lang=lang,
                          rollup=rollup.context(lang, out) if rollup is not None else None)
    if not result.ok:
        run.errors.append(render_report("text", Report("report", result.diagnostics, repo.root,
                                                       files_checked=len(repo.files),
                                                       prefix=display_prefix(repo.root))))
        run.failed = True
        return
    plan = plan_output(out, result.files, "report", False, partial=True)
    shown = str(out).rstrip("/") or "."
    if check:
        diffs = plan.differences()
        for name, why in diffs:
            run.lines.append(f"{shown}/{name}: {why}\n")
        run.failed = run.failed or bool(diffs)
        run.lines.append(f"✗ {shown} is out of date ({len(diffs)} files differ).\n" if diffs
                         else f"✓ {shown} is up to date ({len(result.files)} files).\n")
        return
    try:
        apply_plan(out, plan)
    except OSError as exc:
        raise ReportUsageError(f"cannot write into {out}: {exc.strerror or exc}") from None
    names = ", ".join(sorted(result.files))
    run.lines.append(f"✓ report {year} of {root} into {shown}: {names} "
                     f"({len(plan.write)} written, {len(plan.unchanged)} unchanged).\n")
