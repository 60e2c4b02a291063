"""The one place `sheet` loads a masterplan repository, so that it can move to kotacerdas.api later."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..validate import Validation


def load(path: Path) -> Validation:
    """Load and validate the repository at `path` (repository.UsageError when it is not one)."""
    from ..scale import Cache
    from ..validate import validate

    return validate(Path(path), loader=Cache().loader)


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def git_revision(root: Path) -> str:
    """The commit the repository's working tree is at, or "" outside git."""
    from ..diff import git

    try:
        top = git.toplevel(Path(root))
        return git.resolve_commit(top, "HEAD")
    except (git.GitError, OSError):
        return ""
