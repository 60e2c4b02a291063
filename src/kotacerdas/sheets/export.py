"""`sheet export`: workbooks generated from the repository, for OPD officers to fill.

Each data sheet has a frozen heading row, the cells an OPD fills unlocked and shaded, the rest protected
(no password: protection guards against slips, not people), a drop-down list for the status, number,
rupiah and percent formats, and checks on what may be typed. A hidden sheet records where the workbook
came from (format version, region, git revision, a hash of each file it covers) and another the value of
every fillable cell at export, which is how import tells an officer's edit from a later change in git.
Bytes are deterministic: the same repository and options give the same file."""

from __future__ import annotations

import datetime as _dt
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import __version__
from ..masterplan import Masterplan
from ..validate import Validation
from .layout import (
    FORMAT_NAME,
    FORMAT_VERSION,
    INSTRUCTIONS,
    META_SHEET,
    ORIGIN_SHEET,
    SHEETS,
    STATUS_LABELS,
    Column,
    SheetSpec,
    status_label,
)
from .loading import file_hash, git_revision
from .rows import NO_OPD, Row, rows_of

FIXED_TIME = _dt.datetime(2000, 1, 1)  # workbook properties and zip entries: no clock in the bytes
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
FILL_INPUT = "FFF2CC"  # light yellow: cells to fill
FILL_HEAD = "D9E1F2"
NUMBER_FORMATS = {"rupiah": '"Rp"#,##0', "percent": "0.0#%", "year": "0", "number": "General"}


@dataclass
class Export:
    """One workbook's content, ready to be written as xlsx or as a CSV folder."""

    lang: str
    tables: list[tuple[SheetSpec, list[Row]]]
    meta: list[tuple[str, str]]
    files: list[tuple[str, str]]  # (repository path, sha256) of every file the rows come from
    origin: list[tuple[str, str, int, str, str]]  # (item kind, id, year, field, JSON value)
    instructions: list[str]


def collect(val: Validation, opds: list[str] | None, years: list[int] | None, lang: str) -> Export:
    mp = val.masterplan
    tables = [(spec, rows_of(mp, spec, years, opds, lang)) for spec in SHEETS]
    paths = sorted({r.src.path for _, rows in tables for r in rows})
    files = [(p, file_hash(mp.repo.read(p))) for p in paths]
    origin = []
    for spec, rows in tables:
        for r in rows:
            for c in spec.editable:
                v = r.values[c.key]
                if v is not None:
                    origin.append((spec.item, r.item_id, r.year, c.key, json.dumps(v, ensure_ascii=False)))
    plan = mp.plan.item if mp.plan else None
    meta = [
        ("format", FORMAT_NAME),
        ("format_version", str(FORMAT_VERSION)),
        ("kotacerdas", __version__),
        ("region_code", plan.region.code if plan else ""),
        ("region_name", plan.region.name if plan else ""),
        ("plan_title", plan.title if plan else ""),
        ("language", lang),
        ("years", ",".join(str(y) for y in years or [])),
        ("opd", ",".join(opds or [])),
        ("git_revision", git_revision(mp.repo.root) if mp.repo.blobs is None else ""),
    ]
    return Export(lang, tables, meta, files, sorted(set(origin)), instructions(mp, lang, years, opds))


def instructions(mp: Masterplan, lang: str, years: list[int] | None, opds: list[str] | None) -> list[str]:
    region = mp.plan.item.region.name if mp.plan else ""
    when = ", ".join(str(y) for y in years) if years else ("semua tahun" if lang != "en" else "every year")
    none = "indicators and programmes without an OPD" if lang == "en" else "indikator dan program tanpa OPD"
    who = ", ".join(o or none for o in opds) if opds else ("semua OPD" if lang != "en" else "every OPD")
    statuses = ", ".join(status_label(c, lang) for c in STATUS_LABELS)
    if lang == "en":
        return [
            f"Masterplan data for {region}: {who}, {when}.",
            "",
            "Fill only the yellow cells. The other cells are protected: ids, names and targets come from the "
            "masterplan and are changed there, not here.",
            "Realisation: a number in the indicator's unit (3.3 or 3,3). Progress: a percentage from 0 to 100. "
            "Budget spent: whole rupiah (1250000 or Rp 1.250.000).",
            f"Status: choose from the list ({statuses}).",
            "Obstacle and solution: required when a target is not met.",
            "Leave a cell empty when the value is not known: an empty cell is never read as zero.",
            "Do not rename the sheets or the headings, and do not change the id and year columns; rows may be "
            "sorted or filtered freely.",
            "Send the file back as it is (.xlsx). It is read with `kotacerdas sheet import`.",
        ]
    return [
        f"Data masterplan {region}: {who}, tahun {when}.",
        "",
        "Isi hanya sel berwarna kuning. Sel lain dikunci: kode, nama dan target berasal dari masterplan dan "
        "diubah di sana, bukan di sini.",
        "Realisasi: angka dalam satuan indikator (3,3 atau 3.3). Kemajuan: persen 0 sampai 100. "
        "Realisasi anggaran: rupiah tanpa desimal (1250000 atau Rp 1.250.000).",
        f"Status: pilih dari daftar ({statuses}).",
        "Kendala dan penyelesaian: wajib diisi bila target tidak tercapai.",
        "Biarkan sel kosong bila nilainya belum diketahui: sel kosong tidak pernah dibaca sebagai nol.",
        "Jangan mengganti nama lembar atau judul kolom, dan jangan mengubah kolom kode dan tahun; baris boleh "
        "diurutkan atau disaring.",
        "Kirim kembali berkas apa adanya (.xlsx). Berkas dibaca dengan `kotacerdas sheet import`.",
    ]


def cell_value(col: Column, value: Any, lang: str) -> Any:
    """A row value as the spreadsheet stores it (percent as a fraction, status as its label)."""
    if value is None:
        return None
    if col.kind == "status":
        return status_label(value, lang)
    if col.kind == "percent":
        return round(value / 100, 12)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


# --- xlsx ---------------------------------------------------------------------------------------------


def workbook_bytes(ex: Export) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    first = wb.active
    _instructions_sheet(first, ex)
    styles = _styles(wb)
    for spec, rows in ex.tables:
        _data_sheet(wb.create_sheet(spec.name(ex.lang)), spec, rows, ex.lang, styles)
    _hidden(wb, META_SHEET, [("key", "value"), *ex.meta, ("", ""), ("file", "sha256"), *ex.files])
    _hidden(wb, ORIGIN_SHEET, [("item", "id", "year", "field", "value"), *ex.origin])
    wb.properties.creator = "kotacerdas"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    return deterministic_save(wb)


def deterministic_save(wb) -> bytes:
    """Save through openpyxl's writer, with every zip entry at one fixed time (openpyxl's own
    save_workbook stamps the current time into the properties and the zip entries)."""
    from openpyxl.writer.excel import ExcelWriter

    buf = io.BytesIO()
    with _FixedTimeZip(buf, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).save()
    return buf.getvalue()


class _FixedTimeZip(zipfile.ZipFile):
    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None):
        if isinstance(zinfo_or_arcname, str):
            info = zipfile.ZipInfo(zinfo_or_arcname, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            zinfo_or_arcname = info
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):
        # openpyxl writes each worksheet to a temporary file first; that file's time must not show
        self.writestr(str(arcname or filename), Path(filename).read_bytes())


def _instructions_sheet(ws, ex: Export) -> None:
    from openpyxl.styles import Alignment, Font

    ws.title = INSTRUCTIONS["en" if ex.lang == "en" else "id"]
    ws.column_dimensions["A"].width = 110
    for n, line in enumerate(ex.instructions, start=1):
        cell = ws.cell(row=n, column=1, value=line or None)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if n == 1:
            cell.font = Font(bold=True, size=13)
    ws.protection.sheet = True


def _styles(wb) -> dict[tuple[str, bool], str]:
    """One named style per column kind, fillable or protected (assigning a named style to a cell is
    far cheaper in openpyxl than assigning fill, protection, alignment and format one by one)."""
    from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill, Protection

    names: dict[tuple[str, bool], str] = {}
    head = NamedStyle(name="kotacerdas judul", font=Font(bold=True), fill=PatternFill("solid", fgColor=FILL_HEAD),
                      alignment=Alignment(wrap_text=True, vertical="center"))
    wb.add_named_style(head)
    names[("head", False)] = head.name
    for kind in ("key", "text", "year", "number", "percent", "rupiah", "status"):
        for editable in (False, True):
            style = NamedStyle(name=f"kotacerdas {'isian' if editable else 'tetap'} {kind}",
                               number_format=NUMBER_FORMATS.get(kind, "General"),
                               protection=Protection(locked=not editable),
                               alignment=Alignment(wrap_text=True, vertical="top") if kind == "text" else Alignment())
            if editable:
                style.fill = PatternFill("solid", fgColor=FILL_INPUT)
            wb.add_named_style(style)
            names[(kind, editable)] = style.name
    return names


def _data_sheet(ws, spec: SheetSpec, rows: list[Row], lang: str, styles: dict[tuple[str, bool], str]) -> None:
    from openpyxl.utils import get_column_letter

    for n, col in enumerate(spec.columns, start=1):
        cell = ws.cell(row=1, column=n, value=col.label(lang))
        cell.style = styles[("head", False)]
        ws.column_dimensions[get_column_letter(n)].width = col.width
    looks = [styles[(col.kind, col.editable)] for col in spec.columns]
    for r, row in enumerate(rows, start=2):
        for n, col in enumerate(spec.columns, start=1):
            cell = ws.cell(row=r, column=n, value=cell_value(col, row.values[col.key], lang))
            cell.style = looks[n - 1]
    ws.freeze_panes = "C2"
    last = max(len(rows) + 1, 2)
    ws.auto_filter.ref = f"A1:{get_column_letter(len(spec.columns))}{last}"
    _validations(ws, spec, last, lang)
    ws.protection.sheet = True
    ws.protection.autoFilter = False
    ws.protection.sort = False
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


def _validations(ws, spec: SheetSpec, last: int, lang: str) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    en = lang == "en"
    for n, col in enumerate(spec.columns, start=1):
        if not col.editable or col.kind == "text":
            continue
        letter = get_column_letter(n)
        if col.kind == "status":
            choices = ",".join(status_label(c, lang) for c in STATUS_LABELS)
            dv = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True, errorStyle="stop")
            dv.error = "Choose a status from the list." if en else "Pilih status dari daftar."
        elif col.kind == "percent":
            dv = DataValidation(type="decimal", operator="between", formula1="0", formula2="1", allow_blank=True,
                                errorStyle="warning")
            dv.error = "A percentage from 0 to 100." if en else "Persen dari 0 sampai 100."
        elif col.kind == "rupiah":
            dv = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                                errorStyle="warning")
            dv.error = "Whole rupiah, e.g. 1250000." if en else "Rupiah tanpa desimal, misalnya 1250000."
        else:
            dv = DataValidation(type="decimal", operator="between", formula1="-1E+15", formula2="1E+15",
                                allow_blank=True, errorStyle="warning")
            dv.error = "A number, e.g. 3.3." if en else "Sebuah angka, misalnya 3,3."
        dv.showErrorMessage = True
        dv.errorTitle = col.label(lang)
        ws.add_data_validation(dv)
        dv.add(f"{letter}2:{letter}{last}")


def _hidden(wb, name: str, rows: list[tuple]) -> None:
    ws = wb.create_sheet(name)
    for r in rows:
        ws.append(list(r))
    ws.sheet_state = "hidden"
    ws.protection.sheet = True


# --- writing ------------------------------------------------------------------------------------------


def split_name(opd: str | None, years: list[int] | None) -> str:
    stem = (opd or "tanpa-opd").lower()  # tanpa-opd: the indicators no OPD reports, programmes without owner
    return f"{stem}-{years[0]}" if years and len(years) == 1 else stem


def export(val: Validation, out: Path, opds: list[str] | None, years: list[int] | None, lang: str,
           split: bool, csv: bool = False) -> list[Path]:
    """Write the workbook(s) (or CSV folders) and return their paths. With `split`, `out` is a folder
    and each OPD gets one file, named like dinkes-2025.xlsx."""
    from ..fsutil import atomic_write_bytes

    jobs: list[tuple[Path, list[str] | None]] = []
    if split:
        for opd in opds or _opds_with_rows(val, years, lang):
            name = split_name(opd, years)
            jobs.append((Path(out) / (name if csv else f"{name}.xlsx"), [opd]))
    else:
        jobs.append((Path(out), opds))
    written = []
    for path, who in jobs:
        ex = collect(val, who, years, lang)
        if csv:
            from .csvio import write_csv_folder

            write_csv_folder(ex, path)
        else:
            atomic_write_bytes(path, workbook_bytes(ex))
        written.append(path)
    return written


def _opds_with_rows(val: Validation, years: list[int] | None, lang: str) -> list[str]:
    mp = val.masterplan
    found: set[str] = set()
    for spec in SHEETS:
        for r in rows_of(mp, spec, years, None, lang):
            found.update(o.strip() for o in (r.values["opd"] or NO_OPD).split(","))
    return [o for o in mp.opds if o in found] + ([NO_OPD] if NO_OPD in found else [])
