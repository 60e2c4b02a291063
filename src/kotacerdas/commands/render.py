"""`kotacerdas render`: a thin command over kotacerdas.render (validate, render, write or --check)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from .common import ExitCode, use_color, usage_error


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
        formats = _formats(format)
        if lang is not None and lang not in ("id", "en"):
            raise usage_error(f"unknown language '{lang}'; choose id or en")
        from ..scale import scan

        listings = scan(path) if path.is_dir() else {}
        if set(listings) - {path}:
            from ..tree import render_tree

            if changes_since is not None:
                raise usage_error("--changes-since renders one masterplan; give the path of one repository")
            from ..tree import coverage_chapter

            def render_one(root, dest, coverage):
                extra = []
                if coverage is not None:  # a province: its coverage chapter, in the repository's language
                    from ..repository import load_config

                    extra = [coverage_chapter(coverage, lang or load_config(root)[0].language)]
                return run(root, formats=formats, out=dest, lang=lang, chapter=chapter, single=single, check=check,
                           extra_chapters=extra, use_cache=not no_cache)

            from ..repository import UsageError

            try:
                code = render_tree(path, listings, out, render_one)
            except UsageError as exc:
                raise usage_error(str(exc)) from None
            raise typer.Exit(code)
        extra = []
        if changes_since is not None:
            from .diff import changes_since_extra

            extra = [x for x in [changes_since_extra(path, changes_since, lang)] if x is not None]
        code = run(path, formats=formats, out=out, lang=lang, chapter=chapter, single=single, check=check,
                   extra_chapters=extra, use_cache=not no_cache)
        raise typer.Exit(code)


def _formats(given: list[str]) -> list[str]:
    """--format values in the order given, once each; "md,html" counts as two."""
    out: list[str] = []
    for value in given:
        for fmt in value.split(","):
            fmt = fmt.strip()
            if fmt not in ("md", "html"):
                raise usage_error(f"unknown format '{fmt}'; choose md or html")
            if fmt not in out:
                out.append(fmt)
    return out


def run(path: Path, *, formats: list[str], out: Path, lang: str | None = None, chapter: str | None = None,
        single: bool = False, check: bool = False, extra_chapters=(), use_cache: bool = True) -> int:
    """The whole command; returns the exit code. `formats`: one or more (rendered from the same chapter
    bodies, into the same --out). `extra_chapters` is the hook for options that add chapters (render
    --changes-since)."""
    from ..render import ChapterNotFound, apply_plan, out_dir_problem, plan_output
    from ..render.engine import Renderer
    from ..render.environment import use_disk_cache
    from ..repository import UsageError
    from ..scale import Cache, cache_folder, parallel_load_files
    from ..validate import validate

    use_disk_cache(cache_folder() if use_cache else None)
    try:
        validation = validate(path, loader=Cache().loader if use_cache else parallel_load_files)
    except UsageError as exc:
        raise usage_error(str(exc)) from None
    repo = validation.repo
    if not validation.ok:
        _report(repo, [d for d in validation.diagnostics], "validate")
        sys.stderr.write("kotacerdas: render: the repository has errors (above); nothing was written.\n")
        return ExitCode.FINDINGS
    problem = out_dir_problem(repo, out)
    if problem:
        raise usage_error(problem)
    renderer = Renderer(validation.masterplan, lang=lang, extra_chapters=extra_chapters)
    results = []
    for one in formats:  # every format rendered before anything is written: a template error writes nothing
        try:
            result = renderer.render(one, chapter=chapter, single=single)
        except ChapterNotFound as exc:
            raise usage_error(str(exc)) from None
        if not result.ok:
            _report(repo, result.diagnostics, "render")
            sys.stderr.write("kotacerdas: render: template errors (above); nothing was written.\n")
            return ExitCode.FINDINGS
        results.append((one, result))
    from ..protect import source_files

    sources = source_files(repo)
    clash = sorted({name for _, result in results for name in result.files if (Path(out) / name).resolve() in sources})
    if clash:
        raise usage_error(f"--out {out} would overwrite source files of the repository: " + ", ".join(clash))
    plans = [(one, result, plan_output(out, result.files, one, single, partial=bool(chapter)))
             for one, result in results]
    shown = str(out).rstrip("/") or "."
    if check:
        diffs = [d for _, _, plan in plans for d in plan.differences()]
        if diffs:
            for name, why in diffs:
                sys.stdout.write(f"{shown}/{name}: {why}\n")
            sys.stdout.write(f"✗ {shown} is out of date: {len(diffs)} file{'s' if len(diffs) != 1 else ''} "
                             f"differ from what `kotacerdas render` would write.\n")
            return ExitCode.FINDINGS
        total = sum(len(result.files) for _, result, _ in plans)
        sys.stdout.write(f"✓ {shown} is up to date ({total} files).\n")
        return ExitCode.OK
    for one, result, plan in plans:
        try:
            apply_plan(out, plan)
        except OSError as exc:
            raise usage_error(f"cannot write into {out}: {exc.strerror or exc}") from None
        n = len(result.chapters) if not chapter else 1
        sys.stdout.write(f"✓ rendered {n} chapter{'s' if n != 1 else ''} as {one} into {shown}: "
                         f"{len(plan.write)} written, {len(plan.unchanged)} unchanged"
                         + (f", {len(plan.remove)} removed" if plan.remove else "") + ".\n")
    return ExitCode.OK


def _report(repo, diagnostics, command: str) -> None:
    from ..reporters import Report, display_prefix, render_report

    def source_line(rel: str, line: int) -> str:
        doc = repo.doc(rel)
        if doc is not None:
            return doc.line_text(line)
        candidate = Path(rel) if Path(rel).is_absolute() else Path(repo.root) / rel
        try:
            lines = candidate.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return ""
        return lines[line - 1] if 0 < line <= len(lines) else ""

    report = Report(command=command, diagnostics=diagnostics, root=repo.root, files_checked=len(repo.files),
                    prefix=display_prefix(repo.root), source_line=source_line, color=use_color(sys.stderr))
    sys.stderr.write(render_report("text", report))
