"""Unknown is not zero, and values mean what they say (issues 14 and 19).

A fact a public record does not give is left out of the YAML; every output then says "belum diketahui" /
"not known" instead of Rp0, 0% or a default. Numbers typed the way officers type them (`3,3`, `12%`,
`Rp 1.250.000`, `1.250`) and values that are not what the format says (`true` as an amount, `.nan`, a Unix
timestamp as a date, `yes` as true) get one diagnostic each, in the user's terms.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from kotacerdas.cli import build_app
from kotacerdas.diff import diff_args
from kotacerdas.diff.formats import render as render_diff
from kotacerdas.lint import lint
from kotacerdas.validate import validate

from .diff.gitrepo import GitRepo
from .test_validate_cases import build_case

AS_OF = dt.date(2026, 12, 2)


def _by_field(diagnostics) -> dict[tuple[str, str], object]:
    return {(d.path, d.field): d for d in diagnostics}


def test_officer_numbers_get_one_diagnostic_each_in_the_users_terms(tmp_path):
    result = validate(build_case("officer-numbers", tmp_path))
    d = _by_field(result.diagnostics)
    assert len(result.diagnostics) == 5
    ambiguous = d[("programmes/qw-1.yaml", "duration_months")]
    assert ambiguous.found == "number 1.250"  # as written, not YAML's 1.25
    assert "ambiguous" in ambiguous.hint and "1.25" in ambiguous.hint and "1250" in ambiguous.hint
    rp = d[("programmes/qw-1.yaml", "funding[0].amount")]
    assert rp.found == 'text "Rp 1.250.000"' and "Write 1250000" in rp.hint
    assert "Write 1250000" in d[("programmes/qw-1.yaml", "funding[1].amount")].hint
    pct = d[("programmes/qw-1.yaml", "progress")]
    assert "without a '%' sign" in pct.expected and "Write the number alone: 12" in pct.hint
    comma = [x for x in result.diagnostics if x.path == "indicators/ind-1.yaml"]
    assert len(comma) == 1, "one diagnostic, not one per number type (target.int / target.float)"
    assert comma[0].field == "targets[0].target" and "Write 3.3" in comma[0].hint
    assert "int" not in comma[0].message and "float" not in comma[0].message


def test_strict_values_refuse_booleans_nan_quoted_amounts_timestamps_and_yes(tmp_path):
    result = validate(build_case("strict-values", tmp_path))
    d = _by_field(result.diagnostics)
    assert "true/false value, not a number" in d[("programmes/qw-1.yaml", "funding[0].amount")].hint
    assert "Remove the quotes: 250000000" in d[("programmes/qw-1.yaml", "funding[1].amount")].hint
    assert "finite" in d[("programmes/qw-1.yaml", "progress")].expected
    assert "not a date" in d[("programmes/qw-1.yaml", "milestones[0].date")].hint
    assert "write true" in d[("programmes/qw-1.yaml", "quick_win")].hint
    assert "finite" in d[("indicators/ind-1.yaml", "baseline.value")].expected
    assert "Write 2023-08-10" in d[("stages/bimtek-2.yaml", "dates.start")].hint
    assert "Remove the quotes: 45" in d[("stages/bimtek-2.yaml", "participants.count")].hint


def test_nan_never_reaches_a_json_report(tmp_path):
    repo = build_case("strict-values", tmp_path)
    r = CliRunner().invoke(build_app(), ["validate", str(repo), "--format", "json"])
    assert r.exit_code == 1
    assert "NaN" not in r.stdout and "Infinity" not in r.stdout
    json.loads(r.stdout, parse_constant=lambda c: pytest.fail(f"bare {c} in the JSON report"))


def test_a_nan_lint_option_is_refused_instead_of_switching_the_rule_off(tmp_path):
    repo = build_case("unknown-left-out", tmp_path)
    (repo / "kotacerdas.yaml").write_text(
        "format_version: 1\nlint:\n  options:\n    KC121:\n      ratio: .nan\n", encoding="utf-8")
    result = lint(repo, as_of=AS_OF)
    assert any(x.code == "KC028" and "finite" in (x.expected or "") for x in result.diagnostics)


def test_facts_left_out_are_valid_and_render_as_not_known(tmp_path):
    repo = build_case("unknown-left-out", tmp_path)
    assert validate(repo).diagnostics == []
    out = tmp_path / "out"
    r = CliRunner().invoke(build_app(), ["render", str(repo), "--format", "md", "--out", str(out)])
    assert r.exit_code == 0, r.stdout
    strategy = (out / "04-strategi-dan-program.md").read_text(encoding="utf-8")
    detail = strategy[strategy.index("#### QW-GOV-01"):]
    assert "| Dimensi | Smart Governance – belum diketahui |" in detail
    assert "| Jenis inovasi | belum diketahui |" in detail
    assert "2024–sekarang" in detail  # an open end on a running programme
    assert "| Status | belum diketahui, kemajuan belum diketahui |" in detail
    assert "| 2024 | APBD Kabupaten/Kota | belum diketahui |" in detail
    budget = (out / "09-anggaran.md").read_text(encoding="utf-8")
    assert "Jumlah: **belum diketahui**" in budget
    assert "1 dari 1 baris pendanaan belum diketahui jumlahnya" in budget
    for text in (strategy, budget, (out / "05-quick-win.md").read_text(encoding="utf-8")):
        assert "Rp0" not in text and " 0%" not in text and "Direncanakan" not in text
    stages = (out / "lampiran-a-tahapan-bimtek.md").read_text(encoding="utf-8") if (
        out / "lampiran-a-tahapan-bimtek.md").exists() else next(
        p.read_text(encoding="utf-8") for p in out.glob("*tahapan*.md"))
    assert "belum diketahui" in stages


def test_sums_count_known_amounts_and_say_how_many_had_none(tmp_path):
    repo = build_case("unknown-left-out", tmp_path)
    qw = repo / "programmes" / "qw-1.yaml"
    qw.write_text(qw.read_text(encoding="utf-8").replace(
        "    year: 2024\n", "    year: 2024\n  - source: dak\n    year: 2025\n    amount: 750000000\n"),
        encoding="utf-8")
    assert validate(repo).diagnostics == []
    out = tmp_path / "out"
    CliRunner().invoke(build_app(), ["render", str(repo), "--format", "md", "--out", str(out)])
    budget = (out / "09-anggaran.md").read_text(encoding="utf-8")
    assert "Jumlah: **Rp750.000.000**" in budget
    assert "1 dari 2 baris pendanaan belum diketahui jumlahnya dan tidak termasuk dalam jumlah." in budget
    assert "| 2024 | 1 | belum diketahui | belum diketahui |" in budget


def test_diff_says_not_known_to_the_amount(tmp_path):
    repo = GitRepo(tmp_path / "git")
    repo.replace_plan(build_case("unknown-left-out", tmp_path / "case"))  # the record-only repository
    repo.commit("dari berita resmi")
    repo.replace("programmes/qw-1.yaml", "    year: 2024\n", "    year: 2024\n    amount: 750000000\n")
    repo.commit("jumlah dari DPA")
    result = diff_args(["HEAD~1", "HEAD"], cwd=repo.root)
    text = render_diff("text", result)
    assert "not known → Rp750,000,000" in text  # English groups with commas
    markdown = render_diff("markdown", result)
    assert "belum diketahui → Rp750.000.000" in markdown
    assert not result.flags(), "an amount made known is not a budget change"


def test_lint_reports_unknown_facts_as_notes_not_errors(tmp_path):
    repo = build_case("unknown-left-out", tmp_path)
    stage = repo / "stages" / "bimtek-4.yaml"
    stage.write_text("stage: IV\ntitle: Bimtek IV\nstatus: completed\ndates:\n  start: 2023-11-01\n"
                     "participants:\n  institutions: [Bappeda]\ndeliverables:\n  - title: Komitmen\n"
                     "commitment:\n  title: Komitmen Bersama\n  signatories:\n    - position: Bupati Garut\n",
                     encoding="utf-8")
    qw = repo / "programmes" / "qw-1.yaml"
    qw.write_text(qw.read_text(encoding="utf-8").replace("start: 2024\n", "start: 2024\nend: 2027\n"),
                  encoding="utf-8")
    result = lint(repo, as_of=AS_OF)
    found = {(d.code, d.severity.value) for d in result.diagnostics}
    assert ("KC115", "info") in found  # whether anyone signed is not recorded: a note
    assert not any(d.code == "KC115" and d.severity.value == "error" for d in result.diagnostics)
    assert ("KC103", "info") in found  # 2024-2027 is how long it runs; its delivery time is not written
    assert not any(d.code == "KC114" and d.path == "stages/bimtek-4.yaml" for d in result.diagnostics)
    assert not any(d.code == "KC123" for d in result.diagnostics)


def test_a_programme_filed_under_another_dimension_is_a_warning_naming_the_taxonomys_choice(tmp_path):
    result = validate(build_case("element-mismatch", tmp_path))
    [d] = result.diagnostics
    assert d.code == "KC022" and d.severity.value == "warning" and result.ok
    assert "the taxonomy's choice" in d.expected and "belongs to dimension" in d.message


def test_the_record_only_example_validates_lints_and_renders_what_is_not_known(tmp_path):
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "examples" / "bojonegoro"
    assert validate(root).diagnostics == []
    linted = lint(root, as_of=AS_OF)
    assert [f"{d.code} {d.path}:{d.line}" for d in linted.diagnostics if d.severity.value != "info"] == []
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert readme.count("<http") >= 10  # every fact has a named public source
    out = tmp_path / "out"
    r = CliRunner().invoke(build_app(), ["render", str(root), "--format", "md", "--out", str(out)])
    assert r.exit_code == 0, r.stdout
    books = "\n".join(p.read_text(encoding="utf-8") for p in sorted(out.glob("*.md")))
    assert "Rp0" not in books and " 0%" not in books
    assert "## 2.1 Visi\n\nBelum diketahui." in books
    assert "Keputusan Bupati Tahun 2017 tentang Dewan Bojonegoro Smart City (nomor belum diketahui)" in books
    assert "Program yang tahun mulainya belum diketahui" in books
