"""`kotacerdas ci-comment REPORT.md`: the diff report as ONE comment on the pull/merge request, edited on the
next push; against a real HTTP server on 127.0.0.1 that answers as GitHub's and GitLab's APIs do."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

from kotacerdas.cicomment import MARKER

CI_VARS = ("GITHUB_ACTIONS", "GITHUB_API_URL", "GITHUB_REPOSITORY", "GITHUB_TOKEN", "GH_TOKEN", "GITHUB_EVENT_PATH",
           "GITHUB_REF", "GITLAB_CI", "CI_API_V4_URL", "CI_PROJECT_ID", "CI_MERGE_REQUEST_IID",
           "KOTACERDAS_GITLAB_TOKEN")


class Forge:
    """Comments per pull/merge request, as the two APIs list, create and update them."""

    def __init__(self) -> None:
        self.comments: list[dict] = [{"id": 7, "body": "Looks good to me"}]
        self.next_id = 100
        self.refuse: int | None = None  # answer every call with this status
        self.requests: list[tuple[str, str, dict]] = []


def _handler(forge: Forge):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def _answer(self, status: int, payload) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _handle(self, method: str) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            self.server.seen.append((method, self.path, self.headers, raw))  # type: ignore[attr-defined]
            if forge.refuse:
                return self._answer(forge.refuse, {"message": "Resource not accessible by integration"})
            path = self.path.split("?")[0]
            gh_list = path == "/gh/repos/pemda/garut/issues/12/comments"
            gl_list = path == "/gl/api/v4/projects/42/merge_requests/5/notes"
            if method == "GET" and (gh_list or gl_list):
                page = int(self.path.split("page=")[-1]) if "&page=" in self.path else 1
                return self._answer(200, forge.comments if page == 1 else [])
            body = json.loads(raw)["body"] if raw else None
            if method == "POST" and (gh_list or gl_list):
                forge.next_id += 1
                comment = {"id": forge.next_id, "body": body, "html_url": f"https://example.org/c/{forge.next_id}"}
                forge.comments.append(comment)
                return self._answer(201, comment)
            for comment in forge.comments:
                if (method == "PATCH" and path == f"/gh/repos/pemda/garut/issues/comments/{comment['id']}") or \
                        (method == "PUT" and path == f"/gl/api/v4/projects/42/merge_requests/5/notes/{comment['id']}"):
                    comment["body"] = body
                    return self._answer(200, comment)
            return self._answer(404, {"message": "Not Found"})

        def do_GET(self) -> None:
            self._handle("GET")

        def do_POST(self) -> None:
            self._handle("POST")

        def do_PATCH(self) -> None:
            self._handle("PATCH")

        def do_PUT(self) -> None:
            self._handle("PUT")

    return Handler


@pytest.fixture
def forge():
    state = Forge()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.seen = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}"  # type: ignore[attr-defined]
    state.seen = server.seen  # type: ignore[attr-defined]
    yield state
    server.shutdown()
    server.server_close()


def _env(**values: str) -> dict[str, str | None]:
    env: dict[str, str | None] = dict.fromkeys(CI_VARS)
    env.update(values)
    return env


def _github(forge, tmp_path: Path, **extra: str) -> dict[str, str | None]:
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"pull_request": {"number": 12}}))
    values = dict(GITHUB_ACTIONS="true", GITHUB_API_URL=f"{forge.url}/gh", GITHUB_REPOSITORY="pemda/garut",
                  GITHUB_TOKEN="ghs_secret", GITHUB_EVENT_PATH=str(event), GITHUB_REF="refs/pull/12/merge")
    values.update(extra)
    return _env(**values)


def _gitlab(forge, **extra: str) -> dict[str, str | None]:
    values = dict(GITLAB_CI="true", CI_API_V4_URL=f"{forge.url}/gl/api/v4", CI_PROJECT_ID="42",
                  CI_MERGE_REQUEST_IID="5", KOTACERDAS_GITLAB_TOKEN="glpat-secret")
    values.update(extra)
    return _env(**values)


REPORT = ('# Perubahan\n\n- visi: "Garut cerdas" → \'Garut berdaya\' \\ `kode` <b>&amp;</b> 🏙️\n'
          '- kutip "ganda", baris\tber-tab, \u202e arah\n')


@pytest.mark.parametrize("platform", ["github", "gitlab"])
def test_first_post_creates_the_comment_the_second_edits_it(platform, forge, tmp_path, cli):
    env = _github(forge, tmp_path) if platform == "github" else _gitlab(forge)
    report = tmp_path / "kotacerdas-diff.md"
    report.write_text(REPORT, encoding="utf-8")
    first = cli("ci-comment", report, env=env)
    assert first.returncode == 0, first.stderr
    assert "Posted the report" in first.stdout
    [ours] = [c for c in forge.comments if c["id"] != 7]
    assert ours["body"] == f"{MARKER}\n{REPORT}"  # every character arrives as written (JSON)

    report.write_text("# Perubahan\n\nTidak ada perubahan.\n", encoding="utf-8")
    second = cli("ci-comment", report, env=env)
    assert second.returncode == 0, second.stderr
    assert "Updated the kotacerdas comment" in second.stdout
    assert [c["id"] for c in forge.comments] == [7, ours["id"]]  # the same comment, edited; no new one
    assert forge.comments[1]["body"] == f"{MARKER}\n# Perubahan\n\nTidak ada perubahan.\n"
    assert forge.comments[0] == {"id": 7, "body": "Looks good to me"}  # the reviewer's comment untouched
    methods = [m for m, *_ in forge.seen]
    assert methods == ["GET", "POST", "GET", "PATCH" if platform == "github" else "PUT"]
    headers = forge.seen[1][2]
    if platform == "github":
        assert headers["Authorization"] == "Bearer ghs_secret"
    else:
        assert headers["PRIVATE-TOKEN"] == "glpat-secret"
    assert headers["Content-Type"].startswith("application/json")
    forge.seen[1][3].decode("ascii")  # the body is ASCII JSON whatever the report holds


def test_the_pull_request_number_comes_from_github_ref_without_an_event_file(forge, tmp_path, cli):
    report = tmp_path / "r.md"
    report.write_text("# x\n")
    env = _github(forge, tmp_path, GITHUB_EVENT_PATH=str(tmp_path / "missing.json"))
    assert cli("ci-comment", report, env=env).returncode == 0
    assert forge.seen[0][1].startswith("/gh/repos/pemda/garut/issues/12/comments")


@pytest.mark.parametrize("platform,words", [
    ("github", "GITHUB_TOKEN"),
    ("gitlab", "set KOTACERDAS_GITLAB_TOKEN as a masked CI/CD variable"),
])
def test_without_a_token_it_warns_what_to_set_and_the_job_stays_green(platform, words, forge, tmp_path, cli):
    report = tmp_path / "r.md"
    report.write_text("# x\n")
    env = (_github(forge, tmp_path, GITHUB_TOKEN="") if platform == "github"
           else _gitlab(forge, KOTACERDAS_GITLAB_TOKEN=""))
    r = cli("ci-comment", report, env=env)
    assert r.returncode == 0 and "warning" in r.stderr and words in r.stderr, r.stderr
    assert forge.seen == []


@pytest.mark.parametrize("status", [401, 403])
def test_a_refused_token_is_a_warning_not_a_failure(status, forge, tmp_path, cli):
    forge.refuse = status
    report = tmp_path / "r.md"
    report.write_text("# x\n")
    r = cli("ci-comment", report, env=_github(forge, tmp_path))
    assert r.returncode == 0, r.stderr
    assert f"HTTP {status}" in r.stderr and "pull-requests: write" in r.stderr
    assert "ghs_secret" not in r.stderr + r.stdout


def test_an_unreachable_host_is_a_warning(forge, tmp_path, cli):
    report = tmp_path / "r.md"
    report.write_text("# x\n")
    r = cli("ci-comment", report, env=_gitlab(forge, CI_API_V4_URL="http://127.0.0.1:1/api/v4"))
    assert r.returncode == 0 and "cannot reach 127.0.0.1:1" in r.stderr, r.stderr


@pytest.mark.parametrize("values", [
    {},  # no CI at all
    {"GITHUB_ACTIONS": "true", "GITHUB_API_URL": "http://127.0.0.1:1", "GITHUB_REPOSITORY": "pemda/garut",
     "GITHUB_REF": "refs/heads/main", "GITHUB_TOKEN": "t"},  # a push, not a pull request
    {"GITLAB_CI": "true", "CI_API_V4_URL": "http://127.0.0.1:1/api/v4", "CI_PROJECT_ID": "42"},  # branch pipeline
])
def test_outside_a_pull_or_merge_request_it_is_wrong_usage(values, tmp_path, cli):
    report = tmp_path / "r.md"
    report.write_text("# x\n")
    r = cli("ci-comment", report, env=_env(**values))
    assert r.returncode == 2 and "kotacerdas: error:" in r.stderr, r.stderr


def test_a_missing_report_is_wrong_usage(forge, tmp_path, cli):
    r = cli("ci-comment", tmp_path / "none.md", env=_github(forge, tmp_path))
    assert r.returncode == 2 and "cannot read the report" in r.stderr


def test_a_report_longer_than_githubs_limit_is_cut_with_a_note(forge, tmp_path, cli):
    report = tmp_path / "r.md"
    report.write_text("".join(f"- baris {i}: {'x' * 60}\n" for i in range(3000)))
    r = cli("ci-comment", report, env=_github(forge, tmp_path))
    assert r.returncode == 0 and "was cut" in r.stderr
    body = forge.comments[-1]["body"]
    assert len(body) <= 65536 and body.startswith(MARKER) and "it is cut here" in body
    assert "- baris 0: " in body and "- baris 2999" not in body


def test_the_command_is_hidden_from_the_command_list(cli):
    assert "ci-comment" not in cli("--help").stdout


def test_the_scaffolds_ci_files_post_the_report_with_ci_comment(tmp_path, cli):
    assert cli("init", tmp_path / "g", "-c", "32.05", "-n", "Kabupaten Garut",
               "--install", "kotacerdas==0.1.0").returncode == 0
    workflow = yaml.safe_load((tmp_path / "g" / ".github" / "workflows" / "kotacerdas.yml").read_text())
    assert workflow["permissions"]["pull-requests"] == "write"
    [post] = [s for s in workflow["jobs"]["check"]["steps"] if s.get("name") == "Post the changes on the pull request"]
    assert post["run"] == "kotacerdas ci-comment kotacerdas-diff.md"
    assert post["env"]["GITHUB_TOKEN"] == "${{ github.token }}"
    gitlab = yaml.safe_load((tmp_path / "g" / ".gitlab-ci.yml").read_text())
    assert any(line.startswith("kotacerdas ci-comment kotacerdas-diff.md")
               for line in gitlab["kotacerdas-diff"]["script"])
