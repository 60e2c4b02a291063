"""Real records give only some facts of a programme (issue 14): what is left out stays not known.

A programme may leave out its name, dimension, owner, problem, description and whether it is a quick
win; every output then says "belum diketahui" / "not known", and lint asks for the facts the Bimtek
method needs (KC130). Also here: `1.250` where a decimal is allowed, strict JSON in every report, the
KC116 threshold against record-only repositories, and lint judging the edition in force.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest

from kotacerdas.jsontext import dumps
from kotacerdas.lint import lint
from kotacerdas.models import Programme
from kotacerdas.schema_export import build_schema
from kotacerdas.validate import validate

from .test_editions import _repo as editions_repo
from .test_validate_cases import build_case

AS_OF = dt.date(2026, 12, 2)


def _strict_json(text: str):
    return json.loads(text, parse_constant=lambda c: pytest.fail(f"bare {c} in a JSON report"))


def _render(cli, repo, out, *extra):
    r = cli("render", str(repo), "--format", "md", "--out", str(out), *extra)
    assert r.returncode == 0, r.stdout + r.stderr
    return {p.name: p.read_text(encoding="utf-8") for p in out.glob("*.md")}


def test_a_programme_as_a_record_gives_it_is_valid_and_renders_not_known(tmp_path, cli):
    repo = build_case("record-only-programme", tmp_path)
    assert validate(repo).diagnostics == []
    book = _render(cli, repo, tmp_path / "out")
    strategy = book["04-strategi-dan-program.md"]
    # listed after the dimensions, not dropped because its dimension is not known
    unplaced = strategy[strategy.index("Program yang Dimensinya Belum Diketahui"):]
    assert "| QW-X-01 | belum diketahui (QW) | belum diketahui |" in unplaced
    detail = unplaced[unplaced.index("#### QW-X-01"):]
    assert "| Dimensi | belum diketahui – belum diketahui |" in detail
    assert "| OPD penanggung jawab | belum diketahui |" in detail
    assert "**Permasalahan**\n\nBelum diketahui." in detail and "**Deskripsi**\n\nBelum diketahui." in detail
    assert "| Dimensi belum diketahui | QW-X-01 | belum diketahui |" in book["06-peta-jalan.md"]
    assert "QW-X-01" in book["05-quick-win.md"]
    assert "OPD penanggung jawabnya belum diketahui (tidak dihitung dalam matriks): QW-X-01." in book[
        "08-kelembagaan.md"]
    for name, text in book.items():
        assert "None" not in text, name
    english = _render(cli, repo, tmp_path / "en", "--lang", "en")
    assert "| Owner office | not known |" in english["04-strategi-dan-program.md"]


def test_kc130_asks_for_the_dimension_and_owner_and_notes_the_rest(tmp_path):
    repo = build_case("record-only-programme", tmp_path)
    found = sorted((d.path, d.field, d.severity.value) for d in lint(repo, as_of=AS_OF).diagnostics
                   if d.code == "KC130")
    assert found == [
        ("programmes/prg-3.yaml", "problem", "info"),  # a Perbup list names it, its dimension and owner
        ("programmes/qw-2.yaml", "dimension", "warning"),
        ("programmes/qw-2.yaml", "name", "info"),
        ("programmes/qw-2.yaml", "owner", "warning"),
    ]
    note = next(d for d in lint(repo, as_of=AS_OF).diagnostics if d.code == "KC130" and d.field == "name")
    assert "name, problem, description not recorded" in note.message


def test_quick_win_left_out_is_not_known_and_not_listed_as_one(tmp_path, cli):
    assert Programme.model_fields["quick_win"].default is None
    assert build_schema("programme")["properties"]["quick_win"].get("default") is None  # never false
    repo = build_case("record-only-programme", tmp_path)
    programme = next(p for p in validate(repo).masterplan.programmes if p.item.id == "PRG-LIV-01")
    assert programme.item.quick_win is None
    book = _render(cli, repo, tmp_path / "out")
    assert "PRG-LIV-01" not in book["05-quick-win.md"]  # not a quick win the book can name
    assert "| PRG-LIV-01 | Posyandu Digital |" in book["04-strategi-dan-program.md"]


@pytest.mark.parametrize("case", ["record-only-programme"])
def test_a_record_only_repository_passes_lint_without_errors(case, tmp_path):
    repo = build_case(case, tmp_path)
    plan = repo / "kotacerdas.yaml"  # what a record cannot give is not the repository's fault
    plan.write_text(plan.read_text(encoding="utf-8") + "lint:\n  ignore: [KC101]\n", encoding="utf-8")
    result = lint(repo, as_of=AS_OF)
    assert [d for d in result.diagnostics if d.severity.value == "error"] == []


def _indicator(repo, target: str):
    ind = repo / "indicators" / "ind-1.yaml"
    ind.write_text(ind.read_text(encoding="utf-8").replace("    target: 60", f"    target: {target}"),
                   encoding="utf-8")


def test_a_thousands_dot_in_a_decimal_field_is_ambiguous_not_a_fraction(tmp_path):
    repo = build_case("unknown-left-out", tmp_path)
    _indicator(repo, "1.250")
    [d] = validate(repo).diagnostics
    assert (d.code, d.path, d.field, d.found) == ("KC012", "indicators/ind-1.yaml", "targets[1].target",
                                                 "number 1.250")
    assert "thousands dot" in d.expected
    assert "ambiguous" in d.hint and "Write 1250 if 1250 is meant, or 1.25 if the decimal 1.25" in d.hint
    ind = repo / "indicators" / "ind-1.yaml"
    # the same target written so that nobody can misread it
    ind.write_text(ind.read_text(encoding="utf-8").replace("1.250", "1.25"), encoding="utf-8")
    assert validate(repo).diagnostics == []


def test_an_ambiguous_decimal_that_cannot_drop_a_zero_gets_a_fourth_decimal(tmp_path):
    repo = build_case("unknown-left-out", tmp_path)
    plan = repo / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "profile:\n  area_km2: 3.074\n", encoding="utf-8")
    [d] = validate(repo).diagnostics
    assert d.field == "profile.area_km2" and "Write 3074 if 3074 is meant, or 3.0740" in d.hint
    plan.write_text(plan.read_text(encoding="utf-8").replace("3.074", "3.0740"), encoding="utf-8")
    assert validate(repo).diagnostics == []


def test_a_percentage_with_three_decimals_is_not_ambiguous(tmp_path):
    repo = build_case("unknown-left-out", tmp_path)
    qw = repo / "programmes" / "qw-1.yaml"
    qw.write_text(qw.read_text(encoding="utf-8") + "progress: 12.500\n", encoding="utf-8")
    result = validate(repo)  # 12500 % cannot be meant: the only reading is 12.5
    assert result.diagnostics == []
    assert result.masterplan.programmes[0].item.progress == 12.5


def test_json_writer_refuses_nan_instead_of_writing_invalid_json():
    assert _strict_json(dumps({"a": 1.5})) == {"a": 1.5}
    for bad in (float("nan"), float("inf"), -float("inf")):
        with pytest.raises(ValueError):
            dumps({"progress": bad})


@pytest.mark.parametrize("command,fmt", [("validate", "json"), ("lint", "json"), ("lint", "sarif"),
                                         ("validate", "sarif")])
def test_reports_of_nan_values_are_strict_json(command, fmt, tmp_path, cli):
    repo = build_case("strict-values", tmp_path)  # .nan and .inf written by the user
    r = cli(command, str(repo), "--format", fmt)
    assert r.returncode == 1
    doc = _strict_json(r.stdout)
    assert "finite" in json.dumps(doc)  # diagnosed at the source, in the report


def test_kc116_is_one_note_for_a_repository_that_records_no_funding(tmp_path, example_copy):
    repo = example_copy("bojonegoro")  # encoded from news and Perbup texts only: no amount is public
    [note] = [d for d in lint(repo, as_of=AS_OF).diagnostics if d.code == "KC116"]
    assert note.severity.value == "info" and "3 of 3 programmes have no funding line" in note.message
    assert "does not record funding" in note.message


def test_kc116_warns_for_each_unfunded_programme_where_the_repository_records_funding(example_copy):
    repo = example_copy("garut")
    unfunded = sorted(repo.glob("programmes/**/*.yaml"))[0]
    text = unfunded.read_text(encoding="utf-8")
    start = text.index("funding:\n")
    end = start + len("funding:\n")
    while end < len(text) and text[end] in " -":
        end = text.index("\n", end) + 1
    unfunded.write_text(text[:start] + text[end:], encoding="utf-8")
    [warning] = [d for d in lint(repo, as_of=AS_OF).diagnostics if d.code == "KC116"]
    assert warning.severity.value == "warning" and warning.path == unfunded.relative_to(repo).as_posix()


def _rpjmd(repo, start: int, end: int) -> None:
    plan = repo / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + f"rpjmd:\n  title: RPJMD {start}-{end}\n"
                    f"  period:\n    start: {start}\n    end: {end}\n", encoding="utf-8")


def test_kc111_compares_the_edition_in_force_with_the_rpjmd(tmp_path):
    repo = editions_repo(tmp_path)  # editions 2018-2023 and 2024-2028, plan period 2018-2028
    _rpjmd(repo, 2024, 2028)
    assert [d for d in lint(repo, as_of=AS_OF).diagnostics if d.code == "KC111"] == []
    plan = repo / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("{start: 2024, end: 2028}", "{start: 2024, end: 2026}"),
                    encoding="utf-8")
    [finding] = [d for d in lint(repo, as_of=AS_OF).diagnostics if d.code == "KC111"]
    assert finding.field == "editions[1].period.end" and finding.found == "2024–2026"


def test_kc101_counts_the_quick_wins_of_the_edition_in_force(tmp_path):
    repo = editions_repo(tmp_path)  # QW-GOV-00 ran 2018-2020 (first edition), QW-GOV-01 runs 2024-2025
    def governance(r):
        return [d for d in lint(r, as_of=AS_OF).diagnostics if d.code == "KC101" and "'governance'" in d.message]
    assert governance(repo) == []
    qw = repo / "programmes" / "qw-1.yaml"
    qw.write_text(qw.read_text(encoding="utf-8").replace("quick_win: true\n", ""), encoding="utf-8")
    assert len(governance(repo)) == 1, "a quick win of an edition that ended does not cover the one in force"
    old = repo / "programmes" / "qw-old.yaml"  # a quick win that predates the edition and still runs counts
    old.write_text(old.read_text(encoding="utf-8").replace("end: 2020\n", ""), encoding="utf-8")
    assert governance(repo) == []


def test_a_repository_without_editions_is_linted_as_before(tmp_path):
    repo = build_case("unknown-left-out", tmp_path)
    shutil.copytree(repo, tmp_path / "copy")
    before = [(d.code, d.path, d.line) for d in lint(repo, as_of=AS_OF).diagnostics]
    assert any(code == "KC101" for code, _, _ in before)
    assert before == [(d.code, d.path, d.line) for d in lint(tmp_path / "copy", as_of=AS_OF).diagnostics]


def test_the_flagship_programmes_of_the_regional_head_are_listed_after_the_misi(tmp_path, cli):
    repo = build_case("unknown-left-out", tmp_path)
    plan = repo / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "program_unggulan:\n  - Garut Satu Data\n  - Jawara Desa\n",
                    encoding="utf-8")
    assert validate(repo).diagnostics == []
    direction = _render(cli, repo, tmp_path / "out")["02-arah-pembangunan.md"]
    assert "Program Unggulan Kepala Daerah\n\n1. Garut Satu Data\n2. Jawara Desa\n" in direction
    assert direction.index("Misi") < direction.index("Program Unggulan") < direction.index("Sasaran")


def test_the_book_shows_a_programmes_monitoring_history_and_the_plans_indicative_budget(tmp_path, cli, example_copy):
    repo = example_copy("garut")  # QW-BRD-01 records 2024 (ongoing, 55%, kendala and penyelesaian) and 2025
    book = _render(cli, repo, tmp_path / "out")
    detail = book["05-quick-win.md"]
    detail = detail[detail.index("### QW-BRD-01"):]
    assert ("| 2024 | Berjalan | 55% | belum diketahui | Kurator produk terbatas, sehingga kurasi subsektor "
            "kuliner dan fesyen tertunda. |" in detail)
    assert "| 2025 | Selesai | 100% | belum diketahui |  |  |" in detail
    assert "Pagu indikatif seluruh OPD menurut dokumen masterplan: **Rp154.233.500.000**." in book["09-anggaran.md"]
    qw = repo / "programmes" / "branding" / "qw-brd-01-serasi.yaml"
    qw.write_text(qw.read_text(encoding="utf-8").replace("    status: completed\n    progress: 100\n",
                                                         "    status: unknown\n"), encoding="utf-8")
    detail = _render(cli, repo, tmp_path / "again")["05-quick-win.md"]
    assert "| 2025 | belum diketahui | belum diketahui | belum diketahui |" in detail  # unknown is not a status


def test_diff_shows_an_owner_made_known_as_a_fact_not_a_change_of_hands(tmp_path):
    from kotacerdas.diff import diff_args
    from kotacerdas.diff.formats import render as render_diff

    from .diff.gitrepo import GitRepo

    repo = GitRepo(tmp_path / "git")
    repo.replace_plan(build_case("record-only-programme", tmp_path / "case"))
    repo.commit("dari berita")
    repo.replace("programmes/qw-2.yaml", "quick_win: true\n", "quick_win: true\nowner: Diskominfo\n")
    repo.commit("OPD dari Perbup")
    result = diff_args(["HEAD~1", "HEAD"], cwd=repo.root)
    assert "not known → Diskominfo" in render_diff("text", result)
    assert not result.flags(), "an owner made known is not an owner change"


def test_workbooks_export_from_a_record_only_repository(tmp_path, cli):
    repo = build_case("record-only-programme", tmp_path)  # an owner, end or amount not known is no crash
    qw = repo / "programmes" / "qw-2.yaml"  # an indicator served by a programme whose owner is not known
    qw.write_text(qw.read_text(encoding="utf-8") + "indicators: [IND-GOV-01]\n", encoding="utf-8")
    out = tmp_path / "isian.xlsx"
    r = cli("sheet", "export", str(repo), "--out", str(out))
    assert r.returncode == 0, r.stdout + r.stderr
    import openpyxl

    rows = [r for r in openpyxl.load_workbook(out)["Quick Win"].iter_rows(values_only=True) if r[0] == "QW-X-01"]
    assert [r[4] for r in rows] == [2024, 2025, 2026, 2027, 2028]  # still running: every year of the plan
    assert rows[0][1:4] == (None, None, None)  # name, OPD, dimension not known: blank, never invented


def test_split_workbooks_put_a_programme_without_owner_with_the_items_no_opd_reports(tmp_path, cli):
    import openpyxl

    repo = build_case("record-only-programme", tmp_path)
    r = cli("sheet", "export", str(repo), "--year", "2024", "--split", "--out", str(tmp_path / "isian"))
    assert r.returncode == 0, r.stdout + r.stderr
    nobody = openpyxl.load_workbook(tmp_path / "isian" / "tanpa-opd-2024.xlsx")
    assert [row[0] for row in nobody["Quick Win"].iter_rows(min_row=2, values_only=True)] == ["QW-X-01"]
    owned = openpyxl.load_workbook(tmp_path / "isian" / "diskominfo-2024.xlsx")
    assert "QW-X-01" not in [row[0] for row in owned["Quick Win"].iter_rows(min_row=2, values_only=True)]
