"""The same workbook as a folder of CSV files, one per sheet (Indikator.csv, Program.csv, ...), for an
office without a spreadsheet program. UTF-8 with a byte-order mark (so Excel shows the letters right);
numbers with a decimal comma; read back with either `,` or `;` as the separator."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from .layout import INSTRUCTIONS, META_SHEET, ORIGIN_SHEET, status_label
from .read import MAX_FILE_BYTES, MAX_ROWS, Book, Cell, ReadError, Table
from .report import error
from ..i18n import _


def _text(value: Any, kind: str = "", lang: str = "id") -> str:
    if value is None:
        return ""
    if kind == "status":
        return status_label(value, lang)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(value).replace(".", ",")
    return str(value)


def _csv_bytes(rows: list[list[str]]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerows(rows)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def write_csv_folder(ex, folder: Path) -> None:
    from ..fsutil import atomic_write_bytes

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, list[list[str]]] = {INSTRUCTIONS["en" if ex.lang == "en" else "id"]: [[t] for t in
                                                                                          ex.instructions]}
    for spec, rows in ex.tables:
        out = [[c.label(ex.lang) for c in spec.columns]]
        out += [[_text(r.values[c.key], c.kind, ex.lang) for c in spec.columns] for r in rows]
        files[spec.name(ex.lang)] = out
    files[META_SHEET] = [["key", "value"], *[list(m) for m in ex.meta], ["", ""], ["file", "sha256"],
                         *[list(f) for f in ex.files]]
    files[ORIGIN_SHEET] = [["item", "id", "year", "field", "value"], *[[str(v) for v in o] for o in ex.origin]]
    for name, rows in files.items():
        atomic_write_bytes(folder / f"{name}.csv", _csv_bytes(rows))


def read_csv_folder(folder: Path) -> Book:
    label = folder.name
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".csv" and p.is_file())
    if not files:
        raise ReadError(error("KC300", label, _("the folder holds no CSV files"),
                              found=_("a folder without .csv files"),
                              expected=_("a folder written by `kotacerdas sheet export --csv`, or an .xlsx workbook")))
    tables = {}
    for p in files:
        if p.stat().st_size > MAX_FILE_BYTES:
            raise ReadError(error("KC304", label, _("a CSV file is too large to read"), sheet=p.name,
                                  found=_("{st_size:,} bytes").format(st_size=p.stat().st_size),
                                  expected=_("at most {max_file_bytes:,} bytes")
                                                                                .format(max_file_bytes=MAX_FILE_BYTES)))
        raw = p.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")  # saved by an old Excel as "CSV (Windows)"
        first = text.split("\n", 1)[0]
        delimiter = ";" if first.count(";") > first.count(",") else ("\t" if "\t" in first else ",")
        try:
            rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        except csv.Error as exc:
            raise ReadError(error("KC300", label, _("a CSV file cannot be read"), sheet=p.name, found=str(exc),
                                  expected=_("comma- or semicolon-separated values"))) from None
        if len(rows) > MAX_ROWS:
            raise ReadError(error("KC304", label, _("a CSV file is too large to read"), sheet=p.name,
                                  found=_("{n_rows:,} rows").format(n_rows=len(rows)),
                                  expected=_("at most {max_rows:,} rows")
                                                                        .format(max_rows=MAX_ROWS)))
        cells = [[Cell(v if v != "" else None) for v in row] for row in rows]
        tables[p.stem] = Table(p.stem, cells, hidden=p.stem.startswith("_"))
    return Book(label, folder, tables, csv=True)
