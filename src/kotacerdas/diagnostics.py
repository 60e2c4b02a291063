"""Diagnostics are data: every check in kotacerdas produces these, and reporters only format them.

A diagnostic says where (file, line, column, field), what is wrong (message), what was found and what is
expected, and how to fix it (hint). Lines and columns are 1-based; column counts characters.
"""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass
from dataclasses import field as dc_field


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Severity.ERROR: 3, Severity.WARNING: 2, Severity.INFO: 1}


@dataclass(frozen=True, slots=True)
class Code:
    """A diagnostic code of `validate` (lint rules have their own registry)."""

    code: str
    name: str
    summary: str


# The codes `validate` reports. Stable: never renumber, only add.
CODES: dict[str, Code] = {
    c.code: c
    for c in [
        Code("KC001", "yaml-syntax", "The file is not valid YAML."),
        Code("KC002", "duplicate-key", "A key appears twice in the same mapping."),
        Code("KC003", "encoding", "The file is not plain UTF-8 (invalid bytes, or a byte-order mark)."),
        Code("KC004", "empty-file", "The file is empty."),
        Code("KC005", "not-a-mapping", "The file's top level is not a mapping of keys to values."),
        Code("KC006", "resource-limit", "The file exceeds a size, nesting or alias-expansion limit."),
        Code("KC007", "unsafe-path", "A symbolic link leaves the repository, loops, or cannot be read."),
        Code("KC008", "unknown-file", "A YAML file lies where no masterplan file kind is expected."),
        Code("KC009", "unsupported-yaml", "The file uses a YAML feature kotacerdas does not accept."),
        Code("KC010", "missing-field", "A required field is missing."),
        Code("KC011", "unknown-field", "A field is not part of the format."),
        Code("KC012", "invalid-value", "A value has the wrong type or is outside what is allowed."),
        Code("KC013", "missing-file", "A required file of the repository is missing."),
        Code("KC020", "duplicate-id", "Two items share one id."),
        Code("KC021", "unresolved-reference", "A reference names something that does not exist."),
        Code("KC022", "element-mismatch", "An element belongs to another dimension than the one named (a warning)."),
        Code("KC023", "year-outside-period", "A year lies outside the plan period."),
        Code("KC024", "start-after-end", "A start comes after its end."),
        Code("KC025", "stage-order", "Bimtek stages are dated out of order."),
        Code("KC026", "region-code", "The region code does not fit its format or the region's level."),
        Code("KC027", "missing-narrative", "A referenced Markdown file does not exist or leaves the repository."),
        Code("KC028", "config", "kotacerdas.yaml has an invalid setting."),
    ]
}


@dataclass(frozen=True, slots=True)
class Diagnostic:
    code: str
    severity: Severity
    path: str  # repository-relative, POSIX separators
    line: int
    column: int
    message: str
    field: str = ""  # dotted path of the field, e.g. "funding[0].amount"
    found: str | None = None
    expected: str | None = None
    hint: str | None = None
    suppressed_by: str | None = dc_field(default=None, compare=False)

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code, self.message)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["severity"] = self.severity.value
        d.pop("suppressed_by")
        return d


def sort_diagnostics(diagnostics) -> list[Diagnostic]:
    """Sorted by file, line, column; exact duplicates removed."""
    return sorted(set(diagnostics), key=Diagnostic.sort_key)


def field_path(loc) -> str:
    """("funding", 0, "amount") -> "funding[0].amount"."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def describe(value, limit: int = 60) -> str:
    """A value as a user wrote it, in plain words: `text "abc"`, `number 12`, `a list`…"""
    if value is None:
        return "nothing (empty value)"
    if isinstance(value, bool):
        return f"true/false value {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"number {getattr(value, 'source', value)}"  # as written: 1.250 stays 1.250
    if isinstance(value, str):
        text = value if len(value) <= limit else value[: limit - 1] + "…"
        return f'text "{text}"'
    if isinstance(value, dict):
        return "a mapping (key: value pairs)"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__
