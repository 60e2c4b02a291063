"""What the user asked to compare: two folders, a git revision and the working tree, or two revisions.

Each positional argument is a folder when one exists at that path (a folder wins), otherwise a git
revision. Both sides are loaded and validated; an invalid side stops the comparison with its diagnostics.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..checks import check_masterplan
from ..diagnostics import Diagnostic, Severity, sort_diagnostics
from ..masterplan import Masterplan, build_masterplan
from ..repository import (
    CONFIG_FILE,
    LoadedFile,
    Repository,
    UsageError,
    load_file,
    load_repository,
    load_repository_from_blobs,
    read_bytes,
)
from ..source import Limits
from . import git
from .records import Side
from .rules import RULES, unknown_rules
from ..i18n import _


class DiffUsageError(Exception):
    """Wrong usage: an unknown revision, a missing path, not a git repository (exit 2)."""


@dataclass
class LoadedSide:
    side: Side
    repo: Repository
    masterplan: Masterplan
    diagnostics: list[Diagnostic] = field(default_factory=list)  # errors and warnings of validate

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]


@dataclass
class GitPlace:
    top: Path  # the git working tree's root
    prefix: str  # the masterplan's folder inside it, POSIX, "" for the root
    folder: Path  # the same folder as the user named it (for the working-tree side)


def git_place(path: str | Path | None, cwd: Path) -> GitPlace:
    folder = Path(path) if path is not None else Path(".")
    if not folder.is_absolute():
        folder = cwd / folder
    try:
        top = git.toplevel(folder)
    except git.GitError as exc:
        raise DiffUsageError(str(exc)) from None
    rel = os.path.relpath(os.path.realpath(folder), os.path.realpath(top))
    prefix = PurePosixPath(Path(rel).as_posix()).as_posix()
    if prefix == ".":
        prefix = ""
    if prefix.startswith(".."):
        raise DiffUsageError(_("--path {path} lies outside the git repository at {top}")
                             .format(path=path, top=top))
    return GitPlace(top, prefix, folder)


class FileCache:
    """Files parsed once for both sides: a file with the same path and bytes on both sides (most of them,
    between two revisions) is loaded once and shared. Loading is pure, so sharing is safe."""

    def __init__(self) -> None:
        self._files: dict[tuple, LoadedFile] = {}

    def load(self, raw: bytes, rel: str, kind: str, limits: Limits) -> LoadedFile:
        key = (rel, kind, limits, raw)
        found = self._files.get(key)
        if found is None:
            found = self._files[key] = load_file(raw, rel, kind, limits)
        return found

    def load_folder(self, root: Path, jobs: list[tuple[str, str]], limits: Limits) -> list[LoadedFile]:
        """The `loader` of repository.load_repository, through the cache."""
        out = []
        for rel, kind in jobs:
            raw, problem = read_bytes(root / rel, rel, limits)
            if problem:
                out.append(LoadedFile(rel, kind, None, None, [problem]))
            else:
                assert raw is not None  # read_bytes gives the bytes or the problem
                out.append(self.load(raw, rel, kind, limits))
        return out


def load_directory(folder: Path, label: str, cache: FileCache | None = None) -> LoadedSide:
    try:
        repo = load_repository(folder, loader=cache.load_folder if cache else None)
    except UsageError as exc:
        raise DiffUsageError(str(exc)) from None
    return _finish(Side("directory", label), repo)


def load_worktree(place: GitPlace, cache: FileCache | None = None) -> LoadedSide:
    try:
        repo = load_repository(place.folder, loader=cache.load_folder if cache else None)
    except UsageError as exc:
        raise DiffUsageError(_("in the working tree: {exc}").format(exc=exc)) from None
    return _finish(Side("worktree", "working tree", None, place.prefix), repo)


def load_revision(place: GitPlace, rev: str, cache: FileCache | None = None) -> LoadedSide:
    try:
        commit = git.resolve_commit(place.top, rev)
        blobs = git.read_tree(place.top, commit, place.prefix, rev)
    except git.GitError as exc:
        raise DiffUsageError(str(exc)) from None
    where = f"{place.prefix}/" if place.prefix else ""
    if CONFIG_FILE not in blobs:
        raise DiffUsageError(_("not a masterplan repository at revision '{rev}': {where}{config_file} does not "
                               "exist there (use --path to pick the masterplan's folder)")
                             .format(rev=rev, where=where, config_file=CONFIG_FILE))
    try:
        repo = load_repository_from_blobs(f"{rev}:{where}", blobs, loader=cache.load if cache else None)
    except UsageError as exc:
        raise DiffUsageError(str(exc)) from None
    return _finish(Side("revision", rev, commit, place.prefix), repo)


def _finish(side: Side, repo: Repository) -> LoadedSide:
    mp = build_masterplan(repo)
    diagnostics = sort_diagnostics(repo.diagnostics + check_masterplan(mp) + config_diagnostics(repo))
    return LoadedSide(side, repo, mp, diagnostics)


def config_diagnostics(repo: Repository) -> list[Diagnostic]:
    """kotacerdas.yaml's diff.severity may only name rules that exist: a typo must not silently weaken
    a CI gate."""
    out = []
    doc = repo.doc(CONFIG_FILE)
    for name in unknown_rules(repo.config.diff.severity):
        line, col = doc.locate(("diff", "severity", name), key=True) if doc is not None else (1, 1)
        import difflib

        close = difflib.get_close_matches(name, list(RULES), n=1, cutoff=0.6)
        out.append(Diagnostic("KC028", Severity.ERROR, CONFIG_FILE, line, col,
                              _("unknown diff rule '{name}' in diff.severity").format(name=name),
                              field=f"diff.severity.{name}",
                              found=f"'{name}'", expected="one of: " + ", ".join(RULES),
                              hint=_("Did you mean '{close}'?").format(close=close[0]) if close
                              else _("See docs/diff.md for the rules.")))
    return out


def load_sides(args: list[str], path: str | None = None, cwd: Path | None = None) -> tuple[LoadedSide, LoadedSide]:
    """The two sides named on the command line, loaded and validated (DiffUsageError for wrong usage)."""
    cwd = Path(cwd) if cwd is not None else Path.cwd()
    cache = FileCache()
    if len(args) > 2:
        raise DiffUsageError(_("give at most two things to compare: OLD NEW (folders or git revisions)"))

    def is_dir(arg: str) -> bool:
        p = Path(arg)
        return (p if p.is_absolute() else cwd / p).is_dir()

    def folder(arg: str) -> Path:
        p = Path(arg)
        return p if p.is_absolute() else cwd / p

    if len(args) == 2 and is_dir(args[0]) and is_dir(args[1]):
        if path is not None:
            raise DiffUsageError(_("--path picks a masterplan inside a git repository; with two folders, give the "
                                   "masterplan folders themselves"))
        return load_directory(folder(args[0]), args[0], cache), load_directory(folder(args[1]), args[1], cache)
    if len(args) == 1 and is_dir(args[0]):
        raise DiffUsageError(_("{args} is a folder: give a second folder to compare it with (kotacerdas diff "
                               "OLD_DIR NEW_DIR), or a git revision (kotacerdas diff HEAD~1)")
                             .format(args=args[0]))
    place: GitPlace | None = None

    def side(arg: str | None) -> LoadedSide:
        nonlocal place
        if arg is not None and is_dir(arg):
            return load_directory(folder(arg), arg, cache)
        if place is None:
            place = git_place(path, cwd)
        if arg is None:
            return load_worktree(place, cache)
        return load_revision(place, arg, cache)

    if not args:
        return side("HEAD"), side(None)
    if len(args) == 1:
        return side(args[0]), side(None)
    return side(args[0]), side(args[1])
