"""`kotacerdas lint`: the quality rules of a good masterplan (kotacerdas.lint), as a thin command."""

from __future__ import annotations

from pathlib import Path

import typer

from ..i18n import _
from .common import (
    ExitCode,
    ProgressBar,
    call,
    diagnostics_report,
    emit,
    open_file,
    open_masterplan,
    pick_format,
    usage_error,
)

FAIL_ON = ("error", "warning", "info")


def register(app: typer.Typer) -> None:
    @app.command()
    def lint(
        path: Path = typer.Argument(Path("."), help="The masterplan repository (a folder with kotacerdas.yaml), "
                                                    "or a folder holding many of them."),
        format: str = typer.Option("auto", "--format", "-f",
                                   help="Report format: auto, text, json, sarif, github, junit, markdown. "
                                        "auto is github under GitHub Actions, text otherwise."),
        output: Path = typer.Option(None, "--output", "-o", help="Write the report to this file (atomically)."),
        fail_on: str = typer.Option("error", "--fail-on",
                                    help="Exit with 1 when there is a finding of this severity or higher: "
                                         "error, warning or info."),
        as_of: str = typer.Option(None, "--as-of", metavar="YYYY-MM-DD",
                                  help="The date for rules that depend on it (default: today)."),
        select: list[str] = typer.Option(None, "--select", metavar="RULES",
                                         help="Run only these rules (codes or names, comma-separated or "
                                              "repeated), instead of kotacerdas.yaml's lint.select."),
        ignore: list[str] = typer.Option(None, "--ignore", metavar="RULES",
                                         help="Do not run these rules, in addition to kotacerdas.yaml's "
                                              "lint.ignore."),
        no_cache: bool = typer.Option(False, "--no-cache",
                                      help="Read and check every file again, without the cache (docs/scale.md)."),
    ) -> None:
        """Review a masterplan against the quality rules of the Bimtek guidance.

        Runs validate first (its problems are errors here too), then every lint rule: coverage of the
        dimensions by quick wins and programmes, indicators with baselines and targets that move the right
        way, realisation and follow-up of missed targets, Dana Desa coordination, funding, stage records,
        placeholder text and more. `kotacerdas rules` lists the rules; kotacerdas.yaml `lint:` configures
        them; a comment `# kotacerdas: disable-line KC1xx -- reason` suppresses one finding.
        Never changes a file. A folder holding many masterplans is linted repository by repository, with
        one combined report and exit code (docs/scale.md).

        Run inside a repository, it finds the repository's root as git does. Given one file, it reports
        that file's findings and those of the files it refers to (the rules still read the whole plan).
        A fresh repository passes: while a file still holds [ISI] text, the errors on it are warnings, and
        the report ends with a work list of what to fill and the findings per rule.

        Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 wrong usage.

        Examples:
          kotacerdas lint examples/garut --as-of 2026-11-22
          kotacerdas lint . --select KC101,KC103 --fail-on warning
        """
        import datetime as dt

        from ..diagnostics import Severity
        from ..reporters import FORMATS

        fmt = pick_format(format, FORMATS)
        if fail_on not in FAIL_ON:
            raise usage_error(_("unknown --fail-on '{value}'; choose one of: {choices}")
                              .format(value=fail_on, choices=", ".join(FAIL_ON)))
        try:
            date = dt.date.fromisoformat(as_of) if as_of is not None else None
        except ValueError:
            raise usage_error(_("--as-of '{as_of}' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-22")
                              .format(as_of=as_of)) from None
        chosen = _rule_codes(select, "--select") if select else None
        dropped = _rule_codes(ignore, "--ignore") if ignore else ()
        bar = ProgressBar(_("Linting masterplans"))
        if path.is_file():  # one file's findings, and those of the files it refers to
            opened, rel = open_file(path, cache=not no_cache, as_of=date)
            result = call(opened.lint_file, rel, select=chosen, ignore=dropped)
        else:
            opened = open_masterplan(path, cache=not no_cache, as_of=date, progress=bar)
            try:
                result = call(opened.lint, select=chosen, ignore=dropped)
            finally:
                bar.close()
        emit(diagnostics_report(fmt, "lint", opened, result, output, fail_on=fail_on), output)
        raise typer.Exit(ExitCode.FINDINGS if result.fails(Severity(fail_on)) else ExitCode.OK)


def _rule_codes(given: list[str], option: str) -> tuple[str, ...]:
    """Rule codes from --select/--ignore values (codes or names, comma- or space-separated, repeatable), in
    registry order; an unknown name is wrong usage."""
    from ..lint.rules import RULES, resolve, unknown

    codes = set()
    for value in given:
        for name in value.replace(",", " ").split():
            code = resolve(name)
            if code is None:
                message, expected, hint = unknown(name)
                raise usage_error(_("{option}: {message}; expected {expected}. {hint}")
                                  .format(option=option, message=message, expected=expected, hint=hint))
            codes.add(code)
    if not codes:
        raise usage_error(_("{option} names no rule; give rule codes or names, e.g. {option} KC101")
                          .format(option=option))
    return tuple(c for c in RULES if c in codes)
