"""Lint rules that misfired on masterplans encoded from real public records (issue 14), on the lint
fixtures of tests/lint/: each test is a situation real documents hold, and what the rule says about it."""

from __future__ import annotations

import datetime as dt
import shutil

from kotacerdas.lint import lint

from .test_lint_rules import BASE, LINT

AS_OF = dt.date(2026, 11, 22)


def _repo(tmp_path, *cases: str):
    repo = tmp_path / "repo"
    shutil.copytree(BASE, repo)
    for case in cases:
        shutil.copytree(LINT / case, repo, dirs_exist_ok=True, ignore=shutil.ignore_patterns("expect.txt"))
    return repo


def _codes(repo, code):
    return [d for d in lint(repo, as_of=AS_OF).diagnostics if d.code == code]


def test_kc120_skips_a_regions_own_initiative_named_smart_mobility(tmp_path):
    repo = _repo(tmp_path, "giffinger-names/bad")
    qw = repo / "programmes" / "qw-gov.yaml"
    qw.write_text(qw.read_text(encoding="utf-8").replace(
        "quick_win: true\n", "quick_win: true\ntheme: Smart Mobility Garut\n"), encoding="utf-8")
    found = _codes(repo, "KC120")
    assert [d.found for d in found] == ["'Smart People'"]  # still a Giffinger name; Smart Mobility is theirs


def test_kc111_accepts_a_masterplan_written_in_the_middle_of_its_rpjmd(tmp_path):
    repo = _repo(tmp_path, "plan-covers-rpjmd/good")
    assert "start: 2021" in (repo / "plan.yaml").read_text(encoding="utf-8")  # RPJMD 2021-2026, plan 2024-2028
    assert _codes(repo, "KC111") == []
    plan = repo / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("    end: 2026", "    end: 2030"), encoding="utf-8")
    [finding] = _codes(repo, "KC111")  # ending before the RPJMD ends still leaves RPJMD years uncovered
    assert finding.field == "period.end"


def test_kc110_measures_the_deadline_from_the_first_dana_desa_year(tmp_path):
    repo = _repo(tmp_path, "dana-desa-coordination/good")
    assert _codes(repo, "KC110") == []  # programme from 2025, Dana Desa from 2026, musyawarah November 2025
    qw = repo / "programmes" / "qw-liv.yaml"
    qw.write_text(qw.read_text(encoding="utf-8").replace("date: 2025-11-20", "date: 2025-12-10"), encoding="utf-8")
    [finding] = _codes(repo, "KC110")
    assert "Dana Desa in 2026" in finding.message


def test_kc118_flags_the_placeholder_init_writes(tmp_path):
    repo = _repo(tmp_path, "placeholder-text/bad")
    assert "[ISI]" in {d.found.split()[0].strip('"') for d in _codes(repo, "KC118")}


def test_kc105_is_a_warning(tmp_path):
    repo = _repo(tmp_path, "programme-without-indicator/bad")
    assert {d.severity.value for d in _codes(repo, "KC105")} == {"warning"}


def test_kc103_delivery_time_against_how_long_a_service_runs(tmp_path):
    repo = _repo(tmp_path)
    qw = repo / "programmes" / "qw-gov.yaml"
    text = qw.read_text(encoding="utf-8")
    qw.write_text(text.replace("end: 2025", "end: 2028\nduration_months: 12"), encoding="utf-8")
    assert _codes(repo, "KC103") == []  # delivered in 12 months, the service runs on to 2028
    qw.write_text(text.replace("end: 2025", "end: 2028"), encoding="utf-8")
    [note] = _codes(repo, "KC103")
    assert note.severity.value == "info" and "delivery time is not written" in note.message
    qw.write_text(text.replace("end: 2025", "end: 2025\nduration_months: 30"), encoding="utf-8")
    [error] = _codes(repo, "KC103")
    assert error.severity.value == "error"
