"""Day one, CI: a fresh `init` repository is green in its own CI, and on a pull/merge request the CI
compares with the target branch and posts `kotacerdas diff`'s Markdown report. The scaffold's CI commands
are run as the runner's shell would run them (bash, kotacerdas on PATH), in real git clones."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

BIN = Path(sys.executable).parent  # this kotacerdas, as the CI's install step would have put it on PATH


@pytest.fixture
def fresh(fresh_repo: Path) -> Path:
    return fresh_repo


def shell_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "CI_", "KOTACERDAS_GITLAB"))}
    env.update(PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}", NO_COLOR="1", GIT_AUTHOR_NAME="Operator",
               GIT_AUTHOR_EMAIL="op@example.org", GIT_COMMITTER_NAME="Operator", GIT_COMMITTER_EMAIL="op@example.org",
               KOTACERDAS_CACHE_DIR=str(tmp_path / "cache"))
    env.update(extra)
    return env


def sh(command: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-eo", "pipefail", "-c", command], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300)


def github_steps(repo: Path) -> list[dict]:
    return yaml.safe_load((repo / ".github" / "workflows" / "kotacerdas.yml").read_text())["jobs"]["check"]["steps"]


def gitlab_jobs(repo: Path) -> dict:
    pipeline = yaml.safe_load((repo / ".gitlab-ci.yml").read_text())
    return {k: v for k, v in pipeline.items() if k.startswith("kotacerdas-")}


def test_a_fresh_repository_passes_every_check_of_its_github_workflow(fresh, tmp_path):
    env = shell_env(tmp_path, GITHUB_ACTIONS="true")
    checks = [s for s in github_steps(fresh) if "run" in s and "pip install" not in s["run"]
              and "pull_request" not in s.get("if", "")]
    assert [s["name"] for s in checks] == ["Validate", "Lint", "Format check"]
    for step in checks:
        done = sh(step["run"], fresh, env)
        assert done.returncode == 0, (step["name"], done.stdout[-3000:], done.stderr)
    lint = sh(next(s["run"] for s in checks if s["name"] == "Lint"), fresh, env)
    assert "::warning file=dimensions/branding.yaml" in lint.stdout  # annotations name what to fill
    assert "::error" not in lint.stdout


def test_a_fresh_repository_passes_every_job_of_its_gitlab_pipeline(fresh, tmp_path):
    env = shell_env(tmp_path, GITLAB_CI="true")
    jobs = gitlab_jobs(fresh)
    branch_jobs = {name: job for name, job in jobs.items() if "rules" not in job}
    assert sorted(branch_jobs) == ["kotacerdas-fmt", "kotacerdas-lint", "kotacerdas-validate"]
    for name, job in branch_jobs.items():
        for line in job["script"]:
            done = sh(line, fresh, env)
            assert done.returncode == 0, (name, line, done.stdout[-3000:], done.stderr)
        for report in job.get("artifacts", {}).get("reports", {}).values():
            assert (fresh / report).read_text().startswith("<?xml")  # the JUnit report the MR shows


def _published(tmp_path: Path, fresh: Path, env: dict) -> Path:
    """A bare 'origin' holding main (the fresh repository), and a clone on a branch that changes the plan."""
    origin = tmp_path / "origin.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(origin)], check=True)
    for command in ("git init -q -b main", "git add -A", "git commit -q -m 'Kerangka masterplan'",
                    f"git remote add origin {origin}", "git push -q origin main"):
        assert sh(command, fresh, env).returncode == 0, command
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(origin), str(clone)], check=True, env=env)
    plan = clone / "plan.yaml"
    plan.write_text(plan.read_text().replace("[ISI] Rumusan visi smart city Kabupaten Garut",
                                             "Garut cerdas, melayani dan berdaya saing"))
    for command in ("git checkout -q -b visi", "git commit -q -am 'Rumusan visi'"):
        assert sh(command, clone, env).returncode == 0, command
    return clone


def test_on_a_pull_request_the_workflow_writes_the_diff_report_into_the_job_summary(fresh, tmp_path):
    clone = _published(tmp_path, fresh, shell_env(tmp_path))
    summary = tmp_path / "summary.md"
    env = shell_env(tmp_path, GITHUB_ACTIONS="true", GITHUB_EVENT_NAME="pull_request", GITHUB_BASE_REF="main",
                    GITHUB_STEP_SUMMARY=str(summary))
    steps = github_steps(fresh)
    checkout = steps[0]
    assert checkout["uses"].startswith("actions/checkout@") and checkout["with"]["fetch-depth"] == 0
    [diff] = [s for s in steps if s.get("name") == "Changes against the target branch"]
    assert "pull_request" in diff["if"]
    done = sh(diff["run"], clone, env)
    assert done.returncode == 0, done.stderr
    report = summary.read_text()
    assert report.startswith("#") and "Garut cerdas, melayani dan berdaya saing" in report
    assert "visi" in report
    [post] = [s for s in steps if s.get("name") == "Post the changes on the pull request"]
    assert post["run"] == "kotacerdas ci-comment kotacerdas-diff.md"  # tests/test_ci_comment.py
    assert post["env"]["GITHUB_TOKEN"] == "${{ github.token }}"  # GitHub's expression, not eaten by the template
    workflow = yaml.safe_load((fresh / ".github" / "workflows" / "kotacerdas.yml").read_text())
    assert workflow["permissions"]["pull-requests"] == "write"


def test_on_a_merge_request_the_pipeline_writes_the_diff_report_it_links(fresh, tmp_path):
    clone = _published(tmp_path, fresh, shell_env(tmp_path))
    opd = fresh / "opd.yaml"  # meanwhile main moves on: not a change of this merge request
    opd.write_text(opd.read_text().replace("Dinas Perhubungan", "Dinas Perhubungan dan Transportasi"))
    for command in ("git commit -q -am 'Nama Dishub'", "git push -q origin main"):
        assert sh(command, fresh, shell_env(tmp_path)).returncode == 0, command
    job = gitlab_jobs(fresh)["kotacerdas-diff"]
    assert job["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    assert job["artifacts"]["expose_as"] == "kotacerdas diff" and job["variables"]["GIT_DEPTH"] == "0"
    env = shell_env(tmp_path, GITLAB_CI="true", CI_MERGE_REQUEST_TARGET_BRANCH_NAME="main", CI_PROJECT_ID="1",
                    CI_MERGE_REQUEST_IID="3", CI_API_V4_URL="http://127.0.0.1:1/api/v4")
    for line in job["script"]:  # without KOTACERDAS_GITLAB_TOKEN ci-comment warns, and nothing fails
        done = sh(line, clone, env)
        assert done.returncode == 0, (line, done.stderr)
    report = (clone / "kotacerdas-diff.md").read_text()
    assert "Garut cerdas, melayani dan berdaya saing" in report
    assert "Transportasi" not in report


def test_gitattributes_send_every_yaml_file_through_the_diff_driver(fresh, tmp_path):
    env = shell_env(tmp_path)
    for command in ("git init -q -b main", "git add -A", "git commit -q -m init",
                    'git config diff.kotacerdas.textconv "kotacerdas diff --textconv"'):
        assert sh(command, fresh, env).returncode == 0, command
    attr = sh("git check-attr diff plan.yaml dimensions/living.yaml README.md", fresh, env).stdout
    assert attr.splitlines() == ["plan.yaml: diff: kotacerdas", "dimensions/living.yaml: diff: kotacerdas",
                                 "README.md: diff: unspecified"]
    opd = fresh / "opd.yaml"
    opd.write_text(opd.read_text().replace("# Daftar perangkat daerah", "# Daftar OPD"))  # a comment only
    assert sh("git diff opd.yaml", fresh, env).stdout == ""  # the driver sees no planning change
    assert "+# Daftar OPD" in sh("git diff --no-textconv opd.yaml", fresh, env).stdout
