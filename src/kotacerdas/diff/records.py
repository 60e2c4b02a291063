"""Change records: what `diff` finds, as plain data that every output format reads.

A `Change` is one item of the plan (the plan itself, a dimension, a programme, a quick win, an indicator,
a Bimtek stage, an OPD) that was added, removed or modified. A modified item lists every changed field as
a `FieldChange` (old -> new, nested fields by path, list elements matched by their key). Changes that
matter to reviewers carry `Flag`s from the rule table in `rules.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..diagnostics import Severity

# Sections in the order every output lists them.
SECTIONS: tuple[str, ...] = ("plan", "dimensions", "programmes", "quick-wins", "indicators", "stages", "opds")


@dataclass(frozen=True)
class Segment:
    """One step of a field path: a field name, optionally with the key of a list element."""

    name: str
    key: str | None = None

    def text(self) -> str:
        return f"{self.name}[{self.key}]" if self.key is not None else self.name


def path_text(segments: tuple[Segment, ...]) -> str:
    return ".".join(s.text() for s in segments)


@dataclass
class FieldChange:
    """One changed field. `change` is added, removed or modified. With `element` set, the field is a list
    whose elements have no key (misi, goals, supporting OPDs): the record is one element added or removed,
    or one element rewritten (old and new paired by similarity)."""

    segments: tuple[Segment, ...]
    change: str
    old: Any = None
    new: Any = None
    element: bool = False
    words: list[tuple[str, str]] | None = None  # ("=", text) | ("-", text) | ("+", text)
    file: str | None = None  # where the new value is (the old one for a removal)
    line: int | None = None

    @property
    def path(self) -> str:
        return path_text(self.segments)

    def to_dict(self) -> dict:
        d: dict[str, Any] = {"path": self.path, "change": self.change, "element": self.element,
                             "old": self.old, "new": self.new}
        if self.words is not None:
            d["words"] = [{"op": {"=": "equal", "-": "delete", "+": "insert"}[op], "text": t} for op, t in self.words]
        d["file"] = self.file
        d["line"] = self.line
        return d


@dataclass
class Flag:
    """A change a reviewer should look at: which rule, how severe, and the facts (for the message)."""

    rule: str
    severity: str
    params: dict[str, Any]
    field: str = ""

    def message(self, lang: str = "en") -> str:
        from .rules import flag_message

        return flag_message(self, lang)

    def to_dict(self) -> dict:
        from ..i18n import current_language  # the message in the language of the run, the keys as always

        return {"rule": self.rule, "severity": self.severity, "field": self.field,
                "message": self.message(current_language())}


@dataclass
class Change:
    section: str
    change: str  # added | removed | modified
    id: str
    name: str
    path: str  # the item's file on the new side (the old side when removed)
    old_path: str | None = None  # the item's file on the old side, when it exists there
    fields: list[FieldChange] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    item: dict | None = None  # the whole item, for added and removed ones

    def sort_key(self) -> tuple:
        return (SECTIONS.index(self.section), _natural(self.id))

    def to_dict(self) -> dict:
        return {
            "section": self.section,
            "change": self.change,
            "id": self.id,
            "name": self.name,
            "path": self.path,
            "old_path": self.old_path,
            "fields": [f.to_dict() for f in self.fields],
            "flags": [f.to_dict() for f in self.flags],
            "item": self.item,
        }


def _natural(text: str) -> tuple:
    """Sort key that puts PRG-2 before PRG-10."""
    import re

    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"(\d+)", text) if p)


@dataclass
class Side:
    """One side of a comparison, as the user named it."""

    kind: str  # directory | revision | worktree
    label: str  # what the user typed (a folder, a revision) or "working tree"
    commit: str | None = None  # full hash for a revision
    path: str = ""  # the masterplan's folder inside the git repository ("" = its root)

    def describe(self) -> str:
        if self.kind == "revision":
            where = f":{self.path}" if self.path else ""
            return f"{self.label} ({self.commit[:10]}){where}" if self.commit else self.label
        if self.kind == "worktree":
            from ..i18n import _

            return _("working tree ({path})").format(path=self.path) if self.path else _("working tree")
        return self.label

    def to_dict(self) -> dict:
        return {"kind": self.kind, "label": self.label, "commit": self.commit, "path": self.path}


@dataclass
class DiffResult:
    old: Side
    new: Side
    changes: list[Change]
    rules: dict[str, str]  # effective severity per rule id
    budget_threshold_percent: float = 10.0
    language: str = "id"  # the new side's document language (kotacerdas.yaml), the default of its output

    def flags(self) -> list[Flag]:
        return [f for c in self.changes for f in c.flags]

    def flagged_at_least(self, severity: str) -> list[Flag]:
        floor = Severity(severity).rank
        return [f for f in self.flags() if Severity(f.severity).rank >= floor]

    def counts(self) -> dict[str, int]:
        out = {"added": 0, "removed": 0, "modified": 0}
        for c in self.changes:
            out[c.change] += 1
        return out

    def flag_counts(self) -> dict[str, int]:
        out = {"error": 0, "warning": 0, "info": 0}
        for f in self.flags():
            out[f.severity] += 1
        return out

    def by_section(self) -> list[tuple[str, list[Change]]]:
        return [(s, [c for c in self.changes if c.section == s]) for s in SECTIONS
                if any(c.section == s for c in self.changes)]
