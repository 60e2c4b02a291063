"""A workbook opened and saved again by LibreOffice Calc (headless) imports like the original."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
import yaml

from tests.sheets.support import COMMENTED, edit, export, garut_copy, run, snapshot

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (libreoffice-calc) is not installed")


def _through_libreoffice(book, tmp_path):
    out = tmp_path / "lo"
    env = {**os.environ, "HOME": str(tmp_path / "lo-profile")}
    assert SOFFICE is not None
    subprocess.run([SOFFICE, "--headless", "--norestore", "--convert-to", "xlsx:Calc MS Excel 2007 XML",
                    "--outdir", str(out), str(book)], env=env, capture_output=True, timeout=180, check=True)
    saved = out / book.name
    assert saved.exists() and saved.read_bytes() != book.read_bytes()
    return saved


def test_saved_by_libreoffice_without_edit_changes_nothing(tmp_path):
    repo = garut_copy(tmp_path)
    before = snapshot(repo)
    saved = _through_libreoffice(export(repo, tmp_path / "b.xlsx", "--year", "2025"), tmp_path)
    res = run("sheet", "import", repo, saved)
    assert res.exit_code == 0, res.output
    assert snapshot(repo) == before


def test_edits_saved_by_libreoffice_import_exactly(tmp_path):
    repo = garut_copy(tmp_path)
    book = export(repo, tmp_path / "b.xlsx", "--year", "2025")
    ref = edit(book, "Indikator", "IND-GOV-04", 2025, "Realisasi", "=70+3.5")  # LibreOffice calculates it
    edit(book, "Program", "PRG-GOV-02", 2025, "Kemajuan (%)", 0.4)
    edit(book, "Program", "PRG-GOV-02", 2025, "Status", "berjalan sebagian")
    res = run("sheet", "import", repo, _through_libreoffice(book, tmp_path))
    assert res.exit_code == 0, res.output
    assert f"Indikator!{ref}: warning KC312" in res.output
    target = next(t for t in yaml.safe_load((repo / COMMENTED).read_text())["targets"] if t["year"] == 2025)
    assert target["realisation"] == 73.5
    prg = yaml.safe_load((repo / "programmes/governance/prg-gov-02-perizinan-terintegrasi.yaml").read_text())
    assert prg["history"] == [{"year": 2024, "status": "ongoing", "progress": 20},  # the example's, untouched
                              {"year": 2025, "status": "partly-running", "progress": 40}]
