"""`kotacerdas diff` on the command line: inputs (folders, revisions, --path), exit codes, every error case
(never a traceback), output formats, and the guarantee that the working tree is never touched."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from tests.diff.gitrepo import BASE, GitRepo

from .conftest import run_cli


@pytest.fixture
def repo(tmp_path) -> GitRepo:
    return GitRepo(tmp_path / "repo")


def run(cwd: Path, *args: str):
    """`kotacerdas diff ARGS` run in cwd, with HOME there (no user's git configuration): exit code, stdout,
    stderr. An exception escaping the command fails the test (never a traceback)."""
    res = run_cli("diff", *args, cwd=cwd, env={"HOME": str(cwd)})
    assert res.returncode != 3, res.stderr
    return res.returncode, res.stdout, res.stderr


def edit_flagged(r: GitRepo) -> None:
    r.remove("programmes/qw-2.yaml")  # quick win removed: error
    r.replace("programmes/menengah/prg-1.yaml", "owner: Diskominfo", "owner: Bappeda")  # warning


# --- inputs ----------------------------------------------------------------------------------------------

def test_two_folders(tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(BASE, old)
    shutil.copytree(BASE, new)
    (new / "programmes" / "qw-2.yaml").unlink()
    code, out, err = run(tmp_path, "old", "new")
    assert code == 0, err
    assert out.splitlines()[0] == "Comparing old → new"
    assert "  - QW-ECO-01  Serasi Ekonomi Kreatif  programmes/qw-2.yaml" in out
    assert run(tmp_path, "old", "new", "--exit-code")[0] == 1
    assert run(tmp_path, "old", "old", "--exit-code")[0] == 0


def test_revision_against_working_tree_and_two_revisions(repo):
    edit_flagged(repo)
    code, out, _ = run(repo.root, "HEAD")
    assert code == 0 and "QW-ECO-01" in out and "working tree" in out.splitlines()[0]
    code, out, _ = run(repo.root)  # no argument: HEAD against the working tree
    assert "QW-ECO-01" in out
    repo.commit("edit")
    code, out, _ = run(repo.root, "HEAD~1", "HEAD", "--exit-code")
    assert code == 1 and "QW-ECO-01" in out
    code, out, _ = run(repo.root, "main~1", "main", "--format", "json")
    assert json.loads(out)["old"]["kind"] == "revision"


def test_a_folder_wins_over_a_revision_of_the_same_name(repo, tmp_path):
    shutil.copytree(BASE, repo.root / "HEAD")  # a folder literally named HEAD
    shutil.copytree(BASE, tmp_path / "other")
    (tmp_path / "other" / "programmes" / "qw-1.yaml").unlink()
    _code, out, _ = run(repo.root, "HEAD", str(tmp_path / "other"), "--format", "json")
    data = json.loads(out)
    assert data["old"]["kind"] == "directory" and [c["id"] for c in data["changes"]] == ["QW-GOV-01"]


def test_path_selects_a_masterplan_inside_a_larger_repository(tmp_path):
    repo = GitRepo(tmp_path / "jabar", plan_dir="kabupaten/garut")
    shutil.copytree(BASE, repo.root / "kabupaten" / "sumedang")
    repo.commit("sumedang")
    repo.replace("programmes/qw-1.yaml", "progress: 40", "progress: 60")  # garut
    (repo.root / "kabupaten" / "sumedang" / "programmes" / "qw-1.yaml").unlink()
    repo.commit("edits")
    code, out, _ = run(repo.root, "HEAD~1", "HEAD", "--path", "kabupaten/garut", "--format", "json")
    data = json.loads(out)
    assert [(c["id"], c["change"]) for c in data["changes"]] == [("QW-GOV-01", "modified")]
    assert data["new"]["path"] == "kabupaten/garut"
    # From inside the masterplan's folder, the folder is the default.
    code, out, _ = run(repo.root / "kabupaten" / "sumedang", "HEAD~1", "--format", "json")
    assert [(c["id"], c["change"]) for c in json.loads(out)["changes"]] == [("QW-GOV-01", "removed")]
    # At HEAD~2 sumedang did not exist yet.
    code, _, err = run(repo.root, "HEAD~2", "HEAD", "--path", "kabupaten/sumedang")
    assert code == 2 and "'kabupaten/sumedang' does not exist at revision 'HEAD~2'" in err


def test_working_tree_index_and_refs_are_never_touched(repo):
    repo.replace("programmes/qw-1.yaml", "progress: 40", "progress: 50")  # an uncommitted edit
    repo.write("programmes/new.yaml", "id: X\n")  # an untracked, invalid file
    before_status = repo.git("status", "--porcelain")
    files = {p: p.read_bytes() for p in repo.root.rglob("*") if p.is_file() and "/.git/" not in str(p) + "/"}
    index = hashlib.sha256((repo.root / ".git" / "index").read_bytes()).hexdigest()
    head = repo.git("rev-parse", "HEAD")
    code, out, err = run(repo.root, "HEAD", "HEAD")
    assert code == 0 and "No planning changes." in out, err
    assert repo.git("status", "--porcelain") == before_status
    assert {p: p.read_bytes() for p in files} == files
    assert hashlib.sha256((repo.root / ".git" / "index").read_bytes()).hexdigest() == index
    assert repo.git("rev-parse", "HEAD") == head


# --- exit codes ------------------------------------------------------------------------------------------

def test_fail_on_is_a_ci_gate(repo):
    edit_flagged(repo)
    repo.commit("edit")
    code, _, err = run(repo.root, "HEAD~1", "HEAD", "--fail-on", "error")
    assert code == 1 and "1 flagged change at or above error" in err
    assert run(repo.root, "HEAD~1", "HEAD", "--fail-on", "warning")[0] == 1
    assert run(repo.root, "HEAD~1", "HEAD")[0] == 0
    # Only a warning left: an error gate passes, a warning gate fails.
    repo.write("programmes/qw-2.yaml", (BASE / "programmes" / "qw-2.yaml").read_text())
    repo.commit("quick win back")
    assert run(repo.root, "HEAD~2", "HEAD", "--fail-on", "error")[0] == 0
    assert run(repo.root, "HEAD~2", "HEAD", "--fail-on", "warning")[0] == 1
    assert run(repo.root, "HEAD", "HEAD", "--fail-on", "info", "--exit-code")[0] == 0


# --- errors: a clear message and exit 2 (usage) or 1 (invalid content), never a traceback -------------------

def test_unknown_revision(repo):
    code, out, err = run(repo.root, "no-such-tag")
    assert code == 2 and out == ""
    assert err.startswith("kotacerdas: error: unknown revision 'no-such-tag'")
    assert "Traceback" not in err


def test_option_looking_revision_is_refused(repo):
    code, _, err = run(repo.root, "--", "--output=x")
    assert code == 2 and "unknown revision" in err
    assert not (repo.root / "x").exists()


def test_path_missing_at_a_revision(repo):
    code, _, err = run(repo.root, "HEAD", "--path", "kabupaten/tuban")
    assert code == 2 and "does not exist at revision 'HEAD'" in err


def test_not_a_masterplan_at_a_revision(repo):
    (repo.root / "docs").mkdir()
    (repo.root / "docs" / "notes.md").write_text("# notes\n")
    repo.commit("docs")
    code, _, err = run(repo.root, "HEAD", "--path", "docs")
    assert code == 2 and "not a masterplan repository at revision 'HEAD': docs/kotacerdas.yaml" in err


def test_not_a_git_repository(tmp_path):
    shutil.copytree(BASE, tmp_path / "plain")
    code, _, err = run(tmp_path / "plain", "HEAD~1")
    assert code == 2 and "not inside a git repository" in err and "Traceback" not in err


def test_invalid_repository_at_the_old_side(repo):
    repo.replace("programmes/qw-1.yaml", "owner: Diskominfo", "owner: Dinas-Tidak-Ada")
    repo.commit("broken")
    repo.replace("programmes/qw-1.yaml", "owner: Dinas-Tidak-Ada", "owner: Diskominfo")
    repo.commit("fixed")
    code, out, err = run(repo.root, "HEAD~1", "HEAD")
    assert code == 1, err
    assert "cannot compare: HEAD~1" in out and "is not a valid masterplan" in out
    assert "HEAD~1:programmes/qw-1.yaml:9:8: error KC021 unknown OPD 'Dinas-Tidak-Ada'" in out
    assert "✗ HEAD~1: 1 error" in out
    code, out, _ = run(repo.root, "HEAD~1", "HEAD", "--format", "json")
    data = json.loads(out)
    assert code == 1 and data["valid"] is False
    assert data["invalid"][0]["diagnostics"][0]["code"] == "KC021"


def test_invalid_repository_in_the_working_tree(repo):
    repo.write("indicators/ind-1.yaml", "id: IND-GOV-01\nname: [unclosed\n")
    code, out, _ = run(repo.root, "HEAD")
    assert code == 1 and "working tree is not a valid masterplan" in out and "KC001" in out


def test_unknown_rule_in_config_is_an_error(repo):
    repo.write("kotacerdas.yaml", repo.read("kotacerdas.yaml") + "diff:\n  severity:\n    quick-win-removd: info\n")
    code, out, _ = run(repo.root, "HEAD")
    assert code == 1
    assert "kotacerdas.yaml:7:5: error KC028 unknown diff rule 'quick-win-removd'" in out
    assert "Did you mean 'quick-win-removed'?" in out


@pytest.mark.parametrize("args, message", [
    (["a", "b", "c"], "give at most two things to compare"),
    (["--format", "xml"], "unknown format 'xml'"),
    (["--fail-on", "fatal"], "unknown --fail-on level 'fatal'"),
    (["programmes"], "programmes is a folder: give a second folder"),
])
def test_usage_errors(repo, args, message):
    code, _, err = run(repo.root, *args)
    assert code == 2 and message in err


def test_path_with_two_folders_is_refused(tmp_path):
    shutil.copytree(BASE, tmp_path / "a")
    code, _, err = run(tmp_path, "a", "a", "--path", "x")
    assert code == 2 and "--path picks a masterplan inside a git repository" in err


# --- output ----------------------------------------------------------------------------------------------

def test_outputs_are_deterministic_and_written_atomically(repo):
    edit_flagged(repo)
    repo.replace("plan.yaml", "berdaya saing dan cerdas", "berdaya saing, hijau dan cerdas")
    repo.commit("edit")
    for fmt in ("text", "markdown", "json"):
        first = run(repo.root, "HEAD~1", "HEAD", "--format", fmt)[1]
        assert first and first == run(repo.root, "HEAD~1", "HEAD", "--format", fmt)[1]
    code, out, _ = run(repo.root, "HEAD~1", "HEAD", "-f", "markdown", "-o", "review.md")
    assert code == 0 and out == ""
    assert (repo.root / "review.md").read_text().startswith("## Perubahan masterplan\n")


def test_text_output(repo):
    edit_flagged(repo)
    repo.commit("edit")
    out = run(repo.root, "HEAD~1", "HEAD")[1]
    head = repo.git("rev-parse", "HEAD").strip()[:10]
    base = repo.git("rev-parse", "HEAD~1").strip()[:10]
    assert out == (
        f"Comparing HEAD~1 ({base}) → HEAD ({head})\n"
        "\n"
        "Programmes\n"
        "  ~ PRG-GOV-01  Garut Satu Data  programmes/menengah/prg-1.yaml\n"
        "      owner: Diskominfo → Bappeda  (programmes/menengah/prg-1.yaml:8)\n"
        "      ! warning owner-changed: owner OPD changed from Diskominfo to Bappeda\n"
        "\n"
        "Quick wins\n"
        "  - QW-ECO-01  Serasi Ekonomi Kreatif  programmes/qw-2.yaml\n"
        "      ! error quick-win-removed: quick win QW-ECO-01 removed\n"
        "\n"
        "2 changes: 0 added, 1 removed, 1 modified; flagged: 1 error, 1 warning, 0 info\n"
    )


def test_markdown_output_in_both_languages(repo):
    repo.replace("programmes/menengah/prg-1.yaml", "amount: 1000000000", "amount: 1500000000")
    repo.commit("edit")
    out = run(repo.root, "HEAD~1", "HEAD", "--format", "markdown")[1]
    assert "| peringatan | `budget-changed` | Program PRG-GOV-01 | anggaran berubah dari Rp2.000.000.000 " \
           "menjadi Rp2.500.000.000 (+25,0%, ambang 10%) |" in out
    assert "  - Pendanaan \\[apbn 2025\\] › Jumlah: Rp1.000.000.000 → Rp1.500.000.000" in out
    out = run(repo.root, "HEAD~1", "HEAD", "--format", "markdown", "--lang", "en")[1]
    assert out.startswith("## Masterplan changes\n")
    assert "  - Funding lines \\[apbn 2025\\] › Amount in whole rupiah: Rp1,000,000,000 → Rp1,500,000,000" in out
    assert "budget changed from Rp2,000,000,000 to Rp2,500,000,000 (+25.0%, threshold 10%)" in out


def test_json_shape(repo):
    repo.replace("indicators/ind-1.yaml", "target: 60", "target: 55")
    repo.replace("plan.yaml", "berdaya saing dan cerdas", "berdaya saing, hijau dan cerdas")
    repo.commit("edit")
    data = json.loads(run(repo.root, "HEAD~1", "HEAD", "--format", "json")[1])
    assert set(data) == {"kotacerdas_diff", "old", "new", "summary", "changes", "rules", "budget_threshold_percent"}
    assert data["summary"] == {"added": 0, "removed": 0, "modified": 2,
                               "flagged": {"error": 0, "warning": 1, "info": 0}}
    ind = data["changes"][1]
    assert ind == {
        "section": "indicators", "change": "modified", "id": "IND-GOV-01", "name": "Layanan perizinan daring",
        "path": "indicators/ind-1.yaml", "old_path": "indicators/ind-1.yaml",
        "fields": [{"path": "targets[2025].target", "change": "modified", "element": False, "old": 60, "new": 55,
                    "file": "indicators/ind-1.yaml", "line": 15}],
        "flags": [{"rule": "target-lowered", "severity": "warning", "field": "targets[2025].target",
                   "message": "target for 2025 lowered from 60 to 55 (better when up)"}],
        "item": None,
    }
    visi = data["changes"][0]["fields"][0]
    assert visi["path"] == "visi" and {"op": "insert", "text": ", hijau"} in visi["words"]
    assert [r["id"] for r in data["rules"]][:2] == ["quick-win-removed", "target-lowered"]


def test_a_config_larger_than_the_file_limit_it_sets_is_read_as_on_disk(repo):
    """kotacerdas.yaml is read under the default limit at a revision as on disk: a config that sets
    limits.max_file_bytes below its own size bounds the other files, not itself (was an internal error)."""
    comment = "".join(f"# catatan {i}: baris komentar yang panjang agar berkas melebihi batasnya sendiri\n"
                      for i in range(15))
    repo.write("kotacerdas.yaml", repo.read("kotacerdas.yaml") + "limits:\n  max_file_bytes: 1024\n" + comment)
    assert repo.path("kotacerdas.yaml").stat().st_size > 1024
    repo.commit("a tighter limit")
    code, out, err = run(repo.root, "HEAD~1", "HEAD")
    assert code == 0, out + err
    assert "KC006" not in out + err and "internal error" not in err
