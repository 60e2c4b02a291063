"""The codes a repository's files refer to: its taxonomy's dimension and element codes and its OPD ids.

The exported JSON Schemas carry them as enumerations (schema_export.build_schema with a `Vocabulary`), so
an editor completes `dimension:`, `element:`, `owner:` and `supporting:` with this region's own codes while
an officer types, and marks a misspelt one red. Built from a loaded masterplan (`api.Repo.vocabulary`) or
from what `init` writes (a taxonomy and the OPD list, before any file exists).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Vocabulary:
    """(code, name) pairs in the repository's order; an empty tuple means "not known": no enumeration."""

    dimensions: tuple[tuple[str, str], ...] = ()
    elements: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()  # per dimension code
    opds: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, taxonomy, opds) -> Vocabulary:
        """From a models.Taxonomy (or None) and (id, name) pairs of the OPD registry."""
        dimensions: tuple[tuple[str, str], ...] = ()
        elements: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()
        if taxonomy is not None:
            dimensions = tuple((d.code, _name(d.name)) for d in taxonomy.dimensions)
            elements = tuple((d.code, tuple((e.code, _name(e.name)) for e in d.elements)) for d in taxonomy.dimensions)
        return cls(dimensions, elements, tuple(opds))

    @classmethod
    def of_masterplan(cls, mp) -> Vocabulary:
        """From a resolved masterplan: its pinned taxonomy, and its opd.yaml when that file loaded."""
        opds = [(o.id, o.name) for o in mp.opd_file.item.opd] if mp.opd_file is not None else []
        return cls.of(mp.taxonomy.taxonomy, opds)

    def all_elements(self) -> tuple[tuple[str, str], ...]:
        seen: dict[str, str] = {}
        for _, pairs in self.elements:
            for code, name in pairs:
                seen.setdefault(code, name)
        return tuple(seen.items())


def _name(name) -> str:
    return name.id if not name.en or name.en == name.id else f"{name.id} ({name.en})"
