"""Post a Markdown report (kotacerdas diff's) as ONE comment on the current pull request (GitHub Actions) or
merge request (GitLab CI), editing the comment it posted before instead of adding one per push.

The comment is found by a hidden first line, `MARKER`. The platform and the pull/merge request come from
the CI's environment:

    GitHub Actions  GITHUB_API_URL, GITHUB_REPOSITORY, GITHUB_TOKEN; the number from GITHUB_EVENT_PATH's
                    pull_request.number, else GITHUB_REF refs/pull/N/merge
    GitLab CI       CI_API_V4_URL, CI_PROJECT_ID, CI_MERGE_REQUEST_IID; the token from
                    KOTACERDAS_GITLAB_TOKEN (a project access token, scope api), sent as PRIVATE-TOKEN

A few HTTP calls with the standard library (urllib.request, json): no dependency for them. Not on a pull
or merge request is wrong usage (`NotInReview`); no token, a refused token (401/403), another HTTP error
or an unreachable host is `Skipped`, which the command reports as a warning without failing the job (the
report stays in the job summary or artifact).
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field

from .i18n import _

MARKER = "<!-- kotacerdas-diff -->"
TIMEOUT = 30  # seconds per HTTP call
PAGE = 100  # comments per listed page
MAX_PAGES = 50


class NotInReview(Exception):
    """Not on a pull/merge request CI job (exit 2)."""


class Skipped(Exception):
    """The comment could not be posted; the message says what to set (a warning, exit 0)."""


@dataclass(frozen=True)
class Target:
    platform: str  # "github" or "gitlab"
    number: int  # the pull request number or merge request iid
    comments: str  # URL of the list of comments (GET) and of a new one (POST)
    headers: dict[str, str] = field(default_factory=dict)
    token_hint: str = ""  # what to set when the token is missing or refused
    limit: int = 1_000_000  # the longest body the platform accepts, in characters

    def comment_url(self, comment_id: int) -> str:
        if self.platform == "github":  # /repos/O/R/issues/N/comments -> /repos/O/R/issues/comments/ID
            return f"{self.comments.rsplit('/', 2)[0]}/comments/{comment_id}"
        return f"{self.comments}/{comment_id}"

    @property
    def update_method(self) -> str:
        return "PATCH" if self.platform == "github" else "PUT"


@dataclass(frozen=True)
class Posted:
    target: Target
    updated: bool  # an earlier comment was edited, not a new one added
    url: str | None  # the comment's web address when the platform gives it
    truncated: bool


def target_from_env(env: Mapping[str, str]) -> Target:
    """The pull/merge request this CI job runs for. Raises NotInReview, or Skipped without a token."""
    if env.get("CI_API_V4_URL") or env.get("GITLAB_CI"):
        return _gitlab(env)
    if env.get("GITHUB_API_URL") or env.get("GITHUB_ACTIONS"):
        return _github(env)
    raise NotInReview(_("not in a GitHub Actions or GitLab CI job: ci-comment posts the report on the pull request "
                        "or merge request the job runs for"))


def _github(env: Mapping[str, str]) -> Target:
    number = _github_number(env)
    repository = env.get("GITHUB_REPOSITORY", "")
    if number is None or "/" not in repository:
        raise NotInReview(_("this GitHub Actions job does not run for a pull request (no pull_request event, "
                            "GITHUB_REF is {ref}): run ci-comment only on pull_request events")
                          .format(ref=env.get("GITHUB_REF") or "-"))
    api = (env.get("GITHUB_API_URL") or "https://api.github.com").rstrip("/")
    hint = _("set GITHUB_TOKEN: ${{{{ github.token }}}} in the step's env, and give the workflow "
             "permissions: pull-requests: write (a pull request from a fork has a read-only token)")
    token = env.get("GITHUB_TOKEN") or env.get("GH_TOKEN")
    if not token:
        raise Skipped(_("no token to post the comment with: {hint}").format(hint=hint))
    return Target("github", number, f"{api}/repos/{repository}/issues/{number}/comments",
                  {"Authorization": f"Bearer {token}", "Accept": "application/vnd.github+json",
                   "X-GitHub-Api-Version": "2022-11-28"}, hint, 65536)


def _github_number(env: Mapping[str, str]) -> int | None:
    from pathlib import Path

    from .fsutil import read_regular

    path = env.get("GITHUB_EVENT_PATH")
    raw = read_regular(Path(path), 10_000_000) if path else None
    try:
        event = json.loads(raw) if raw else None
    except ValueError:
        event = None
    pull = event.get("pull_request") if isinstance(event, dict) else None
    number = pull.get("number") if isinstance(pull, dict) else None
    if isinstance(number, int) and not isinstance(number, bool) and number > 0:
        return number
    parts = (env.get("GITHUB_REF") or "").split("/")
    if len(parts) == 4 and parts[:2] == ["refs", "pull"] and parts[2].isdigit() and parts[3] in ("merge", "head"):
        return int(parts[2])
    return None


def _gitlab(env: Mapping[str, str]) -> Target:
    iid, project, api = env.get("CI_MERGE_REQUEST_IID", ""), env.get("CI_PROJECT_ID", ""), env.get("CI_API_V4_URL")
    if not iid.isdigit() or not project or not api:
        raise NotInReview(_("this GitLab CI job does not run for a merge request (CI_MERGE_REQUEST_IID is not set): "
                            "run ci-comment in a job with rules: if: $CI_PIPELINE_SOURCE == \"merge_request_event\""))
    hint = _("set KOTACERDAS_GITLAB_TOKEN as a masked CI/CD variable holding a project access token with the api "
             "scope")
    token = env.get("KOTACERDAS_GITLAB_TOKEN")
    if not token:
        raise Skipped(_("no token to post the comment with: {hint}").format(hint=hint))
    project_part = urllib.parse.quote(project, safe="")
    return Target("gitlab", int(iid), f"{api.rstrip('/')}/projects/{project_part}/merge_requests/{iid}/notes",
                  {"PRIVATE-TOKEN": token}, hint, 1_000_000)


def comment_body(report: str, limit: int) -> tuple[str, bool]:
    """The comment: MARKER, then the report, cut at a line end to fit `limit` characters with a note
    saying so. (body, truncated)"""
    body = f"{MARKER}\n{report}"
    if len(body) <= limit:
        return body, False
    note = "\n\n" + _("*The report is longer than a comment may be ({limit} characters): it is cut here. The whole "
                      "report is in the job summary or the job's artifact.*").format(limit=limit) + "\n"
    room = max(0, limit - len(note))
    cut = body[:room]
    if "\n" in cut[len(MARKER) + 1:]:
        cut = cut[: cut.rindex("\n")]
    return cut + note, True


def _call(target: Target, method: str, url: str, payload: dict | None = None):
    data = json.dumps(payload).encode("ascii") if payload is not None else None  # ASCII JSON: any report text
    headers = {"User-Agent": "kotacerdas", **target.headers}
    if data is not None:
        headers["Content-Type"] = "application/json; charset=utf-8"
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    host = urllib.parse.urlsplit(url).netloc
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            text = response.read().decode("utf-8", "replace")
            return (json.loads(text) if text.strip() else None), response.headers
    except urllib.error.HTTPError as exc:
        if exc.code in (401, 403):
            raise Skipped(_("{host} refused the token (HTTP {status}): {hint}")
                          .format(host=host, status=exc.code, hint=target.token_hint)) from None
        raise Skipped(_("{host} answered HTTP {status} {reason} to {method} {url}")
                      .format(host=host, status=exc.code, reason=exc.reason, method=method, url=url)) from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise Skipped(_("cannot reach {host}: {reason}").format(host=host, reason=reason)) from None
    except ValueError:
        raise Skipped(_("{host} did not answer with JSON to {method} {url}")
                      .format(host=host, method=method, url=url)) from None


def _earlier(target: Target) -> int | None:
    """The id of the comment this command posted before, or None."""
    for page in range(1, MAX_PAGES + 1):
        sep = "&" if "?" in target.comments else "?"
        items, headers = _call(target, "GET", f"{target.comments}{sep}per_page={PAGE}&page={page}")
        if not isinstance(items, list):
            return None
        for item in items:
            if isinstance(item, dict) and isinstance(item.get("body"), str) and item["body"].startswith(MARKER) \
                    and isinstance(item.get("id"), int):
                return item["id"]
        if len(items) < PAGE or (target.platform == "gitlab" and headers.get("X-Next-Page") == ""):
            return None
    return None


def post(report: str, env: Mapping[str, str]) -> Posted:
    """Post or update the comment. Raises NotInReview or Skipped."""
    target = target_from_env(env)
    body, truncated = comment_body(report, target.limit)
    earlier = _earlier(target)
    if earlier is None:
        answer, _headers = _call(target, "POST", target.comments, {"body": body})
    else:
        answer, _headers = _call(target, target.update_method, target.comment_url(earlier), {"body": body})
    url = answer.get("html_url") if isinstance(answer, dict) else None
    return Posted(target, earlier is not None, url if isinstance(url, str) else None, truncated)
