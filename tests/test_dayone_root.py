"""Day one, everyday steps: commands run from a subfolder find the repository root as git does,
`validate FILE` checks one file and what it refers to, `render --chapter` repeats."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

PROGRAMME = """\
id: QW-GOV-01
name: Mal Pelayanan Publik Digital
dimension: governance
element: service
innovation: teknologi
quick_win: true
problem: Layanan perizinan masih tatap muka.
description: Satu portal untuk seluruh layanan perizinan.
owner: {owner}
horizon: pendek
start: 2025
end: 2025
indicators: [IND-01]
"""

INDICATOR = """\
id: {id}
name: Jumlah layanan daring
unit: layanan
direction: up
opd: {opd}
"""


@pytest.fixture
def repo(fresh_repo: Path) -> Path:
    dest = fresh_repo
    (dest / "programmes" / "governance").mkdir()
    (dest / "programmes" / "governance" / "qw-gov-01.yaml").write_text(PROGRAMME.format(owner="Diskominfo"))
    (dest / "indicators" / "ind-01.yaml").write_text(INDICATOR.format(id="IND-01", opd="Diskominfo"))
    (dest / "indicators" / "ind-02.yaml").write_text(INDICATOR.format(id="IND-02", opd="Diskominfo"))
    return dest


def test_validate_and_lint_from_a_subfolder_check_the_whole_repository_and_say_where_it_is(repo, cli):
    (repo / "indicators" / "ind-02.yaml").write_text(INDICATOR.format(id="IND-02", opd="Dinkez"))
    here = repo / "programmes" / "governance"
    r = cli("validate", cwd=here)
    assert r.returncode == 1
    assert f"using the masterplan repository at {repo}" in r.stderr
    assert "../../indicators/ind-02.yaml:5:6: error" in r.stdout  # paths as typed from where the user is
    lint = cli("lint", "--as-of", "2025-06-01", cwd=here)
    assert lint.returncode == 1 and "../../indicators/ind-02.yaml:5:6" in lint.stdout
    at_root = cli("validate", cwd=repo)
    assert "using the masterplan repository" not in at_root.stderr  # nothing to say at the root itself


def test_migrate_sheet_and_fmt_work_from_a_subfolder(repo, cli, tmp_path):
    here = repo / "dimensions"
    assert cli("migrate", "--check", cwd=here).returncode == 0
    r = cli("sheet", "export", ".", "--year", "2025", "--out", tmp_path / "garut-2025.xlsx", cwd=here)
    assert r.returncode == 0, r.stderr
    assert "using the masterplan repository" in r.stderr and (tmp_path / "garut-2025.xlsx").stat().st_size > 0
    assert cli("fmt", "--check", cwd=here).returncode == 0


def test_a_folder_outside_any_repository_is_still_wrong_usage(tmp_path, cli):
    (tmp_path / ".git").mkdir()
    (tmp_path / "notes").mkdir()
    r = cli("validate", cwd=tmp_path / "notes")
    assert r.returncode == 2 and "not a masterplan repository" in r.stderr


def test_validate_one_file_reports_it_and_what_it_refers_to_only(repo, cli):
    target = repo / "programmes" / "governance" / "qw-gov-01.yaml"
    target.write_text(PROGRAMME.format(owner="Diskominfoo"))
    (repo / "indicators" / "ind-02.yaml").write_text(INDICATOR.format(id="IND-02", opd="Dinkez"))  # unrelated
    r = cli("validate", "programmes/governance/qw-gov-01.yaml", cwd=repo)
    assert r.returncode == 1
    assert "programmes/governance/qw-gov-01.yaml:9:8: error" in r.stdout and "Diskominfoo" in r.stdout
    assert "ind-02" not in r.stdout  # another file's problem is not this file's
    assert "4 files checked" in r.stdout  # the file, kotacerdas.yaml, opd.yaml and its indicator IND-01

    target.write_text(PROGRAMME.format(owner="Diskominfo"))
    (repo / "indicators" / "ind-01.yaml").write_text(INDICATOR.format(id="IND-01", opd="Dinkez"))
    r = cli("validate", "qw-gov-01.yaml", cwd=target.parent)  # the indicator it refers to is broken
    assert r.returncode == 1 and "../../indicators/ind-01.yaml:5:6: error" in r.stdout
    assert "using the masterplan repository" in r.stderr

    (repo / "indicators" / "ind-01.yaml").write_text(INDICATOR.format(id="IND-01", opd="Diskominfo"))
    ok = cli("validate", target)
    assert ok.returncode == 0 and "is valid: 4 files checked" in ok.stdout


def test_validate_a_file_outside_any_repository_or_not_a_masterplan_file(repo, tmp_path, cli):
    outside = tmp_path / "elsewhere"
    (outside / ".git").mkdir(parents=True)
    (outside / "plan-copy.yaml").write_text("a: 1\n")
    r = cli("validate", outside / "plan-copy.yaml")
    assert r.returncode == 2
    assert "plan-copy.yaml is not inside a masterplan repository: no folder from" in r.stderr
    (repo / "notes.txt").write_text("x")
    r = cli("validate", repo / "notes.txt")
    assert r.returncode == 2 and "notes.txt is not a masterplan file" in r.stderr


def test_render_two_chapters_writes_both_and_nothing_else(example_copy, cli, tmp_path):
    garut = example_copy("garut")
    out = tmp_path / "out"
    r = cli("render", garut, "--chapter", "1", "--chapter", "III", "--out", out)
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in out.iterdir()) == ["01-pendahuluan.md", "03-analisis-strategis.md"]
    assert "rendered 2 chapters" in r.stdout
    assert (out / "03-analisis-strategis.md").read_text().startswith("# BAB III")
    bad = cli("render", garut, "--chapter", "1", "--chapter", "99", "--out", tmp_path / "bad")
    assert bad.returncode == 2 and "no chapter '99'" in bad.stderr and not (tmp_path / "bad").exists()


def test_diff_from_a_subfolder_compares_the_masterplan_around_it(repo, cli):
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@x", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@x"}
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "init"]):
        subprocess.run(["git", *args], cwd=repo, check=True, env=env)
    plan = repo / "plan.yaml"
    plan.write_text(plan.read_text().replace("[ISI] Rumusan visi smart city Kabupaten Garut", "Garut cerdas"))
    r = cli("diff", "HEAD", cwd=repo / "programmes" / "governance")
    assert r.returncode == 0, r.stderr
    assert "Garut cerdas" in r.stdout and "using the masterplan repository" in r.stderr


def test_validate_a_narrative_checks_it_with_the_yaml_files_that_name_it(example_copy, cli):
    garut = example_copy("garut")
    r = cli("validate", "narasi/latar-belakang.md", cwd=garut)
    assert r.returncode == 0 and "is valid: 2 files checked" in r.stdout  # itself and plan.yaml
    (garut / "narasi" / "catatan.md").write_text("# Catatan rapat\n")
    loose = cli("validate", "narasi/catatan.md", cwd=garut)
    assert loose.returncode == 2 and "not a masterplan file" in loose.stderr
