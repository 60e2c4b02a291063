"""What a workbook holds: its data sheets, their columns, and the labels officers read (id, en).

A data sheet has one row per item and year; the key columns (id, year) find the row's item, whatever the
row's position, and every column is found by its heading, whatever its position. Editable columns are the
ones an OPD fills; the rest are shown for reference and protected."""

from __future__ import annotations

from dataclasses import dataclass

FORMAT_NAME = "kotacerdas-sheet"
FORMAT_VERSION = 1
META_SHEET = "_kotacerdas"
ORIGIN_SHEET = "_nilai_awal"
INSTRUCTIONS = {"id": "Petunjuk", "en": "Instructions"}

# Column kinds: key (the item's id), year, text, number, percent (0-100), rupiah (whole), status (enum).


@dataclass(frozen=True)
class Column:
    key: str
    id_label: str
    en_label: str
    kind: str
    editable: bool = False
    width: int = 14

    def label(self, lang: str) -> str:
        return self.en_label if lang == "en" else self.id_label


@dataclass(frozen=True)
class SheetSpec:
    kind: str  # "indicators", "programmes", "quick-wins"
    id_name: str
    en_name: str
    item: str  # "indicator" or "programme": which items its rows name
    columns: tuple[Column, ...]

    def name(self, lang: str) -> str:
        return self.en_name if lang == "en" else self.id_name

    @property
    def editable(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.editable)

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


_IND = (
    Column("id", "Kode indikator", "Indicator id", "key", width=16),
    Column("name", "Nama indikator", "Indicator", "text", width=48),
    Column("unit", "Satuan", "Unit", "text", width=12),
    Column("direction", "Arah baik", "Better when", "text", width=10),
    Column("opd", "OPD", "OPD", "text", width=14),
    Column("baseline", "Data dasar", "Baseline", "text", width=14),
    Column("year", "Tahun", "Year", "year", width=8),
    Column("target", "Target", "Target", "number", width=10),
    Column("realisation", "Realisasi", "Realisation", "number", editable=True, width=12),
    Column("obstacle", "Kendala", "Obstacle", "text", editable=True, width=40),
    Column("follow_up", "Tindak lanjut", "Follow-up", "text", editable=True, width=40),
)
_PRG = (
    Column("id", "Kode program", "Programme id", "key", width=16),
    Column("name", "Nama program", "Programme", "text", width=44),
    Column("opd", "OPD penanggung jawab", "Owner OPD", "text", width=16),
    Column("dimension", "Dimensi", "Dimension", "text", width=14),
    Column("year", "Tahun", "Year", "year", width=8),
    Column("budget", "Anggaran tahun ini (Rp)", "Budget of the year (Rp)", "rupiah", width=18),
    Column("status", "Status", "Status", "status", editable=True, width=18),
    Column("progress", "Kemajuan (%)", "Progress (%)", "percent", editable=True, width=12),
    Column("obstacle", "Kendala", "Obstacle", "text", editable=True, width=40),
    Column("follow_up", "Penyelesaian", "Solution", "text", editable=True, width=40),
    Column("budget_realisation", "Realisasi anggaran (Rp)", "Budget spent (Rp)", "rupiah", editable=True, width=18),
    Column("note", "Keterangan", "Note", "text", editable=True, width=30),
)

SHEETS: tuple[SheetSpec, ...] = (
    SheetSpec("indicators", "Indikator", "Indicators", "indicator", _IND),
    SheetSpec("programmes", "Program", "Programmes", "programme", _PRG),
    SheetSpec("quick-wins", "Quick Win", "Quick wins", "programme", _PRG),
)
SHEET_BY_KIND = {s.kind: s for s in SHEETS}

# Where an editable column's value lives in an item's YAML: the list and the field of its year entry.
LIST_OF = {"indicator": "targets", "programme": "history"}

# The statuses of a programme's year (models.YearStatus), as officers read them.
STATUS_LABELS: dict[str, dict[str, str]] = {
    "planned": {"id": "direncanakan", "en": "planned"},
    "ongoing": {"id": "berjalan", "en": "ongoing"},
    "partly-running": {"id": "berjalan sebagian", "en": "partly running"},
    "completed": {"id": "selesai", "en": "completed"},
    "suspended": {"id": "ditunda", "en": "suspended"},
    "stopped": {"id": "berhenti", "en": "stopped"},
    "cancelled": {"id": "dibatalkan", "en": "cancelled"},
    "unknown": {"id": "belum diketahui", "en": "not known"},
}


def status_label(code: str, lang: str) -> str:
    return STATUS_LABELS[code]["en" if lang == "en" else "id"]


def status_code(text: str) -> str | None:
    """A status as typed (either language's label, or the YAML code), or None."""
    wanted = " ".join(text.replace("_", " ").replace("-", " ").split()).casefold()
    for code, labels in STATUS_LABELS.items():
        names = (code, labels["id"], labels["en"])
        if any(" ".join(n.replace("-", " ").split()).casefold() == wanted for n in names):
            return code
    return None


def normal_heading(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def find_spec_by_name(name: str) -> SheetSpec | None:
    wanted = normal_heading(name)
    return next((s for s in SHEETS if wanted in (normal_heading(s.id_name), normal_heading(s.en_name))), None)


def column_by_heading(spec: SheetSpec, heading: str) -> Column | None:
    wanted = normal_heading(heading)
    return next((c for c in spec.columns if wanted in (normal_heading(c.id_label), normal_heading(c.en_label))),
                None)
