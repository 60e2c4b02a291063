"""Day one, lint: a fresh `init` repository passes lint; what is unwritten is a work list of warnings, and
the report ends with the findings per rule. Filling a file in brings its errors back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


@pytest.fixture
def fresh(fresh_repo: Path) -> Path:
    return fresh_repo


def test_a_fresh_repository_passes_lint_with_a_work_list_and_a_summary_per_rule(fresh, cli):
    r = cli("lint", ".", "--as-of", "2025-06-01", cwd=fresh)
    assert r.returncode == 0, r.stdout
    assert " error KC" not in r.stdout  # nothing on a fresh repository is an error
    head, _, tail = r.stdout.partition("Work list: ")
    assert "warning KC101 dimension 'branding' (Smart Branding) has no quick win" in head
    assert "A warning while dimensions/branding.yaml still holds [ISI] text" in head  # the hint says why
    work, _, summary = tail.partition("Findings per rule:")
    assert work.startswith("20 things still to fill\n")
    files = [line.strip() for line in work.splitlines() if line.startswith("  ") and not line.startswith("    ")]
    assert files == [f"dimensions/{d}.yaml" for d in ("branding", "economy", "environment", "governance", "living",
                                                       "society")] + ["plan.yaml"]  # one line per file
    assert "  plan.yaml\n    replace [ISI] in: visi, misi[0]\n" in work
    assert "    replace [ISI] in: goals[0], strategy[0]\n    KC101 dimension 'living' (Smart Living) has no quick win" \
        in work
    rows = [line.split() for line in summary.strip().splitlines()[:-1] if line.strip()]
    assert [row[:2] for row in rows] == [["KC101", "dimension-without-quick-win"],
                                         ["KC102", "element-without-programme"],
                                         ["KC112", "idle-opd"], ["KC118", "placeholder-text"]]
    assert rows[0][2:] == ["6", "warnings"] and rows[3][2:] == ["14", "warnings"]
    assert summary.strip().splitlines()[-1].startswith("✓ ")  # the verdict stays the last line


def test_the_json_report_carries_the_work_list_and_the_counts_per_rule(fresh, cli):
    r = cli("lint", ".", "--format", "json", "--as-of", "2025-06-01", cwd=fresh)
    assert r.returncode == 0
    doc = json.loads(r.stdout)
    plan = next(w for w in doc["work_list"] if w["path"] == "plan.yaml")
    assert plan["fields"] == ["visi", "misi[0]"] and plan["findings"] == []
    branding = next(w for w in doc["work_list"] if w["path"] == "dimensions/branding.yaml")
    assert [f["code"] for f in branding["findings"]] == ["KC101"]
    assert {"code": "KC101", "name": "dimension-without-quick-win", "error": 0, "warning": 6, "info": 0} in doc["rules"]
    assert sum(r["warning"] for r in doc["rules"]) == doc["summary"]["warning"]


def test_once_a_dimension_is_written_its_missing_quick_win_is_an_error_again(fresh, cli):
    path = fresh / "dimensions" / "living.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('"[ISI] Tujuan dimensi Smart Living"', "Layanan kesehatan yang merata")
    text = text.replace('"[ISI] Strategi dimensi Smart Living"', "Puskesmas digital di setiap kecamatan")
    path.write_text(text, encoding="utf-8")
    r = cli("lint", ".", "--as-of", "2025-06-01", cwd=fresh)
    assert r.returncode == 1
    assert "error KC101 dimension 'living' (Smart Living) has no quick win" in r.stdout
    assert "warning KC101 dimension 'governance'" in r.stdout  # the others are still unwritten
    assert "dimensions/living.yaml" not in r.stdout.partition("Work list: ")[2].partition("Findings per rule:")[0]


def test_validate_errors_are_never_softened_by_isi_text(fresh, cli):
    (fresh / "programmes" / "qw.yaml").write_text(
        "id: QW-GOV-01\nname: Mal Pelayanan Publik\ndimension: governance\nelement: service\n"
        "innovation: teknologi\nquick_win: true\nproblem: \"[ISI] masalah\"\ndescription: \"[ISI] uraian\"\n"
        "owner: Diskominfoo\nhorizon: pendek\nstart: 2025\nend: 2025\n", encoding="utf-8")
    r = cli("lint", ".", "--as-of", "2025-06-01", cwd=fresh)
    assert r.returncode == 1
    assert "qw.yaml:9:8: error KC0" in r.stdout and "Diskominfoo" in r.stdout


def test_isi_written_against_a_word_is_still_found(fresh, cli):
    plan = fresh / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace('"[ISI] Misi pertama"', '"[ISI]Misi pertama"'),
                    encoding="utf-8")
    r = cli("lint", ".", "--as-of", "2025-06-01", "--select", "KC118", cwd=fresh)
    assert "warning KC118 placeholder text '[ISI]' in misi[0]" in r.stdout


def test_the_markdown_report_for_a_job_summary_ends_with_the_work_list_and_a_table_per_rule(fresh, cli):
    r = cli("lint", ".", "--format", "markdown", "--as-of", "2025-06-01", cwd=fresh)
    assert r.returncode == 0
    tail = r.stdout.partition("**Work list: what is still to fill**")[2]
    assert "- `plan.yaml`: replace [ISI] in: visi, misi[0]\n" in tail
    assert tail.rstrip().splitlines()[-4:] == [
        "| KC101 | dimension-without-quick-win | 0 | 6 | 0 |", "| KC102 | element-without-programme | 0 | 18 | 0 |",
        "| KC112 | idle-opd | 0 | 0 | 19 |", "| KC118 | placeholder-text | 0 | 14 | 0 |"]


def test_lint_one_file_reports_its_findings_and_those_of_what_it_refers_to(fresh, cli):
    r = cli("lint", "dimensions/living.yaml", "--as-of", "2025-06-01", cwd=fresh)
    assert r.returncode == 0
    assert "dimensions/living.yaml:9:12: warning KC101" in r.stdout
    assert "dimensions/governance.yaml" not in r.stdout and "plan.yaml" not in r.stdout
    work = r.stdout.partition("Work list: ")[2]
    assert work.startswith("3 things still to fill\n  dimensions/living.yaml\n")
