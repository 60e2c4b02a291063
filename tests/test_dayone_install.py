"""Day one, installing: `init` writes an install line for a kotacerdas that exists (where pip recorded the
running one came from, PEP 610), and the whole first day works in a fresh virtual environment: the
scaffold's own install line, validate, lint, and a commit through the scaffold's pre-commit hooks."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest
import yaml

from kotacerdas import __version__
from kotacerdas.scaffold.provenance import from_direct_url, running

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

COMMIT = "4f1c2d3e4f1c2d3e4f1c2d3e4f1c2d3e4f1c2d3e"


@pytest.mark.parametrize("record,requirement,source,local", [
    (None, f"kotacerdas=={__version__}", "index", False),
    ({"url": "https://github.com/ORG/kotacerdas", "vcs_info": {"vcs": "git", "commit_id": COMMIT,
                                                               "requested_revision": "main"}},
     f"git+https://github.com/ORG/kotacerdas@{COMMIT}", "vcs", False),  # the commit, never the moving branch
    ({"url": "https://gitlab.com/ORG/tools.git", "subdirectory": "kotacerdas",
      "vcs_info": {"vcs": "git", "commit_id": COMMIT}},
     f"git+https://gitlab.com/ORG/tools.git@{COMMIT}#subdirectory=kotacerdas", "vcs", False),
    ({"url": "file:///home/ana/kotacerdas", "dir_info": {"editable": True}},
     "file:///home/ana/kotacerdas", "directory", True),
    ({"url": "file:///srv/wheels/kotacerdas-0.1.0-py3-none-any.whl",
      "archive_info": {"hashes": {"sha256": "ab" * 32}}},
     f"file:///srv/wheels/kotacerdas-0.1.0-py3-none-any.whl#sha256={'ab' * 32}", "archive", True),
    ({"url": "https://example.org/kotacerdas-0.1.0.tar.gz", "archive_info": {}},
     "https://example.org/kotacerdas-0.1.0.tar.gz", "archive", False),
])
def test_pip_records_become_one_requirement(record, requirement, source, local):
    found = from_direct_url(record, __version__)
    assert (found.requirement, found.source, found.local) == (requirement, source, local)


def test_the_running_kotacerdas_is_named_as_pip_installed_it():
    raw = metadata.distribution("kotacerdas").read_text("direct_url.json")
    found = running()
    assert found is not None
    if raw is None:
        assert found.requirement == f"kotacerdas=={__version__}"
    else:
        assert found.requirement.startswith(json.loads(raw)["url"])


def test_init_writes_that_requirement_everywhere_and_says_when_ci_cannot_reach_it(tmp_path, cli):
    found = running()
    assert found is not None
    r = cli("init", tmp_path / "g", "-c", "32.05", "-n", "Kabupaten Garut")
    assert r.returncode == 0, r.stderr
    assert f"pip install {found.requirement}" in r.stdout
    assert ("is a path on this computer" in r.stderr) == found.local
    repo = tmp_path / "g"
    workflow = yaml.safe_load((repo / ".github" / "workflows" / "kotacerdas.yml").read_text())
    [install] = [s["run"] for s in workflow["jobs"]["check"]["steps"] if s.get("name") == "Install kotacerdas"]
    assert shlex.split(install) == ["python", "-m", "pip", "install", found.requirement]
    hooks = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text())["repos"][0]["hooks"]
    assert all(h["additional_dependencies"] == [found.requirement] for h in hooks)
    assert f"pip install {found.requirement}" in (repo / "README.md").read_text()


def _git(repo: Path, *args: str, env: dict, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, timeout=600,
                          check=check)


def test_day_one_in_a_fresh_virtual_environment(tmp_path, cli):
    """init; the workflow's own install line in a new venv; validate and lint pass with what it installed;
    a commit runs the scaffold's pre-commit hooks (which install kotacerdas themselves); a new OPD in
    opd.yaml makes the schema hook rebuild schemas/, and the next commit passes."""
    found = running()
    if found is None or found.source not in ("directory", "archive"):
        pytest.skip("the fresh install needs this kotacerdas as a local folder or wheel (no other network here)")
    repo = tmp_path / "garut"
    assert cli("init", repo, "-c", "32.05", "-n", "Kabupaten Garut", "--period", "2025-2029").returncode == 0
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PYTHON", "KOTACERDAS_DEBUG"))}
    env.update(PATH=f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}", PRE_COMMIT_HOME=str(tmp_path / "pc"),
               GIT_AUTHOR_NAME="Operator", GIT_AUTHOR_EMAIL="op@example.org", GIT_COMMITTER_NAME="Operator",
               GIT_COMMITTER_EMAIL="op@example.org", NO_COLOR="1", KOTACERDAS_CACHE_DIR=str(tmp_path / "cache"))
    workflow = yaml.safe_load((repo / ".github" / "workflows" / "kotacerdas.yml").read_text())
    [install] = [s["run"] for s in workflow["jobs"]["check"]["steps"] if s.get("name") == "Install kotacerdas"]
    done = subprocess.run(["bash", "-c", install], cwd=repo, env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    installed = venv / "bin" / "kotacerdas"
    assert installed.exists()
    for command in (["validate", "."], ["lint", "."]):
        ran = subprocess.run([str(installed), *command], cwd=repo, env=env, capture_output=True, text=True, timeout=300)
        assert ran.returncode == 0, ran.stdout[-3000:] + ran.stderr
    assert "Work list:" in ran.stdout

    _git(repo, "init", "-q", "-b", "main", env=env)
    hook = subprocess.run([str(BIN / "pre-commit"), "install"], cwd=repo, env=env, capture_output=True, text=True,
                          timeout=300)
    assert hook.returncode == 0, hook.stderr
    _git(repo, "add", "-A", env=env)
    first = _git(repo, "commit", "-m", "Kerangka masterplan", env=env, check=False)
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]
    assert "kotacerdas validate" in first.stdout + first.stderr  # the hooks ran

    opd = repo / "opd.yaml"
    opd.write_text(opd.read_text() + "  - id: Disnaker\n    name: Dinas Tenaga Kerja\n")
    _git(repo, "add", "opd.yaml", env=env)
    blocked = _git(repo, "commit", "-m", "OPD baru", env=env, check=False)
    assert blocked.returncode != 0  # the schema hook rewrote schemas/: pre-commit asks to add them
    owner = json.loads((repo / "schemas" / "programme.schema.json").read_text())["properties"]["owner"]
    assert "Disnaker" in next(p for p in owner.get("anyOf", [owner]) if "enum" in p)["enum"]
    _git(repo, "add", "-A", env=env)
    second = _git(repo, "commit", "-m", "OPD baru", env=env, check=False)
    assert second.returncode == 0, second.stdout[-3000:] + second.stderr[-3000:]


def test_without_a_record_of_where_it_came_from_init_asks_for_install(tmp_path, cli, monkeypatch):
    """Run from a source folder that pip never installed, kotacerdas cannot name itself: init says to give
    --install and writes nothing (there is no installed distribution to read, so the lookup is replaced)."""
    from kotacerdas.scaffold import provenance

    def not_installed(name: str):
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(provenance.metadata, "distribution", not_installed)
    r = cli("init", tmp_path / "g", "-c", "32.05", "-n", "Kabupaten Garut")
    assert r.returncode == 2 and "give --install" in r.stderr and not (tmp_path / "g").exists()
    ok = cli("init", tmp_path / "g", "-c", "32.05", "-n", "Kabupaten Garut", "--install", "kotacerdas==0.1.0")
    assert ok.returncode == 0
