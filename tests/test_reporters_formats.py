"""The machine formats (sarif, github, junit, markdown), for lint and validate alike: SARIF valid against
the official OASIS 2.1.0 schema (tests/data/sarif-schema-2.1.0.json), JUnit well-formed with the right
counts, GitHub workflow commands escaped, Markdown tables that cannot break."""

from __future__ import annotations

import dataclasses
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from kotacerdas.diagnostics import Diagnostic, Severity
from kotacerdas.lint import lint
from kotacerdas.reporters import Report, render_report
from kotacerdas.validate import validate

from .test_lint_engine import edit
from .test_lint_rules import AS_OF, build

SARIF_SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def sarif_errors(doc) -> list[str]:
    cls = jsonschema.validators.validator_for(SARIF_SCHEMA)
    return [f"{'/'.join(map(str, e.path))}: {e.message}" for e in cls(SARIF_SCHEMA).iter_errors(doc)]


@pytest.fixture
def linted(tmp_path):
    """A lint report with an error, a warning, a note and one suppressed finding."""
    repo = build(None, tmp_path)
    edit(repo, "programmes/qw-gov.yaml", "end: 2025", "end: 2025\nduration_months: 36")  # KC103 error
    edit(repo, "programmes/qw-gov.yaml", "horizon: pendek", "horizon: menengah")  # KC122 warning
    edit(repo, "opd.yaml", "  - id: Setda", "  - id: Dispora\n    name: Dinas Pemuda dan Olahraga\n  - id: Setda")
    edit(repo, "programmes/qw-liv.yaml", "horizon: pendek",
         "horizon: panjang  # kotacerdas: disable-line KC122 -- program desa, \"tahap 1\" saja")
    result = lint(repo, as_of=AS_OF)
    return Report("lint", result.diagnostics, repo, files_checked=12, prefix="repo", suppressed=result.suppressed,
                  extra={"fail_on": "error"})


def test_sarif_is_valid_and_complete(linted):
    doc = json.loads(render_report("sarif", linted))
    assert sarif_errors(doc) == []
    run = doc["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["KC103", "KC112", "KC122"]
    assert rules[0]["name"] == "quick-win-too-long" and rules[0]["defaultConfiguration"] == {"level": "error"}
    results = {(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]): r
               for r in run["results"]}
    err = results[("KC103", "repo/programmes/qw-gov.yaml")]
    assert err["level"] == "error" and rules[err["ruleIndex"]]["id"] == "KC103"
    assert err["locations"][0]["physicalLocation"]["region"] == {"startLine": 15, "startColumn": 18}
    assert err["message"]["text"].startswith("quick win QW-GOV-01 takes 36 months to deliver, longer than 24 (found 36")
    assert results[("KC112", "repo/opd.yaml")]["level"] == "note"
    suppressed = results[("KC122", "repo/programmes/qw-liv.yaml")]
    assert suppressed["suppressions"] == [{"kind": "inSource", "status": "accepted",
                                           "justification": 'program desa, "tahap 1" saja'}]
    assert "suppressions" not in results[("KC122", "repo/programmes/qw-gov.yaml")]


def test_sarif_for_validate_and_for_a_clean_run(tmp_path):
    repo = build(None, tmp_path)
    clean = Report("validate", validate(repo).diagnostics, repo)
    doc = json.loads(render_report("sarif", clean))
    assert sarif_errors(doc) == [] and doc["runs"][0]["results"] == []
    edit(repo, "plan.yaml", "  start: 2024\n  end: 2028", "  start: 2029\n  end: 2028")
    edit(repo, "opd.yaml", "  - id: Setda", "  - id: Setda\n    nama: x")
    report = Report("validate", validate(repo).diagnostics, repo, prefix="my repo")
    doc = json.loads(render_report("sarif", report))
    assert sarif_errors(doc) == []
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in doc["runs"][0]["results"]}
    assert "my%20repo/opd.yaml" in uris  # a URI: spaces encoded
    assert {r["ruleId"] for r in doc["runs"][0]["results"]} >= {"KC011", "KC024"}


def test_junit_is_well_formed_with_failures_at_or_above_fail_on(linted):
    root = ET.fromstring(render_report("junit", linted))
    suite = root.find("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("skipped")) == ("3", "1", "2")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == ["KC112 repo/opd.yaml:6:9", "KC122 repo/programmes/qw-gov.yaml:12:10",
                                             "KC103 repo/programmes/qw-gov.yaml:15:18"]
    assert cases[2].find("failure").get("type") == "error"
    assert cases[0].find("skipped").get("message").startswith("info: OPD Dispora")
    stricter = dataclasses.replace(linted, extra={"fail_on": "info"})
    assert ET.fromstring(render_report("junit", stricter)).find("testsuite").get("failures") == "3"


def test_junit_for_a_clean_run_has_one_passing_testcase(tmp_path):
    repo = build(None, tmp_path)
    root = ET.fromstring(render_report("junit", Report("validate", [], repo, prefix="repo")))
    [case] = root.iter("testcase")
    assert case.get("name") == "validate repo" and list(case) == []


def test_junit_escapes_markup_in_messages(tmp_path):
    d = Diagnostic("KC118", Severity.ERROR, "plan.yaml", 3, 1, 'placeholder "<TODO>" & more', hint="x]]>y")
    root = ET.fromstring(render_report("junit", Report("lint", [d], tmp_path)))
    assert root.find("testsuite/testcase/failure").get("message") == 'placeholder "<TODO>" & more'


def test_github_commands_are_escaped(tmp_path):
    d = Diagnostic("KC118", Severity.WARNING, "programmes/a,b:c.yaml", 3, 7, "100% wrong\nsecond line",
                   found="x", expected="y", hint="Fix it.")
    out = render_report("github", Report("lint", [d], tmp_path))
    first = out.splitlines()[0]
    assert first == ("::warning file=programmes/a%2Cb%3Ac.yaml,line=3,col=7,title=KC118::"
                     "100%25 wrong%0Asecond line (found x; expected y). Fix it.")
    assert out.splitlines()[-1] == "kotacerdas lint .: 0 errors, 1 warning, 0 notes in 0 files checked"


def test_github_levels(linted):
    lines = render_report("github", linted).splitlines()
    assert [line.split(" ", 1)[0] for line in lines[:-1]] == ["::notice", "::warning", "::error"]
    assert lines[-1].endswith("1 error, 1 warning, 1 note, 1 suppressed in 12 files checked")


def test_markdown_table(linted):
    out = render_report("markdown", linted)
    lines = out.splitlines()
    assert lines[0] == "### ❌ kotacerdas lint `repo`: 1 error, 1 warning, 1 note"
    rows = [ln for ln in lines if ln.startswith("| ")]
    assert len(rows) == 4  # header + 3 findings; separator starts with |---
    assert all(r.count(" | ") == 6 for r in rows)
    assert "1 suppressed inline" in out


def test_markdown_escapes_pipes_and_newlines(tmp_path):
    d = Diagnostic("KC118", Severity.ERROR, "plan.yaml", 3, 1, "a | b\nc", found="<x>")
    row = render_report("markdown", Report("lint", [d], tmp_path)).splitlines()[-1]
    assert row == "| ❌ error | KC118 | `plan.yaml:3:1` | a \\| b c | &lt;x&gt; |  |  |"
