"""Findings of `sheet import` as data: each names the workbook, the sheet and the cell, the field, what
was found and what is expected. Formatted as text for the officer or JSON for programs."""

from __future__ import annotations

from ..jsontext import dumps
from dataclasses import asdict, dataclass

from .codes import SHEET_CODES


@dataclass(frozen=True)
class SheetDiagnostic:
    code: str
    severity: str  # error | warning | info
    workbook: str
    sheet: str | None
    cell: str | None
    message: str
    field: str = ""
    found: str | None = None
    expected: str | None = None
    hint: str | None = None

    @property
    def where(self) -> str:
        if self.sheet and self.cell:
            return f"{self.workbook}: {self.sheet}!{self.cell}"
        if self.sheet:
            return f"{self.workbook}: {self.sheet}"
        return self.workbook

    def to_dict(self) -> dict:
        d = asdict(self)
        d["where"] = self.where
        d["name"] = SHEET_CODES[self.code].name
        return d


def error(code: str, workbook: str, message: str, sheet: str | None = None, cell: str | None = None,
          **kw) -> SheetDiagnostic:
    return SheetDiagnostic(code, "error", workbook, sheet, cell, message, **kw)


def warning(code: str, workbook: str, message: str, sheet: str | None = None, cell: str | None = None,
            **kw) -> SheetDiagnostic:
    return SheetDiagnostic(code, "warning", workbook, sheet, cell, message, **kw)


def _clean(text: str) -> str:
    """No control characters reach the terminal, whatever a cell held."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


def text_report(diagnostics: list[SheetDiagnostic]) -> str:
    out = []
    for d in diagnostics:
        head = f"{d.where}: {d.severity} {d.code}: {d.message}"
        if d.field:
            head += f" [{d.field}]"
        out.append(_clean(head))
        if d.found is not None:
            out.append("    found:    " + _clean(d.found))
        if d.expected is not None:
            out.append("    expected: " + _clean(d.expected))
        if d.hint:
            out.append("    hint:     " + _clean(d.hint))
    return "\n".join(out) + ("\n" if out else "")


def json_report(diagnostics: list[SheetDiagnostic], extra: dict) -> str:
    return dumps({**extra, "diagnostics": [d.to_dict() for d in diagnostics]})
