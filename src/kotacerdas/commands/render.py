"""`kotacerdas render`: a thin command over kotacerdas.render (validate, render, write or --check)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ..i18n import _, ngettext
from .common import ExitCode, call, open_masterplan, say, say_err, usage_error, use_color


def register(app: typer.Typer) -> None:
    @app.command()
    def render(
        path: Path = typer.Argument(Path("."), help="The masterplan repository (a folder with kotacerdas.yaml), "
                                                    "or a folder holding many of them."),
        format: list[str] = typer.Option(["md"], "--format", "-f",
                                         help="Output format: md (Markdown), html, pdf or docx (Word; the "
                                              "books, docs/books.md). Several: --format md --format html "
                                              "(or md,html), into the same --out."),
        out: Path = typer.Option(..., "--out", "-o", help="Folder to write the chapters into (created if needed)."),
        lang: str = typer.Option(None, "--lang", help="Language of the labels: id or en "
                                                      "(default: `language` in kotacerdas.yaml, else id)."),
        chapter: list[str] = typer.Option(None, "--chapter",
                                          help=_("Render only this chapter: its number (3 or III), appendix "
                                                 "letter (A) or name (peta-jalan); repeat for several: "
                                                 "--chapter 1 --chapter 3.")),
        book: int = typer.Option(None, "--book", help="One book only: its number (1 = Buku I); pdf and docx "
                                                      "write every book by default (docs/books.md)."),
        single: bool = typer.Option(False, "--single", help="Write one file (masterplan.md, .html, .pdf or .docx) "
                                                            "instead of one file per chapter or book."),
        check: bool = typer.Option(False, "--check", help="Write nothing; exit 1 if --out is not what render "
                                                          "would write, listing the files that differ."),
        changes_since: str = typer.Option(None, "--changes-since", metavar="REV",
                                          help="Add a chapter \"Riwayat Perubahan\": what changed in the plan "
                                               "since this git revision (docs/diff.md)."),
        no_cache: bool = typer.Option(False, "--no-cache", help="Read every file and compile every template "
                                                                "again, without the cache (docs/scale.md)."),
        edition: str = typer.Option(None, "--edition", help="The edition to render, by its id in plan.yaml "
                                                            "editions (default: the current one)."),
    ) -> None:
        """Publish the masterplan as book chapters (BAB I, II, …) in Markdown or HTML, or as books in PDF or Word.

        The repository must be valid: if `kotacerdas validate` finds errors, they are printed and nothing is
        written. Chapters come from templates (docs/templates.md); a repository can override them in its
        own templates/ folder. The same input always gives the same bytes, so the output can live in git.
        Writes only inside --out.

        A folder holding many masterplans is rendered repository by repository, each into its own
        folder under --out (the same relative path; the folder's own plan into --out/<its name>).

        Exit codes: 0 written (or up to date with --check), 1 invalid repository, template error or
        out of date, 2 wrong usage.

        Examples:
          kotacerdas render examples/garut --format html --out site
          kotacerdas render examples/garut --format md --format html --out publikasi
          kotacerdas render examples/garut --format pdf --book 2 --out buku
        """
        from ..api import Tree

        formats = _formats(format)
        chapters = list(chapter or []) or None
        opened = open_masterplan(path, cache=not no_cache, lang=_lang(lang))
        if isinstance(opened, Tree):
            if changes_since is not None:
                raise usage_error(_("--changes-since renders one masterplan; give the path of one repository"))
            done = call(opened.render, formats, out, chapter=chapters, single=single, check=check, edition=edition,
                        book=book)
            raise typer.Exit(max((_report(o) for _, o in done.outcomes), default=ExitCode.OK))
        from ..api import InvalidRevision

        try:
            outcome = call(opened.render, formats, out, chapter=chapters, single=single, check=check,
                           changes_since=changes_since, edition=edition, book=book)
        except InvalidRevision as exc:
            say_err(_("kotacerdas: cannot compare: {problem} (fix it, then compare again)")
                    .format(problem=exc) + "\n")
            _print_diagnostics(exc.diagnostics, exc.source_line, "validate", Path("."))
            raise typer.Exit(ExitCode.FINDINGS) from None
        raise typer.Exit(_report(outcome))


def _lang(lang: str | None) -> str | None:
    if lang is not None and lang not in ("id", "en"):
        raise usage_error(_("unknown language '{lang}'; choose id or en").format(lang=lang))
    return lang


def _formats(given: list[str]) -> list[str]:
    """--format values in the order given, once each; "md,html" counts as two."""
    from ..api import RENDER_FORMATS
    from ..i18n import _

    out: list[str] = []
    for value in given:
        for fmt in value.split(","):
            fmt = fmt.strip()
            if fmt not in RENDER_FORMATS:
                raise usage_error(_("unknown format '{format}'; choose md, html, pdf or docx").format(format=fmt))
            if fmt not in out:
                out.append(fmt)
    return out


def _report(outcome) -> int:
    """Print what render did for one repository (api.RenderOutcome); its exit code."""
    shown = str(outcome.out).rstrip("/") or "."
    if outcome.status == "usage-error":
        say_err(_("kotacerdas: error: {message}").format(message=outcome.diagnostics[0].message) + "\n")
        return ExitCode.USAGE
    if outcome.status == "engine-missing":
        say_err(f"kotacerdas: render: {outcome.diagnostics[0].message}\n")
        return ExitCode.FINDINGS
    if outcome.status in ("invalid", "template-errors"):
        from ..repository import guarded_line
        from ..source import DEFAULT_LIMITS

        command = "validate" if outcome.status == "invalid" else "render"
        _print_diagnostics(outcome.diagnostics, lambda rel, line: guarded_line(outcome.root, rel, line,
                                                                                DEFAULT_LIMITS.max_file_bytes),
                           command, outcome.root)
        say_err((_("kotacerdas: render: the repository has errors (above); nothing was written.")
                 if command == "validate" else
                 _("kotacerdas: render: template errors (above); nothing was written.")) + "\n")
        return ExitCode.FINDINGS
    if outcome.check:
        for name, why in outcome.differences:
            say(f"{shown}/{name}: {why}\n")
        if outcome.differences:
            n = len(outcome.differences)
            say("✗ " + ngettext("{out} is out of date: {n} file differs from what `kotacerdas render` "
                                "would write.", "{out} is out of date: {n} files differ from what "
                                "`kotacerdas render` would write.", n).format(out=shown, n=n) + "\n")
            return ExitCode.FINDINGS
        n = sum(len(f.files) for f in outcome.formats)
        say("✓ " + ngettext("{out} is up to date ({n} file).", "{out} is up to date ({n} files).", n)
            .format(out=shown, n=n) + "\n")
        return ExitCode.OK
    for f in outcome.formats:
        if f.books:
            done = ngettext("rendered {n} book as {format} into {out}", "rendered {n} books as {format} into {out}",
                            f.books).format(n=f.books, format=f.format, out=shown)
        else:
            done = ngettext("rendered {n} chapter as {format} into {out}",
                            "rendered {n} chapters as {format} into {out}",
                            f.chapters).format(n=f.chapters, format=f.format, out=shown)
        counts = (_("{written} written, {unchanged} unchanged, {removed} removed") if f.removed else
                  _("{written} written, {unchanged} unchanged"))
        say(f"✓ {done}: " + counts.format(written=len(f.written), unchanged=len(f.unchanged),
                                          removed=len(f.removed)) + ".\n")
    return ExitCode.OK


def _print_diagnostics(diagnostics, source_line, command: str, root: Path) -> None:
    from ..reporters import Report, display_prefix, render_report

    report = Report(command=command, diagnostics=diagnostics, root=root, prefix=display_prefix(root),
                    source_line=source_line, color=use_color(sys.stderr))
    say_err(render_report("text", report))
