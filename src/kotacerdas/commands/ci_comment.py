from __future__ import annotations

import os
from pathlib import Path

import typer

from ..i18n import _
from .common import ExitCode, say, say_err, usage_error


def register(app: typer.Typer) -> None:
    @app.command("ci-comment", hidden=True)
    def ci_comment(
        report: Path = typer.Argument(..., help=_("The Markdown report to post, e.g. kotacerdas-diff.md.")),
    ) -> None:
        """Post REPORT as one comment on the pull request (GitHub Actions) or merge request (GitLab CI) this
        CI job runs for, editing the comment posted before instead of adding one per push.

        Used by the CI files `kotacerdas init` writes. A missing or refused token, or an unreachable host,
        is a warning (exit 0): the report stays in the job summary or artifact.

        Exit codes: 0 posted or skipped with a warning, 2 not on a pull/merge request or no report.
        """
        from .. import cicomment
        from ..fsutil import read_regular

        raw = read_regular(report)
        if raw is None:
            raise usage_error(_("cannot read the report {path}: expected a Markdown file").format(path=report))
        text = raw.decode("utf-8", "replace")
        try:
            posted = cicomment.post(text, os.environ)
        except cicomment.NotInReview as exc:
            raise usage_error(str(exc)) from None
        except cicomment.Skipped as exc:
            say_err(_("kotacerdas: warning: the report was not posted as a comment: {problem}")
                    .format(problem=exc) + "\n")
            raise typer.Exit(ExitCode.OK) from None
        target = posted.target
        where = (_("pull request #{number}") if target.platform == "github" else _("merge request !{number}")) \
            .format(number=target.number)
        if posted.updated:
            say(_("Updated the kotacerdas comment on {where}.").format(where=where) + "\n")
        else:
            say(_("Posted the report as a comment on {where}.").format(where=where) + "\n")
        if posted.url:
            say(f"{posted.url}\n")
        if posted.truncated:
            say_err(_("kotacerdas: note: the report was longer than a comment may be ({limit} characters) and was "
                      "cut; the comment says so.").format(limit=target.limit) + "\n")
        raise typer.Exit(ExitCode.OK)
