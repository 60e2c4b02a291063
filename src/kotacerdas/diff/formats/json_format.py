"""`--format json`: the whole comparison as one JSON document (shape: docs/diff.md, "JSON output")."""

from __future__ import annotations

from ...jsontext import dumps
from ..records import DiffResult
from ..rules import RULES

SCHEMA_VERSION = 1


def to_data(result: DiffResult) -> dict:
    return {
        "kotacerdas_diff": SCHEMA_VERSION,
        "old": result.old.to_dict(),
        "new": result.new.to_dict(),
        "summary": {**result.counts(), "flagged": result.flag_counts()},
        "changes": [c.to_dict() for c in result.changes],
        "rules": [{"id": rid, "severity": result.rules[rid], "default": RULES[rid].severity,
                   "description": RULES[rid].description} for rid in RULES],
        "budget_threshold_percent": result.budget_threshold_percent,
    }


def render(result: DiffResult, **_) -> str:
    return dumps(to_data(result))


def invalid(sides: list[tuple[str, list]]) -> str:
    """The JSON written when a side is not a valid masterplan: its diagnostics, no changes."""
    return dumps({
        "kotacerdas_diff": SCHEMA_VERSION,
        "valid": False,
        "invalid": [{"side": name, "diagnostics": [d.to_dict() for d in diags]} for name, diags in sides],
    })
