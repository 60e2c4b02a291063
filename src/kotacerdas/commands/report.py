"""`kotacerdas report`: a thin command over kotacerdas.report (validate, build the year's report, write)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from .common import ExitCode, usage_error


def register(app: typer.Typer) -> None:
    @app.command()
    def report(
        path: Path = typer.Argument(Path("."), help="The masterplan repository, or a folder holding many "
                                                    "(a province with its kab/kota: the province's report "
                                                    "rolls them up)."),
        year: int = typer.Option(..., "--year", "-y", help="The evaluation year, e.g. 2025."),
        format: list[str] = typer.Option(["md"], "--format", "-f", help="md or html (both: md,html)."),
        lang: str = typer.Option(None, "--lang", help="id or en (default: `language` in kotacerdas.yaml)."),
        out: Path = typer.Option(..., "--out", "-o", help="Folder to write the report into (created if needed)."),
        check: bool = typer.Option(False, "--check", help="Write nothing; exit 1 if --out is out of date."),
    ) -> None:
        """Write the Laporan Monitoring dan Evaluasi of one year (docs/report.md).

        The index over the years (official figures as recorded in evaluations/<year>.yaml; a computed
        index only where none is recorded, labelled as computed), scores per evaluation and smart
        dimension, programmes running and targets achieved per dimension and OPD, quick-win status,
        missed targets with obstacle and follow-up, data still owed per OPD, last year's recommendations
        and what was done, with charts. Deterministic; writes only inside --out.

        Exit codes: 0 written (or up to date with --check), 1 invalid repository, template error or out of
        date, 2 wrong usage.

        Examples:
          kotacerdas report examples/garut --year 2025 --format md,html --out laporan
        """
        from ..report.run import ReportUsageError, run_report

        formats = [f.strip() for value in format for f in value.split(",") if f.strip()]
        try:
            outcome = run_report(path, year=year, formats=formats, lang=lang, out=out, check=check)
        except ReportUsageError as exc:
            raise usage_error(str(exc)) from None
        for line in outcome.errors:
            sys.stderr.write(line)
        for line in outcome.lines:
            sys.stdout.write(line)
        raise typer.Exit(ExitCode.FINDINGS if outcome.failed else ExitCode.OK)
