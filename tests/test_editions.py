"""Editions: one repository holds the editions of its masterplan; render and diff choose one (default:
the current), and a programme's years are checked against its own editions."""

from __future__ import annotations

import shutil

from typer.testing import CliRunner

from kotacerdas.cli import build_app
from kotacerdas.diff import compare_sides, diff_args
from kotacerdas.diff.sources import load_sides
from kotacerdas.editions import select_edition
from kotacerdas.validate import validate

from .diff.gitrepo import GitRepo
from .test_validate_cases import BASE

EDITIONS = """editions:
  - id: "2018-2023"
    title: Masterplan Smart City Kabupaten Garut 2018-2023
    period: {start: 2018, end: 2023}
    regulation: {kind: peraturan-bupati, number: "38", year: 2018, title: Masterplan Smart City 2018-2023}
  - id: "2024-2028"
    period: {start: 2024, end: 2028}
    regulation: {kind: peraturan-bupati, year: 2024, title: Masterplan Smart City 2024-2028}
"""


def _repo(tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(BASE, repo)
    plan = repo / "plan.yaml"
    text = plan.read_text(encoding="utf-8").replace("period:\n  start: 2024\n", "period:\n  start: 2018\n")
    plan.write_text(text + EDITIONS, encoding="utf-8")
    old = repo / "programmes" / "qw-old.yaml"
    old.write_text((repo / "programmes" / "qw-1.yaml").read_text(encoding="utf-8")
                   .replace("QW-GOV-01", "QW-GOV-00").replace("Mal Pelayanan Publik Digital", "Layanan SMS Aduan")
                   .replace("start: 2024", "start: 2018").replace("end: 2025", "end: 2020")
                   .replace("year: 2024", "year: 2018"), encoding="utf-8")
    return repo


def test_a_repository_holds_its_editions_and_each_programme_lies_in_its_own(tmp_path):
    repo = _repo(tmp_path)
    assert validate(repo).diagnostics == []
    qw = repo / "programmes" / "qw-old.yaml"
    qw.write_text(qw.read_text(encoding="utf-8") + "editions: [\"2024-2028\"]\n", encoding="utf-8")
    result = validate(repo)  # named into the 2024 edition, its 2018 start is outside that edition
    assert [(d.code, d.field) for d in result.diagnostics] == [("KC023", "start"), ("KC023", "end"),
                                                               ("KC023", "funding[0].year")]
    assert "2024-2028" in result.diagnostics[0].expected


def test_the_current_edition_is_the_latest_and_holds_only_its_programmes(tmp_path):
    mp = validate(_repo(tmp_path)).masterplan
    current = select_edition(mp)
    assert (current.plan.item.period.start, current.plan.item.period.end) == (2024, 2028)
    assert [p.item.id for p in current.programmes] == ["QW-GOV-01"]
    first = select_edition(mp, "2018-2023")
    assert [p.item.id for p in first.programmes] == ["QW-GOV-00"]
    assert first.plan.item.title == "Masterplan Smart City Kabupaten Garut 2018-2023"
    assert first.plan.item.legal_basis[0].number == "38"


def test_render_chooses_the_edition(tmp_path):
    repo = _repo(tmp_path)
    runner = CliRunner()
    r = runner.invoke(build_app(), ["render", str(repo), "--format", "md", "--out", str(tmp_path / "now")])
    assert r.exit_code == 0, r.stdout
    now = (tmp_path / "now" / "01-pendahuluan.md").read_text(encoding="utf-8")
    assert "2024" in now and "QW-GOV-00" not in (tmp_path / "now" / "05-quick-win.md").read_text(encoding="utf-8")
    r = runner.invoke(build_app(), ["render", str(repo), "--format", "md", "--out", str(tmp_path / "old"),
                                    "--edition", "2018-2023"])
    assert r.exit_code == 0, r.stdout
    old = (tmp_path / "old" / "05-quick-win.md").read_text(encoding="utf-8")
    assert "QW-GOV-00" in old and "QW-GOV-01" not in old
    assert "Peraturan Bupati Nomor 38 Tahun 2018" in (tmp_path / "old" / "01-pendahuluan.md").read_text("utf-8")
    r = runner.invoke(build_app(), ["render", str(repo), "--format", "md", "--out", str(tmp_path / "x"),
                                    "--edition", "2030"])
    assert r.exit_code == 2 and "no such edition" in r.output


def test_diff_compares_the_current_edition_by_default(tmp_path):
    git = GitRepo(tmp_path / "git")
    for old in git.root.iterdir():
        if old.name != ".git":
            shutil.rmtree(old) if old.is_dir() else old.unlink()
    shutil.copytree(_repo(tmp_path / "case"), git.root, dirs_exist_ok=True)
    git.commit("dua edisi")
    git.replace("programmes/qw-old.yaml", "end: 2020", "end: 2021")  # a change in the old edition only
    git.commit("edisi lama")
    assert diff_args(["HEAD~1", "HEAD"], cwd=git.root).changes == []  # not in the current edition
    old, new = load_sides(["HEAD~1", "HEAD"], None, git.root)
    changed = compare_sides(old, new, edition="2018-2023").changes
    assert [c.id for c in changed] == ["QW-GOV-00"]
