"""What a writer may never write over: the sources of a masterplan repository.

One guard for every writer of reports (`validate/lint/diff --output`) and for render's chapters: a
report aimed at `plan.yaml`, a programme file, `kotacerdas.yaml`, a template or a Markdown prose file is
refused with a usage error (exit 2) before anything is written, whichever repository the command was
run on (the repository is found from the target itself: the nearest folder above it holding
`kotacerdas.yaml`).
"""

from __future__ import annotations

from .i18n import _

from pathlib import Path, PurePosixPath


def source_files(repo) -> set[Path]:
    """The resolved paths of every file of `repo` that a writer must never replace: its YAML files and the
    Markdown files the YAML refers to."""
    from .checks import prose_fields, resolve_prose_path

    root = Path(repo.root)
    out = {(root / f.rel).resolve() for f in repo.files}
    for f in repo.files:
        if f.model is None:
            continue
        for _field, ref in prose_fields(f.model):
            rel = resolve_prose_path(f.rel, ref.file)
            if rel is not None:
                out.add((root / rel).resolve())
    return out


def _repository_above(target: Path) -> Path | None:
    from .repository import CONFIG_FILE

    for place in target.parents:
        if (place / CONFIG_FILE).is_file():
            return place
    return None


def overwrite_problem(output: Path) -> str | None:
    """Why a report must not be written to `output`, or None."""
    from .repository import CONFIG_FILE, kind_of, load_repository

    try:
        target = Path(output).resolve()
    except (OSError, RuntimeError):
        return None  # the write itself reports what is wrong with the path
    root = _repository_above(target)
    if root is None:
        return None
    rel = PurePosixPath(target.relative_to(root).as_posix())
    why = None
    if rel.as_posix() == CONFIG_FILE or kind_of(rel) is not None:
        why = _("--output {output} is a YAML file of the masterplan (repository {root}); a report never replaces a "
                "source file: choose another file, e.g. --output laporan.txt outside the masterplan's folders")
    elif rel.parts[0] == "templates":
        why = _("--output {output} is inside templates/, which holds the repository's templates (repository "
                "{root}); a report never replaces a source file: choose another file, e.g. --output laporan.txt "
                "outside the masterplan's folders")
    elif target.exists():
        try:
            if target in source_files(load_repository(root)):
                why = _("--output {output} is a Markdown file the masterplan's YAML refers to (repository {root}); a "
                        "report never replaces a source file: choose another file, e.g. --output laporan.txt "
                        "outside the masterplan's folders")
        except Exception:  # a repository that does not load has no prose to protect beyond its YAML
            why = None
    if why is None:
        return None
    return why.format(output=output, root=root)
