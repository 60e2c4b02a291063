"""Diagnostics are data: every check in kotacerdas produces these, and reporters only format them.

A diagnostic says where (file, line, column, field), what is wrong (message), what was found and what is
expected, and how to fix it (hint). Lines and columns are 1-based; column counts characters. What each
code means lives in one registry, `kotacerdas.codes`.
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
    from .i18n import _

    if value is None:
        return _("nothing (empty value)")
    if isinstance(value, bool):
        return _("true/false value {value}").format(value=str(value).lower())
    if isinstance(value, (int, float)):
        return _("number {value}").format(value=getattr(value, "source", value))  # as written: 1.250 stays 1.250
    if isinstance(value, str):
        text = value if len(value) <= limit else value[: limit - 1] + "…"
        return _('text "{text}"').format(text=text)
    if isinstance(value, dict):
        return _("a mapping (key: value pairs)")
    if isinstance(value, list):
        return _("a list")
    return type(value).__name__
