"""`kotacerdas sheet import`: the round trip through real files, comments kept, all or nothing."""

from __future__ import annotations

import json

import openpyxl
import yaml

from tests.sheets.support import COMMENTED, edit, export, garut_copy, run, snapshot


def test_export_then_import_without_edit_changes_no_byte(tmp_path):
    repo = garut_copy(tmp_path)
    before = snapshot(repo)
    book = export(repo, tmp_path / "all.xlsx")  # every year, every OPD
    res = run("sheet", "import", repo, book)
    assert res.exit_code == 0, res.output
    assert "nothing to import" in res.output
    assert snapshot(repo) == before


def test_workbook_saved_again_by_openpyxl_still_changes_nothing(tmp_path):
    repo = garut_copy(tmp_path)
    before = snapshot(repo)
    book = export(repo, tmp_path / "b.xlsx", "--year", "2025")
    wb = openpyxl.load_workbook(book)
    wb.save(book)
    assert run("sheet", "import", repo, book).exit_code == 0
    assert snapshot(repo) == before


def test_one_edited_cell_changes_exactly_that_value_and_comments_survive(tmp_path):
    repo = garut_copy(tmp_path)
    before = snapshot(repo)
    book = export(repo, tmp_path / "b.xlsx", "--year", "2025")
    edit(book, "Indikator", "IND-GOV-04", 2025, "Realisasi", 73.5)
    res = run("sheet", "import", repo, book)
    assert res.exit_code == 0, res.output
    after = snapshot(repo)
    assert [k for k in after if after[k] != before[k]] == [COMMENTED]
    old, new = before[COMMENTED].decode().splitlines(), after[COMMENTED].decode().splitlines()
    changed = [(a, b) for a, b in zip(old, new, strict=True) if a != b]
    assert changed == [("    realisation: 71", "    realisation: 73.5")]
    assert [line for line in new if "#" in line] == [line for line in old if "#" in line]
    assert "IND-GOV-04" in res.output and "71 → 73.5" in res.output


def test_new_programme_year_is_added_with_its_fields_in_order(tmp_path):
    repo = garut_copy(tmp_path)
    qw = repo / "programmes/governance/qw-gov-01-garuda.yaml"  # the example has a history: start without one
    text = qw.read_text()
    qw.write_text(text.replace(text[text.index("history:\n"):text.index("outputs:\n")], ""))
    book = export(repo, tmp_path / "b.xlsx", "--year", "2025")
    edit(book, "Quick Win", "QW-GOV-01", 2025, "Status", "selesai")
    edit(book, "Quick Win", "QW-GOV-01", 2025, "Kemajuan (%)", 0.95)
    edit(book, "Quick Win", "QW-GOV-01", 2025, "Kendala", "Integrasi aplikasi Dinsos tertunda")
    edit(book, "Quick Win", "QW-GOV-01", 2025, "Realisasi anggaran (Rp)", "Rp 590.000.000")
    path = repo / "programmes/governance/qw-gov-01-garuda.yaml"
    head = path.read_text().splitlines()[0]
    res = run("sheet", "import", repo, book)
    assert res.exit_code == 0, res.output
    text = path.read_text()
    assert text.splitlines()[0] == head  # the file's comment
    data = yaml.safe_load(text)
    assert data["history"] == [{"year": 2025, "status": "completed", "progress": 95,
                                "obstacle": "Integrasi aplikasi Dinsos tertunda", "budget_realisation": 590000000}]
    assert list(data).index("history") == list(data).index("milestones") + 1
    assert run("validate", repo).exit_code == 0
    assert run("fmt", "--check", repo).exit_code == 0


def test_dry_run_shows_the_change_and_writes_nothing(tmp_path):
    repo = garut_copy(tmp_path)
    before = snapshot(repo)
    book = export(repo, tmp_path / "b.xlsx", "--year", "2025")
    edit(book, "Indikator", "IND-GOV-04", 2025, "Realisasi", 80)
    res = run("sheet", "import", repo, book, "--dry-run")
    assert res.exit_code == 0 and "71 → 80" in res.output and "nothing written" in res.output
    assert snapshot(repo) == before


def test_one_bad_cell_imports_nothing(tmp_path):
    repo = garut_copy(tmp_path)
    before = snapshot(repo)
    book = export(repo, tmp_path / "dinkes-2025.xlsx", "--year", "2025")
    edit(book, "Indikator", "IND-GOV-04", 2025, "Realisasi", 80)  # good
    ref = edit(book, "Program", "PRG-GOV-02", 2025, "Kemajuan (%)", "hampir selesai")  # bad
    res = run("sheet", "import", repo, book)
    assert res.exit_code == 1
    assert f"dinkes-2025.xlsx: Program!{ref}" in res.output
    assert 'found:    text "hampir selesai"' in res.output and "expected: a percentage from 0 to 100" in res.output
    assert snapshot(repo) == before


def test_json_report_names_cell_field_found_expected(tmp_path):
    repo = garut_copy(tmp_path)
    book = export(repo, tmp_path / "b.xlsx", "--year", "2025")
    ref = edit(book, "Program", "PRG-GOV-02", 2025, "Realisasi anggaran (Rp)", -5)
    res = run("sheet", "import", repo, book, "--format", "json")
    assert res.exit_code == 1
    d = json.loads(res.output)["diagnostics"][0]
    assert d["where"] == f"b.xlsx: Program!{ref}" and d["code"] == "KC311"
    assert d["field"] == "PRG-GOV-02 2025 history.budget_realisation"
    assert d["found"] == "number -5" and "whole rupiah" in d["expected"]


def test_value_invalid_for_the_repository_checks_is_refused(tmp_path):
    """A year outside the plan period passes the cell but not validate's checks: nothing is written, and
    the diagnostic points at the row that caused it, not at another edit of the same file."""
    repo = garut_copy(tmp_path)
    before = snapshot(repo)
    book = export(repo, tmp_path / "b.xlsx")  # every year
    edit(book, "Indikator", "IND-GOV-04", 2025, "Realisasi", 72)  # a good edit, same file
    ref = edit(book, "Indikator", "IND-GOV-04", 2028, "Tahun", 2099)
    edit(book, "Indikator", "IND-GOV-04", 2099, "Realisasi", 99)
    res = run("sheet", "import", repo, book)
    assert res.exit_code == 1 and snapshot(repo) == before
    assert "KC318" in res.output and "2099" in res.output and "plan period" in res.output
    assert f"b.xlsx: Indikator!I{ref[1:]}: error KC318" in res.output


def test_split_puts_indicators_no_opd_reports_into_their_own_workbook(tmp_path):
    repo = garut_copy(tmp_path)
    (repo / "indicators" / "yatim.yaml").write_text(
        "id: IND-YATIM-01\nname: Indikator tanpa program\nunit: persen\ndirection: up\n"
        "targets:\n  - year: 2025\n    target: 10\n")
    res = run("sheet", "export", repo, "--year", "2025", "--split", "--out", tmp_path / "isian")
    assert res.exit_code == 0, res.output
    wb = openpyxl.load_workbook(tmp_path / "isian" / "tanpa-opd-2025.xlsx")
    assert [r[0].value for r in wb["Indikator"].iter_rows(min_row=2)] == ["IND-YATIM-01"]
    assert wb["Program"].max_row == 1
    assert all(r[0].value != "IND-YATIM-01" for r in
               openpyxl.load_workbook(tmp_path / "isian" / "dinkes-2025.xlsx")["Indikator"].iter_rows(min_row=2))


def test_several_workbooks_import_together(tmp_path):
    repo = garut_copy(tmp_path)
    res = run("sheet", "export", repo, "--year", "2025", "--split", "--out", tmp_path / "isian")
    assert res.exit_code == 0
    a, b = tmp_path / "isian" / "dpmptsp-2025.xlsx", tmp_path / "isian" / "dinkes-2025.xlsx"
    edit(a, "Indikator", "IND-GOV-04", 2025, "Realisasi", 74)
    wb = openpyxl.load_workbook(b)
    some = wb["Indikator"].cell(row=2, column=1).value
    edit(b, "Indikator", some, 2025, "Kendala", "Data puskesmas terlambat")
    res = run("sheet", "import", repo, a, b)
    assert res.exit_code == 0, res.output
    assert "74" in (repo / COMMENTED).read_text()
    assert any("Data puskesmas terlambat" in p.read_text() for p in (repo / "indicators").rglob("*.yaml"))
    assert some in res.output


def test_missing_workbook_or_repository_is_wrong_usage(tmp_path):
    repo = garut_copy(tmp_path)
    assert run("sheet", "import", repo, tmp_path / "tidak-ada.xlsx").exit_code == 2
    book = export(repo, tmp_path / "b.xlsx", "--year", "2025")
    assert run("sheet", "import", tmp_path / "bukan-repo", book).exit_code == 2
