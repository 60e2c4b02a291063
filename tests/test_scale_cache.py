"""The cache is keyed by content and is never wrong: editing, adding, removing or renaming a file, or
another kotacerdas build, invalidates exactly what it must; a corrupt entry is ignored and rewritten."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kotacerdas import runtime, scale
from kotacerdas.repository import load_repository
from kotacerdas.scale import Cache
from kotacerdas.tree import check_repository
from kotacerdas.validate import validate

from .conftest import run_cli

BASE = Path(__file__).parent / "cases" / "_base"


@pytest.fixture
def repo(tmp_path):
    target = tmp_path / "repo"
    shutil.copytree(BASE, target)
    return target


@pytest.fixture
def cache_dir(tmp_path):
    return tmp_path / "cache"


def _yaml_count(repo: Path) -> int:
    return sum(1 for p in repo.rglob("*.yaml") if p.name != "kotacerdas.yaml")


def _load(repo: Path, cache_dir: Path, salt: str | None = None):
    cache = Cache(cache_dir, salt)
    return load_repository(repo, loader=cache.loader), cache.stats


def _plain(repository) -> list:
    """What a loaded repository amounts to, comparable across runs."""
    return [(f.rel, f.kind, f.doc.data if f.doc else None, f.model, f.diagnostics) for f in repository.files]


# --- per-file entries ------------------------------------------------------------------------------------


def test_second_load_hits_every_file_and_equals_an_uncached_load(repo, cache_dir):
    first, stats1 = _load(repo, cache_dir)
    assert (stats1.file_hits, stats1.file_misses) == (0, _yaml_count(repo))
    second, stats2 = _load(repo, cache_dir)
    assert (stats2.file_hits, stats2.file_misses) == (_yaml_count(repo), 0)
    assert _plain(second) == _plain(first) == _plain(load_repository(repo))


def test_editing_a_file_misses_that_file_only(repo, cache_dir):
    _load(repo, cache_dir)
    plan = repo / "programmes" / "qw-1.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("progress: 40", "progress: 55"), encoding="utf-8")
    repository, stats = _load(repo, cache_dir)
    assert (stats.file_hits, stats.file_misses) == (_yaml_count(repo) - 1, 1)
    programme = next(f for f in repository.files if f.rel == "programmes/qw-1.yaml")
    assert programme.model.progress == 55


def test_adding_removing_and_renaming_files(repo, cache_dir):
    _load(repo, cache_dir)
    n = _yaml_count(repo)
    shutil.copyfile(repo / "indicators" / "ind-1.yaml", repo / "indicators" / "ind-2.yaml")
    _, added = _load(repo, cache_dir)
    assert (added.file_hits, added.file_misses) == (n, 1)  # same bytes, other path: a new entry
    (repo / "indicators" / "ind-2.yaml").unlink()
    _, removed = _load(repo, cache_dir)
    assert (removed.file_hits, removed.file_misses) == (n, 0)
    (repo / "stages" / "bimtek-2.yaml").rename(repo / "stages" / "tahap-2.yaml")
    renamed, stats = _load(repo, cache_dir)
    assert (stats.file_hits, stats.file_misses) == (n - 1, 1)
    assert "stages/tahap-2.yaml" in [f.rel for f in renamed.files]
    assert "stages/bimtek-2.yaml" not in [f.rel for f in renamed.files]


def test_another_kotacerdas_build_misses_everything(repo, cache_dir, monkeypatch):
    _load(repo, cache_dir)
    _, same = _load(repo, cache_dir)
    assert same.file_misses == 0
    # a new version, or an edited source file, gives another fingerprint, and so another key
    before = runtime.code_fingerprint()
    monkeypatch.setattr(runtime, "__version__", "99.0.0")
    runtime.code_fingerprint.cache_clear()
    try:
        after = runtime.code_fingerprint()
    finally:
        runtime.code_fingerprint.cache_clear()
    assert after != before
    _, upgraded = _load(repo, cache_dir, salt=after)
    assert (upgraded.file_hits, upgraded.file_misses) == (0, _yaml_count(repo))


def test_code_fingerprint_covers_the_package_files(tmp_path, monkeypatch):
    package = tmp_path / "kotacerdas"
    shutil.copytree(Path(scale.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__"))
    fake = package / "runtime.py"
    monkeypatch.setattr(runtime, "__file__", str(fake))
    runtime.code_fingerprint.cache_clear()
    try:
        first = runtime.code_fingerprint()
        runtime.code_fingerprint.cache_clear()
        checks = package / "checks.py"
        checks.write_text(checks.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
        second = runtime.code_fingerprint()
    finally:
        runtime.code_fingerprint.cache_clear()
    assert first != second


def test_a_corrupt_entry_is_ignored_and_rewritten(repo, cache_dir):
    expected = _plain(_load(repo, cache_dir)[0])
    packs = list(cache_dir.rglob("*.pkl"))
    assert len(packs) == 1
    blob = packs[0].read_bytes()
    packs[0].write_bytes(blob[: len(blob) // 2] + b"garbage")
    repository, stats = _load(repo, cache_dir)
    assert stats.corrupt == 1 and stats.file_hits == 0
    assert _plain(repository) == expected
    _, again = _load(repo, cache_dir)
    assert again.corrupt == 0 and again.file_misses == 0


def test_cached_files_give_the_same_diagnostics_for_broken_files(repo, cache_dir):
    (repo / "programmes" / "qw-1.yaml").write_text("id: QW-GOV-01\nname: [unclosed\n", encoding="utf-8")
    (repo / "opd.yaml").write_text("opd:\n  - id: Diskominfo\n", encoding="utf-8")
    plain = validate(repo).diagnostics
    cache = Cache(cache_dir)
    assert validate(repo, loader=cache.loader).diagnostics == plain
    again = Cache(cache_dir)
    assert validate(repo, loader=again.loader).diagnostics == plain
    assert again.stats.file_misses == 0


# --- whole-repository results --------------------------------------------------------------------------------


def _check(repo: Path, cache_dir: Path):
    cache = Cache(cache_dir)
    return check_repository(repo, ".", cache), cache.stats


def test_unchanged_repository_is_a_result_hit(repo, cache_dir):
    first, s1 = _check(repo, cache_dir)
    second, s2 = _check(repo, cache_dir)
    assert (s1.repo_misses, s2.repo_hits) == (1, 1)
    assert second.cached and not first.cached
    assert second.diagnostics == first.diagnostics and second.files_checked == first.files_checked


def test_touching_a_file_without_changing_it_keeps_the_hit(repo, cache_dir):
    _check(repo, cache_dir)
    os.utime(repo / "plan.yaml", ns=(1, 1))
    _, stats = _check(repo, cache_dir)
    assert stats.repo_hits == 1  # keyed by content, not by time


def test_same_size_edit_with_old_mtime_is_seen(repo, cache_dir):
    """Stat data may only vouch for a file when nothing about it changed; ctime cannot be set back."""
    _check(repo, cache_dir)
    target = repo / "programmes" / "qw-1.yaml"
    st = target.stat()
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("progress: 40", "progress: 41"), encoding="utf-8")
    os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert target.stat().st_size == st.st_size
    summary, stats = _check(repo, cache_dir)
    assert stats.repo_misses == 1 and not summary.cached


def test_editing_a_file_invalidates_the_result_and_the_new_result_is_right(repo, cache_dir):
    _check(repo, cache_dir)
    target = repo / "programmes" / "qw-1.yaml"
    target.write_text(target.read_text(encoding="utf-8").replace("owner: Diskominfo", "owner: Dinkominfo"),
                      encoding="utf-8")
    summary, stats = _check(repo, cache_dir)
    assert stats.repo_misses == 1
    assert [d.code for d in summary.diagnostics] == ["KC021"]
    assert not summary.ok
    again, stats2 = _check(repo, cache_dir)  # now cached, with the same finding
    assert stats2.repo_hits == 1 and again.diagnostics == summary.diagnostics
    # an edited repository also gets per-file entries: the next edit reloads one file only
    target.write_text(target.read_text(encoding="utf-8").replace("Dinkominfo", "Diskominfo"), encoding="utf-8")
    fixed, stats3 = _check(repo, cache_dir)
    assert fixed.ok and stats3.file_misses == 1 and stats3.file_hits == _yaml_count(repo) - 1


def test_a_prose_file_appearing_or_vanishing_invalidates_the_result(repo, cache_dir):
    first, _ = _check(repo, cache_dir)
    assert first.ok
    (repo / "narasi" / "latar-belakang.md").unlink()
    gone, stats = _check(repo, cache_dir)
    assert stats.repo_misses == 1 and [d.code for d in gone.diagnostics] == ["KC027"]
    (repo / "narasi" / "latar-belakang.md").write_text("# Latar belakang\n", encoding="utf-8")
    back, stats = _check(repo, cache_dir)
    assert stats.repo_misses == 1 and back.ok


def test_a_stray_yaml_file_invalidates_the_result(repo, cache_dir):
    _check(repo, cache_dir)
    (repo / "catatan.yaml").write_text("a: 1\n", encoding="utf-8")
    summary, stats = _check(repo, cache_dir)
    assert stats.repo_misses == 1 and [d.code for d in summary.diagnostics] == ["KC008"]


def test_repository_with_a_symlink_is_never_result_cached(repo, cache_dir):
    (repo / "programmes" / "link.yaml").symlink_to("qw-1.yaml")
    first, _ = _check(repo, cache_dir)
    second, stats = _check(repo, cache_dir)
    assert stats.repo_hits == 0 and not second.cached
    assert second.diagnostics == first.diagnostics


def test_another_build_misses_the_result(repo, cache_dir):
    _check(repo, cache_dir)
    cache = Cache(cache_dir, salt="another-build")
    check_repository(repo, ".", cache)
    assert cache.stats.repo_misses == 1 and cache.stats.repo_hits == 0


# --- the command line --------------------------------------------------------------------------------------------

def _run(*args, cache_dir: Path, cwd=None):
    return run_cli(*args, cwd=cwd, env={"KOTACERDAS_CACHE_DIR": str(cache_dir)})


def test_cli_caches_outside_the_repository_and_no_cache_writes_nothing(repo, tmp_path):
    cache_dir = tmp_path / "cache"
    before = sorted(p.relative_to(repo) for p in repo.rglob("*"))
    r = _run("validate", repo, "--no-cache", cache_dir=cache_dir)
    assert r.returncode == 0, r.stdout + r.stderr
    assert not cache_dir.exists()
    r = _run("validate", repo, cache_dir=cache_dir)
    assert r.returncode == 0 and "is valid" in r.stdout
    assert (cache_dir / "CACHEDIR.TAG").is_file() and list(cache_dir.rglob("*.pkl"))
    assert sorted(p.relative_to(repo) for p in repo.rglob("*")) == before  # nothing written in the repository


def test_cli_with_an_unwritable_cache_still_validates(repo, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    r = _run("validate", repo, cache_dir=blocker / "cache")
    assert r.returncode == 0 and "Traceback" not in r.stderr
