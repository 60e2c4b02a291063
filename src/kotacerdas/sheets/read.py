"""Reading a filled workbook (.xlsx through openpyxl, or a CSV folder) into plain tables with cell
references, within bounds: a file that is not a workbook, or one too large, is a diagnostic, never a
traceback or an exhausted machine."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .report import SheetDiagnostic, error
from ..fsutil import os_problem
from ..i18n import _

MAX_FILE_BYTES = 50 * 1024 * 1024  # the .xlsx itself
MAX_XML_BYTES = 400 * 1024 * 1024  # all of its parts, uncompressed (a zip bomb stops here)
MAX_ROWS = 250_000  # in one sheet
MAX_COLUMNS = 200


@dataclass
class Cell:
    value: Any
    number_format: str = "General"
    formula: str | None = None  # the formula text when the cell holds one (value is then its cached result)


@dataclass
class Table:
    name: str
    rows: list[list[Cell]]  # rows[0] is spreadsheet row 1
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # (min_row, min_col, max_row, max_col)
    hidden: bool = False


@dataclass
class Book:
    label: str  # the name diagnostics use (the file name)
    path: Path
    tables: dict[str, Table]
    csv: bool = False


class ReadError(Exception):
    def __init__(self, diagnostic: SheetDiagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def read_book(path: Path) -> Book:
    path = Path(path)
    if path.is_dir():
        from .csvio import read_csv_folder

        return read_csv_folder(path)
    label = path.name
    if not path.is_file():
        raise ReadError(error("KC300", label, _("no such file"), found=str(path), expected=_("an .xlsx workbook")))
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ReadError(error("KC304", label, _("the workbook is too large to read"), found=_("{size:,} bytes")
                                                                                         .format(size=size),
                              expected=_("at most {max_file_bytes:,} bytes")
                                       .format(max_file_bytes=MAX_FILE_BYTES),
                              hint=_("Export one workbook per OPD (sheet export --split) and import those.")))
    if not zipfile.is_zipfile(path):
        raise ReadError(_not_a_workbook(label, path))
    try:
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
            total = sum(i.file_size for i in z.infolist())
            formulas = "xl/workbook.xml" in names and _has_formulas(z)
    except (zipfile.BadZipFile, OSError, RuntimeError) as exc:
        if isinstance(exc, OSError):
            why = os_problem(exc)
        elif isinstance(exc, RuntimeError) and "encrypted" in str(exc):
            why = _("a workbook protected by a password")
        else:  # zipfile's own words are English: said as one sentence, with them as the detail
            why = _("a damaged zip file (saving it did not finish, or it was cut short): {detail}").format(
                detail=str(exc))
        raise ReadError(_not_a_workbook(label, path, why)) from None
    if "xl/workbook.xml" not in names:
        raise ReadError(_not_a_workbook(label, path, _("a zip file, but not an Excel workbook")))
    if total > MAX_XML_BYTES:
        raise ReadError(error("KC304", label, _("the workbook is too large to read"),
                              found=_("{total:,} bytes unpacked")
                                                                                         .format(total=total),
                              expected=_("at most {max_xml_bytes:,} bytes")
                                       .format(max_xml_bytes=MAX_XML_BYTES)))
    return Book(label, path, _load(path, label, formulas))


def _not_a_workbook(label: str, path: Path, why: str = "") -> SheetDiagnostic:
    kind = {".xls": _("an old Excel 97-2003 .xls file"), ".ods": _("an OpenDocument spreadsheet (.ods)"),
            ".csv": _("a CSV file")}.get(path.suffix.lower(), _("not a workbook"))
    return error("KC300", label, _("this file cannot be read as an .xlsx workbook"), found=why or kind,
                 expected=_("an .xlsx workbook saved by Excel or LibreOffice, or a folder of CSV files"),
                 hint=_("Open it in the spreadsheet program and save it as Excel Workbook (.xlsx)."))


def _has_formulas(z: zipfile.ZipFile) -> bool:
    for name in z.namelist():
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            data = z.read(name)
            if b"<f>" in data or b"<f " in data or b":f>" in data or b":f " in data:
                return True
    return False


def _load(path: Path, label: str, formulas: bool) -> dict[str, Table]:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, data_only=True)
        wf = openpyxl.load_workbook(path, data_only=False) if formulas else None
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        detail = f"{type(exc).__name__}: {exc}"[:200]
        raise ReadError(_not_a_workbook(label, path, _("the workbook is damaged: {detail}").format(detail=detail))) \
            from None
    tables = {}
    for ws in wb.worksheets:
        if ws.max_row > MAX_ROWS or ws.max_column > MAX_COLUMNS:
            raise ReadError(error("KC304", label, _("a sheet is too large to read"), sheet=ws.title,
                                  found=_("{max_row:,} rows, {max_column:,} columns")
                                        .format(max_row=ws.max_row, max_column=ws.max_column),
                                  expected=_("at most {max_rows:,} rows and {max_columns} columns")
                                           .format(max_rows=MAX_ROWS, max_columns=MAX_COLUMNS)))
        fs = wf[ws.title] if wf is not None else None
        rows = []
        for r, row in enumerate(ws.iter_rows(), start=1):
            cells = []
            for c, cell in enumerate(row, start=1):
                formula = None
                if fs is not None:
                    raw = fs.cell(row=r, column=c).value
                    if isinstance(raw, str) and raw.startswith("="):
                        formula = raw
                    elif raw is not None and type(raw).__name__ in ("ArrayFormula", "DataTableFormula"):
                        formula = str(getattr(raw, "text", "") or "=")
                cells.append(Cell(cell.value, cell.number_format or "General", formula))
            rows.append(cells)
        merges = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges]
        tables[ws.title] = Table(ws.title, rows, merges, hidden=ws.sheet_state != "visible")
    return tables
