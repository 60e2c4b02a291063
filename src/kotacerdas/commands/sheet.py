"""`kotacerdas sheet export|import`: OPD data entry through spreadsheets (docs/sheets.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..fsutil import os_problem
from ..i18n import _, ngettext
from .common import ExitCode, emit, say_err, usage_error


def register(app: typer.Typer) -> None:
    sheet = typer.Typer(help="OPD data entry through spreadsheets: export workbooks to fill, import them back "
                             "into the YAML files (docs/sheets.md).", no_args_is_help=True, rich_markup_mode=None)
    app.add_typer(sheet, name="sheet")

    @sheet.command("export")
    def export_cmd(
        path: Annotated[Path, typer.Argument(help="The masterplan repository (a folder with kotacerdas.yaml).")],
        out: Annotated[Path, typer.Option("--out", "-o",
                                          help="The workbook to write (a folder with --split or --csv).")],
        opd: Annotated[list[str] | None, typer.Option("--opd", help="Only this OPD's indicators and programmes "
                                                                    "(repeat for several).")] = None,
        year: Annotated[int | None, typer.Option("--year", help="Only this year's rows, e.g. 2025 "
                                                                "(default: every year).")] = None,
        lang: Annotated[str, typer.Option("--lang", help="Language of headings and instructions: id or en.")] = "id",
        split: Annotated[bool, typer.Option("--split", help="One workbook per OPD, written into the folder --out "
                                                            "(named like dinkes-2025.xlsx).")] = False,
        csv: Annotated[bool, typer.Option("--csv", help="A folder of CSV files (one per sheet) "
                                                        "instead of .xlsx.")] = False,
    ) -> None:
        """Write workbooks for OPD officers to fill: realisation of every indicator, progress of every
        programme and quick win, for a year.

        Only the yellow cells can be edited; ids, names and targets are protected. A hidden sheet records
        the repository state, so that `sheet import` can refuse values changed in git since.

        Exit codes: 0 written, 1 the repository has errors, 2 wrong usage.

        \b
          kotacerdas sheet export examples/garut --year 2025 --out garut-2025.xlsx
          kotacerdas sheet export examples/garut --year 2025 --split --out isian-2025/
        """
        from ..sheets import export as run

        if lang not in ("id", "en"):
            raise usage_error(_("unknown language '{lang}'; choose id or en").format(lang=lang))
        if year is not None and not 1945 <= year <= 2100:
            raise usage_error(_("--year {year} is not a year such as 2025").format(year=year))
        val = _load(path)
        if not val.ok:
            raise _invalid_repository(val)
        unknown = [o for o in opd or [] if o not in val.masterplan.opds]
        if unknown:
            raise usage_error(_("unknown OPD {names}; opd.yaml has: {known}")
                              .format(names=", ".join(unknown), known=", ".join(val.masterplan.opds)))
        try:
            written = run.export(val, out, list(opd or []) or None, [year] if year else None, lang, split, csv)
        except OSError as exc:
            raise usage_error(_("cannot write {out}: {value}").format(out=out, value=os_problem(exc))) from None
        for p in written:
            emit(f"{p}\n", None)
        raise typer.Exit(ExitCode.OK)


    @sheet.command("import")
    def import_cmd(
        path: Annotated[Path, typer.Argument(help="The masterplan repository the workbooks were exported from.")],
        books: Annotated[list[Path], typer.Argument(help="Filled workbooks (.xlsx) or CSV folders; all are "
                                                         "imported together, or none.")],
        dry_run: Annotated[bool, typer.Option("--dry-run", help="Check and show what would change; write "
                                                                "nothing.")] = False,
        partial: Annotated[bool, typer.Option("--partial", help="Import the cells without a conflict even when "
                                                                "others have one (those are still reported, "
                                                                "exit 1).")] = False,
        format: Annotated[str, typer.Option("--format", "-f", help="Report: text or json.")] = "text",
        lang: Annotated[str, typer.Option("--lang", help="Language of the change summary: id or en.")] = "id",
    ) -> None:
        """Read filled workbooks back into the YAML files, keeping every comment.

        Rows are matched by id and year, columns by heading. Every value is checked with the same
        models and checks as validate; one bad cell and nothing is written. Values changed in the YAML
        since the export are conflicts, named with both values (--partial imports the rest). Prints
        what changed in planning terms, as `kotacerdas diff` does.

        Exit codes: 0 imported (or nothing to import), 1 a bad cell, a conflict or an invalid
        repository (nothing written, except the conflict-free cells with --partial), 2 wrong usage.

        \b
          kotacerdas sheet import examples/garut isian-2025/*.xlsx --dry-run
          kotacerdas sheet import examples/garut dinkes-2025.xlsx
        """
        from ..sheets.importer import import_books
        from ..sheets.report import json_report, text_report

        if format not in ("text", "json"):
            raise usage_error(_("unknown format '{value}'; choose text or json").format(value=format))
        if lang not in ("id", "en"):
            raise usage_error(_("unknown language '{lang}'; choose id or en").format(lang=lang))
        missing = [str(b) for b in books if not b.exists()]
        if missing:
            raise usage_error(_("no such file: {names}").format(names=", ".join(missing)))
        val = _load(path)
        try:
            result = import_books(val, list(books), partial=partial, dry_run=dry_run, lang=lang)
        except OSError as exc:
            raise usage_error(_("cannot write into {path}: {value}")
                              .format(path=path, value=os_problem(exc))) from None
        if format == "json":
            emit(json_report(result.diagnostics, _summary(result, dry_run)), None)
        else:
            emit(text_report(result.diagnostics) + _verdict(result, dry_run), None)
        raise typer.Exit(ExitCode.FINDINGS if result.errors else ExitCode.OK)


def _summary(result, dry_run: bool) -> dict:
    return {"written": result.written, "dry_run": dry_run, "files": sorted(result.new_files),
            "values": [{"file": e.rel, "id": e.item_id, "year": e.year, "field": e.key, "old": e.old,
                        "new": e.value, "cell": f"{e.where[0]}: {e.where[1]}!{e.where[2]}"} for e in result.edits
                       if e.rel in result.new_files]}


def _verdict(result, dry_run: bool) -> str:
    n = sum(1 for e in result.edits if e.rel in result.new_files)
    if result.errors and not result.new_files:
        return "✗ " + ngettext("nothing imported: {n} problem above", "nothing imported: {n} problems above",
                               len(result.errors)).format(n=len(result.errors)) + "\n"
    if not result.new_files:
        return "✓ " + _("nothing to import: every value in the workbook is already in the YAML files") + "\n"
    head = result.diff_text
    files = ngettext("{n} file", "{n} files", len(result.new_files)).format(n=len(result.new_files))
    if dry_run:
        tail = ngettext("{n} value would change in {files} (--dry-run: nothing written)",
                        "{n} values would change in {files} (--dry-run: nothing written)", n)
    else:
        tail = ngettext("{n} value changed in {files}", "{n} values changed in {files}", n)
    tail = "✓ " + tail.format(n=n, files=files)
    if result.errors:
        tail += ngettext("; {n} cell not imported (above)", "; {n} cells not imported (above)",
                         len(result.errors)).format(n=len(result.errors))
    return head + tail + "\n"


def _load(path: Path):
    from ..repository import UsageError
    from ..sheets.loading import load

    from .common import repository_root

    try:
        return load(repository_root(path))
    except UsageError as exc:
        raise usage_error(str(exc)) from None


def _invalid_repository(val) -> typer.Exit:
    errors = [d for d in val.diagnostics if d.severity.value == "error"]
    for d in errors[:20]:
        say_err(f"{d.path}:{d.line}:{d.column}: {d.message}\n")
    say_err(ngettext("kotacerdas: the repository has {n} error; fix it first (kotacerdas validate shows it)",
                     "kotacerdas: the repository has {n} errors; fix them first (kotacerdas validate shows "
                     "them all)", len(errors)).format(n=len(errors)) + "\n")
    return typer.Exit(ExitCode.FINDINGS)
