from __future__ import annotations

from pathlib import Path

import typer

from .common import ExitCode, emit, pick_format, use_color, usage_error


def register(app: typer.Typer) -> None:
    @app.command()
    def validate(
        path: Path = typer.Argument(Path("."), help="The masterplan repository (a folder with kotacerdas.yaml)."),
        format: str = typer.Option("auto", "--format", "-f",
                                   help="Report format: auto, text, json, sarif, github, junit, markdown. "
                                        "auto is github under GitHub Actions, text otherwise."),
        output: Path = typer.Option(None, "--output", "-o", help="Write the report to this file (atomically)."),
    ) -> None:
        """Check that a masterplan repository is well-formed.

        Reads every YAML file, checks it against the format (docs/format.md) and checks the references
        between files. Prints every problem with file:line:column, what was found and what is expected.
        Never changes a file.

        Exit codes: 0 valid, 1 invalid, 2 wrong usage.

        Example:  kotacerdas validate examples/garut
        """
        from ..reporters import FORMATS, Report, display_prefix, render_report
        from ..repository import UsageError
        from ..validate import validate as run

        fmt = pick_format(format, FORMATS)
        try:
            result = run(path)
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


def _source_line(repo, rel: str, line: int) -> str:
    doc = repo.doc(rel)
    if doc is not None:
        return doc.line_text(line)
    try:
        text = (repo.root / rel).read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return ""
    lines = text.splitlines()
    return lines[line - 1] if 0 < line <= len(lines) else ""
