"""The change-history chapter ("Riwayat Perubahan") that `kotacerdas render --changes-since REV` adds to a
rendered masterplan: what changed in the plan since a git revision, in Indonesian (English with lang="en")."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from .formats.markdown import body
from .labels import TEXT
from .records import DiffResult


@dataclass(frozen=True)
class Chapter:
    title: str
    markdown: str  # the chapter's body; its sections use level-2 headings


def change_history_chapter(result: DiffResult, lang: str = "id") -> Chapter:
    lang = lang if lang in TEXT else "id"
    return Chapter(TEXT[lang]["chapter"], body(result, lang, level=2))


def changes_since(repo_root: Path, rev: str, lang: str | None = None, worktree=None) -> Chapter:
    """The chapter for the masterplan at `repo_root` (a folder in a git working tree): its changes since
    `rev`. `worktree`: the working tree's side (sources.LoadedSide) when the caller has loaded it already,
    so it is not loaded again. Raises sources.DiffUsageError (unknown revision, not a git repository:
    exit 2) or InvalidSides (the plan at `rev` is invalid: exit 1), never anything else for bad input."""
    from . import compare_sides
    from .sources import git_place, load_revision, load_sides

    if worktree is None:
        old, new = load_sides([rev], path=str(Path(repo_root).absolute()))
    else:
        place = git_place(Path(repo_root).absolute(), Path.cwd())
        old = load_revision(place, rev)
        new = replace(worktree, side=replace(worktree.side, path=place.prefix))
    result = compare_sides(old, new)
    return change_history_chapter(result, lang or new.repo.config.language)
