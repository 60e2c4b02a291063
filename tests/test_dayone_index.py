"""Day one from a private package index: pip records no direct_url.json for a kotacerdas installed from an
index, so `init` names the indexes pip is configured for (without credentials) in the install line; end to
end with a PEP 503 index folder in tmp_path and two fresh virtual environments."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from kotacerdas import __version__
from kotacerdas.scaffold import pip_command_line
from kotacerdas.scaffold.provenance import Provenance, pip_indexes, with_indexes

ROOT = Path(__file__).resolve().parent.parent
INDEX = Provenance(f"kotacerdas=={__version__}", "index")


def test_pip_configuration_files_and_environment_name_the_index(tmp_path):
    system, user = tmp_path / "pip.conf", tmp_path / "user.conf"
    system.write_text("[global]\nindex-url = https://pypi.org/simple\nextra_index_url = https://a.example/simple\n")
    user.write_text("[install]\nindex-url = https://ana:s3cret@devpi.garutkab.go.id/root/pemda/+simple/\n"
                    "[global]\nindex-url = https://ignored.example/simple\n")
    assert pip_indexes({}, [system, user]) == ("https://ana:s3cret@devpi.garutkab.go.id/root/pemda/+simple/",
                                               ["https://a.example/simple"])
    env = {"PIP_INDEX_URL": "https://nexus.example/repository/pypi/simple",
           "PIP_EXTRA_INDEX_URL": "https://pypi.org/simple https://b.example/simple"}
    assert pip_indexes(env, [system, user]) == ("https://nexus.example/repository/pypi/simple",
                                                ["https://pypi.org/simple", "https://b.example/simple"])
    assert pip_indexes({}, [tmp_path / "missing.conf"]) == (None, [])


def test_a_private_index_goes_into_the_install_line_without_its_credentials(tmp_path):
    conf = tmp_path / "pip.conf"
    conf.write_text("[global]\nindex-url = https://ana:s3cret@devpi.garutkab.go.id/simple/\n"
                    "extra-index-url = https://pypi.org/simple\n")
    found = with_indexes(INDEX, {}, [conf])
    assert found.pip_args == ["--index-url", "https://devpi.garutkab.go.id/simple/",
                              "--extra-index-url", "https://pypi.org/simple", f"kotacerdas=={__version__}"]
    assert found.credentials and not found.local
    assert pip_command_line(found, ci=True).startswith('--index-url "${PIP_INDEX_URL:-https://devpi.garutkab.go.id')
    gitlab = "https://gitlab.example/api/v4/projects/7/packages/pypi/simple"
    only_extra = with_indexes(INDEX, {"PIP_EXTRA_INDEX_URL": gitlab}, [])
    assert only_extra.pip_args[:2] == ["--extra-index-url", gitlab] and only_extra.index_url is None
    assert with_indexes(INDEX, {"PIP_INDEX_URL": "https://pypi.org/simple/"}, []) == INDEX  # PyPI: nothing to add


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
                   check=True, capture_output=True, timeout=600)
    [built] = out.glob("kotacerdas-*.whl")
    return built


def _clean_env(tmp_path: Path, venv: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PYTHON", "KOTACERDAS_DEBUG",
                                                                  "PIP_INDEX_URL"))}
    env.update(PATH=f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}", NO_COLOR="1",
               KOTACERDAS_CACHE_DIR=str(tmp_path / "cache"))
    return env


def test_init_from_a_private_index_writes_a_line_that_installs_from_it(tmp_path, wheel):
    """The wheel in a PEP 503 folder index; venv A installs kotacerdas from it (no direct_url.json) and runs
    init with PIP_INDEX_URL pointing at it; the workflow's install line, run in a fresh venv B without
    PIP_INDEX_URL, installs kotacerdas from that index (its dependencies from this machine's own indexes,
    configured as extra indexes), and `kotacerdas --version` works."""
    simple = tmp_path / "simple" / "kotacerdas"
    simple.mkdir(parents=True)
    (simple / wheel.name).write_bytes(wheel.read_bytes())
    (simple / "index.html").write_text(f'<!DOCTYPE html><html><body><a href="{wheel.name}">{wheel.name}</a>'
                                       "</body></html>\n")
    index_url = (tmp_path / "simple").as_uri() + "/"
    real, extras = pip_indexes(os.environ)  # the index this machine installs from (pip's default: PyPI)
    venvs = {}
    for name in ("a", "b"):
        venvs[name] = tmp_path / name
        subprocess.run([sys.executable, "-m", "venv", str(venvs[name])], check=True, timeout=300)
    env_a = _clean_env(tmp_path, venvs["a"])
    env_a["PIP_INDEX_URL"] = index_url  # kotacerdas from the private index; its dependencies from the real one
    env_a["PIP_EXTRA_INDEX_URL"] = " ".join([real or "https://pypi.org/simple", *extras])
    done = subprocess.run([str(venvs["a"] / "bin" / "python"), "-m", "pip", "install", "-q",
                           f"kotacerdas=={__version__}"],
                          env=env_a, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    repo = tmp_path / "garut"
    init = subprocess.run([str(venvs["a"] / "bin" / "kotacerdas"), "init", str(repo), "-c", "32.05", "-n",
                           "Kabupaten Garut"], env=env_a, capture_output=True, text=True, timeout=300)
    assert init.returncode == 0, init.stderr
    assert f"--index-url {index_url}" in init.stdout
    assert "is a path on this computer" in init.stderr  # a file:// index: a CI runner cannot reach it

    workflow = yaml.safe_load((repo / ".github" / "workflows" / "kotacerdas.yml").read_text())
    [step] = [s for s in workflow["jobs"]["check"]["steps"] if s.get("name") == "Install kotacerdas"]
    assert step["env"]["PIP_INDEX_URL"] == "${{ secrets.PIP_INDEX_URL }}"
    assert shlex.split(step["run"])[:5] == ["python", "-m", "pip", "install", "--index-url"]
    gitlab = (repo / ".gitlab-ci.yml").read_text()
    assert "Credentials come from a CI secret" in gitlab and f"${{PIP_INDEX_URL:-{index_url}}}" in gitlab

    env_b = _clean_env(tmp_path, venvs["b"])
    installed = subprocess.run(["bash", "-c", step["run"]], cwd=repo, env=env_b, capture_output=True, text=True,
                               timeout=900)
    assert installed.returncode == 0, installed.stdout[-2000:] + installed.stderr[-2000:]
    version = subprocess.run([str(venvs["b"] / "bin" / "kotacerdas"), "--version"], env=env_b, capture_output=True,
                             text=True, timeout=60)
    assert version.stdout.strip() == f"kotacerdas {__version__}"
    assert f"--index-url {index_url}" in (repo / "README.md").read_text()
