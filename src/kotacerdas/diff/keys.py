"""How list elements are matched between two versions: by the fields that identify them. Kept free of
imports so that the git diff driver (textconv.py) starts fast."""

from __future__ import annotations

# Lists whose elements have a key: matched by it (a key is the values of these fields that are set).
LIST_KEYS: dict[str, tuple[str, ...]] = {
    "targets": ("year",),
    "funding": ("source", "year"),
    "sasaran": ("id",),
    "books": ("id",),
    "partners": ("name",),
    "milestones": ("title",),
    "gaps": ("aspect",),
    "facilitators": ("name",),
    "agenda": ("topic",),
    "deliverables": ("title",),
    "signatories": ("position", "name"),
    "legal_basis": ("kind", "number", "year"),
    "governance": ("body", "name"),
    "members": ("code", "role", "opd", "name", "organisation"),
    "dimensions": ("code",),
    "elements": ("code",),
    "opd": ("id",),
}
