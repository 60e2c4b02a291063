"""What officers really do to spreadsheets: each case is imported or reported with its cell."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import shutil
import zipfile

import openpyxl
import pytest
import yaml

from kotacerdas.sheets import read as sheet_read
from tests.sheets.support import COMMENTED, GARUT, edit, export, find, garut_copy, run, snapshot

PRG = "programmes/governance/prg-gov-02-perizinan-terintegrasi.yaml"


@pytest.fixture
def setup(tmp_path):
    repo = garut_copy(tmp_path)
    book = export(repo, tmp_path / "dinkes-2025.xlsx", "--year", "2025")
    return repo, book


@contextlib.contextmanager
def _sheet(book, name: str):
    """One sheet of the workbook, edited as a user would and saved."""
    wb = openpyxl.load_workbook(book)
    yield wb[name]
    wb.save(book)


def _target(repo, year=2025) -> dict:
    data = yaml.safe_load((repo / COMMENTED).read_text())
    return next(t for t in data["targets"] if t["year"] == year)


def _history(repo, rel=PRG, year=2025) -> dict:
    data = yaml.safe_load((repo / rel).read_text())
    return next(h for h in data.get("history", []) if h["year"] == year)


def _imports(repo, *books):
    res = run("sheet", "import", repo, *books)
    assert res.exit_code == 0, res.output
    return res.output


def _refused(repo, *books, code: str, where: str):
    before = snapshot(repo)
    res = run("sheet", "import", repo, *books)
    assert res.exit_code == 1, res.output
    assert code in res.output and where in res.output, res.output
    assert snapshot(repo) == before
    return res.output


def test_decimal_comma(setup):
    repo, book = setup
    edit(book, "Indikator", "IND-GOV-04", 2025, "Realisasi", "73,3")
    _imports(repo, book)
    assert _target(repo)["realisation"] == 73.3


def test_rupiah_with_dots_and_percent_sign(setup):
    repo, book = setup
    edit(book, "Program", "PRG-GOV-02", 2025, "Realisasi anggaran (Rp)", "Rp 1.250.000")
    edit(book, "Program", "PRG-GOV-02", 2025, "Kemajuan (%)", "85%")
    _imports(repo, book)
    # the example's 2025 entry keeps its status; the two cells land beside it
    assert _history(repo) == {"year": 2025, "status": "ongoing", "progress": 85, "budget_realisation": 1250000}


def test_ambiguous_thousands_is_refused_with_its_cell(setup):
    repo, book = setup
    ref = edit(book, "Indikator", "IND-GOV-04", 2025, "Realisasi", "1.250")
    out = _refused(repo, book, code="KC311", where=f"dinkes-2025.xlsx: Indikator!{ref}")
    assert "ambiguous" in out


def test_date_typed_as_text_in_a_number_cell(setup):
    repo, book = setup
    ref = edit(book, "Indikator", "IND-GOV-04", 2025, "Realisasi", "5 Juli 2025")
    out = _refused(repo, book, code="KC311", where=f"Indikator!{ref}")
    assert 'found:    text "5 Juli 2025"' in out and "A date is not a number" in out


def test_number_the_spreadsheet_turned_into_a_date(setup):
    repo, book = setup
    ref = edit(book, "Indikator", "IND-GOV-04", 2025, "Realisasi", dt.datetime(2025, 3, 3), "d-mmm")
    out = _refused(repo, book, code="KC311", where=f"Indikator!{ref}")
    assert "a date (3 Maret 2025)" in out and "format the cell as Number" in out


def test_date_in_a_text_cell_is_written_as_a_date(setup):
    repo, book = setup
    edit(book, "Program", "PRG-GOV-02", 2025, "Keterangan", dt.datetime(2025, 7, 5))
    _imports(repo, book)
    assert _history(repo)["note"] == "5 Juli 2025"


def _with_cached_value(book, ref: str, value: str) -> None:
    """What Excel does on save: the formula keeps its last calculated value (<v>) beside it."""
    src = book.read_bytes()
    tmp = book.with_suffix(".tmp")
    with zipfile.ZipFile(book) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                data = re.sub(rf'(<c r="{ref}"[^>]*>)<f>([^<]*)</f><v\s*/?>(</v>)?'.encode(),
                              rb"\1<f>\2</f><v>" + value.encode() + b"</v>", data)
            zout.writestr(info, data)
    tmp.replace(book)
    assert book.read_bytes() != src


def test_formula_with_calculated_value_is_imported_and_said(setup):
    repo, book = setup
    ref = edit(book, "Indikator", "IND-GOV-04", 2025, "Realisasi", "=70+3")
    _with_cached_value(book, ref, "73")
    out = _imports(repo, book)
    assert _target(repo)["realisation"] == 73
    assert f"Indikator!{ref}: warning KC312" in out and "formula =70+3" in out


def test_formula_never_calculated_is_refused(setup):
    repo, book = setup
    ref = edit(book, "Indikator", "IND-GOV-04", 2025, "Realisasi", "=70+3")
    _refused(repo, book, code="KC313", where=f"Indikator!{ref}")


def test_merged_cells_down_a_column_give_each_row_the_value(setup):
    repo, book = setup
    with _sheet(book, "Program") as ws:
        a = find(ws, "PRG-GOV-02", 2025, "Kendala")
        below = ws.cell(row=a.row + 1, column=a.column)
        other = ws.cell(row=a.row + 1, column=1).value
        a.value = "Anggaran perubahan terlambat"
        ws.merge_cells(f"{a.coordinate}:{below.coordinate}")
    out = _imports(repo, book)
    assert f"Program!{a.coordinate}: warning KC314" in out
    assert _history(repo)["obstacle"] == "Anggaran perubahan terlambat"
    rel = next(p for p in (repo / "programmes").rglob("*.yaml") if f"id: {other}\n" in p.read_text())
    assert _history(repo, str(rel.relative_to(repo)))["obstacle"] == "Anggaran perubahan terlambat"


def test_merged_cells_across_two_columns_are_refused(setup):
    repo, book = setup
    with _sheet(book, "Program") as ws:
        a = find(ws, "PRG-GOV-02", 2025, "Kendala")
        b = find(ws, "PRG-GOV-02", 2025, "Penyelesaian")
        a.value = "Satu teks untuk dua kolom"
        ws.merge_cells(f"{a.coordinate}:{b.coordinate}")
    _refused(repo, book, code="KC314", where=f"Program!{a.coordinate}")


def test_inserted_row_with_an_unknown_id(setup):
    repo, book = setup
    with _sheet(book, "Indikator") as ws:
        ws.insert_rows(3)
        ws["A3"], ws["G3"], ws["I3"] = "IND-BARU-99", 2025, 50
    out = _refused(repo, book, code="KC308", where="Indikator!A3")
    assert "IND-BARU-99" in out


def test_row_with_values_but_no_id(setup):
    repo, book = setup
    with _sheet(book, "Indikator") as ws:
        r = ws.max_row + 1
        ws.cell(row=r, column=9, value=12)
    _refused(repo, book, code="KC309", where=f"Indikator!A{r}")


def test_sorted_and_deleted_rows_are_matched_by_id(setup):
    repo, book = setup
    with _sheet(book, "Indikator") as ws:
        rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
        rows.sort(key=lambda r: str(r[1]), reverse=True)  # sorted by name, Z to A
        rows = [r for r in rows if r[0] != "IND-GOV-01"]  # and one deleted
        ws.delete_rows(2, ws.max_row)
        for r in rows:
            ws.append(r)
    edit(book, "Indikator", "IND-GOV-04", 2025, "Realisasi", 74)
    before = snapshot(repo)
    _imports(repo, book)
    after = snapshot(repo)
    assert [k for k in after if after[k] != before[k]] == [COMMENTED]
    assert _target(repo)["realisation"] == 74


def test_moved_column_is_found_by_its_heading(setup):
    repo, book = setup
    with _sheet(book, "Indikator") as ws:
        ws.move_range(f"I1:I{ws.max_row}", cols=4)  # Realisasi to column M, after Tindak lanjut
        ws.move_range(f"J1:L{ws.max_row}", cols=-1)
    ref = edit(book, "Indikator", "IND-GOV-04", 2025, "Realisasi", 74)
    assert ref.startswith("M")
    _imports(repo, book)
    assert _target(repo)["realisation"] == 74


def test_renamed_sheet_is_found_by_its_headings(setup):
    repo, book = setup
    edit(book, "Indikator", "IND-GOV-04", 2025, "Realisasi", 74)
    wb = openpyxl.load_workbook(book)
    wb["Indikator"].title = "Capaian 2025"
    wb.save(book)
    out = _imports(repo, book)
    assert "dinkes-2025.xlsx: Capaian 2025: warning KC306" in out
    assert _target(repo)["realisation"] == 74


def test_deleted_sheet_is_said_and_the_rest_imported(setup):
    repo, book = setup
    edit(book, "Indikator", "IND-GOV-04", 2025, "Realisasi", 74)
    wb = openpyxl.load_workbook(book)
    del wb["Quick Win"]
    wb.save(book)
    out = _imports(repo, book)
    assert "warning KC305" in out and "'Quick Win' is missing" in out
    assert _target(repo)["realisation"] == 74


def test_emptied_cell_keeps_the_value(setup):
    repo, book = setup
    ref = edit(book, "Indikator", "IND-GOV-04", 2025, "Realisasi", None)
    before = snapshot(repo)
    out = _imports(repo, book)
    assert f"Indikator!{ref}: warning KC316" in out and snapshot(repo) == before


def test_workbook_of_another_region(tmp_path):
    repo = garut_copy(tmp_path)
    tuban = export(GARUT.parent / "tuban", tmp_path / "tuban.xlsx", "--year", "2025")
    out = _refused(repo, tuban, code="KC302", where="tuban.xlsx: _kotacerdas")
    assert "35.23" in out and "32.05" in out


def test_workbook_of_another_repository_of_the_same_region(tmp_path):
    repo = garut_copy(tmp_path)
    other = tmp_path / "copy"
    shutil.copytree(repo, other)
    plan = other / "plan.yaml"
    text = plan.read_text()
    title = yaml.safe_load(text)["title"]
    plan.write_text(text.replace(title, title + " (revisi)", 1))
    book = export(other, tmp_path / "other.xlsx", "--year", "2025")
    _refused(repo, book, code="KC302", where="other.xlsx")


def test_empty_workbook(tmp_path):
    repo = garut_copy(tmp_path)
    book = tmp_path / "kosong.xlsx"
    openpyxl.Workbook().save(book)
    _refused(repo, book, code="KC320", where="kosong.xlsx")


def test_workbook_not_made_by_kotacerdas(tmp_path):
    repo = garut_copy(tmp_path)
    book = tmp_path / "sendiri.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["Kode indikator", "Tahun", "Realisasi"])
    wb.active.append(["IND-GOV-04", 2025, 80])
    wb.save(book)
    _refused(repo, book, code="KC301", where="sendiri.xlsx")


@pytest.mark.parametrize("name,data", [("laporan.xlsx", b"bukan workbook\n"),
                                       ("lama.xls", b"\xd0\xcf\x11\xe0" + b"\0" * 64)])
def test_file_that_is_not_a_workbook(tmp_path, name, data):
    repo = garut_copy(tmp_path)
    book = tmp_path / name
    book.write_bytes(data)
    _refused(repo, book, code="KC300", where=name)


def test_zip_that_is_not_a_workbook(tmp_path):
    repo = garut_copy(tmp_path)
    book = tmp_path / "arsip.xlsx"
    with zipfile.ZipFile(book, "w") as z:
        z.writestr("word/document.xml", "<w/>")
    _refused(repo, book, code="KC300", where="arsip.xlsx")


def test_huge_workbook_is_refused_before_reading(setup, monkeypatch):
    repo, book = setup
    monkeypatch.setattr(sheet_read, "MAX_FILE_BYTES", 1000)
    out = _refused(repo, book, code="KC304", where="dinkes-2025.xlsx")
    assert "too large" in out


def test_sheet_with_too_many_rows_is_refused(setup, monkeypatch):
    repo, book = setup
    monkeypatch.setattr(sheet_read, "MAX_ROWS", 10)
    _refused(repo, book, code="KC304", where="dinkes-2025.xlsx: Indikator")


def test_changed_target_in_a_protected_cell_is_said_not_imported(setup):
    repo, book = setup
    ref = edit(book, "Indikator", "IND-GOV-04", 2025, "Target", 70)
    before = snapshot(repo)
    out = _imports(repo, book)
    assert f"Indikator!{ref}: warning KC322" in out and "expected: 75" in out
    assert snapshot(repo) == before
