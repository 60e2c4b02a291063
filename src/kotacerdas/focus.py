"""Where a command runs: the repository root found as git finds its own, and one file of it.

`find_root` walks up from a folder (or a file's folder) to the first that holds kotacerdas.yaml (or a
plan.yaml, so that a repository missing its settings gets validate's own message), stopping at the top of
the git repository it started in: run from `programmes/governance/`, every command works on the
masterplan around it, as `git status` does.

`file_validation` narrows a validation to one file and the files it refers to (its OPDs in opd.yaml, its
indicators, its Markdown narratives, the repository's own taxonomy, plan.yaml for books and sasaran, and
kotacerdas.yaml, which every file depends on): `kotacerdas validate programmes/qw-01.yaml`. A Markdown
narrative is checked with the YAML files that name it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, Severity
from .i18n import _
from .repository import CONFIG_FILE, UsageError

MARKERS = (CONFIG_FILE, "plan.yaml")
_OPD_KEYS = frozenset({"owner", "supporting", "opd"})
_PLAN_KEYS = frozenset({"book", "sasaran"})


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` (a folder, or a file's folder) holding kotacerdas.yaml or
    plan.yaml; None when there is none below the top of the git repository (or the file system)."""
    here = Path(os.path.abspath(start))
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        if any((folder / m).is_file() for m in MARKERS):
            return folder
        if (folder / ".git").exists():  # the top of the git repository: a masterplan is never above it
            return None
    return None


def diff_root(args, path, cwd: Path | None = None) -> Path | None:
    """For `diff` run in a subfolder of a masterplan inside git: the repository root above the current
    folder, used as --path would be; None when --path is given, a side is a folder, or the current folder
    is itself a repository (or in none)."""
    from .repository import is_repository

    here = Path(cwd) if cwd is not None else Path.cwd()
    if path is not None or is_repository(here):
        return None
    if any((Path(a) if Path(a).is_absolute() else here / a).is_dir() for a in args):
        return None
    root = find_root(here)
    return root if root is not None and root != Path(os.path.abspath(here)) else None


def display(path: Path) -> str:
    """A path as the user would type it from the current folder."""
    try:
        rel = os.path.relpath(path, Path.cwd())
    except ValueError:
        return str(path)
    return str(path) if rel.startswith("..") and path.is_absolute() else rel


def root_of_file(path: Path) -> tuple[Path, str]:
    """(repository root, the file's repository-relative POSIX path); UsageError when the file is in no
    masterplan repository."""
    root = find_root(path)
    if root is None:
        raise UsageError(_("{path} is not inside a masterplan repository: no folder from {folder} up holds "
                           "kotacerdas.yaml (run the command inside the repository, or `kotacerdas init` "
                           "to start one)").format(path=path, folder=display(Path(path).resolve().parent)))
    rel = Path(os.path.abspath(path)).relative_to(root).as_posix()
    return root, rel


@dataclass
class FileValidation:
    """validate's verdict on one file: its diagnostics and those of the files it refers to."""

    path: str  # repository-relative
    referenced: list[str]  # repository-relative, sorted
    diagnostics: list[Diagnostic]
    validation: Any  # the whole repository's validate.Validation

    @property
    def ok(self) -> bool:
        return not any(d.severity is Severity.ERROR for d in self.diagnostics)

    @property
    def files_checked(self) -> int:
        return 1 + len(self.referenced)


def referenced_files(validation, rel: str) -> list[str]:
    """The repository files that `rel` refers to (those that exist), sorted."""
    repo, mp = validation.repo, validation.masterplan
    loaded = next((f for f in repo.files if f.rel == rel), None)
    found: set[str] = {CONFIG_FILE}
    data = loaded.doc.data if loaded is not None and loaded.doc is not None else None
    indicator_files = {i.item.id: i.path for i in mp.indicators}
    for key, value in _pairs(data):
        if key in _OPD_KEYS and mp.opd_file is not None:
            found.add(mp.opd_file.path)
        elif key in ("indicators", "indicator") and isinstance(value, str) and value in indicator_files:
            found.add(indicator_files[value])
        elif key in ("dimension", "element", "secondary_dimensions") and mp.taxonomy_source != "builtin":
            found.add(mp.taxonomy_source)
        elif key in _PLAN_KEYS and mp.plan is not None:
            found.add(mp.plan.path)
        elif key == "file" and isinstance(value, str):
            found.add(value.lstrip("./"))
    known = {f.rel for f in repo.files} | {d.path for d in validation.diagnostics}
    return sorted(p for p in found if p != rel and p in known)


def narrow_lint(result, focus: FileValidation):
    """A lint result (lint.LintResult) narrowed to the file of `focus` and the files it refers to."""
    import dataclasses

    shown = {focus.path, *focus.referenced}
    return dataclasses.replace(result, diagnostics=[d for d in result.diagnostics if d.path in shown],
                               suppressed=[d for d in result.suppressed if d.path in shown],
                               work_list=[w for w in result.work_list if w.path in shown])


def _pairs(value: Any, key: str = ""):
    """(key, scalar) for every scalar in a loaded YAML tree; a list's items under the list's key."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _pairs(v, str(k))
    elif isinstance(value, list):
        for v in value:
            yield from _pairs(v, key)
    elif value is not None:
        yield key, value


def file_validation(validation, rel: str) -> FileValidation:
    """Narrow a repository's validation to `rel` and what it refers to. UsageError when `rel` is not a
    file validate reads."""
    known = {f.rel for f in validation.repo.files} | {d.path for d in validation.diagnostics}
    if rel not in known:  # a Markdown narrative: checked with the YAML files that name it (`file: narasi/…`)
        naming = sorted(f.rel for f in validation.repo.files if f.doc is not None
                        and any(k == "file" and v == rel for k, v in _pairs(f.doc.data)))
        if naming:
            shown = {rel, *naming}
            return FileValidation(rel, naming, [d for d in validation.diagnostics if d.path in shown], validation)
        raise UsageError(_("{path} is not a masterplan file: validate reads kotacerdas.yaml, plan.yaml, opd.yaml, "
                           "the YAML files under dimensions/, stages/, programmes/, indicators/ and taxonomies/, "
                           "and the Markdown files they name with `file:` (docs/format.md)").format(path=rel))
    referenced = referenced_files(validation, rel)
    shown = {rel, *referenced}
    return FileValidation(rel, referenced, [d for d in validation.diagnostics if d.path in shown], validation)
