"""`kotacerdas lint` and `kotacerdas rules` as a user runs them: exit codes, --fail-on, --as-of,
--output, formats chosen automatically, and no writes to the repository."""

from __future__ import annotations

import json
import re

import pytest

from kotacerdas.lint.config import CONFIG_CODE
from kotacerdas.lint.rules import RULES

from .test_lint_engine import edit
from .test_lint_rules import build
from .test_validate_cli import run, snapshot

AS_OF = "2026-11-22"


@pytest.fixture
def repo(tmp_path):
    return build(None, tmp_path)


def test_clean_repository_exits_0(repo):
    r = run("lint", repo, "--as-of", AS_OF)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "passes lint: 12 files checked" in r.stdout


def test_error_finding_exits_1_with_the_source_line(repo):
    edit(repo, "programmes/qw-gov.yaml", "end: 2025", "end: 2025\nduration_months: 36")
    r = run("lint", repo, "--as-of", AS_OF)
    assert r.returncode == 1
    assert ("programmes/qw-gov.yaml:15:18: error KC103 quick win QW-GOV-01 takes 36 months to deliver, longer than 24"
            in r.stdout)
    assert "   15 │ duration_months: 36" in r.stdout
    assert "hint: Shorten the delivery" in r.stdout


def test_fail_on_decides_the_exit_code_separately_from_severity(repo):
    edit(repo, "programmes/qw-gov.yaml", "horizon: pendek", "horizon: menengah")  # a warning
    assert run("lint", repo, "--as-of", AS_OF).returncode == 0
    assert run("lint", repo, "--as-of", AS_OF, "--fail-on", "warning").returncode == 1
    assert run("lint", repo, "--as-of", AS_OF, "--fail-on", "info").returncode == 1


def test_fail_on_info_counts_notes(repo):
    edit(repo, "opd.yaml", "  - id: Setda", "  - id: Dispora\n    name: Dinas Pemuda dan Olahraga\n  - id: Setda")
    assert run("lint", repo, "--as-of", AS_OF, "--fail-on", "warning").returncode == 0
    assert run("lint", repo, "--as-of", AS_OF, "--fail-on", "info").returncode == 1


def test_as_of_makes_date_rules_reproducible(repo):
    early = run("lint", repo, "--as-of", "2026-12-31", "--format", "json")
    late = run("lint", repo, "--as-of", "2027-01-01", "--format", "json")
    assert json.loads(early.stdout)["diagnostics"] == []
    assert json.loads(early.stdout)["as_of"] == "2026-12-31"
    # 2026 has passed: each target's realisation is owed (KC108), and per OPD in sum (KC129, a note)
    assert sorted(d["code"] for d in json.loads(late.stdout)["diagnostics"]) == ["KC108", "KC108", "KC129", "KC129"]


@pytest.mark.parametrize("args, says", [
    (["--fail-on", "warn"], "unknown --fail-on 'warn'"),
    (["--as-of", "22-11-2026"], "--as-of '22-11-2026' is not a date"),
    (["--format", "xml"], "unknown format 'xml'"),
])
def test_wrong_usage_exits_2_without_traceback(repo, args, says):
    r = run("lint", repo, *args)
    assert r.returncode == 2
    assert says in r.stderr and "Traceback" not in r.stderr


def test_not_a_repository_exits_2(tmp_path):
    r = run("lint", tmp_path)
    assert r.returncode == 2 and "not a masterplan repository" in r.stderr


def test_output_file_is_written_and_the_repository_untouched(repo, tmp_path):
    edit(repo, "programmes/qw-gov.yaml", "horizon: pendek", "horizon: menengah")
    before = snapshot(repo)
    out = tmp_path / "reports" / "lint.sarif"
    r = run("lint", repo, "--as-of", AS_OF, "--format", "sarif", "--output", out)
    assert r.returncode == 0 and r.stdout == ""
    assert json.loads(out.read_text())["runs"][0]["results"][0]["ruleId"] == "KC122"
    assert snapshot(repo) == before
    assert [p.name for p in out.parent.iterdir()] == ["lint.sarif"]  # no temporary file left behind


def test_auto_format_is_github_under_github_actions(repo):
    edit(repo, "programmes/qw-gov.yaml", "horizon: pendek", "horizon: menengah")
    r = run("lint", repo, "--as-of", AS_OF, env_extra={"GITHUB_ACTIONS": "true"})
    assert r.stdout.startswith("::warning file=")
    assert ",line=12,col=10,title=KC122::quick win QW-GOV-01 has horizon 'menengah'" in r.stdout


def test_select_and_ignore_on_the_command_line(repo):
    edit(repo, "programmes/qw-gov.yaml", "horizon: pendek", "horizon: menengah")  # KC122, a warning
    edit(repo, "programmes/qw-gov.yaml", "end: 2025", "end: 2025\nduration_months: 36")  # KC103, an error

    def codes(*extra):
        r = run("lint", repo, "--as-of", AS_OF, "--format", "json", *extra)
        assert r.returncode in (0, 1), r.stderr
        return sorted({d["code"] for d in json.loads(r.stdout)["diagnostics"]}), r.returncode

    assert codes() == (["KC103", "KC122"], 1)
    assert codes("--ignore", "KC103") == (["KC122"], 0)
    assert codes("--select", "quick-win-horizon") == (["KC122"], 0)  # by name
    assert codes("--select", "KC103,KC122", "--ignore", "KC103") == (["KC122"], 0)
    assert codes("--select", "KC101", "--select", "KC103") == (["KC103"], 1)  # repeated
    # the configuration's ignore still holds under --select
    cfg = repo / "kotacerdas.yaml"
    cfg.write_text(cfg.read_text(encoding="utf-8") + "lint:\n  ignore: [KC122]\n", encoding="utf-8")
    assert codes("--select", "KC103,KC122") == (["KC103"], 1)
    # and its own select list, though replaced, is still checked
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("lint:\n", "lint:\n  select: [KC999]\n"),
                   encoding="utf-8")
    found, code = codes("--select", "KC103")
    assert code == 1 and "KC103" in found and CONFIG_CODE in found
    for bad, says in (("KC999", "unknown lint rule 'KC999'"), ("KC012", "a validate check"), (",", "names no rule")):
        r = run("lint", repo, "--select", bad)
        assert r.returncode == 2 and says in r.stderr and "Traceback" not in r.stderr


def test_json_lists_suppressed_findings_with_their_reason(repo):
    edit(repo, "programmes/qw-gov.yaml", "horizon: pendek",
         "horizon: menengah  # kotacerdas: disable-line KC122 -- keputusan Bimtek IV")
    doc = json.loads(run("lint", repo, "--as-of", AS_OF, "--format", "json").stdout)
    assert doc["diagnostics"] == [] and doc["ok"] is True and doc["command"] == "lint"
    [s] = doc["suppressed"]
    assert s["code"] == "KC122" and s["line"] == 12
    assert s["suppression"] == {"kind": "inSource", "justification": "keputusan Bimtek IV"}


def test_text_summary_counts_the_findings_suppressed_inline(repo):
    r = run("lint", repo, "--as-of", AS_OF)
    assert r.returncode == 0 and "suppressed" not in r.stdout
    edit(repo, "programmes/qw-gov.yaml", "horizon: pendek",
         "horizon: menengah  # kotacerdas: disable-line KC122 -- keputusan Bimtek IV")
    r = run("lint", repo, "--as-of", AS_OF)
    assert r.returncode == 0
    assert r.stdout.rstrip().endswith("passes lint: 12 files checked; 1 finding suppressed inline"), r.stdout


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit", "markdown"])
def test_every_format_is_byte_identical_between_runs(repo, fmt):
    edit(repo, "programmes/qw-gov.yaml", "horizon: pendek", "horizon: menengah")
    first = run("lint", repo, "--as-of", AS_OF, "--format", fmt)
    assert first.stdout and first.stdout == run("lint", repo, "--as-of", AS_OF, "--format", fmt).stdout


def test_validate_accepts_the_new_formats(repo):
    for fmt in ("sarif", "github", "junit", "markdown"):
        r = run("validate", repo, "--format", fmt)
        assert r.returncode == 0 and r.stdout, fmt


# --- rules ---------------------------------------------------------------------------------------------

def test_rules_lists_every_rule():
    r = run("rules")
    assert r.returncode == 0
    for code, rule in RULES.items():
        assert f"{code:<6} {rule.NAME}" in r.stdout
    assert re.search(r"^KC110  dana-desa-coordination +lint +warning +A Dana Desa programme", r.stdout, re.M)


@pytest.mark.parametrize("name", ["KC103", "kc103", "quick-win-too-long"])
def test_rules_explains_one_by_code_or_name(name):
    r = run("rules", name)
    assert r.returncode == 0
    assert r.stdout.startswith("KC103 quick-win-too-long (lint, default severity: error)")
    assert "max_months: 24  (a whole number) Longest a quick win may run, in months." in r.stdout
    assert "Bad:\n  quick_win: true" in r.stdout and "Good:\n" in r.stdout


def test_rules_explains_validate_codes():
    r = run("rules", "KC012")
    assert r.returncode == 0 and "KC012 invalid-value (validate, default severity: error)" in r.stdout


def test_rules_unknown_exits_2():
    r = run("rules", "KC999")
    assert r.returncode == 2 and "no rule 'KC999'" in r.stderr
