"""The CSV folder: the same round trip without a spreadsheet program."""

from __future__ import annotations

import csv
import io

import yaml

from tests.sheets.support import COMMENTED, garut_copy, run, snapshot


def _export(repo, out, *extra):
    res = run("sheet", "export", repo, "--csv", "--out", out, *extra)
    assert res.exit_code == 0, res.output
    return out


def _rows(path):
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def _write(path, rows, delimiter=","):
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_text("\ufeff" + buf.getvalue(), encoding="utf-8")


def test_folder_has_one_csv_per_sheet_and_round_trips_without_a_byte_changed(tmp_path):
    repo = garut_copy(tmp_path)
    before = snapshot(repo)
    folder = _export(repo, tmp_path / "isian")
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["Indikator.csv", "Petunjuk.csv", "Program.csv", "Quick Win.csv", "_kotacerdas.csv",
                     "_nilai_awal.csv"]
    res = run("sheet", "import", repo, folder)
    assert res.exit_code == 0 and "nothing to import" in res.output
    assert snapshot(repo) == before


def test_edit_saved_with_semicolons_and_decimal_comma(tmp_path):
    """Excel in an Indonesian locale saves CSV with `;` between fields and a decimal comma."""
    repo = garut_copy(tmp_path)
    folder = _export(repo, tmp_path / "isian", "--year", "2025")
    path = folder / "Indikator.csv"
    rows = _rows(path)
    for r in rows:
        if r[0] == "IND-GOV-04":
            r[8] = "73,5"
    _write(path, rows, ";")
    res = run("sheet", "import", repo, folder)
    assert res.exit_code == 0, res.output
    data = yaml.safe_load((repo / COMMENTED).read_text())
    assert next(t for t in data["targets"] if t["year"] == 2025)["realisation"] == 73.5
    assert (repo / COMMENTED).read_text().startswith("# Indikator perizinan daring")


def test_bad_value_names_the_file_and_cell(tmp_path):
    repo = garut_copy(tmp_path)
    folder = _export(repo, tmp_path / "isian", "--year", "2025")
    path = folder / "Program.csv"
    rows = _rows(path)
    n = next(i for i, r in enumerate(rows) if r[0] == "PRG-GOV-02")
    rows[n][7] = "seratus"
    _write(path, rows)
    before = snapshot(repo)
    res = run("sheet", "import", repo, folder)
    assert res.exit_code == 1 and f"isian: Program!H{n + 1}" in res.output
    assert snapshot(repo) == before


def test_folder_without_csv_files(tmp_path):
    repo = garut_copy(tmp_path)
    (tmp_path / "kosong").mkdir()
    res = run("sheet", "import", repo, tmp_path / "kosong")
    assert res.exit_code == 1 and "KC300" in res.output
