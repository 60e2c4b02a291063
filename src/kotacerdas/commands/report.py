"""`kotacerdas report`: a thin command over kotacerdas.api's Repo.report / Tree.report."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ..i18n import _, ngettext
from .common import ExitCode, call, open_masterplan, usage_error
from .render import _formats, _lang, _print_diagnostics


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
        books: Path = typer.Option(None, "--books", help="A tree: where `kotacerdas render` wrote its books; the "
                                                         "province's table links each member's book there."),
        no_cache: bool = typer.Option(False, "--no-cache", help="Read every file again, without the cache."),
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
          kotacerdas report provinsi-jabar --year 2025 --format html --out laporan --books site
        """
        from ..api import Tree

        opened = open_masterplan(path, cache=not no_cache, lang=_lang(lang))
        if isinstance(opened, Tree):
            done = call(opened.report, year, _formats(format), out, check=check, books=books)
            raise typer.Exit(max((_print(o) for _, o in done.outcomes), default=ExitCode.OK))
        if books is not None:
            raise usage_error(_("--books links a province's members' books; give the path of a tree"))
        raise typer.Exit(_print(call(opened.report, year, _formats(format), out, check=check)))


def _print(outcome) -> int:
    """Print what report did for one repository (report.run.ReportOutcome); its exit code."""
    shown = str(outcome.out).rstrip("/") or "."
    if outcome.status == "usage-error":
        sys.stderr.write(_("kotacerdas: error: {message}").format(message=outcome.diagnostics[0].message) + "\n")
        return ExitCode.USAGE
    if outcome.status in ("invalid", "template-errors"):
        from ..repository import guarded_line
        from ..source import DEFAULT_LIMITS

        command = "validate" if outcome.status == "invalid" else "report"
        _print_diagnostics(outcome.diagnostics, lambda rel, line: guarded_line(
            outcome.root, rel, line, DEFAULT_LIMITS.max_file_bytes), command, outcome.root)
        sys.stderr.write(_("kotacerdas: report: {root} has errors (above); nothing was written for it.").format(
            root=outcome.root) + "\n")
        return ExitCode.FINDINGS
    if outcome.check:
        for name, why in outcome.differences:
            sys.stdout.write(f"{shown}/{name}: {why}\n")
        if outcome.differences:
            n = len(outcome.differences)
            sys.stdout.write(ngettext("✗ {out} is out of date ({count} file differs).",
                                      "✗ {out} is out of date ({count} files differ).", n).format(out=shown, count=n)
                             + "\n")
            return ExitCode.FINDINGS
        sys.stdout.write(ngettext("✓ {out} is up to date ({count} file).", "✓ {out} is up to date ({count} files).",
                                  len(outcome.files)).format(out=shown, count=len(outcome.files)) + "\n")
        return ExitCode.OK
    sys.stdout.write(_("✓ report {year} of {root} into {out}: {files} ({written} written, {unchanged} unchanged).")
                     .format(year=outcome.year, root=outcome.root, out=shown, files=", ".join(outcome.files),
                             written=len(outcome.written), unchanged=len(outcome.unchanged)) + "\n")
    return ExitCode.OK
