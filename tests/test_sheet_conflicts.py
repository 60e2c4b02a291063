"""Stale workbooks: a value changed in the YAML after the export is never overwritten silently."""

from __future__ import annotations

from tests.sheets.support import COMMENTED, edit, export, garut_copy, run, snapshot


def _change_yaml(repo, old: str, new: str) -> None:
    p = repo / COMMENTED
    text = p.read_text()
    assert old in text
    p.write_text(text.replace(old, new, 1))


def test_conflict_names_both_values_and_nothing_is_written(tmp_path):
    repo = garut_copy(tmp_path)
    book = export(repo, tmp_path / "dpmptsp-2025.xlsx", "--year", "2025")
    _change_yaml(repo, "realisation: 71", "realisation: 72")  # someone edits git meanwhile
    ref = edit(book, "Indikator", "IND-GOV-04", 2025, "Realisasi", 75)
    edit(book, "Program", "PRG-GOV-02", 2025, "Kendala", "Server OSS lambat")  # no conflict
    before = snapshot(repo)
    res = run("sheet", "import", repo, book)
    assert res.exit_code == 1
    assert f"dpmptsp-2025.xlsx: Indikator!{ref}" in res.output and "KC315" in res.output
    assert "in the workbook 75; in the YAML now 72 (at export 71)" in res.output
    assert snapshot(repo) == before


def test_partial_imports_the_cells_without_conflict(tmp_path):
    repo = garut_copy(tmp_path)
    book = export(repo, tmp_path / "b.xlsx", "--year", "2025")
    _change_yaml(repo, "realisation: 71", "realisation: 72")
    edit(book, "Indikator", "IND-GOV-04", 2025, "Realisasi", 75)
    edit(book, "Program", "PRG-GOV-02", 2025, "Kendala", "Server OSS lambat")
    res = run("sheet", "import", repo, book, "--partial")
    assert res.exit_code == 1  # a conflict is still reported
    assert "realisation: 72" in (repo / COMMENTED).read_text()  # the conflicting value kept
    assert "Server OSS lambat" in (repo / "programmes/governance/prg-gov-02-perizinan-terintegrasi.yaml").read_text()


def test_other_changes_in_the_same_file_are_no_conflict(tmp_path):
    repo = garut_copy(tmp_path)
    book = export(repo, tmp_path / "b.xlsx", "--year", "2025")
    _change_yaml(repo, "target: 85", "target: 86")  # another year, another field
    edit(book, "Indikator", "IND-GOV-04", 2025, "Realisasi", 75)
    res = run("sheet", "import", repo, book)
    assert res.exit_code == 0, res.output
    text = (repo / COMMENTED).read_text()
    assert "realisation: 75" in text and "target: 86" in text


def test_same_value_in_yaml_and_workbook_is_no_conflict(tmp_path):
    repo = garut_copy(tmp_path)
    book = export(repo, tmp_path / "b.xlsx", "--year", "2025")
    _change_yaml(repo, "realisation: 71", "realisation: 75")
    edit(book, "Indikator", "IND-GOV-04", 2025, "Realisasi", 75)
    before = snapshot(repo)
    res = run("sheet", "import", repo, book)
    assert res.exit_code == 0 and snapshot(repo) == before


def test_untouched_cell_never_reverts_a_later_yaml_change(tmp_path):
    repo = garut_copy(tmp_path)
    book = export(repo, tmp_path / "b.xlsx", "--year", "2025")
    _change_yaml(repo, "realisation: 71", "realisation: 72")
    before = snapshot(repo)
    assert run("sheet", "import", repo, book).exit_code == 0
    assert snapshot(repo) == before


def test_two_workbooks_giving_one_value_two_values(tmp_path):
    repo = garut_copy(tmp_path)
    a = export(repo, tmp_path / "a.xlsx", "--year", "2025")
    b = export(repo, tmp_path / "b.xlsx", "--year", "2025")
    edit(a, "Indikator", "IND-GOV-04", 2025, "Realisasi", 75)
    ref = edit(b, "Indikator", "IND-GOV-04", 2025, "Realisasi", 76)
    before = snapshot(repo)
    res = run("sheet", "import", repo, a, b)
    assert res.exit_code == 1 and "KC317" in res.output and f"b.xlsx: Indikator!{ref}" in res.output
    assert snapshot(repo) == before
