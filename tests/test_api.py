"""kotacerdas.api, the one core under the commands: a repository or a tree is opened and loaded once, results
are data, nothing prints; and the defects that came from every command orchestrating itself stay fixed."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kotacerdas import api
from kotacerdas.diagnostics import Severity

from .conftest import KOTACERDAS, ROOT

GARUT = ROOT / "examples" / "garut"


def _files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def test_open_validate_lint_render_return_data_and_print_nothing(example_copy, tmp_path, capsys):
    repo = api.open(example_copy("garut"), api.Options(cache=False, as_of=__import__("datetime").date(2026, 12, 2)))
    assert isinstance(repo, api.Repo)
    validation = repo.validate()
    assert validation.ok and validation is repo.validate()  # loaded once
    findings = repo.lint()
    assert findings.validation is validation and not findings.fails(Severity.ERROR)
    outcome = repo.render(["md", "html"], tmp_path / "site")
    assert outcome.ok and outcome.status == "written"
    assert [f.format for f in outcome.formats] == ["md", "html"]
    assert outcome.formats[0].files and set(outcome.formats[0].files) <= set(outcome.formats[0].written)
    checked = repo.render(["md", "html"], tmp_path / "site", check=True)
    assert checked.ok and checked.differences == []
    assert capsys.readouterr() == ("", "")


def test_wrong_usage_is_an_exception_with_a_message_not_an_exit(tmp_path):
    with pytest.raises(api.UsageError, match="no such folder"):
        api.open(tmp_path / "nothing")
    with pytest.raises(api.UsageError, match="unknown language"):
        api.Options(lang="fr")
    repo = api.open(GARUT)
    with pytest.raises(api.UsageError, match="repository's own folder"):
        repo.render(["md"], GARUT)


def test_the_api_never_imports_typer_or_rich(tmp_path):
    code = ("import sys; from kotacerdas import api; r = api.open(sys.argv[1], api.Options(cache=False)); "
            "assert r.validate().ok; r.lint(); r.render(['html'], sys.argv[2]); "
            "bad = [m for m in ('typer', 'rich', 'click') if m in sys.modules]; assert not bad, bad")
    done = subprocess.run([sys.executable, "-c", code, str(GARUT), str(tmp_path / "o")], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr


# --- the defects of commands that each loaded and read on their own ------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_render_does_not_hang_on_a_named_pipe_in_the_repository(example_copy, tmp_path):
    """validate reported the pipe; render then read it again through its own reader and blocked for ever.
    (A process: a hang must end in the test's timeout, not stop the suite.)"""
    repo = example_copy("garut")
    os.mkfifo(repo / "programmes" / "pipa.yaml")
    done = subprocess.run([str(KOTACERDAS), "render", str(repo), "--out", str(tmp_path / "o"), "--no-cache"],
                          capture_output=True, text=True, timeout=60, env={**os.environ, "NO_COLOR": "1"})
    assert done.returncode == 1
    assert "programmes/pipa.yaml:1:1: error KC007 not a regular file" in done.stderr
    assert not (tmp_path / "o").exists()


def test_tree_render_does_not_hang_on_a_member_whose_plan_is_a_named_pipe(example_copy, tmp_path):
    """A tree render orders provinces after their members by a cheap read of each plan.yaml; that read
    opened a named pipe and blocked for ever. (A process: a hang must end in the test's timeout.)"""
    tree = tmp_path / "tree"
    tree.mkdir()
    example_copy("garut", "tree/garut")
    member = example_copy("garut", "tree/pipa")
    (member / "plan.yaml").unlink()
    os.mkfifo(member / "plan.yaml")
    done = subprocess.run([str(KOTACERDAS), "render", str(tree), "--out", str(tmp_path / "o"), "--no-cache"],
                          capture_output=True, text=True, timeout=120, env={**os.environ, "NO_COLOR": "1"})
    assert done.returncode == 1, done.stderr
    assert "plan.yaml:1:1: error KC007 not a regular file" in done.stdout + done.stderr


def test_render_never_shows_a_line_of_a_file_outside_the_repository(example_copy, tmp_path, cli):
    secret = tmp_path / "outside.yaml"
    secret.write_text("password: hunter2-rahasia\n", encoding="utf-8")
    repo = example_copy("garut")
    (repo / "programmes" / "tautan.yaml").symlink_to(secret)
    ran = cli("render", repo, "--out", tmp_path / "o", "--no-cache")
    assert ran.returncode == 1 and "KC007" in ran.stderr and "tautan.yaml" in ran.stderr
    assert "hunter2" not in ran.stdout + ran.stderr
    for command in ("validate", "lint"):
        shown = cli(command, repo, "--no-cache")
        assert shown.returncode == 1 and "hunter2" not in shown.stdout + shown.stderr


def test_source_lines_are_read_only_from_regular_files_inside_the_repository(example_copy, tmp_path):
    from kotacerdas.repository import guarded_line

    repo = example_copy("garut")
    (tmp_path / "outside.yaml").write_text("secret: 1\n", encoding="utf-8")
    (repo / "keluar.yaml").symlink_to(tmp_path / "outside.yaml")
    assert guarded_line(repo, "keluar.yaml", 1, 1 << 20) == ""
    assert guarded_line(repo, "../outside.yaml", 1, 1 << 20) == ""
    assert guarded_line(repo, "plan.yaml", 1, 1 << 20) == (repo / "plan.yaml").read_text().splitlines()[0]
    assert guarded_line(repo, "plan.yaml", 1, 3) == (repo / "plan.yaml").read_text()[:3]  # bounded
    os.mkfifo(repo / "pipa.yaml")
    assert guarded_line(repo, "pipa.yaml", 1, 1 << 20) == ""  # returns at once: never opened to read


def test_no_cache_writes_no_cache_entry_for_one_repository_or_a_tree(example_copy, tmp_path, cli, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("KOTACERDAS_CACHE_DIR", str(cache))
    garut = example_copy("garut", "tree/garut")
    example_copy("tuban", "tree/tuban")
    for args in (["validate", garut], ["lint", garut], ["render", garut, "--out", tmp_path / "a"],
                 ["validate", garut.parent], ["lint", garut.parent], ["render", garut.parent, "--out", tmp_path / "b"]):
        ran = cli(*args, "--no-cache", env={"KOTACERDAS_CACHE_DIR": str(cache)})
        assert ran.returncode in (0, 1), ran.stderr
        assert _files(cache) == [], f"{args[0]} --no-cache wrote {_files(cache)}"
    assert cli("render", garut.parent, "--out", tmp_path / "c", env={"KOTACERDAS_CACHE_DIR": str(cache)}).returncode == 0  # noqa: E501
    assert _files(cache), "the cache is used when it is not turned off"


def _count_loads(monkeypatch) -> list[str]:
    from kotacerdas import repository, validate
    from kotacerdas.diff import sources

    seen: list[str] = []
    real = repository.load_repository

    def counting(root, *a, **kw):
        seen.append(Path(root).resolve().as_posix())
        return real(root, *a, **kw)

    monkeypatch.setattr(validate, "load_repository", counting)
    monkeypatch.setattr(sources, "load_repository", counting)
    return seen


def test_a_tree_render_loads_each_repository_once(example_copy, tmp_path, monkeypatch):
    example_copy("garut", "tree/garut")
    example_copy("tuban", "tree/tuban")
    seen = _count_loads(monkeypatch)
    done = api.open(tmp_path / "tree", api.Options(cache=False, parallel=False)).render(["md"], tmp_path / "o")
    assert done.ok and len(done.outcomes) == 2
    assert sorted(seen) == sorted({*seen}) and len(seen) == 2, seen


def test_render_changes_since_loads_the_working_tree_once(tmp_path, monkeypatch):
    from .diff.gitrepo import GitRepo

    repo = GitRepo(tmp_path / "g", "garut")
    repo.commit("first")
    (repo.plan / "plan.yaml").write_text((repo.plan / "plan.yaml").read_text() + "\n", encoding="utf-8")
    seen = _count_loads(monkeypatch)
    monkeypatch.chdir(repo.plan)
    outcome = api.open(".", api.Options(cache=False)).render(["md"], tmp_path / "o", changes_since="HEAD")
    assert outcome.ok
    assert len(seen) == 1, seen
    assert any("riwayat-perubahan" in name for name in outcome.formats[0].files)


def test_cache_entries_read_every_day_are_not_pruned(example_copy, tmp_path):
    """docs/scale.md says entries unused for 30 days are removed; they were removed by the age of the write."""
    from kotacerdas.scale import Cache

    repo = example_copy("garut")
    cache = Cache(tmp_path / "c")
    api_options = api.Options(cache_dir=tmp_path / "c")
    api.Repo(repo, api_options).validate()  # stores the files' entries
    entries = sorted((tmp_path / "c").rglob("*.pkl"))
    assert entries
    old = time.time() - 40 * 24 * 3600
    for e in entries:
        os.utime(e, (old, old))
    api.Repo(repo, api_options).validate()  # read today
    cache.prune()
    assert all(e.exists() for e in entries), "an entry read today was pruned"
    for e in entries:
        os.utime(e, (old, old))
    cache.prune()
    assert not any(e.exists() for e in entries), "an entry unused for 40 days was kept"
