"""The lint engine around the rules: configuration in kotacerdas.yaml (checked, with positions),
per-path overrides, rule options, inline suppressions, --as-of, and validate's findings inside lint's."""

from __future__ import annotations

import datetime as dt

import pytest

from kotacerdas.diagnostics import Severity
from kotacerdas.lint import lint
from kotacerdas.lint.config import path_matches

from .test_lint_rules import AS_OF, build

CONFIG_HEAD = "format_version: 1\ntaxonomy: mini-1\n"


def repo_with(tmp_path, files: dict[str, str]):
    repo = build(None, tmp_path)
    for rel, text in files.items():
        (repo / rel).parent.mkdir(parents=True, exist_ok=True)
        (repo / rel).write_text(text, encoding="utf-8")
    return repo


def edit(repo, rel: str, old: str, new: str) -> None:
    path = repo / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def found(result, code=None):
    return sorted(f"{d.code} {d.path}:{d.line}:{d.column}" for d in result.diagnostics
                  if code is None or d.code == code)


# --- configuration -------------------------------------------------------------------------------------

def test_config_errors_point_at_kotacerdas_yaml(tmp_path):
    repo = repo_with(tmp_path, {"kotacerdas.yaml": CONFIG_HEAD + """\
lint:
  ignore: [KC999, KC012, quick-win-horizon]
  severity:
    quick-win-to-long: warning
  options:
    KC103:
      max_month: 12
    KC121:
      ratio: "0.8"
    KC113:
      max_share: 2
  per_path:
    - paths: ["programmes/*"]
      ignore: [no-such-rule]
"""})
    result = lint(repo, as_of=AS_OF)
    config = [d for d in result.diagnostics if d.code == "KC028"]
    assert [(d.line, d.column) for d in config] == [(4, 12), (4, 19), (6, 5), (9, 7), (11, 14), (13, 18), (16, 16)]
    assert all(d.path == "kotacerdas.yaml" and d.severity is Severity.ERROR for d in config)
    by_line = {d.line: d for d in config}
    assert config[0].message == "unknown lint rule 'KC999'"
    assert config[1].message == "'KC012' is a validate check, not a lint rule"
    assert by_line[6].hint == "Did you mean 'quick-win-too-long'?"
    assert "no option 'max_month'" in by_line[9].message and by_line[9].hint == "Did you mean 'max_months'?"
    assert by_line[11].found == 'text "0.8"' and by_line[11].expected == "a number"
    assert by_line[13].expected == "a number at least 0 and at most 1"
    assert by_line[16].field == "lint.per_path[0].ignore[0]"
    assert not result.ok


def test_wrong_type_for_a_whole_number_option(tmp_path):
    repo = repo_with(tmp_path, {"kotacerdas.yaml": CONFIG_HEAD + "lint:\n  options:\n    KC103: {max_months: 1.5}\n"})
    [d] = [d for d in lint(repo, as_of=AS_OF).diagnostics if d.code == "KC028"]
    assert (d.line, d.column, d.expected) == (5, 25, "a whole number")


def test_a_valid_config_reports_nothing_and_names_work_like_codes(tmp_path):
    repo = repo_with(tmp_path, {"kotacerdas.yaml": CONFIG_HEAD + """\
lint:
  select: [KC103, status-progress, KC100]
  severity: {quick-win-too-long: info}
  options:
    quick-win-too-long: {max_months: 12}
"""})
    result = lint(repo, as_of=AS_OF)
    # both base quick wins run 24 months: over 12, reported at the configured severity
    assert found(result) == ["KC103 programmes/qw-gov.yaml:14:6", "KC103 programmes/qw-liv.yaml:14:6"]
    assert {d.severity for d in result.diagnostics} == {Severity.INFO}
    assert result.settings.enabled == ["KC100", "KC103", "KC123"]


def test_ignore_turns_a_rule_off(tmp_path):
    repo = repo_with(tmp_path, {"kotacerdas.yaml": CONFIG_HEAD + "lint:\n  ignore: [KC112]\n",
                                "opd.yaml": (build(None, tmp_path / "x") / "opd.yaml").read_text()
                                + "  - id: Dispora\n    name: Dinas Pemuda dan Olahraga\n"})
    assert found(lint(repo, as_of=AS_OF)) == []


def test_per_path_override_changes_severity_and_ignores(tmp_path):
    repo = repo_with(tmp_path, {"kotacerdas.yaml": CONFIG_HEAD + """\
lint:
  per_path:
    - paths: ["programmes/**/*.yaml"]
      severity: {KC122: error}
    - paths: [programmes/qw-liv.yaml]
      ignore: [KC122]
"""})
    edit(repo, "programmes/qw-gov.yaml", "horizon: pendek", "horizon: menengah")
    edit(repo, "programmes/qw-liv.yaml", "horizon: pendek", "horizon: menengah")
    [d] = lint(repo, as_of=AS_OF).diagnostics
    assert (d.code, d.path, d.severity) == ("KC122", "programmes/qw-gov.yaml", Severity.ERROR)


@pytest.mark.parametrize("path, pattern, expected", [
    ("programmes/a.yaml", "programmes/**/*.yaml", True),
    ("programmes/gov/a.yaml", "programmes/**/*.yaml", True),
    ("programmes/gov/a.yaml", "programmes/*", True),
    ("programmes/gov/a.yaml", "programmes/", True),
    ("./programmes/a.yaml", "indicators/*", False),
    ("plan.yaml", "./plan.yaml", True),
])
def test_path_patterns(path, pattern, expected):
    assert path_matches(path, pattern) is expected


def test_option_changes_behaviour(tmp_path):
    repo = repo_with(tmp_path, {"kotacerdas.yaml": CONFIG_HEAD + "lint:\n  options:\n    KC107: {allow_flat: false}\n"})
    edit(repo, "indicators/ind-gov.yaml", "target: 75", "target: 60")
    assert found(lint(repo, as_of=AS_OF)) == ["KC107 indicators/ind-gov.yaml:20:13"]
    edit(repo, "kotacerdas.yaml", "allow_flat: false", "allow_flat: true")
    assert found(lint(repo, as_of=AS_OF)) == []


# --- suppression ---------------------------------------------------------------------------------------

def test_disable_line_suppresses_and_keeps_the_reason(tmp_path):
    repo = build(None, tmp_path)
    edit(repo, "programmes/qw-gov.yaml", "horizon: pendek", "horizon: menengah  # kotacerdas: disable-line KC122 -- "
         "dipertahankan sesuai Perbup 12/2024")
    result = lint(repo, as_of=AS_OF)
    assert found(result) == []
    [d] = result.suppressed
    assert (d.code, d.line, d.suppressed_by) == ("KC122", 12, "dipertahankan sesuai Perbup 12/2024")


def test_disable_next_line_and_rule_names(tmp_path):
    repo = build(None, tmp_path)
    edit(repo, "programmes/qw-gov.yaml", "horizon: pendek",
         "# kotacerdas: disable-next-line quick-win-horizon, KC104 -- two reasons, one comment\nhorizon: menengah")
    edit(repo, "programmes/qw-gov.yaml", "  - Setda\n", "  - Setda\n  - Diskominfo  # kotacerdas: disable-line KC104\n")
    result = lint(repo, as_of=AS_OF)
    assert [d.code for d in result.suppressed] == ["KC104", "KC122"]
    assert result.suppressed[0].suppressed_by == ""  # no reason given
    # KC104 was named on the horizon line too, where there is no KC104 finding: that part is unused
    assert found(result) == ["KC100 programmes/qw-gov.yaml:13:1"]
    assert "KC104" in result.diagnostics[0].message


def test_disable_file_suppresses_every_finding_of_the_rule_in_that_file(tmp_path):
    repo = build(None, tmp_path)
    edit(repo, "indicators/ind-gov.yaml", "id: IND-GOV-01",
         "# kotacerdas: disable-file KC108 -- realisasi menunggu laporan BPS\nid: IND-GOV-01")
    edit(repo, "indicators/ind-gov.yaml", "    realisation: 32\n", "")
    edit(repo, "indicators/ind-gov.yaml", "    realisation: 40\n", "")
    edit(repo, "indicators/ind-liv.yaml", "    realisation: 21.8\n", "")
    result = lint(repo, as_of=AS_OF)
    assert [(d.code, d.path) for d in result.suppressed] == [("KC108", "indicators/ind-gov.yaml")] * 2
    # KC129 (data owed, summed up per OPD at opd.yaml) is another rule: the file's comment does not reach it
    assert [f for f in found(result) if not f.startswith("KC129 ")] == ["KC108 indicators/ind-liv.yaml:9:11"]


def test_unused_unknown_and_validate_codes_in_suppressions_are_reported(tmp_path):
    repo = build(None, tmp_path)
    edit(repo, "plan.yaml", "visi:", "# kotacerdas: disable-file KC118, KC012, KC777 -- old\nvisi:")
    edit(repo, "opd.yaml", "opd:", "opd:  # kotacerdas: disable-line")
    result = lint(repo, as_of=AS_OF)
    messages = [(d.code, d.path, d.line, d.severity, d.message) for d in result.diagnostics]
    assert messages == [
        ("KC100", "opd.yaml", 1, Severity.WARNING, "suppression 'disable-line' names no rule"),
        ("KC100", "plan.yaml", 12, Severity.WARNING, "suppression names a validate check 'KC012'"),
        ("KC100", "plan.yaml", 12, Severity.WARNING, "suppression names an unknown rule 'KC777'"),
        ("KC100", "plan.yaml", 12, Severity.WARNING, "suppression of KC118 (placeholder-text) suppresses nothing"),
    ]
    assert result.ok  # warnings only


def test_suppression_of_a_rule_that_did_not_run_is_not_reported(tmp_path):
    repo = repo_with(tmp_path, {"kotacerdas.yaml": CONFIG_HEAD + "lint:\n  select: [KC100, KC101]\n"})
    edit(repo, "plan.yaml", "visi:", "# kotacerdas: disable-file KC118 -- old\nvisi:")
    assert found(lint(repo, as_of=AS_OF)) == []


def test_require_reason_option(tmp_path):
    repo = repo_with(tmp_path, {"kotacerdas.yaml": CONFIG_HEAD + "lint:\n  options:\n    KC100: {require_reason: true}\n"})  # noqa: E501
    edit(repo, "programmes/qw-gov.yaml", "horizon: pendek", "horizon: menengah  # kotacerdas: disable-line KC122")
    result = lint(repo, as_of=AS_OF)
    assert [d.message for d in result.diagnostics] == ["suppression gives no reason"]
    assert len(result.suppressed) == 1


def test_directive_text_inside_a_quoted_value_is_not_a_comment(tmp_path):
    repo = build(None, tmp_path)
    edit(repo, "programmes/qw-gov.yaml", "horizon: pendek", "horizon: menengah")
    edit(repo, "programmes/qw-gov.yaml", "problem: Layanan perizinan masih tatap muka.",
         'problem: "Layanan#kotacerdas: disable-file KC122"')
    assert found(lint(repo, as_of=AS_OF)) == ["KC122 programmes/qw-gov.yaml:12:10"]


# --- dates and validate --------------------------------------------------------------------------------

def test_as_of_decides_which_years_have_passed(tmp_path):
    repo = build(None, tmp_path)
    # 2026 has a target but no realisation: due once 2026 is over
    assert found(lint(repo, as_of=dt.date(2026, 12, 31)), "KC108") == []
    assert found(lint(repo, as_of=dt.date(2027, 1, 1)), "KC108") == ["KC108 indicators/ind-gov.yaml:17:11",
                                                                     "KC108 indicators/ind-liv.yaml:15:11"]
    # a realisation recorded for 2025 is in the future as of 2024
    assert found(lint(repo, as_of=dt.date(2024, 6, 1)), "KC126") == ["KC126 indicators/ind-gov.yaml:14:18",
                                                                     "KC126 indicators/ind-liv.yaml:14:18"]


def test_validate_findings_are_part_of_lint_and_rules_run_on_what_loaded(tmp_path):
    repo = build(None, tmp_path)
    edit(repo, "programmes/qw-liv.yaml", "owner: Dinkes", "owner: [Dinkes")  # a YAML syntax error
    edit(repo, "programmes/qw-gov.yaml", "horizon: pendek", "horizon: menengah")
    result = lint(repo, as_of=AS_OF)
    codes = [d.code for d in result.diagnostics]
    assert "KC001" in codes  # validate's
    assert "KC122" in codes  # the rule still ran on the file that loaded
    assert "KC101" in codes  # living lost its only quick win with the broken file
    assert not result.ok


def test_lint_is_deterministic(tmp_path):
    repo = build(None, tmp_path)
    edit(repo, "programmes/qw-gov.yaml", "horizon: pendek", "horizon: menengah")
    first = lint(repo, as_of=AS_OF).diagnostics
    assert first == lint(repo, as_of=AS_OF).diagnostics


def test_prose_linked_from_outside_the_repository_is_not_read(tmp_path):
    repo = build(None, tmp_path)
    outside = tmp_path / "outside.md"
    outside.write_text("# only a heading\n", encoding="utf-8")
    (repo / "narasi" / "latar-belakang.md").unlink()
    (repo / "narasi" / "latar-belakang.md").symlink_to(outside)
    codes = [d.code for d in lint(repo, as_of=AS_OF).diagnostics]
    assert "KC027" in codes and "KC119" not in codes
