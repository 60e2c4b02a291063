"""`kotacerdas diff`: what changed between two versions of a masterplan, in planning terms.

    sources.py   what to compare: two folders, a git revision and the working tree, two revisions
    git.py       reading a revision straight from git objects (never checking anything out)
    compare.py   matching items by stable ids and comparing them field by field
    rules.py     the rule table: which changes are flagged, with which severity
    flags.py     applying the rules to one change
    records.py   the change records every output reads
    formats/     text, markdown and json output
    chapter.py   the "Riwayat Perubahan" chapter for `render --changes-since`
    textconv.py  a canonical one-file view for git's diff driver (docs/diff.md)

Library use:

    from kotacerdas.diff import diff_paths
    result = diff_paths("old", "new")          # folders; or load_sides(["HEAD~1"]) in a git repository
    for change in result.changes: ...
"""

from __future__ import annotations

from pathlib import Path

from .records import Change, DiffResult, FieldChange, Flag, Side


class InvalidSides(Exception):
    """At least one side is not a valid masterplan: its diagnostics say why (exit 1)."""

    def __init__(self, sides) -> None:
        super().__init__("invalid masterplan: " + ", ".join(s.side.describe() for s in sides))
        self.sides = sides


def compare_sides(old, new, edition: str | None = None) -> DiffResult:
    """Compare two loaded sides (sources.LoadedSide); InvalidSides when either has errors. A plan with
    editions is compared as `edition` sees it (default: each side's current edition)."""
    from ..editions import EditionNotFound, select_edition
    from .compare import diff_masterplans
    from .sources import DiffUsageError

    bad = [s for s in (old, new) if s.errors]
    if bad:
        raise InvalidSides(bad)
    try:
        a, b = (select_edition(s.masterplan, edition) if s.masterplan.plan and s.masterplan.plan.item.editions
                else s.masterplan for s in (old, new))
    except EditionNotFound as exc:
        raise DiffUsageError(str(exc)) from None
    return diff_masterplans(a, b, old.side, new.side, new.repo.config)


def diff_paths(old: str | Path, new: str | Path) -> DiffResult:
    """Compare two masterplan folders."""
    from .sources import load_directory

    return compare_sides(load_directory(Path(old), str(old)), load_directory(Path(new), str(new)))


def diff_args(args: list[str], path: str | None = None, cwd: Path | None = None) -> DiffResult:
    """Compare what a command line names (folders or git revisions; see sources.load_sides)."""
    from .sources import load_sides

    return compare_sides(*load_sides(args, path, cwd))


__all__ = ["Change", "DiffResult", "FieldChange", "Flag", "InvalidSides", "Side", "compare_sides", "diff_args",
           "diff_paths"]
