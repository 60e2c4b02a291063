"""`kotacerdas render`: the masterplan as book chapters in Markdown or HTML, through Jinja templates.

    render_masterplan(masterplan, "html", lang="id")  -> RenderResult(files, diagnostics, chapters)
    plan_output(out, result.files, ...) / apply_plan(out, plan)  -> write or --check

Modules: context.py (the data templates see), environment.py (sandboxed Jinja, loader chain, filters,
template errors as diagnostics), markdown.py (escaping, markdown-it-py), gantt.py (Mermaid and SVG),
formatting.py (Babel), engine.py (chapters and output files), output.py (writing and --check),
labels/<lang>.yaml (every word of the documents). The template context is documented in docs/templates.md.
"""

from __future__ import annotations

from ..i18n import _

from .engine import FORMATS, Chapter, ChapterNotFound, ExtraChapter, RenderResult, render_masterplan
from .markdown import MdText, md_escape
from .output import Plan, apply_plan, plan_output

__all__ = [
    "FORMATS", "Chapter", "ChapterNotFound", "ExtraChapter", "MdText", "Plan", "RenderResult", "apply_plan",
    "md_escape", "out_dir_problem", "plan_output", "render_masterplan",
]


def out_dir_problem(repo, out) -> str | None:
    """Why --out must not be used, or None. Render never writes over the sources: --out may not be the
    repository itself or a folder above it, nor a folder whose files render reads."""
    from pathlib import Path

    from ..repository import _FOLDERS, CONFIG_FILE

    for place in [Path(out), *Path(out).parents]:  # a file where a folder must be: say so plainly
        if place.exists():
            if not place.is_dir():
                return (_("--out {out} is a file, not a folder; choose a folder (it is created if needed)")
                        if place == Path(out) else _("--out {out} lies below {place}, which is a file, not a folder")
                        ).format(out=out, place=place)
            break
    if repo.blobs is not None:
        return None
    root = Path(repo.root).resolve()
    target = Path(out).resolve()
    if target == root or root.is_relative_to(target):
        return _("--out {out} would write into the repository's own folder; choose a folder of its own, e.g. "
                 "--out site").format(out=out)
    if target.is_relative_to(root):
        first = target.relative_to(root).parts[0]
        if first in _FOLDERS or first == "templates" or first == CONFIG_FILE:
            return _("--out {out} is inside {first}/, which holds the masterplan's sources; choose another folder") \
                .format(out=out, first=first)
    return None
