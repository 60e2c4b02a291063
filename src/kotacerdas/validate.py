"""`validate`: is the repository well-formed? Loads every file, checks schemas and cross-references."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .checks import check_masterplan
from .diagnostics import Diagnostic, Severity, sort_diagnostics
from .masterplan import Masterplan, build_masterplan
from .repository import Repository, load_repository


@dataclass
class Validation:
    repo: Repository
    masterplan: Masterplan
    diagnostics: list[Diagnostic]

    @property
    def ok(self) -> bool:
        return not any(d.severity is Severity.ERROR for d in self.diagnostics)


def validate(path: Path, loader=None) -> Validation:
    """Validate one masterplan repository. Raises repository.UsageError if `path` is not one."""
    repo = load_repository(Path(path), loader=loader)
    mp = build_masterplan(repo)
    # cross-file checks also run for the parts of files that failed their schema check, so that one pass
    # gives the whole verdict (a user does not fix 5 errors to meet 7 new ones)
    partial = build_masterplan(repo, partial=True) if any(getattr(f, "partial", None) is not None
                                                          for f in repo.files) else mp
    diagnostics = sort_diagnostics(repo.diagnostics + check_masterplan(partial))
    return Validation(repo, mp, diagnostics)
