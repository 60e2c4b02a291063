"""The file system as it really is, for the commands that write: an output folder that is a file or lies in
an impossible place, output inside the sources, two renders into one folder at once, Ctrl-C while writing,
and a full disk.

Everything runs the real CLI as a subprocess. A full disk is real too: the child process gets a small
RLIMIT_FSIZE (with SIGXFSZ ignored), so the kernel fails every write past the limit with EFBIG, exactly as
a full disk fails with ENOSPC. Ctrl-C is SIGINT sent to the child's whole process group, as a terminal
does. (Permission denied, symlink loops and files vanishing mid-run: tests/test_filesystem.py.)
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from kotacerdas.fmt import format_bytes
from kotacerdas.repository import kind_of

from .hardening.bigrepo import make_big_repository
from .hardening.util import BASE, CLI, GARUT, assert_clean_exit, cli, cli_env, copy_repo, snapshot
import contextlib


def temp_files(*folders: Path) -> list[str]:
    """Leftovers of atomic writes: fsutil's `.<name>.<random>.tmp` and the caches' `.tmp-<random>`."""
    found = []
    for folder in folders:
        if folder.exists():
            found += [str(p) for p in folder.rglob("*") if p.name.endswith(".tmp") or p.name.startswith(".tmp-")]
    return found


@pytest.fixture
def env(tmp_path):
    return cli_env(tmp_path / "cache")


# --- output where it cannot go ----------------------------------------------------------------------------


def test_render_out_is_a_file(tmp_path, env):
    repo = copy_repo(BASE, tmp_path / "repo")
    target = tmp_path / "notes.txt"
    target.write_text("catatan saya\n")
    r = cli("render", repo, "--out", target, env=env)
    assert_clean_exit(r, allowed=(2,))
    assert f"--out {target} is a file" in r.stderr
    assert target.read_text() == "catatan saya\n"
    r = cli("render", repo, "--out", target / "site", env=env)  # below a file
    assert_clean_exit(r, allowed=(2,))
    assert str(target) in r.stderr and target.read_text() == "catatan saya\n"


def test_report_output_into_a_missing_folder_a_folder_or_below_a_file(tmp_path, env):
    repo = copy_repo(BASE, tmp_path / "repo")
    report = tmp_path / "laporan" / "2026" / "validate.json"
    r = cli("validate", repo, "--format", "json", "--output", report, env=env)
    assert_clean_exit(r, allowed=(0,))
    assert report.read_text().startswith("{")  # missing folders are created
    folder = tmp_path / "a-folder"
    folder.mkdir()
    r = cli("validate", repo, "--output", folder, env=env)
    assert_clean_exit(r, allowed=(2,))
    assert f"cannot write {folder}: it is a folder, not a file" in r.stderr
    assert list(folder.iterdir()) == []
    r = cli("lint", repo, "--output", report / "x.txt", env=env)  # report is a file
    assert_clean_exit(r, allowed=(2,))
    assert f"cannot write {report / 'x.txt'}" in r.stderr
    assert temp_files(tmp_path) == []


def _without_root_powers(cmd: list[str]) -> list[str]:
    if os.getuid() != 0:
        return cmd
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: folder permissions cannot be enforced")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search", *cmd]


def test_output_into_a_folder_without_write_permission(tmp_path, env):
    repo = copy_repo(BASE, tmp_path / "repo")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "old.json").write_text("lama\n")
    locked.chmod(0o555)
    try:
        for args in (["validate", repo, "--output", locked / "old.json"],  # lint, diff: the same emit()
                     ["render", repo, "--out", locked / "site"]):
            r = subprocess.run(_without_root_powers([*CLI, *map(str, args)]), capture_output=True, text=True,
                               env=env, timeout=120)
            assert_clean_exit(r, allowed=(2,), what=str(args))
            assert "ermission denied" in r.stderr, r.stderr
        assert sorted(p.name for p in locked.iterdir()) == ["old.json"]
        assert (locked / "old.json").read_text() == "lama\n"
    finally:
        locked.chmod(0o755)


# --- output inside the sources; two renders at once --------------------------------------------------------


def test_render_twice_into_a_folder_inside_the_repository(tmp_path, env):
    repo = copy_repo(GARUT, tmp_path / "garut")
    outside = tmp_path / "outside"
    assert cli("render", repo, "--out", outside, env=env).returncode == 0
    first = cli("render", repo, "--out", repo / "out", env=env)
    assert first.returncode == 0, first.stderr
    second = cli("render", repo, "--out", repo / "out", env=env)
    assert second.returncode == 0, second.stderr
    assert "0 written" in second.stdout  # its own output was not read back as sources
    assert snapshot(repo / "out") == snapshot(outside)


def test_concurrent_renders_into_one_folder(tmp_path, env):
    repo = copy_repo(GARUT, tmp_path / "garut")
    single = tmp_path / "single"
    assert cli("render", repo, "--out", single, env=env).returncode == 0
    shared = tmp_path / "shared"
    procs = [subprocess.Popen([*CLI, "render", str(repo), "--out", str(shared)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
             for _ in range(2)]
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        assert "Traceback" not in out + err
    assert snapshot(shared) == snapshot(single)  # every file complete, and identical to a single render
    assert temp_files(shared, tmp_path / "cache") == []


# --- Ctrl-C -------------------------------------------------------------------------------------------------


def _interrupt_when(cmd: list[str], env, ready, *, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run cmd in its own process group; as soon as ready() is true, press Ctrl-C (SIGINT to the group)."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            start_new_session=True)
    deadline = time.monotonic() + timeout
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            if ready():
                os.killpg(proc.pid, signal.SIGINT)
                break
            time.sleep(0.002)
        out, err = proc.communicate(timeout=timeout)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def revise(repo: Path) -> None:
    """A new edition of a garut-based repository: the region's and every programme's name change, so the
    big chapters (programmes, quick wins, roadmap, M&E) all differ from the last render."""
    plan = repo / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("  name: Kabupaten Garut", "  name: Kabupaten Garut Raya",
                                                            1), encoding="utf-8")
    for path in (repo / "programmes").rglob("*.yaml"):
        path.write_text(path.read_text(encoding="utf-8").replace("\nname: ", "\nname: Revisi ", 1), encoding="utf-8")


def _inodes(folder: Path) -> dict[str, int]:
    out = {}
    for p in folder.iterdir() if folder.exists() else ():
        with contextlib.suppress(FileNotFoundError):
            out[p.name] = p.stat().st_ino
    return out


def test_ctrl_c_during_fmt(tmp_path, env):
    repo = make_big_repository(tmp_path / "big", 3, unformatted=True)
    before = snapshot(repo)
    programmes = [p for p in (repo / "programmes").rglob("k*.yaml")]
    first_inodes = {p: p.stat().st_ino for p in programmes}

    def some_file_rewritten() -> bool:
        return any(p.stat().st_ino != ino for p, ino in first_inodes.items())

    r = _interrupt_when([*CLI, "fmt", str(repo)], env, some_file_rewritten)
    assert r.returncode == 130, r.stdout + r.stderr
    assert "interrupted" in r.stderr and "Traceback" not in r.stderr
    after = snapshot(repo)
    assert sorted(after) == sorted(before), temp_files(repo)
    changed = [rel for rel in before if after[rel] != before[rel]]
    assert changed, "fmt was interrupted before it wrote anything"
    assert len(changed) < len(programmes), "fmt finished before Ctrl-C: nothing was interrupted"
    for rel in changed:  # every file is either the old one or the whole new one
        from pathlib import PurePosixPath

        assert after[rel].decode() == format_bytes(before[rel], kind_of(PurePosixPath(rel)), rel), rel


def test_ctrl_c_during_render(tmp_path, env):
    repo = make_big_repository(tmp_path / "big", 3)
    out = tmp_path / "out"
    assert cli("render", repo, "--out", out, env=env).returncode == 0
    old = snapshot(out)
    revise(repo)
    reference = tmp_path / "reference"
    assert cli("render", repo, "--out", reference, env=env).returncode == 0
    new = snapshot(reference)
    assert sum(new[name] != old[name] for name in old) >= 5
    old_inodes = _inodes(out)
    started = [time.monotonic()]  # when the current attempt started (read by the first condition)

    interrupted = 0
    for ready in (lambda: time.monotonic() - started[0] > 0.3,  # while starting, loading or rendering
                  lambda: _inodes(out) != old_inodes):  # as soon as the first chapter was replaced
        started[0] = time.monotonic()
        r = _interrupt_when([*CLI, "render", str(repo), "--out", str(out)], env, ready)
        # -SIGINT: Ctrl-C while Python itself starts or shuts down (the shell shows 130 for it too)
        assert r.returncode in (0, 130, -signal.SIGINT), r.stdout + r.stderr
        assert "Traceback" not in r.stderr and "internal error" not in r.stderr
        if r.returncode == 130:
            interrupted += 1
            assert "interrupted" in r.stderr
        now = snapshot(out)
        assert temp_files(out, tmp_path / "cache") == []
        for name, data in now.items():
            assert data in (old.get(name), new.get(name)), f"{name} is neither the old nor the new chapter"
    assert interrupted >= 1


# --- a full disk ----------------------------------------------------------------------------------------------


def _small_disk(limit: int):
    def limit_writes():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
    return limit_writes


def _run_on_small_disk(args, env, limit=4096) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *map(str, args)], capture_output=True, text=True, env=env, timeout=120,
                          preexec_fn=_small_disk(limit))


def test_full_disk_fmt_keeps_the_old_file(tmp_path, env):
    repo = copy_repo(BASE, tmp_path / "repo")
    big = repo / "programmes" / "qw-1.yaml"
    text = big.read_text(encoding="utf-8")
    padded = text.replace("description: ", "description:    ", 1) + "".join(
        f"# catatan {n}: {'x' * 60}\n" for n in range(80))  # > 4 KiB, and fmt wants to change it
    big.write_text(padded, encoding="utf-8")
    small = repo / "opd.yaml"
    small.write_text(small.read_text(encoding="utf-8").replace("\n  - ", "\n- ").replace("\n    ", "\n  "),
                     encoding="utf-8")  # list items not indented under their key: fmt indents them
    before = snapshot(repo)
    r = _run_on_small_disk(["fmt", repo], env)
    assert_clean_exit(r, allowed=(1,))
    assert "qw-1.yaml" in r.stdout and "cannot write" in r.stdout
    assert "the file would grow beyond the largest size allowed here" in r.stdout
    assert big.read_text(encoding="utf-8") == padded  # the old file survives, whole
    after = snapshot(repo)
    assert sorted(after) == sorted(before), temp_files(repo)
    assert after["opd.yaml"] != before["opd.yaml"]  # the other files were still formatted


def test_full_disk_render_keeps_the_old_chapters(tmp_path, env):
    repo = copy_repo(GARUT, tmp_path / "garut")
    out = tmp_path / "out"
    assert cli("render", repo, "--out", out, env=env).returncode == 0
    old = snapshot(out)
    revise(repo)
    reference = tmp_path / "reference"
    assert cli("render", repo, "--out", reference, env=env).returncode == 0
    new = snapshot(reference)
    r = _run_on_small_disk(["render", repo, "--out", out], env)
    assert_clean_exit(r, allowed=(2,))
    assert f"cannot write into {out}: the file would grow beyond the largest size allowed here" in r.stderr
    now = snapshot(out)
    assert sorted(now) == sorted(old)
    for name, data in now.items():
        assert data in (old[name], new[name]), name
    assert any(now[name] == old[name] and len(new[name]) > 4096 for name in now)  # big ones kept the old
    assert temp_files(out, tmp_path / "cache") == []


def test_full_disk_report_output_keeps_the_old_report(tmp_path, env):
    repo = copy_repo(GARUT, tmp_path / "garut")
    report = tmp_path / "report.json"
    report.write_text("laporan lama\n")
    r = _run_on_small_disk(["lint", repo, "--format", "json", "--as-of", "2026-11-22", "--output", report], env,
                           limit=128)
    assert_clean_exit(r, allowed=(2,))
    assert f"cannot write {report}: the file would grow beyond the largest size allowed here" in r.stderr
    assert report.read_text() == "laporan lama\n"
    assert temp_files(tmp_path) == []


# --- fmt and what a repository folder can hold ----------------------------------------------------------------


def test_fmt_on_a_pipe_a_huge_file_and_symbolic_links(tmp_path, env):
    """Found by these tests: fmt blocked for ever on a named pipe, read a 3 GiB file whole before refusing
    it, and replaced a symbolic link inside the repository by a formatted copy (leaving its target as it
    was). Now: the pipe and the huge file are refused unread, links are never written."""
    repo = copy_repo(BASE, tmp_path / "repo")
    target = repo / "indicators" / "ind-1.yaml"
    target.write_text(target.read_text(encoding="utf-8").replace("name: ", "name:    ", 1), encoding="utf-8")
    (repo / "indicators" / "link.yaml").symlink_to("ind-1.yaml")
    os.mkfifo(repo / "programmes" / "pipe.yaml")
    with open(repo / "indicators" / "huge.yaml", "wb") as fh:
        fh.truncate(3 * 1024**3)  # sparse: costs no disk
    r = cli("fmt", repo, env=env, timeout=60)  # used to block on the pipe until the timeout
    assert_clean_exit(r, allowed=(1,))
    assert "huge.yaml:1:1: error KC006: file is too large" in r.stdout
    assert "pipe.yaml:1:1: error KC007: not a regular file" in r.stdout
    assert f"reformatted {target}" in r.stdout and "link.yaml" not in r.stdout
    assert (repo / "indicators" / "link.yaml").is_symlink()
    assert "name:    " not in target.read_text(encoding="utf-8")
    r = cli("fmt", repo / "indicators" / "link.yaml", env=env)
    assert_clean_exit(r, allowed=(1,))
    assert "link.yaml:1:1: error KC007: a symbolic link is not formatted" in r.stdout
    assert (repo / "indicators" / "link.yaml").is_symlink()
