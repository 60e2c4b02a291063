"""`kotacerdas sheet export`: the workbook an OPD officer fills."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import openpyxl
import pytest
from tests.sheets.support import GARUT, run


@pytest.fixture(scope="module")
def garut_book(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("export") / "garut-2025.xlsx"
    res = run("sheet", "export", GARUT, "--year", "2025", "--out", out)
    assert res.exit_code == 0, res.output
    return out


def test_sheets_headings_frozen_and_protected(garut_book):
    wb = openpyxl.load_workbook(garut_book)
    assert wb.sheetnames[:4] == ["Petunjuk", "Indikator", "Program", "Quick Win"]
    ws = wb["Indikator"]
    heads = [c.value for c in ws[1]]
    assert heads[:3] == ["Kode indikator", "Nama indikator", "Satuan"]
    assert "Realisasi" in heads and "Kendala" in heads and "Tindak lanjut" in heads
    assert ws.freeze_panes == "C2"
    assert ws.protection.sheet
    col = heads.index("Realisasi") + 1
    assert ws.cell(row=2, column=col).protection.locked is False
    assert ws.cell(row=2, column=col).fill.fgColor.rgb.endswith("FFF2CC")
    assert ws.cell(row=2, column=1).protection.locked is True  # the id
    assert ws.cell(row=2, column=heads.index("Target") + 1).protection.locked is True


def test_every_year_row_of_2025_and_only_2025(garut_book):
    wb = openpyxl.load_workbook(garut_book)
    ws = wb["Indikator"]
    years = {r[6].value for r in ws.iter_rows(min_row=2)}
    assert years == {2025}
    ids = [r[0].value for r in ws.iter_rows(min_row=2)]
    assert len(ids) == len(set(ids)) == len(list((GARUT / "indicators").rglob("*.yaml")))


def test_status_drop_down_and_formats(garut_book):
    wb = openpyxl.load_workbook(garut_book)
    ws = wb["Program"]
    heads = [c.value for c in ws[1]]
    status = openpyxl.utils.get_column_letter(heads.index("Status") + 1)
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert len(lists) == 1 and "berjalan sebagian" in lists[0].formula1 and "belum diketahui" in lists[0].formula1
    assert str(lists[0].sqref).startswith(f"{status}2:")
    assert ws.cell(row=2, column=heads.index("Kemajuan (%)") + 1).number_format.endswith("%")
    assert "Rp" in ws.cell(row=2, column=heads.index("Realisasi anggaran (Rp)") + 1).number_format


def test_hidden_metadata_records_version_revision_and_hashes(garut_book):
    wb = openpyxl.load_workbook(garut_book)
    meta = wb["_kotacerdas"]
    assert meta.sheet_state == "hidden" and wb["_nilai_awal"].sheet_state == "hidden"
    rows = [tuple(c.value for c in r) for r in meta.iter_rows()]
    kv = dict(r for r in rows if r[0] and r[0] not in ("key", "file"))
    assert kv["format"] == "kotacerdas-sheet" and kv["format_version"] == "1"
    assert kv["region_code"] == "32.05" and kv["years"] == "2025"
    assert "git_revision" in kv
    rel = "indicators/governance/izin-daring.yaml"
    assert kv[rel] == hashlib.sha256((GARUT / rel).read_bytes()).hexdigest()


def test_instructions_say_what_to_fill(garut_book):
    ws = openpyxl.load_workbook(garut_book)["Petunjuk"]
    text = " ".join(str(c.value) for c in ws["A"] if c.value)
    assert "kuning" in text and "nol" in text


def test_same_repository_same_bytes(tmp_path, garut_book):
    again = tmp_path / "again.xlsx"
    assert run("sheet", "export", GARUT, "--year", "2025", "--out", again).exit_code == 0
    assert again.read_bytes() == garut_book.read_bytes()


def test_opd_filter_split_and_english(tmp_path):
    res = run("sheet", "export", GARUT, "--year", "2025", "--split", "--lang", "en", "--out", tmp_path / "out")
    assert res.exit_code == 0, res.output
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert "dinkes-2025.xlsx" in names and "diskominfo-2025.xlsx" in names
    wb = openpyxl.load_workbook(tmp_path / "out" / "dinkes-2025.xlsx")
    assert wb.sheetnames[:4] == ["Instructions", "Indicators", "Programmes", "Quick wins"]
    owners = {r[2].value for r in wb["Programmes"].iter_rows(min_row=2)}
    assert owners == {"Dinkes"}
    assert [c.value for c in wb["Indicators"][1]][-3:] == ["Realisation", "Obstacle", "Follow-up"]


def test_unknown_opd_is_wrong_usage(tmp_path):
    res = run("sheet", "export", GARUT, "--opd", "Dinas-Tidak-Ada", "--out", tmp_path / "x.xlsx")
    assert res.exit_code == 2 and "Dinkes" in res.output
    assert not (tmp_path / "x.xlsx").exists()


def test_invalid_repository_is_refused(tmp_path):
    repo = tmp_path / "garut"
    shutil.copytree(GARUT, repo)
    (repo / "opd.yaml").write_text("opd: []\n")
    res = run("sheet", "export", repo, "--out", tmp_path / "x.xlsx")
    assert res.exit_code == 1
