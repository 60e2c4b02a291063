from __future__ import annotations

from pathlib import Path

import typer

from .common import ExitCode, emit, pick_format, use_color, usage_error


def register(app: typer.Typer) -> None:
    @app.command()
    def validate(
        path: Path = typer.Argument(Path("."), help="The masterplan repository (a folder with kotacerdas.yaml), "
                                                    "or a folder holding many of them."),
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

        Example:  kotacerdas validate examples/garut
        """
        from ..reporters import FORMATS, Report, display_prefix, render_report
        from ..repository import UsageError
        from ..scale import scan
        from ..tree import is_tree
        from ..validate import validate as run

        fmt = pick_format(format, FORMATS)
        listings = scan(path) if path.is_dir() else {}
        if is_tree(path, listings):
            _validate_tree(path, fmt, output, no_cache, listings)
        try:
            if no_cache:
                from ..scale import parallel_load_files

                result = run(path, loader=parallel_load_files)
            else:
                from ..scale import Cache

                result = run(path, loader=Cache().loader)
        except UsageError as exc:
            raise usage_error(str(exc)) from None
        repo = result.repo
        report = Report(
            command="validate",
            diagnostics=result.diagnostics,
            root=repo.root,
            files_checked=len(repo.files),
            prefix=display_prefix(repo.root),
            source_line=lambda rel, line: _source_line(repo, rel, line),
            color=use_color() and output is None,
        )
        emit(render_report(fmt, report), output)
        raise typer.Exit(ExitCode.OK if result.ok else ExitCode.FINDINGS)


def _validate_tree(path: Path, fmt: str, output: Path | None, no_cache: bool, listings: dict, job=None,
                   fail_on: str = "error") -> None:
    """Many repositories under `path`: one combined report (paths relative to `path`), one exit code.
    `job`: tree.Job("lint", date) for lint (whose exit code follows --fail-on); validate by default."""
    from ..diagnostics import Severity
    from ..reporters import Report, display_prefix, render_report
    from ..repository import UsageError
    from ..scale import show_progress
    from ..tree import VALIDATE, check_tree, coverage_text

    job = job or VALIDATE
    try:
        result = check_tree(path, use_cache=not no_cache, progress=show_progress(), listings=listings, job=job)
    except UsageError as exc:
        raise usage_error(str(exc)) from None
    valid = sum(1 for r in result.repos if r.ok)
    prefix = display_prefix(path)
    extra = {"repositories": [{"path": r.rel, "region": r.region_code, "name": r.region_name, "ok": r.ok,
                               "files_checked": r.files_checked} for r in result.repos],
             "coverage": [c.to_dict() for c in result.coverage]}
    if job.command == "lint":
        shown = Report("lint", [], path, prefix=prefix)
        suppressed = []
        for d in result.suppressed:
            item = d.to_dict()
            item["path"] = shown.display_path(d.path)
            item["suppression"] = {"kind": "inSource", "justification": d.suppressed_by or None}
            suppressed.append(item)
        extra = {"as_of": job.as_of.isoformat(), "fail_on": fail_on, "suppressed": suppressed, **extra}
    report = Report(
        command=job.command,
        diagnostics=result.diagnostics,
        root=path,
        files_checked=result.files_checked,
        prefix=prefix,
        source_line=lambda rel, line: _disk_line(path, rel, line),
        color=use_color() and output is None,
        extra=extra,
    )
    if job.command == "lint":
        report.suppressed = result.suppressed
    text = render_report(fmt, report)
    if fmt == "text":
        text += (f"{len(result.repos)} masterplans checked: {valid} valid, {len(result.repos) - valid} invalid\n"
                 + coverage_text(result.coverage))
    emit(text, output)
    failed = result.fails(Severity(fail_on)) if job.command == "lint" else not result.ok
    raise typer.Exit(ExitCode.FINDINGS if failed else ExitCode.OK)


def _disk_line(root: Path, rel: str, line: int) -> str:
    from ..source import DEFAULT_LIMITS

    return _safe_line(root, rel, line, DEFAULT_LIMITS.max_file_bytes)


_MAX_SHOWN = 500  # a longer source line (minified data, a binary file) is not shown


def _source_line(repo, rel: str, line: int) -> str:
    """The text of one line, to show under a diagnostic; "" when it cannot be shown safely."""
    doc = repo.doc(rel)
    if doc is not None:
        text = doc.line_text(line)
        return text if len(text) <= _MAX_SHOWN else ""
    from ..repository import limits_of

    return _safe_line(repo.root, rel, line, limits_of(repo.config).max_file_bytes)


def _safe_line(root: Path, rel: str, line: int, max_bytes: int) -> str:
    """A line of a file that did not load, re-read from disk: only a regular file inside `root` (never
    through a link that leaves it, never a pipe that would block) and only its first `max_bytes`."""
    try:
        path = (root / rel).resolve(strict=True)
        if not path.is_relative_to(Path(root).resolve()) or not path.is_file():
            return ""
        with open(path, "rb") as fh:
            raw = fh.read(max_bytes)
    except (OSError, RuntimeError, ValueError):
        return ""
    lines = raw.decode("utf-8", errors="replace").splitlines()
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    return text if len(text) <= _MAX_SHOWN else ""
