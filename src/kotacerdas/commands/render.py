"""`kotacerdas render`: a thin command over kotacerdas.render (validate, render, write or --check)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from .common import ExitCode, call, open_masterplan, use_color, usage_error
from ..i18n import _


def register(app: typer.Typer) -> None:
    @app.command()
    def render(
        path: Path = typer.Argument(Path("."), help="The masterplan repository (a folder with kotacerdas.yaml), "
                                                    "or a folder holding many of them."),
        format: list[str] = typer.Option(["md"], "--format", "-f",
                                         help="Output format: md (Markdown) or html. Both: --format md "
                                              "--format html (or md,html), into the same --out."),
        out: Path = typer.Option(..., "--out", "-o", help="Folder to write the chapters into (created if needed)."),
        lang: str = typer.Option(None, "--lang", help="Language of the labels: id or en "
                                                      "(default: `language` in kotacerdas.yaml, else id)."),
        chapter: str = typer.Option(None, "--chapter", help="Render one chapter only: its number (3 or III), "
                                                            "appendix letter (A) or name (peta-jalan)."),
        single: bool = typer.Option(False, "--single", help="Write one file (masterplan.md / masterplan.html) "
                                                            "instead of one file per chapter."),
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
        """Publish the masterplan as book chapters (BAB I, II, …) in Markdown or HTML.

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
        """
        from ..api import Tree

        formats = _formats(format)
        opened = open_masterplan(path, cache=not no_cache, lang=_lang(lang))
        if isinstance(opened, Tree):
            if changes_since is not None:
                raise usage_error(_("--changes-since renders one masterplan; give the path of one repository"))
            done = call(opened.render, formats, out, chapter=chapter, single=single, check=check, edition=edition)
            raise typer.Exit(max((_report(o) for _, o in done.outcomes), default=ExitCode.OK))
        from ..api import InvalidRevision

        try:
            outcome = call(opened.render, formats, out, chapter=chapter, single=single, check=check,
                           changes_since=changes_since, edition=edition)
        except InvalidRevision as exc:
            sys.stderr.write(f"kotacerdas: cannot compare: {exc} (fix it, then compare again)\n")
            _print_diagnostics(exc.diagnostics, exc.source_line, "validate", Path("."))
            raise typer.Exit(ExitCode.FINDINGS) from None
        raise typer.Exit(_report(outcome))


def _lang(lang: str | None) -> str | None:
    if lang is not None and lang not in ("id", "en"):
        raise usage_error(_("unknown language '{lang}'; choose id or en").format(lang=lang))
    return lang


def _formats(given: list[str]) -> list[str]:
    """--format values in the order given, once each; "md,html" counts as two."""
    out: list[str] = []
    for value in given:
        for fmt in value.split(","):
            fmt = fmt.strip()
            if fmt not in ("md", "html"):
                raise usage_error(_("unknown format '{fmt}'; choose md or html").format(fmt=fmt))
            if fmt not in out:
                out.append(fmt)
    return out


def _report(outcome) -> int:
    """Print what render did for one repository (api.RenderOutcome); its exit code."""
    shown = str(outcome.out).rstrip("/") or "."
    if outcome.status == "usage-error":
        sys.stderr.write(f"kotacerdas: error: {outcome.diagnostics[0].message}\n")
        return ExitCode.USAGE
    if outcome.status in ("invalid", "template-errors"):
        from ..repository import guarded_line
        from ..source import DEFAULT_LIMITS

        command = "validate" if outcome.status == "invalid" else "render"
        _print_diagnostics(outcome.diagnostics, lambda rel, line: guarded_line(outcome.root, rel, line,
                                                                                DEFAULT_LIMITS.max_file_bytes),
                           command, outcome.root)
        what = "the repository has errors" if command == "validate" else "template errors"
        sys.stderr.write(f"kotacerdas: render: {what} (above); nothing was written.\n")
        return ExitCode.FINDINGS
    if outcome.check:
        for name, why in outcome.differences:
            sys.stdout.write(f"{shown}/{name}: {why}\n")
        if outcome.differences:
            n = len(outcome.differences)
            sys.stdout.write(f"✗ {shown} is out of date: {n} file{'s' if n != 1 else ''} differ from what "
                             "`kotacerdas render` would write.\n")
            return ExitCode.FINDINGS
        sys.stdout.write(f"✓ {shown} is up to date ({sum(len(f.files) for f in outcome.formats)} files).\n")
        return ExitCode.OK
    for f in outcome.formats:
        sys.stdout.write(f"✓ rendered {f.chapters} chapter{'s' if f.chapters != 1 else ''} as {f.format} into "
                         f"{shown}: {len(f.written)} written, {len(f.unchanged)} unchanged"
                         + (f", {len(f.removed)} removed" if f.removed else "") + ".\n")
    return ExitCode.OK


def _print_diagnostics(diagnostics, source_line, command: str, root: Path) -> None:
    from ..reporters import Report, display_prefix, render_report

    report = Report(command=command, diagnostics=diagnostics, root=root, prefix=display_prefix(root),
                    source_line=source_line, color=use_color(sys.stderr))
    sys.stderr.write(render_report("text", report))
