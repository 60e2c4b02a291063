"""`kotacerdas migrate`: a format-1 repository is upgraded in place, losslessly and idempotently, and
validate tells the owner of an old repository with quoted numbers to run it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kotacerdas.cli import build_app
from kotacerdas.fmt import comments_of
from kotacerdas.migrate import migrate
from kotacerdas.validate import validate

from .test_validate_cases import BASE

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _invoke(*args):
    return CliRunner().invoke(build_app(), [str(a) for a in args])


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def old_repo(tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(BASE, repo)
    qw = repo / "programmes" / "qw-1.yaml"
    qw.write_text(qw.read_text(encoding="utf-8").replace(
        "    amount: 250000000", '    # jumlah dari DPA 2024\n    amount: "250000000"  # rupiah'), encoding="utf-8")
    ind = repo / "indicators" / "ind-1.yaml"
    ind.write_text(ind.read_text(encoding="utf-8").replace("target: 30", 'target: "30.5"'), encoding="utf-8")
    return repo


def test_validate_tells_an_old_repository_to_run_migrate(old_repo):
    result = validate(old_repo)
    advice = [d for d in result.diagnostics if d.code == "KC028"]
    assert len(advice) == 1 and "kotacerdas migrate" in advice[0].hint
    assert "2 quoted numbers" in advice[0].message


def test_check_lists_the_changes_and_writes_nothing(old_repo):
    before = _snapshot(old_repo)
    r = _invoke("migrate", old_repo, "--check")
    assert r.exit_code == 1
    assert 'funding[0].amount: "250000000" -> 250000000' in r.stdout
    assert 'targets[0].target: "30.5" -> 30.5' in r.stdout
    assert "format_version: 1 -> 2" in r.stdout
    assert _snapshot(old_repo) == before


def test_migrate_is_lossless_and_idempotent(old_repo):
    texts = {rel: data.decode() for rel, data in _snapshot(old_repo).items() if rel.endswith(".yaml")}
    r = _invoke("migrate", old_repo)
    assert r.exit_code == 0, r.stdout
    assert validate(old_repo).diagnostics == []
    for rel, text in texts.items():  # every comment kept, in every file
        assert comments_of((old_repo / rel).read_text(encoding="utf-8")) == comments_of(text), rel
    assert "format_version: 2" in (old_repo / "kotacerdas.yaml").read_text(encoding="utf-8")
    programme = validate(old_repo).masterplan.programme("QW-GOV-01").item
    assert programme.funding[0].amount == 250000000
    once = _snapshot(old_repo)
    again = migrate(old_repo)
    assert again.changed == [] and _snapshot(old_repo) == once  # idempotent
    assert _invoke("migrate", old_repo, "--check").exit_code == 0


@pytest.mark.parametrize("name", ["garut", "tuban", "bojonegoro"])
def test_every_example_stays_valid_and_migrates_to_the_same_plan(tmp_path, name):
    repo = tmp_path / name
    shutil.copytree(EXAMPLES / name, repo)
    before = validate(repo)
    assert not before.diagnostics
    old = "format_version: 1" in (repo / "kotacerdas.yaml").read_text(encoding="utf-8")
    run = migrate(repo)  # only the version (nothing was quoted); a format-2 example is already current
    assert [f.rel for f in run.changed] == (["kotacerdas.yaml"] if old else [])
    after = validate(repo)
    assert not after.diagnostics
    assert [p.item for p in after.masterplan.programmes] == [p.item for p in before.masterplan.programmes]


def test_not_a_repository_is_a_usage_error(tmp_path):
    assert _invoke("migrate", tmp_path).exit_code == 2


def test_migrate_moves_publication_program_unggulan_to_its_one_home(tmp_path):
    """issue 17: publication.program_unggulan (KC029 in validate) moves to plan.yaml program_unggulan; a name
    already there is replaced by its described item, the others follow; comments are kept."""
    repo = tmp_path / "repo"
    shutil.copytree(BASE, repo)
    plan = repo / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + (
        "program_unggulan:\n  - Garut Satu Data  # nama saja\n  - Garut Hebat\n"
        "publication:\n  year: 2024\n  # diuraikan oleh Bappeda\n  program_unggulan:\n"
        "    - name: Garut Satu Data\n      description: Satu data untuk semua OPD.  # uraian\n"
        "    - {name: Garut Sehat, programmes: [QW-GOV-01]}\n"), encoding="utf-8")
    before = plan.read_text(encoding="utf-8")
    assert [d.code for d in validate(repo).diagnostics] == ["KC029"]
    r = _invoke("migrate", repo, "--check")
    assert r.exit_code == 1 and "publication.program_unggulan -> program_unggulan" in r.stdout
    assert plan.read_text(encoding="utf-8") == before
    assert _invoke("migrate", repo).exit_code == 0
    after = plan.read_text(encoding="utf-8")
    assert comments_of(after) == comments_of(before)
    result = validate(repo)
    assert result.diagnostics == []
    flagships = result.masterplan.plan.item.program_unggulan
    assert [(f.name, f.description, f.programmes) for f in flagships] == [
        ("Garut Satu Data", "Satu data untuk semua OPD.", []), ("Garut Hebat", None, []),
        ("Garut Sehat", None, ["QW-GOV-01"])]
    assert result.masterplan.plan.item.publication.year == 2024
    assert migrate(repo).changed == []  # idempotent
