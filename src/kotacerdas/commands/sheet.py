"""`kotacerdas sheet export|import`: OPD data entry through spreadsheets (docs/sheets.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .common import ExitCode, emit, usage_error


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
            raise usage_error(f"unknown language '{lang}'; choose id or en")
        if year is not None and not 1945 <= year <= 2100:
            raise usage_error(f"--year {year} is not a year such as 2025")
        val = _load(path)
        if not val.ok:
            raise _invalid_repository(val)
        unknown = [o for o in opd or [] if o not in val.masterplan.opds]
        if unknown:
            raise usage_error(f"unknown OPD {', '.join(unknown)}; opd.yaml has: " + ", ".join(val.masterplan.opds))
        try:
            written = run.export(val, out, list(opd or []) or None, [year] if year else None, lang, split, csv)
        except OSError as exc:
            raise usage_error(f"cannot write {out}: {exc.strerror or exc}") from None
        for p in written:
            emit(f"{p}\n", None)
        raise typer.Exit(ExitCode.OK)



def _load(path: Path):
    from ..repository import UsageError
    from ..sheets.loading import load

    try:
        return load(path)
    except UsageError as exc:
        raise usage_error(str(exc)) from None


def _invalid_repository(val) -> typer.Exit:
    import sys

    errors = [d for d in val.diagnostics if d.severity.value == "error"]
    for d in errors[:20]:
        sys.stderr.write(f"{d.path}:{d.line}:{d.column}: {d.message}\n")
    sys.stderr.write(f"kotacerdas: the repository has {len(errors)} error(s); fix them first "
                     "(kotacerdas validate shows them all)\n")
    return typer.Exit(ExitCode.FINDINGS)
