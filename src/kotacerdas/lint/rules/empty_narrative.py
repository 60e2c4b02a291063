"""KC119: a Markdown prose file has real content."""

from __future__ import annotations

from ...i18n import N_, _

import re

from ...checks import prose_fields, resolve_prose_path
from ._base import finding
from .placeholder_text import placeholder_in

CODE = "KC119"
NAME = "empty-narrative"
SEVERITY = "warning"
SUMMARY = N_("A Markdown prose file is empty, holds only headings, or only a placeholder.")
RATIONALE = (
    N_("Long narratives (background, readiness summaries, notes) live in Markdown files next to the data. A "
    "file created during a Bimtek with only its heading, or with TODO, renders as an empty chapter in the "
    "book. The finding points at the `file:` reference in the YAML file, where it can be suppressed.")
)
BAD = """\
background:
  file: narasi/latar-belakang.md   # the file holds only "# Latar belakang"
"""
GOOD = """\
background:
  file: narasi/latar-belakang.md   # a heading and at least one paragraph
"""
OPTIONS = ()

_NOISE = re.compile(r"<!--.*?-->|^\s{0,3}#{1,6}[^\n]*$|^\s*(?:[-*_]\s*){3,}$", re.MULTILINE | re.DOTALL)
_WORDS = ("TODO", "TBD", "lorem", "xxx", "FIXME")
_VALUES = frozenset({"-", "--", "...", "…", "?", "n/a"})


def narrative_is_empty(text: str) -> bool:
    body = _NOISE.sub("", text).strip()
    return not body or placeholder_in(body, _WORDS, _VALUES) == body


def check(mp, options, as_of):
    repo = mp.repo
    seen: dict[str, bool] = {}
    for f in repo.files:
        if f.model is None or f.kind in ("config", "taxonomy"):
            continue
        for loc, ref in prose_fields(f.model):
            rel = resolve_prose_path(f.rel, ref.file)
            if rel is None or not rel.lower().endswith((".md", ".markdown")):
                continue  # validate reports it (KC027)
            if rel not in seen:
                text = _read_inside(repo, rel)
                seen[rel] = text is not None and narrative_is_empty(text)
            if seen[rel]:
                yield finding(CODE, SEVERITY, (f.rel, *f.doc.locate(loc + ("file",))),
                              _("prose file '{file}' has no content").format(file=ref.file), loc=loc + ("file",),
                              found=_("only headings, whitespace or a placeholder"), expected=_("written narrative"),
                              hint=_("Write the text in {rel}, or remove the reference until it is written.")
                                   .format(rel=rel))


def _read_inside(repo, rel: str) -> str | None:
    """The prose file's text, or None when it is missing, unreadable, or (through a symbolic link) outside
    the repository: validate reports those (KC027), and lint never reads outside the repository."""
    try:
        if repo.blobs is None and not (repo.root / rel).resolve().is_relative_to(repo.root.resolve()):
            return None
        return repo.read(rel).decode("utf-8", errors="replace")
    except (OSError, KeyError, ValueError, RuntimeError):
        return None
