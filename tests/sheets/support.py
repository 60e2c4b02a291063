"""Helpers of the sheet tests: a copy of Garut with extra comments, export, edit a cell as a user would
(openpyxl, by heading and id), import, and snapshots of every YAML file's bytes."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from kotacerdas.cli import build_app

GARUT = Path(__file__).resolve().parents[2] / "examples" / "garut"
COMMENTED = "indicators/governance/izin-daring.yaml"


def run(*args):
    return CliRunner().invoke(build_app(), [str(a) for a in args])


def garut_copy(tmp_path: Path) -> Path:
    repo = tmp_path / "garut"
    shutil.copytree(GARUT, repo)
    p = repo / COMMENTED
    text = p.read_text()
    text = "# Indikator perizinan daring (catatan Bappeda)\n" + text
    text = text.replace("  - year: 2025\n", "  # realisasi 2025 dari DPMPTSP\n  - year: 2025  # dicek Juli\n")
    text = text.replace("    target: 75\n", "    target: 75   # target RPJMD\n")
    p.write_text(text)
    return repo


def snapshot(repo: Path) -> dict[str, bytes]:
    return {str(p.relative_to(repo)): p.read_bytes() for p in sorted(repo.rglob("*")) if p.is_file()}


def export(repo: Path, out: Path, *extra) -> Path:
    res = run("sheet", "export", repo, "--out", out, *extra)
    assert res.exit_code == 0, res.output
    return out


def find(ws, item_id: str, year: int | None = None, heading: str | None = None):
    """The cell of the row of `item_id` (and `year`) under `heading` (or the row's first cell)."""
    heads = [c.value for c in ws[1]]
    id_col = 0
    year_col = heads.index("Tahun") if "Tahun" in heads else heads.index("Year")
    for row in ws.iter_rows(min_row=2):
        if row[id_col].value == item_id and (year is None or row[year_col].value == year):
            return row[heads.index(heading)] if heading else row[0]
    raise KeyError((item_id, year, heading))


def edit(book: Path, sheet: str, item_id: str, year: int, heading: str, value, number_format: str | None = None) -> str:
    """Set one cell as a user would, save, and return its reference (e.g. I12)."""
    wb = openpyxl.load_workbook(book)
    cell = find(wb[sheet], item_id, year, heading)
    cell.value = value
    if number_format:
        cell.number_format = number_format
    wb.save(book)
    return cell.coordinate
