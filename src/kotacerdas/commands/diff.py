from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from ..i18n import _, ngettext
from .common import ExitCode, call, emit, say, say_err, usage_error, use_color

if TYPE_CHECKING:
    from ..repository import Repository

_FORMATS = ("text", "markdown", "json")
_LEVELS = ("error", "warning", "info")


def register(app: typer.Typer) -> None:
    @app.command()
    def diff(
        revisions: list[str] = typer.Argument(None, metavar="[OLD] [NEW]",
                                              help="Two folders, or git revisions. None: HEAD against the "
                                                   "working tree; one revision: it against the working tree; "
                                                   "two: one against the other. A folder wins over a revision "
                                                   "of the same name."),
        path: str = typer.Option(None, "--path", "-p",
                                 help="The masterplan's folder inside a larger git repository "
                                      "(e.g. a province repository holding several regencies)."),
        format: str = typer.Option("text", "--format", "-f", help="Output: text, markdown or json."),
        fail_on: str = typer.Option(None, "--fail-on",
                                    help="Exit 1 when a flagged change has this severity or higher: "
                                         "error, warning or info (a CI gate)."),
        exit_code: bool = typer.Option(False, "--exit-code",
                                       help="Exit 1 when there are changes and 0 when there are none, "
                                            "as `git diff --exit-code`."),
        lang: str = typer.Option(None, "--lang", help="Language of markdown output: id or en "
                                                      "(default: the repository's language)."),
        output: Path = typer.Option(None, "--output", "-o", help="Write the output to this file (atomically)."),
        edition: str = typer.Option(None, "--edition", help="Compare this edition (its id in plan.yaml editions; "
                                                            "default: each side's current one)."),
        textconv: bool = typer.Option(False, "--textconv", hidden=True,
                                      help="Print one file's canonical view (git diff driver; docs/diff.md)."),
    ) -> None:
        """Show what changed between two versions of a masterplan, in planning terms.

        Items are matched by their ids, so moving or renaming files, reordering, reformatting and comment
        edits are not changes. Each change is added, removed or modified (old → new for every field), and
        changes that matter to reviewers are flagged with a severity from a rule table that
        kotacerdas.yaml can adjust (diff: severity:). Revisions are read from git objects; the working
        tree is never touched. See docs/diff.md.

        Exit codes: 0 no gate failed, 1 changes with --exit-code, flagged changes at --fail-on, or an
        invalid masterplan on either side, 2 wrong usage (unknown revision, missing path).

        Examples:

        \b
          kotacerdas diff old-folder new-folder
          kotacerdas diff HEAD~1
          kotacerdas diff v1.0 v2.0 --path jabar/garut --format markdown
          kotacerdas diff origin/main HEAD --fail-on error
        """
        args = list(revisions or [])
        if textconv:
            from ..diff.textconv import textconv as run_textconv

            if len(args) != 1:
                raise usage_error(_("--textconv takes exactly one file"))
            say(run_textconv(Path(args[0])))
            raise typer.Exit(ExitCode.OK)
        if format not in _FORMATS:
            raise usage_error(_("unknown format '{value}'; choose one of: {choices}")
                              .format(value=format, choices=", ".join(_FORMATS)))
        if fail_on is not None and fail_on not in _LEVELS:
            raise usage_error(_("unknown --fail-on level '{value}'; choose one of: {choices}")
                              .format(value=fail_on, choices=", ".join(_LEVELS)))
        if lang is not None and lang not in ("id", "en"):
            raise usage_error(_("unknown language '{lang}'; choose id or en").format(lang=lang))

        from ..api import diff as run
        from ..diff import InvalidSides
        from ..diff.formats import render

        from ..focus import diff_root
        from .common import say_root

        above = diff_root(args, path)
        if above is not None:
            say_root(Path.cwd(), above)
        try:
            result = call(run, args, path=path, edition=edition)
        except InvalidSides as exc:
            emit(_invalid(exc.sides, format, output), output)
            raise typer.Exit(ExitCode.FINDINGS) from None
        emit(render(format, result, lang=lang or result.language, color=use_color() and output is None), output)
        gate = result.flagged_at_least(fail_on) if fail_on is not None else []
        if gate:
            say_err(ngettext("kotacerdas: {n} flagged change at or above {level} (--fail-on {level})",
                             "kotacerdas: {n} flagged changes at or above {level} (--fail-on {level})",
                             len(gate)).format(n=len(gate), level=fail_on) + "\n")
        raise typer.Exit(ExitCode.FINDINGS if gate or (exit_code and result.changes) else ExitCode.OK)


def _invalid(sides, fmt: str, output) -> str:
    """The diagnostics of the side(s) that are not valid masterplans, in the chosen format."""
    named = [(s.side.describe(), s) for s in sides]
    if fmt == "json":
        from ..diff.formats.json_format import invalid

        return invalid([(s.side.describe(), s.errors) for _, s in named])
    from ..reporters import Report, render_report

    import dataclasses

    out = []
    for _name, s in named:
        if s.side.kind == "revision":  # paths as git writes them: REV:path/in/repo.yaml
            label = f"{s.side.label}:{s.side.path + '/' if s.side.path else ''}"
            diagnostics = [dataclasses.replace(d, path=label + d.path) for d in s.errors]
            prefix = ""
        else:
            from ..reporters import display_prefix

            label, diagnostics, prefix = "", s.errors, display_prefix(s.repo.root)
        out.append(_("kotacerdas: cannot compare: {side} is not a valid masterplan (fix it, then compare again)")
                   .format(side=s.side.describe()) + "\n")

        def source_line(rel: str, line: int, repo: Repository = s.repo, cut: int = len(label)) -> str:
            return repo.source_line(rel[cut:], line)

        report = Report(command="validate", diagnostics=diagnostics, root=s.repo.root,
                        files_checked=len(s.repo.files), prefix=prefix, source_line=source_line,
                        color=use_color() and output is None)
        text = render_report("text", report)
        if label:  # the verdict line names the revision, not "."
            import re

            name = label.rstrip("/:")

            def verdict(m: re.Match[str], name: str = name) -> str:
                return m.group(1) + name + ":"

            text = re.sub(r"(✗ (?:\x1b\[0m)?)\.:", verdict, text)
        out.append(text)
    return "".join(out)
