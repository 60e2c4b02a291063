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
    thesis = _sha(b"years of work\n")
    forged = "".join(f"{thesis}  {n}\n" for n in ("link/thesis.md", "thesis-link.md"))
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
    args = [*command, repo, repo] if command[0] == "diff" else [*command, repo]
    r = invoke(*args, "--output", repo / "laporan.txt")
    assert r.exit_code in (0, 1), r.output
    assert (repo / "laporan.txt").is_file()


# --- fmt keeps the file it rewrites ------------------------------------------------------------------------

def _acl(user: int) -> bytes:
    import struct

    def entry(tag: int, perm: int, ident: int = 0xFFFFFFFF) -> bytes:
        return struct.pack("<HHI", tag, perm, ident)

    return struct.pack("<I", 2) + entry(1, 6) + entry(2, 6, user) + entry(4, 4) + entry(0x10, 6) + entry(0x20, 4)


def _untidy(path: Path) -> None:
    """Write one `key: value` of the file with extra spaces, which fmt takes away again."""
    lines = path.read_text(encoding="utf-8").split("\n")
    i = next(i for i, line in enumerate(lines) if not line.lstrip().startswith("#") and ": " in line)
    lines[i] = lines[i].replace(": ", ":     ", 1)
    path.write_text("\n".join(lines), encoding="utf-8")


def _tidy(path: Path) -> bool:
    return b":     " not in path.read_bytes()


def test_fmt_keeps_owner_mode_hard_links_acls_and_extended_attributes(tmp_path):
    repo = Path(shutil.copytree(GARUT, tmp_path / "repo"))
    plan, opd = repo / "plan.yaml", repo / "opd.yaml"
    _untidy(plan)
    _untidy(opd)
    twin = tmp_path / "plan-link.yaml"
    os.link(plan, twin)  # a hard link outside the repository, e.g. a shared copy
    if os.geteuid() == 0:
        os.chown(opd, 1234, 2345)
    os.chmod(opd, 0o640)
    try:
        os.setxattr(opd, "user.kotacerdas-note", b"diperiksa")
        os.setxattr(opd, "system.posix_acl_access", _acl(4321))
    except OSError:
        pytest.skip("this file system has no extended attributes")
    before = os.stat(opd)
    inode = os.stat(plan).st_ino
    r = invoke("fmt", repo)
    assert r.exit_code == 0, r.output
    assert _tidy(plan) and _tidy(opd)
    assert os.stat(plan).st_ino == inode and os.stat(twin).st_ino == inode and os.stat(plan).st_nlink == 2
    after = os.stat(opd)
    assert (after.st_uid, after.st_gid, after.st_mode) == (before.st_uid, before.st_gid, before.st_mode)
    assert os.getxattr(opd, "user.kotacerdas-note") == b"diperiksa"
    assert os.getxattr(opd, "system.posix_acl_access") == _acl(4321)
    assert not [p for p in repo.rglob(".*.tmp")]


def test_fmt_writes_into_a_file_it_cannot_give_back_to_its_owner(tmp_path):
    """Someone else's file in a shared, writable folder, and fmt run without the power to change owners
    (root without CAP_CHOWN/CAP_FOWNER, which is what an ordinary user is): a new file would belong to
    the one running fmt, so fmt writes into the file itself and its owner and group stay."""
    import subprocess

    from .hardening.util import CLI, cli_env

    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root and setpriv to give the file to another user")
    repo = Path(shutil.copytree(GARUT, tmp_path / "repo"))
    plan = repo / "plan.yaml"
    _untidy(plan)
    os.chmod(plan.parent, 0o777)
    os.chmod(plan, 0o666)
    os.chown(plan, 1501, 1502)
    inode = os.stat(plan).st_ino
    r = subprocess.run(["setpriv", "--bounding-set=-chown,-fowner,-dac_override,-dac_read_search", *CLI, "fmt",
                        str(plan)], capture_output=True, text=True, env=cli_env(cache=tmp_path / "cache"), timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    assert _tidy(plan)
    st = os.stat(plan)
    assert (st.st_uid, st.st_gid, st.st_mode & 0o777, st.st_ino) == (1501, 1502, 0o666, inode)
