"""Hardening II, class "nothing a user wrote is lost": render's manifest, tree destinations, report
--output onto sources, fmt keeping owner, hard links, ACLs and extended attributes.

Every test here failed on the code before the fix (checked by running it against e3aa6ec)."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kotacerdas.cli import build_app

HERE = Path(__file__).parent
FIXTURE = HERE / "render" / "fixture"
GARUT = HERE.parent / "examples" / "garut"


@pytest.fixture
def repo(tmp_path) -> Path:
    return Path(shutil.copytree(FIXTURE, tmp_path / "repo"))


def invoke(*args):
    return CliRunner().invoke(build_app(), [str(a) for a in args], catch_exceptions=False)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- render's manifest is not trusted ----------------------------------------------------------------------

def test_a_planted_manifest_cannot_remove_files_render_did_not_write(repo, tmp_path):
    out = tmp_path / "out"
    outside = tmp_path / "precious"
    outside.mkdir()
    (outside / "thesis.md").write_text("years of work\n")
    out.mkdir()
    (out / "notes.md").write_text("my own notes\n")
    (out / "link").symlink_to(outside, target_is_directory=True)
    (out / "thesis-link.md").symlink_to(outside / "thesis.md")
    # a manifest in the old format (names only) and one in the new format with the files' own hashes
    (out / ".kotacerdas-render-md").write_text("notes.md\nlink/thesis.md\nthesis-link.md\n")
    r = invoke("render", repo, "--out", out)
    assert r.exit_code == 0, r.output
    assert (outside / "thesis.md").read_text() == "years of work\n"
    assert (out / "notes.md").read_text() == "my own notes\n"
    assert (out / "thesis-link.md").is_symlink()
    forged = "".join(f"{_sha(b'years of work' + chr(10).encode())}  {n}\n" for n in ("link/thesis.md", "thesis-link.md"))
    (out / ".kotacerdas-render-md").write_text(forged + f"{_sha(b'other')}  notes.md\n")
    r = invoke("render", repo, "--out", out)
    assert r.exit_code == 0, r.output
    assert (outside / "thesis.md").read_text() == "years of work\n"
    assert (out / "notes.md").read_text() == "my own notes\n"
    assert (out / "thesis-link.md").is_symlink()


def test_a_file_render_wrote_is_removed_unless_the_user_edited_it(repo, tmp_path):
    out = tmp_path / "out"
    assert invoke("render", repo, "--out", out).exit_code == 0
    manifest = (out / ".kotacerdas-render-md").read_text()
    # two chapters render wrote in an earlier run, no longer rendered: one untouched, one edited since
    (out / "99-old.md").write_text("old chapter\n")
    (out / "98-edited.md").write_text("edited by hand\n")
    manifest += f"{_sha(b'old chapter' + chr(10).encode())}  99-old.md\n{_sha(b'as rendered')}  98-edited.md\n"
    (out / ".kotacerdas-render-md").write_text(manifest)
    r = invoke("render", repo, "--out", out)
    assert r.exit_code == 0, r.output
    assert not (out / "99-old.md").exists()
    assert (out / "98-edited.md").read_text() == "edited by hand\n"


def test_render_does_not_write_through_a_link_inside_out(repo, tmp_path):
    out = tmp_path / "out"
    assert invoke("render", repo, "--out", out).exit_code == 0
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    chapter = sorted(p.name for p in out.glob("*.md"))[0]
    (out / chapter).unlink()
    (out / chapter).symlink_to(outside / "victim.md")
    (outside / "victim.md").write_text("mine\n")
    r = invoke("render", repo, "--out", out)
    assert r.exit_code == 0, r.output
    assert (outside / "victim.md").read_text() == "mine\n"  # the link is replaced, its target untouched


# --- a tree's destinations do not collide ------------------------------------------------------------------

def test_a_member_named_like_the_tree_root_is_refused_not_clobbering_its_book(tmp_path):
    tree = Path(shutil.copytree(FIXTURE, tmp_path / "jabar"))
    shutil.copytree(FIXTURE, tree / "jabar")  # a member whose folder has the root's name
    out = tmp_path / "site"
    r = invoke("render", tree, "--out", out)
    assert r.exit_code == 2, r.output
    assert "jabar/" in r.output and "would both be rendered into" in r.output
    assert not out.exists()  # refused before anything was written


def test_members_in_other_folders_still_render_beside_the_root(tmp_path):
    tree = Path(shutil.copytree(FIXTURE, tmp_path / "jabar"))
    shutil.copytree(FIXTURE, tree / "kab-a")
    out = tmp_path / "site"
    r = invoke("render", tree, "--out", out)
    assert r.exit_code == 0, r.output
    assert (out / "jabar" / "README.md").is_file() and (out / "kab-a" / "README.md").is_file()


# --- reports never replace a source file ---------------------------------------------------------------

def _prose_file(repo: Path) -> Path:
    from kotacerdas.protect import source_files
    from kotacerdas.validate import validate

    return next(p for p in sorted(source_files(validate(repo).repo)) if p.suffix == ".md")


@pytest.mark.parametrize("command", [["validate"], ["lint"], ["diff"]])
def test_report_output_onto_a_source_file_is_refused(repo, tmp_path, command):
    from .hardening.util import snapshot

    before = snapshot(repo)
    targets = [repo / "plan.yaml", repo / "kotacerdas.yaml", _prose_file(repo), repo / "programmes" / "new.yaml",
               repo / "templates" / "chapters" / "x.md.j2"]
    for target in targets:
        args = [*command, repo, repo] if command[0] == "diff" else [*command, repo]
        r = invoke(*args, "--output", target)
        assert r.exit_code == 2, (target, r.output)
        assert "never replaces a source file" in r.output
    assert snapshot(repo) == before
    # a report of its own inside the repository is fine
    r = invoke(*([*command, repo, repo] if command[0] == "diff" else [*command, repo]), "--output", repo / "laporan.txt")
    assert r.exit_code in (0, 1), r.output
    assert (repo / "laporan.txt").is_file()
