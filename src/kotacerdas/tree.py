"""Many masterplans in one tree: a province with its kab/kota, or a national collection.

A *tree* is a folder holding masterplan repositories (folders with kotacerdas.yaml) at any depth; the
folder itself may be one of them (a province repository with its kab/kota nested inside). `check_tree`
validates every repository, each on its own, and joins the results into one report whose paths are
relative to the tree, with one verdict.

Across repositories it checks what no single one can know: a province repository (plan.yaml
`region.level: provinsi`) lists its kab/kota under `members`; when the tree holds kab/kota masterplans,
each member should have one (matched by plan.yaml `region.code`). `coverage` gives, per province, how many
of its member kab/kota have a valid masterplan in the tree, how many of those count by the coverage rule
(report/coverage.py: adopted by a recorded regulation, or at least not an untouched `init` scaffold), and
whether those reach the 80% a smart province needs.

Repositories are validated in parallel (fork-based processes) from PARALLEL_MIN_REPOS up, and each
result is cached by content (see scale.py): a warm run re-reads nothing that did not change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from .diagnostics import Diagnostic, Severity, sort_diagnostics
from .repository import CONFIG_FILE, UsageError
from .i18n import _

COVERAGE_TARGET = 0.8  # a smart province needs at least 80% of its kab/kota with a masterplan


# --- finding the repositories --------------------------------------------------------------------------------


def find_repositories(tree: Path) -> list[Path]:
    """Every masterplan repository under `tree` (itself included), sorted by path. Dot folders and tool
    folders (node_modules, venv, build, …) are not searched; symbolic links to folders are not followed."""
    from .scale import scan

    tree = Path(tree)
    return sorted(scan(tree), key=lambda p: p.relative_to(tree).parts)


def is_tree(path: Path, listings: dict | None = None) -> bool:
    """Whether `path` should be checked as a tree: it holds a repository other than itself (at any depth).
    `listings`: the result of scale.scan(path), when the caller has it already."""
    from .scale import scan

    path = Path(path)
    if listings is None:
        listings = scan(path) if path.is_dir() else {}
    return bool(set(listings) - {path})


# --- one repository, summarised -----------------------------------------------------------------------------


@dataclass
class MemberRef:
    code: str
    name: str
    where: tuple[str, int, int]  # (repository-relative path, line, column) of the member's code


@dataclass
class RepoSummary:
    """What the tree needs to know about one validated repository (small, picklable, cacheable)."""

    rel: str  # path relative to the tree, POSIX; "." for the tree itself
    diagnostics: list[Diagnostic]  # paths relative to the repository
    files_checked: int
    ok: bool
    region_code: str | None = None
    region_level: str | None = None
    region_name: str | None = None
    members: list[MemberRef] = field(default_factory=list)
    cached: bool = False
    suppressed: list[Diagnostic] = field(default_factory=list)  # lint: findings silenced by a comment
    lint_key: object = None  # Job.lint_key of the run that computed it (lint: date, --select, --ignore)
    real: bool = False  # counts for its province's coverage (report.coverage: adopted or drafted)

    def tree_path(self, path: str) -> str:
        return path if self.rel == "." else f"{self.rel}/{path}"


def summarise(validation, rel: str) -> RepoSummary:
    mp = validation.masterplan
    from .report.coverage import COUNTED, masterplan_state

    summary = RepoSummary(rel, list(validation.diagnostics), len(validation.repo.files), validation.ok,
                          real=masterplan_state(validation) in COUNTED)
    if mp.plan is not None:
        region = mp.plan.item.region
        summary.region_code, summary.region_level, summary.region_name = region.code, region.level, region.name
        for i, m in enumerate(mp.plan.item.members):
            summary.members.append(MemberRef(m.code, m.name, mp.plan.at("members", i, "code")))
    return summary


def _prose_outside(validation, snap) -> bool:
    """Whether a prose reference points where the cache's snapshot does not look."""
    from .checks import prose_fields, resolve_prose_path

    for f in validation.repo.files:
        if f.model is None or f.kind in ("config", "taxonomy") or f.doc is None or "file" not in f.doc.text:
            continue  # a prose reference is a `file: …` key: a file without the word has none
        for _field, ref in prose_fields(f.model):
            rel = resolve_prose_path(f.rel, ref.file)
            if rel is not None and not snap.covers(rel):
                return True
    return False


@dataclass(frozen=True)
class Job:
    """What to run on each repository: `validate`, or `lint` as of a date."""

    command: str = "validate"
    as_of: date | None = None  # for lint
    select: tuple | None = None  # lint: --select (rule codes), replacing the configuration's
    ignore: tuple = ()  # lint: --ignore (rule codes), added to the configuration's

    @property
    def lint_key(self) -> object:
        """What a cached lint result must have been computed with to be reused."""
        return (self.as_of, self.select, self.ignore)

    @property
    def area(self) -> str:
        return self.command

    @property
    def hash_all(self) -> bool:
        return self.command == "lint"  # lint reads prose files (empty-narrative): their content matters

    def fits(self, value) -> bool:
        return isinstance(value, RepoSummary) and value.lint_key == self.lint_key

    def run(self, root: Path, rel: str, loader) -> tuple[RepoSummary, object]:
        """(summary, validation) of one repository."""
        if self.command == "lint":
            from .lint import lint

            result = lint(root, as_of=self.as_of, loader=loader, select=self.select, ignore=self.ignore)
            validation = result.validation
            summary = summarise(validation, rel)
            summary.diagnostics = list(result.diagnostics)
            summary.suppressed = list(result.suppressed)
        else:
            from .validate import validate

            validation = validate(root, loader=loader)
            summary = summarise(validation, rel)
        summary.lint_key = self.lint_key
        return summary, validation


VALIDATE = Job()


def check_repository(root: Path, rel: str, cache=None, job: Job = VALIDATE, listing=None) -> RepoSummary:
    """Validate one repository, through the cache when one is given.

    With a cache: a repository whose content is unchanged since the last run is not read again (a result
    hit). Per-file entries are written only for a repository seen before with other content, i.e. one that
    is being edited; a first run (cold) stores only the result, which is what makes a cold national run
    cheap. Each file is read once: the bytes hashed for the key are the bytes loaded. `listing`: the
    repository's scale.Listing when the tree's walk has it already (one walk less)."""
    from functools import partial

    from .scale import parallel_load_files

    if cache is None:
        return job.run(root, rel, parallel_load_files)[0]
    from .scale import key_of, scan, snapshot

    entry = cache.result_entry(job.area, root)
    if listing is not None:  # walked already by check_tree: the same snapshot, one walk less
        snap = key_of(listing, cache.salt, entry.index if entry else None, cache.stats, keep_bytes=True,
                      hash_all=job.hash_all)
    else:
        snap = snapshot(root, cache.salt, entry.index if entry else None, cache.stats, keep_bytes=True,
                        hash_all=job.hash_all)
    hit = cache.get_result(entry, snap) if entry is None or job.fits(entry.value) else cache.get_result(None, snap)
    if isinstance(hit, RepoSummary):
        _refresh(cache, job.area, root, entry, snap, hit)
        return replace(hit, rel=rel, cached=True)
    loader = cache.loader if entry is not None or snap.key is None else parallel_load_files
    summary, result = job.run(root, rel, partial(loader, blobs=snap.blobs))
    snap.blobs = {}
    if snap.key is not None and not _prose_outside(result, snap):
        after = scan(root, nested=False).get(Path(root))
        if after is not None and not after.problem and _signature(after) == snap.signature:
            cache.put_result(job.area, root, snap, replace(summary, rel="."))  # nothing changed meanwhile
    return summary


def _signature(listing) -> list:
    from .scale import signature

    return signature(listing)


def _refresh(cache, area: str, root: Path, entry, snap, value) -> None:
    """After a hit that had to re-hash files (changed too recently to trust their stat data), store the new
    stat data so that the next run need not read them."""
    old = entry.index
    if len(old) != len(snap.index) or any(v is not old.get(k) for k, v in snap.index.items()):
        cache.put_result(area, root, snap, value)


def _check_chunk(args) -> tuple[list[RepoSummary], object]:
    """Check a run of repositories (in a worker, or here): everything it needs comes in `args`."""
    items, cache_folder, salt, job = args
    from .runtime import fewer_collections
    from .scale import Cache, CacheStats

    cache = Cache(cache_folder, salt) if cache_folder is not None else None
    out = []
    with fewer_collections():  # parsing allocates many long-lived objects and no reference cycles
        for root, rel, listing in items:
            try:
                out.append(check_repository(Path(root), rel, cache, job, listing))
            except UsageError as exc:  # vanished between discovery and check
                out.append(RepoSummary(rel, [Diagnostic("KC013", Severity.ERROR, CONFIG_FILE, 1, 1, str(exc),
                                                        found=_("no readable repository"),
                                                        expected=_("a masterplan repository"))], 0, False))
    return out, (cache.stats if cache is not None else CacheStats())


# --- the whole tree -------------------------------------------------------------------------------------------


@dataclass
class ProvinceCoverage:
    """How many kab/kota of one province have a valid masterplan in the tree."""

    code: str
    name: str
    rel: str  # the province repository, relative to the tree
    members: int  # kab/kota the province lists
    with_masterplan: int  # of those, how many have a masterplan in the tree
    valid: int  # of those, how many are valid (no errors)
    missing: list[str] = field(default_factory=list)  # member codes without a masterplan
    invalid: list[str] = field(default_factory=list)  # member codes whose masterplan has errors
    real: int = 0  # of the valid ones, how many count by the coverage rule (report.coverage)
    scaffold: list[str] = field(default_factory=list)  # valid, but untouched init scaffolds: not counted

    @property
    def ratio(self) -> float:
        """The share of members that count: valid, and adopted or at least drafted."""
        return self.real / self.members if self.members else 0.0

    @property
    def meets_target(self) -> bool:
        return self.members > 0 and self.ratio >= COVERAGE_TARGET

    def to_dict(self) -> dict:
        return {"province": self.code, "name": self.name, "path": self.rel, "members": self.members,
                "with_masterplan": self.with_masterplan, "valid": self.valid, "real": self.real,
                "percent": round(100 * self.ratio, 1), "meets_80_percent": self.meets_target,
                "missing": self.missing, "invalid": self.invalid, "scaffold": self.scaffold}


@dataclass
class TreeResult:
    root: Path
    repos: list[RepoSummary]
    diagnostics: list[Diagnostic]  # every repository's, paths relative to the tree, plus cross-repository ones
    coverage: list[ProvinceCoverage]
    stats: object = None  # scale.CacheStats
    suppressed: list[Diagnostic] = field(default_factory=list)  # lint: silenced findings, tree-relative paths

    def fails(self, fail_on: Severity) -> bool:
        """Whether any finding is at or above `fail_on` (lint's exit code)."""
        return any(d.severity.rank >= fail_on.rank for d in self.diagnostics)

    @property
    def ok(self) -> bool:
        return not any(d.severity is Severity.ERROR for d in self.diagnostics)

    @property
    def files_checked(self) -> int:
        return sum(r.files_checked for r in self.repos)

    def repo_of(self, tree_path: str) -> RepoSummary | None:
        """The repository a tree-relative path belongs to (the deepest one)."""
        best = None
        for r in self.repos:
            inside = r.rel == "." or tree_path.startswith(r.rel + "/")
            if inside and (best is None or len(r.rel) > len(best.rel) or best.rel == "."):
                best = r
        return best


def check_tree(tree: Path, *, use_cache: bool = True, cache_dir: Path | None = None, parallel: bool | None = None,
               advance: Callable[[int], None] | None = None, listings: dict | None = None,
               job: Job = VALIDATE) -> TreeResult:
    """Validate every repository under `tree`. Raises UsageError when it holds none.

    `parallel`: None decides by size (PARALLEL_MIN_REPOS), True/False forces it (results are identical).
    `advance`: called with the number of repositories done as the check goes (a progress bar's).
    `listings`: scale.scan(tree), when the caller has it already (one walk of the tree per run).
    `job`: what to run on each repository (validate, or lint as of a date: `Job("lint", date)`)."""
    from .runtime import parallel_map, runs_in_workers
    from .scale import PARALLEL_MIN_REPOS, Cache, CacheStats, key_of, scan

    tree = Path(tree)
    if not tree.exists():
        raise UsageError(_("no such folder: {tree}").format(tree=tree))
    if not tree.is_dir():
        raise UsageError(_("not a folder: {tree}").format(tree=tree))
    if listings is None:
        listings = scan(tree)
    roots = sorted(listings, key=lambda p: p.relative_to(tree).parts)
    if not roots:
        raise UsageError(_("no masterplan repository in {tree}: no folder under it has {config_file} (run "
                           "`kotacerdas init` to start one)").format(tree=tree, config_file=CONFIG_FILE))
    cache = Cache(cache_dir) if use_cache else None
    rels = [r.relative_to(tree).as_posix() for r in roots]
    found: dict[int, RepoSummary] = {}
    todo: list[int] = []
    stats = CacheStats()
    advance = advance or (lambda n: None)
    # unchanged repositories are answered here, from the one walk of the tree: no process, no parsing
    for i, root in enumerate(roots):
        entry = cache.result_entry(job.area, root) if cache is not None else None
        if cache is not None and entry is not None and job.fits(entry.value):
            snap = key_of(listings[root], cache.salt, entry.index, cache.stats, hash_all=job.hash_all)
            if cache.matches(entry, snap):
                cache.stats.repo_hits += 1
                _refresh(cache, job.area, root, entry, snap, entry.value)
                found[i] = replace(entry.value, rel=rels[i], cached=True)
                advance(1)
                continue
        todo.append(i)
    if cache is not None:
        stats.add(cache.stats)
    if parallel is None:
        parallel = len(todo) >= PARALLEL_MIN_REPOS
    from functools import partial

    folder = cache.folder if cache is not None and cache.usable else None
    salt = cache.salt if cache is not None else None
    to_workers = runs_in_workers(parallel, len(todo))  # a listing sent to a worker travels without DirEntry
    items = [(str(roots[i]), rels[i], listings[roots[i]].portable() if to_workers else listings[roots[i]])
             for i in todo]
    parts = parallel_map(partial(_chunk_entry, folder=folder, salt=salt, job=job), items,
                         parallel=parallel, progress=advance)
    done = iter(todo)
    for summaries, part_stats in parts:
        for s in summaries:
            found[next(done)] = s
        stats.add(part_stats)
    repos = [found[i] for i in range(len(roots))]
    diagnostics: list[Diagnostic] = []
    suppressed: list[Diagnostic] = []
    for r in repos:
        diagnostics.extend(replace(d, path=r.tree_path(d.path)) for d in r.diagnostics)
        suppressed.extend(replace(d, path=r.tree_path(d.path)) for d in r.suppressed)
    cross, coverage_list = cross_check(repos)
    diagnostics.extend(cross)
    return TreeResult(tree, repos, sort_diagnostics(diagnostics), coverage_list, stats,
                      suppressed=sorted(suppressed, key=Diagnostic.sort_key))


def _chunk_entry(items, folder, salt, job):
    # one element per chunk, so parallel_map concatenates (summaries, stats) pairs
    return [_check_chunk((items, folder, salt, job))]


# --- across repositories ---------------------------------------------------------------------------------------


def cross_check(repos: list[RepoSummary]) -> tuple[list[Diagnostic], list[ProvinceCoverage]]:
    """Member references of province repositories, duplicate regions, and coverage per province."""
    out: list[Diagnostic] = []
    by_code: dict[str, list[RepoSummary]] = {}
    for r in repos:
        if r.region_code:
            by_code.setdefault(r.region_code, []).append(r)
    for code, same in sorted(by_code.items()):
        for other in same[1:]:
            out.append(Diagnostic(
                "KC020", Severity.WARNING, other.tree_path("plan.yaml"), 1, 1,
                _("region {code} has more than one masterplan in this tree").format(code=code),
                field="region.code", found=_("'{code}' also in {tree_path}")
                                           .format(code=code, tree_path=same[0].tree_path('plan.yaml')),
                expected=_("one masterplan per region code"),
                hint=_("Keep one folder per region; coverage counts the first one.")))
    has_kabkota = any(r.region_level in ("kabupaten", "kota") for r in repos)
    coverage: list[ProvinceCoverage] = []
    for r in repos:
        if r.region_level != "provinsi":
            continue
        cov = ProvinceCoverage(r.region_code or "", r.region_name or "", r.rel, len(r.members), 0, 0)
        for m in r.members:
            found = by_code.get(m.code)
            path, line, col = m.where
            if not found:
                cov.missing.append(m.code)
                if has_kabkota:
                    out.append(Diagnostic(
                        "KC021", Severity.WARNING, r.tree_path(path), line, col,
                        _("member {code} ({name}) has no masterplan in this tree")
                        .format(code=m.code, name=m.name),
                        field="members", found=_('no folder whose plan.yaml has region.code "{code}"')
                                               .format(code=m.code),
                        expected=_("a masterplan of {name} in the tree").format(name=m.name),
                        hint=_("Add the kab/kota masterplan folder to the tree, or check the code.")))
                continue
            cov.with_masterplan += 1
            target = found[0]
            if target.ok:
                cov.valid += 1
                if target.real:
                    cov.real += 1
                else:
                    cov.scaffold.append(m.code)
            else:
                cov.invalid.append(m.code)
            if target.region_name and target.region_name.lower() != m.name.lower():
                out.append(Diagnostic(
                    "KC026", Severity.WARNING, r.tree_path(path), line, col,
                    _("member {code} is named differently in its masterplan").format(code=m.code),
                    field="members", found=f"'{m.name}'",
                    expected=_("'{region_name}' (region.name in {tree_path})")
                             .format(region_name=target.region_name, tree_path=target.tree_path('plan.yaml'))))
        coverage.append(cov)
    return out, coverage


def destination_clash(tree: Path, jobs: list[tuple[Path, Path]], out: Path) -> str | None:
    """Why two repositories of a tree would render into the same folder, or None. The tree's own plan goes
    to out/<its folder name>, so a member in a sub-folder of that name would write (and prune) the same
    files; on a case-insensitive disk `Jabar` and `jabar` are one folder too. Such a tree is refused before
    anything is written: no book silently replaces another."""
    seen: dict[str, Path] = {}
    for root, dest in jobs:
        key = dest.relative_to(out).as_posix().casefold()
        if key in seen:
            first, second = (seen[key], root)
            return (_("{first} and {second} would both be rendered into {dest}; rename the folder {second} (or render "
                      "the repositories one by one)")
                    .format(first=_shown(tree, first), second=_shown(tree, second), dest=dest))
        seen[key] = root
    return None


def _shown(tree: Path, root: Path) -> str:
    rel = root.relative_to(tree)
    return f"{rel.as_posix()}/" if rel.parts else _("the tree's own repository ({name}/)").format(
        name=tree.resolve().name)


_COVERAGE_TEXT = {
    "id": {"title": "Cakupan Kabupaten/Kota",
           "lead": "{name} mencantumkan {members} kabupaten/kota. Sebanyak {real} di antaranya memiliki masterplan "
                   "smart city yang valid dan ditetapkan atau disusun, bukan kerangka `kotacerdas init` yang belum "
                   "diisi ({percent}). Syarat smart province: paling sedikit 80% — {verdict}.",
           "met": "terpenuhi", "unmet": "belum terpenuhi", "what": "Keterangan", "count": "Jumlah",
           "members": "Kabupaten/kota anggota", "with": "Memiliki masterplan", "valid": "Masterplan valid",
           "missing": "Belum memiliki masterplan", "invalid": "Masterplan belum valid",
           "real": "Masterplan yang dihitung", "scaffold": "Kerangka init yang belum diisi (tidak dihitung)"},
    "en": {"title": "Kab/Kota Coverage",
           "lead": "{name} lists {members} kab/kota. {real} of them have a valid smart city masterplan that is "
                   "adopted or drafted, not an untouched `kotacerdas init` scaffold ({percent}). "
                   "A smart province needs at least 80% — {verdict}.",
           "met": "met", "unmet": "not met", "what": "Item", "count": "Count",
           "members": "Member kab/kota", "with": "With a masterplan", "valid": "Valid masterplan",
           "missing": "No masterplan yet", "invalid": "Masterplan not yet valid",
           "real": "Masterplans counted", "scaffold": "Untouched init scaffolds (not counted)"},
}


def coverage_chapter(cov: ProvinceCoverage, lang: str = "id"):
    """The coverage of one province as a rendered chapter (render's ExtraChapter hook)."""
    from .render import ExtraChapter
    from .render.formatting import Formatter

    t = _COVERAGE_TEXT["en" if lang == "en" else "id"]
    fmt = Formatter("en" if lang == "en" else "id")
    lines = [t["lead"].format(name=cov.name, members=fmt.number(cov.members, 0), real=fmt.number(cov.real, 0),
                              percent=fmt.percent(100 * cov.ratio), verdict=t["met" if cov.meets_target else "unmet"]),
             "", f"| {t['what']} | {t['count']} |", "|---|---:|",
             f"| {t['members']} | {fmt.number(cov.members, 0)} |",
             f"| {t['with']} | {fmt.number(cov.with_masterplan, 0)} |",
             f"| {t['valid']} | {fmt.number(cov.valid, 0)} |",
             f"| {t['real']} | {fmt.number(cov.real, 0)} |"]
    for key, codes in (("missing", cov.missing), ("invalid", cov.invalid), ("scaffold", cov.scaffold)):
        if codes:
            lines += ["", f"{t[key]}: " + ", ".join(sorted(codes)) + "."]
    return ExtraChapter(slug="cakupan-kabupaten-kota" if lang != "en" else "kab-kota-coverage", title=t["title"],
                        markdown="\n".join(lines) + "\n", order="10-cakupan")


def coverage_text(coverage: list[ProvinceCoverage]) -> str:
    """Coverage as plain text lines, for the text report."""
    if not coverage:
        return ""
    width = max(len(c.name) for c in coverage)
    lines = ["", _("Province coverage (kab/kota with a valid masterplan, adopted or drafted, not an untouched init "
                   "scaffold; a smart province needs 80%):")]
    for c in coverage:
        mark = "✓" if c.meets_target else "✗"
        lines.append(f"  {mark} {c.code} {c.name:<{width}}  {c.real:>3}/{c.members:<3} {100 * c.ratio:5.1f}%"
                     + ("  " + _("(no masterplan: {n})").format(n=len(c.missing)) if c.missing else "")
                     + ("  " + _("(invalid: {n})").format(n=len(c.invalid)) if c.invalid else "")
                     + ("  " + _("(untouched init scaffold: {n})").format(n=len(c.scaffold)) if c.scaffold else ""))
    return "\n".join(lines) + "\n"
