"""`kotacerdas validate`: is the repository (or every repository of a tree) well-formed? A thin adapter over
kotacerdas.api: open, validate, report, exit code."""

from __future__ import annotations

from pathlib import Path

import typer

from ..i18n import _
from .common import ExitCode, ProgressBar, call, diagnostics_report, emit, open_file, open_masterplan, pick_format


def register(app: typer.Typer) -> None:
    @app.command()
    def validate(
        path: Path = typer.Argument(Path("."), help=_("The masterplan repository (a folder with kotacerdas.yaml, "
                                                      "or any folder inside it), a folder holding many of them, "
                                                      "or one file of a repository (checked with the files it "
                                                      "refers to).")),
        format: str = typer.Option("auto", "--format", "-f",
                                   help="Report format: auto, text, json, sarif, github, junit, markdown. "
                                        "auto is github under GitHub Actions, text otherwise."),
        output: Path = typer.Option(None, "--output", "-o", help="Write the report to this file (atomically)."),
        no_cache: bool = typer.Option(False, "--no-cache",
                                      help="Read and check every file again, without the cache (docs/scale.md)."),
    ) -> None:
        """Check that a masterplan repository is well-formed.

        Reads every YAML file, checks it against the format (docs/format.md) and checks the references
        between files. Prints every problem with file:line:column, what was found and what is expected.
        Never changes a file.

        A folder holding many masterplans (a province with its kab/kota, a national collection) is checked
        repository by repository, with one combined report, province coverage and one exit code.
        Results are cached by file content (docs/scale.md); --no-cache reads everything again.

        Exit codes: 0 valid, 1 invalid, 2 wrong usage.

        Run inside a repository, it finds the repository's root as git does. Given one file, it checks
        that file and the files it refers to (opd.yaml for its OPDs, its indicators, its narratives).

        Examples:

        \b
          kotacerdas validate examples/garut
          kotacerdas validate programmes/qw-gov-01.yaml
        """
        from ..reporters import FORMATS

        fmt = pick_format(format, FORMATS)
        bar = ProgressBar(_("Validating masterplans"))
        if path.is_file():  # one file, and what it refers to
            opened, rel = open_file(path, cache=not no_cache)
            result = call(opened.validate_file, rel)
        else:
            opened = open_masterplan(path, cache=not no_cache, progress=bar)
            try:
                result = call(opened.validate)
            finally:
                bar.close()
        emit(diagnostics_report(fmt, "validate", opened, result, output), output)
        raise typer.Exit(ExitCode.OK if result.ok else ExitCode.FINDINGS)
