"""The kotacerdas Python API: open a masterplan repository (or a folder of many) once, then ask it things.

    from kotacerdas import api

    repo = api.open("examples/garut")              # one walk, one options object
    validation = repo.validate()                    # loaded once; lint and render reuse it
    for d in validation.diagnostics:
        print(d.path, d.line, d.code, d.message)
    findings = repo.lint(select=("KC101",))
    outcome = repo.render(["md", "html"], out="build/garut")
    changes = api.diff(["HEAD~1"], cwd="examples/garut")

Every result is data (dataclasses of diagnostics, files written, coverage, change records): nothing here
prints, exits, or imports typer or rich. Wrong usage (a path that is no repository, an --out that would
write over the sources, a chapter that does not exist) raises `UsageError` with a message for the user;
bad content never raises, it is reported as diagnostics. The command line (kotacerdas/commands/) is a
thin adapter over this module. Documented, with runnable examples, in docs/api.md.
"""

from __future__ import annotations

import builtins
import datetime as _dt
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .diagnostics import Diagnostic, Severity
from .fsutil import os_problem
from .i18n import _, choose, language
from .repository import UsageError, guarded_line
from .source import DEFAULT_LIMITS

if TYPE_CHECKING:
    from .diff.records import DiffResult
    from .fmt import FmtRun
    from .lint import LintResult
    from .render.engine import ExtraChapter
    from .report.run import ReportOutcome, TreeReport
    from .tree import ProvinceCoverage, TreeResult
    from .focus import FileValidation
    from .validate import Validation
    from .vocabulary import Vocabulary

__all__ = [
    "Diagnostic", "FormatOutcome", "InvalidRevision", "Options", "RenderOutcome", "Repo", "Severity", "Tree",
    "TreeRender", "UsageError", "diff", "fmt", "open", "open_file",
]

LANGUAGES = ("id", "en")
RENDER_FORMATS = ("md", "html", "pdf", "docx")  # pdf and docx: the books (render/books.py)


@dataclass(frozen=True)
class Options:
    """Everything a run may be told, in one place.

    lang: language of rendered text and of messages (id or en); None: the repository's `language` in
        kotacerdas.yaml for rendered text, and i18n.choose's order for messages (KOTACERDAS_LANG,
        kotacerdas.yaml's `language`, the environment's locale, Indonesian).
    cache: use the content-keyed cache (docs/scale.md); False reads and checks everything again and
        writes no cache entry. cache_dir: where (None: $KOTACERDAS_CACHE_DIR, else the user's cache folder).
    as_of: the date for lint rules that depend on it (None: today).
    parallel: worker processes for big trees (None: decided by size; results are identical either way).
    progress: called as progress(done, total) while a tree is checked (None: silent).
    """

    lang: str | None = None
    cache: bool = True
    cache_dir: Path | None = None
    as_of: _dt.date | None = None
    parallel: bool | None = None
    progress: Callable[[int, int], None] | None = None

    def __post_init__(self) -> None:
        if self.lang is not None and self.lang not in LANGUAGES:
            raise UsageError(_("unknown language '{lang}'; choose id or en").format(lang=self.lang))

    @property
    def date(self) -> _dt.date:
        return self.as_of or _dt.date.today()

    def loader(self):
        """How one repository's files are read: through the cache, or (cache off) read and parsed anew."""
        if self.cache:
            from .scale import Cache

            return Cache(self.cache_dir).loader
        from .scale import parallel_load_files

        return parallel_load_files

    def cache_folder(self) -> Path | None:
        """The cache folder, or None when the cache is off or has no place."""
        if not self.cache:
            return None
        from .runtime import cache_folder

        return Path(self.cache_dir) if self.cache_dir is not None else cache_folder()


def open(path: str | Path, options: Options | None = None) -> Repo | Tree:
    """A masterplan repository, or a folder holding many (a province with its kab/kota, a national
    collection): walked once. Raises UsageError when `path` is neither."""
    path = Path(path)
    options = options or Options()
    if not path.exists():
        raise UsageError(_("no such folder: {path}").format(path=path))
    if not path.is_dir():
        raise UsageError(_("not a folder: {path}").format(path=path))
    from .scale import scan

    listings = scan(path)
    if set(listings) - {path}:
        return Tree(path, options, listings)
    if not listings:  # inside a repository, as git finds its root: walk up to it (focus.find_root)
        from .focus import find_root

        root = find_root(path)
        if root is not None:
            return Repo(Path(os.path.relpath(root)) if not path.is_absolute() else root, options)
    return Repo(path, options)


def open_file(path: str | Path, options: Options | None = None) -> tuple[Repo, str]:
    """The repository holding the file `path`, and the file's repository-relative path (for
    `Repo.validate_file`). Raises UsageError when no folder above the file is a masterplan repository."""
    from .focus import root_of_file

    path = Path(path)
    if not path.is_file():
        raise UsageError(f"no such file: {path}")
    root, rel = root_of_file(path)
    return Repo(Path(os.path.relpath(root)) if not path.is_absolute() else root, options or Options()), rel


# --- one repository ----------------------------------------------------------------------------------------


@dataclass
class FormatOutcome:
    """What render did, or would do (check), in one format."""

    format: str
    chapters: int  # chapters rendered
    files: builtins.list[str]  # every file of the output, relative to --out
    written: builtins.list[str] = field(default_factory=list)
    unchanged: builtins.list[str] = field(default_factory=list)
    removed: builtins.list[str] = field(default_factory=list)
    differences: builtins.list[tuple[str, str]] = field(default_factory=list)  # check: (file, why)
    books: int = 0  # pdf and docx: books rendered (0 for md and html, which render chapters)


@dataclass
class RenderOutcome:
    """The result of rendering one repository.

    status: "written"; "checked" (check=True: `differences` say what is out of date); "invalid" (the
    repository has errors: `diagnostics` are validate's, nothing was written); "template-errors"
    (`diagnostics` are the templates', nothing was written); "engine-missing" (pdf: the typesetting
    engine is not installed; the one diagnostic, KC204, says what to install; nothing was written)."""

    root: Path
    out: Path
    status: str
    diagnostics: builtins.list[Diagnostic] = field(default_factory=list)
    formats: builtins.list[FormatOutcome] = field(default_factory=list)
    check: bool = False

    @property
    def ok(self) -> bool:
        """Written, or up to date when checked."""
        return self.status == "written" or (self.status == "checked" and not self.differences)

    @property
    def differences(self) -> builtins.list[tuple[str, str]]:
        return [d for f in self.formats for d in f.differences]


class Repo:
    """One masterplan repository. Its files are loaded and validated once, on first use."""

    def __init__(self, root: str | Path, options: Options | None = None) -> None:
        self.root = Path(root)
        self.options = options or Options()
        self._validation: Validation | None = None

    def __repr__(self) -> str:
        return f"Repo({str(self.root)!r})"

    # checking ----------------------------------------------------------------------------------------

    def validate(self) -> Validation:
        """Every file loaded and schema-checked, and the checks across files (validate.Validation:
        repo, masterplan, diagnostics, ok). Raises UsageError when the folder is not a repository."""
        if self._validation is None:
            from .runtime import fewer_collections
            from .validate import validate

            with fewer_collections(), language(self.message_language):
                self._validation = validate(self.root, loader=self.options.loader())
        return self._validation

    def lint(self, select: Sequence[str] | None = None, ignore: Sequence[str] = ()) -> LintResult:
        """Validate's diagnostics plus the lint rules' findings (lint.LintResult). `select` (rule codes)
        replaces kotacerdas.yaml's lint.select; `ignore` adds to its lint.ignore."""
        from .lint.engine import run_rules

        validation = self.validate()
        with language(self.message_language):
            return run_rules(validation, self.options.date, select=tuple(select) if select is not None else None,
                             ignore=tuple(ignore))

    @property
    def message_language(self) -> str:
        """The language of this repository's messages (diagnostics, usage errors): i18n.choose."""
        return choose(self.options.lang, self.root)

    @property
    def language(self) -> str:
        """The language of everything rendered: the options', else kotacerdas.yaml's."""
        if self.options.lang is not None:
            return self.options.lang
        from .repository import load_config

        return load_config(self.root)[0].language if self._validation is None \
            else self._validation.repo.config.language

    def source_line(self, rel: str, line: int) -> str:
        """A line of one of the repository's files, to show under a diagnostic ("" when it cannot be
        shown safely)."""
        return self.validate().repo.source_line(rel, line)

    def validate_file(self, rel: str) -> FileValidation:
        """validate's verdict on one file (repository-relative) and the files it refers to
        (focus.FileValidation). Raises UsageError when validate does not read such a file."""
        from .focus import file_validation

        return file_validation(self.validate(), rel)

    def lint_file(self, rel: str, select: Sequence[str] | None = None, ignore: Sequence[str] = ()) -> LintResult:
        """lint's findings on one file (repository-relative) and the files it refers to; the rules still
        read the whole repository (a quick win counts for its dimension wherever it is)."""
        from .focus import narrow_lint

        return narrow_lint(self.lint(select=select, ignore=ignore), self.validate_file(rel))

    def vocabulary(self) -> Vocabulary:
        """The codes its files refer to (pinned taxonomy's dimensions and elements, opd.yaml's ids), for
        the exported JSON Schemas; a part whose file did not load is left empty (no enumeration)."""
        from .vocabulary import Vocabulary

        return Vocabulary.of_masterplan(self.validate().masterplan)

    # publishing --------------------------------------------------------------------------------------

    def render(self, formats: Sequence[str] = ("md",), out: str | Path = "site", *,
               chapter: str | Sequence[str] | None = None,
               single: bool = False, check: bool = False, changes_since: str | None = None,
               extra_chapters: Sequence[ExtraChapter] = (), edition: str | None = None,
               book: int | None = None) -> RenderOutcome:
        """The masterplan as book chapters into `out` (or, with check, whether `out` holds exactly that).
        Every format is rendered from the same chapter bodies before anything is written: an error writes
        nothing. `chapter`: one chapter or several (`["1", "3"]`), by number, numeral, letter or name.
        `changes_since` (a git revision) adds the "Riwayat Perubahan" chapter; `edition` (an id of
        plan.yaml's editions) renders that edition (default: the current one). Formats pdf and docx write
        the books (Buku I-IV, docs/books.md): one file per book, or only book number `book`; with `book`,
        md and html hold that book's chapters."""
        with language(self.message_language):
            return _render(self, list(formats), Path(out), chapter=chapter, single=single, check=check,
                           changes_since=changes_since, extra_chapters=list(extra_chapters), edition=edition,
                           book=book)

    def report(self, year: int, formats: Sequence[str] = ("md",), out: str | Path | None = None, *,
               check: bool = False) -> ReportOutcome:
        """The Laporan Monitoring dan Evaluasi of `year` (kotacerdas.report): written into `out` (or, with
        check, whether `out` holds exactly that; with no `out`, built only: `contents`). Its figures
        (index, outcome per dimension, missed targets, data owed per OPD) are in `.figures`."""
        from .report.run import report_repo

        return report_repo(self, year, list(formats), Path(out) if out is not None else None, check=check)

    def diff(self, old: str, new: str | None = None) -> DiffResult:
        """What changed since git revision `old` (in the working tree, or in revision `new`)."""
        return diff([old] if new is None else [old, new], path=self.root, lang=self.options.lang)

    def fmt(self, check: bool = False) -> FmtRun:
        """Every masterplan YAML file in one layout (check: change nothing, say what would change)."""
        return fmt([self.root], check=check, lang=self.options.lang)


def _render(repo: Repo, formats: list[str], out: Path, *, chapter: str | Sequence[str] | None, single: bool,
            check: bool, changes_since: str | None, extra_chapters: list, edition: str | None = None,
            book: int | None = None) -> RenderOutcome:
    from .render import ChapterNotFound, apply_plan, out_dir_problem, plan_output
    from .render.books import BOOK_FORMATS, BookNotFound, EngineMissing, render_books
    from .i18n import _
    from .render.engine import Renderer
    from .render.environment import use_disk_cache

    bad = [f for f in formats if f not in RENDER_FORMATS]
    if bad or not formats:
        raise UsageError(_("unknown format '{format}'; choose md, html, pdf or docx").format(
            format=bad[0] if bad else ""))
    if chapter and set(formats) & set(BOOK_FORMATS):
        raise UsageError(_("--chapter renders one chapter as md or html; pdf and docx render books (--book N)"))
    use_disk_cache(repo.options.cache_folder())
    validation = repo.validate()
    if not validation.ok:
        return RenderOutcome(repo.root, out, "invalid", list(validation.diagnostics), check=check)
    problem = out_dir_problem(validation.repo, out)
    if problem:
        raise UsageError(problem)
    extras = list(extra_chapters)
    if changes_since is not None:
        extras.append(_changes_since_chapter(repo, changes_since))
    from .editions import EditionNotFound, select_edition

    try:
        masterplan = select_edition(validation.masterplan, edition)
    except EditionNotFound as exc:
        raise UsageError(str(exc)) from None
    renderer = Renderer(masterplan, lang=repo.language, extra_chapters=extras)
    results = []
    for one in formats:
        try:
            result = render_books(renderer, one, book=book, chapter=chapter, single=single)
        except (ChapterNotFound, BookNotFound) as exc:
            raise UsageError(str(exc)) from None
        except EngineMissing as exc:
            return RenderOutcome(repo.root, out, "engine-missing", [exc.diagnostic()], check=check)
        if not result.ok:
            return RenderOutcome(repo.root, out, "template-errors", list(result.diagnostics), check=check)
        results.append((one, result))
    from .protect import source_files

    sources = source_files(validation.repo)
    clash = sorted({name for _, r in results for name in r.files if (out / name).resolve() in sources})
    if clash:
        raise UsageError(_("--out {out} would overwrite source files of the repository: {files}")
                         .format(out=out, files=", ".join(clash)))
    outcome = RenderOutcome(repo.root, out, "checked" if check else "written", check=check)
    for one, result in results:
        plan = plan_output(out, result.files, one, single, partial=bool(chapter) or book is not None)
        done = FormatOutcome(one, len(result.chapters) if one in BOOK_FORMATS else len(result.selected),
                             sorted(result.files), books=len(result.files) if one in BOOK_FORMATS else 0)
        if check:
            done.differences = plan.differences()
        else:
            try:
                apply_plan(out, plan)
            except OSError as exc:
                raise UsageError(_("cannot write into {out}: {value}")
                                 .format(out=out, value=os_problem(exc))) from None
            done.written, done.unchanged, done.removed = sorted(plan.write), list(plan.unchanged), list(plan.remove)
        outcome.formats.append(done)
    return outcome


class InvalidRevision(Exception):
    """The plan at a revision `render --changes-since` compares with is not valid (exit 1, not 2): its
    diagnostics are in `diagnostics`, their paths written as git writes them (REV:path)."""

    def __init__(self, message: str, diagnostics: list[Diagnostic], source_line: Callable[[str, int], str]) -> None:
        super().__init__(message)
        self.diagnostics = diagnostics
        self.source_line = source_line


def _changes_since_chapter(repo: Repo, rev: str):
    """The "Riwayat Perubahan" chapter: the working tree, already loaded by render, against `rev`."""
    from .diff import InvalidSides
    from .diff.chapter import changes_since
    from .diff.records import Side
    from .diff.sources import DiffUsageError, LoadedSide, config_diagnostics
    from .render.engine import ExtraChapter

    validation = repo.validate()
    worktree = LoadedSide(Side("worktree", "working tree"), validation.repo, validation.masterplan,
                          [*validation.diagnostics, *config_diagnostics(validation.repo)])
    try:
        chapter = changes_since(repo.root, rev, repo.language, worktree=worktree)
    except DiffUsageError as exc:
        raise UsageError(_("--changes-since: {exc}").format(exc=exc)) from None
    except InvalidSides as exc:
        bad = exc.sides[0]
        label = f"{bad.side.label}:{bad.side.path + '/' if bad.side.path else ''}"
        old_repo, cut = bad.repo, len(label)

        def source_line(rel: str, line: int) -> str:
            return old_repo.source_line(rel[cut:], line)

        raise InvalidRevision(_("{describe} is not a valid masterplan").format(describe=bad.side.describe()),
                              [replace(d, path=label + d.path) for d in bad.errors], source_line) from None
    return ExtraChapter(slug="riwayat-perubahan", title=chapter.title, markdown=chapter.markdown)


# --- many repositories ---------------------------------------------------------------------------------------


@dataclass
class TreeRender:
    """Render of every repository of a tree: one outcome per repository, in the tree's order."""

    root: Path
    outcomes: builtins.list[tuple[str, RenderOutcome]]  # (path in the tree, outcome)

    @property
    def ok(self) -> bool:
        return all(o.ok for _, o in self.outcomes)


class Tree:
    """A folder holding many masterplan repositories, walked once (`api.open` decides)."""

    def __init__(self, root: str | Path, options: Options | None = None, listings: dict | None = None) -> None:
        from .scale import scan

        self.root = Path(root)
        self.options = options or Options()
        self.listings = listings if listings is not None else scan(self.root)
        self._checked: dict[tuple, TreeResult] = {}

    def __repr__(self) -> str:
        return f"Tree({str(self.root)!r}, {len(self.listings)} repositories)"

    def repositories(self) -> builtins.list[Path]:
        return sorted(self.listings, key=lambda p: p.relative_to(self.root).parts)

    def validate(self) -> TreeResult:
        """Every repository validated (cached by content), one combined result with coverage."""
        from .tree import VALIDATE

        return self._check(VALIDATE)

    def lint(self, select: Sequence[str] | None = None, ignore: Sequence[str] = ()) -> TreeResult:
        from .tree import Job

        return self._check(Job("lint", self.options.date, tuple(select) if select is not None else None,
                               tuple(ignore)))

    def coverage(self) -> builtins.list[ProvinceCoverage]:
        """Per province repository: how many of its kab/kota have a valid masterplan in the tree."""
        return self.validate().coverage

    def source_line(self, rel: str, line: int) -> str:
        return guarded_line(self.root, rel, line, DEFAULT_LIMITS.max_file_bytes)

    def _check(self, job) -> TreeResult:
        key = (job.command, job.lint_key)
        if key not in self._checked:
            from .tree import check_tree

            o = self.options
            progress = None
            if o.progress is not None:
                total, done = len(self.listings), [0]

                def progress(n: int, report=o.progress) -> None:
                    done[0] += n
                    report(done[0], total)
            with language(choose(o.lang, self.root)):
                self._checked[key] = check_tree(self.root, use_cache=o.cache, cache_dir=o.cache_dir,
                                                parallel=o.parallel, listings=self.listings, job=job, advance=progress)
        return self._checked[key]

    def report(self, year: int, formats: Sequence[str] = ("md",), out: str | Path | None = None, *,
               check: bool = False, books: str | Path | None = None) -> TreeReport:
        """Every repository's report of `year` into out/<its path in the tree>; a province's report rolls up
        its kab/kota (coverage, index over the years, quick wins, links to each member's report and, with
        `books` (where `render` wrote the tree's books), to its book). Each repository is loaded once."""
        from .report.run import report_tree

        return report_tree(self, year, list(formats), Path(out) if out is not None else None, check=check,
                           books=Path(books) if books is not None else None)

    def plan(self, out: Path | None) -> tuple[builtins.list[tuple[Path, str, Any]], builtins.list, builtins.list,
                                              bool]:
        """How a tree is written (render, report): every repository as (root, its path in the tree, its
        folder: out/<that path>, the tree's own plan into out/<its folder name>; None without `out`),
        refused (UsageError) when two would share a folder; the kab/kota first, then the provinces, whose
        results need theirs; and whether the first go to worker processes (from four up)."""
        from .runtime import runs_in_workers
        from .scale import PARALLEL_MIN_REPOS
        from .tree import destination_clash

        jobs = []
        for root in self.repositories():
            inside = root.relative_to(self.root)
            dest = (out / (inside if inside.parts else Path(self.root.resolve().name))) if out is not None else None
            jobs.append((root, inside.as_posix() if inside.parts else ".", dest))
        if out is not None:
            clash = destination_clash(self.root, [(root, dest) for root, _, dest in jobs if dest is not None], out)
            if clash:
                raise UsageError(clash)
        level = {root: _level_of(root) for root, _, _ in jobs}
        first = [j for j in jobs if level[j[0]] != "provinsi"]
        provinces = [j for j in jobs if level[j[0]] == "provinsi"]
        parallel = self.options.parallel if self.options.parallel is not None else len(first) >= PARALLEL_MIN_REPOS
        return jobs, first, provinces, runs_in_workers(parallel, len(first))

    def render(self, formats: Sequence[str] = ("md",), out: str | Path = "site", *,
               chapter: str | Sequence[str] | None = None,
               single: bool = False, check: bool = False, edition: str | None = None,
               book: int | None = None) -> TreeRender:
        """Every repository into out/<its path in the tree> (the tree's own plan, if it is one, into
        out/<its folder name>); a province gets a coverage chapter. Each repository is loaded once: the
        kab/kota are rendered first (in worker processes from four up), and their results give the
        provinces' coverage."""
        from .runtime import ordered_map
        from .tree import cross_check

        out = Path(out)
        request = _TreeJob(list(formats), chapter, single, check, self.options, edition, book)
        jobs, first, provinces, parallel = self.plan(out)
        done: dict[str, tuple[Any, RenderOutcome]] = {}
        for rel, summary, outcome in ordered_map(_render_member, [(j, request) for j in first], parallel=parallel):
            done[rel] = (summary, outcome)
        summaries = [s for s, _ in done.values()]
        held = {root: Repo(root, self.options) for root, _, _ in provinces}
        from .tree import summarise

        for root, rel, _dest in provinces:
            summaries.append(summarise(held[root].validate(), rel))
        coverage = {c.rel: c for c in cross_check(sorted(summaries, key=lambda s: s.rel))[1]}
        for root, rel, dest in provinces:
            from .tree import coverage_chapter

            repo = held[root]
            extra = [coverage_chapter(coverage[rel], repo.language)] if rel in coverage else []
            done[rel] = (None, _render_one(repo, dest, request, extra))
        return TreeRender(self.root, [(rel, done[rel][1]) for _, rel, _ in jobs])


@dataclass(frozen=True)
class _TreeJob:
    """What every repository of a tree render is asked (handed to each worker)."""

    formats: list[str]
    chapter: str | Sequence[str] | None
    single: bool
    check: bool
    options: Options
    edition: str | None = None
    book: int | None = None


def _level_of(root: Path) -> str | None:
    """plan.yaml's region.level, read cheaply (provinces are rendered after their members); None when it
    cannot be told (a plan that is not a regular file or not YAML: validate reports it)."""
    from .fsutil import peek_yaml

    data = peek_yaml(root / "plan.yaml", 1_048_576)
    region = data.get("region") if isinstance(data, dict) else None
    level = region.get("level") if isinstance(region, dict) else None
    return level if isinstance(level, str) else None


def _render_one(repo: Repo, dest: Path, request: _TreeJob, extra: list) -> RenderOutcome:
    try:
        return repo.render(request.formats, dest, chapter=request.chapter, single=request.single,
                           check=request.check, extra_chapters=extra, edition=request.edition, book=request.book)
    except UsageError as exc:  # a usage problem with one repository stops that one, not the tree
        return RenderOutcome(repo.root, dest, "usage-error", [Diagnostic(
            "KC013", Severity.ERROR, "kotacerdas.yaml", 1, 1, str(exc), found=str(exc),
            expected=_("a repository render can write"))], check=request.check)


def _render_member(item) -> tuple[str, Any, RenderOutcome]:
    """One kab/kota of a tree render (module-level: it runs in a worker, with only what it is handed)."""
    (root, rel, dest), request = item
    from .tree import summarise

    repo = Repo(root, request.options)
    outcome = _render_one(repo, dest, request, [])
    try:
        summary = summarise(repo.validate(), rel)
    except UsageError:
        from .tree import RepoSummary

        summary = RepoSummary(rel, [], 0, False)
    return rel, summary, outcome


# --- across revisions, and formatting ----------------------------------------------------------------------


def diff(args: Sequence[str] = (), *, path: str | Path | None = None, cwd: str | Path | None = None,
         edition: str | None = None, lang: str | None = None) -> DiffResult:
    """Compare two versions of a masterplan: two folders, a git revision and the working tree, or two
    revisions (as `kotacerdas diff` takes them); `edition`: compare that edition of plans that have
    several (default: each side's current one); `lang`: the language of its messages (None: i18n.choose for
    the repository at `path`, else `cwd`). Raises UsageError for wrong usage and diff.InvalidSides
    when a side is not a valid masterplan (its diagnostics are in `.sides`)."""
    from .diff import compare_sides
    from .diff.sources import DiffUsageError, load_sides
    from .focus import diff_root

    above = diff_root(list(args), path, Path(cwd) if cwd is not None else None)  # run in a subfolder
    if above is not None:
        path = above
    try:
        with language(choose(lang, path if path is not None else cwd if cwd is not None else Path.cwd())):
            old, new = load_sides(list(args), None if path is None else str(path),
                                  Path(cwd) if cwd is not None else None)
            return compare_sides(old, new, edition=edition)
    except DiffUsageError as exc:
        raise UsageError(str(exc)) from None


def fmt(paths: Sequence[str | Path], *, check: bool = False, lang: str | None = None) -> FmtRun:
    """Format masterplan YAML files (repositories, folders inside one, or files) in one layout, keeping
    every comment and value; with check, change nothing. Raises UsageError for paths that hold none."""
    from .fmt import FmtUsageError, run

    try:
        with language(choose(lang, Path(paths[0]) if paths else None)):
            return run([Path(p) for p in paths], check=check)
    except FmtUsageError as exc:
        raise UsageError(str(exc)) from None
