from __future__ import annotations

from pathlib import Path

import typer

from ..fsutil import os_problem
from ..i18n import _, ngettext
from .common import ExitCode, call, open_masterplan, say, say_err, usage_error


def register(app: typer.Typer) -> None:
    @app.command()
    def schema(
        kind: str = typer.Argument(None, help="Print the schema of one file kind to stdout: config, plan, opd, "
                                              "taxonomy, dimension, stage, programme or indicator."),
        out: Path = typer.Option(None, "--out", "-o", help="Write the schemas of every file kind into this folder, "
                                                           "one <kind>.schema.json each (atomically)."),
        repo: Path = typer.Option(None, "--repo", "-r", metavar="PATH",
                                  help=_("Carry this repository's own dimension and element codes (its taxonomy) "
                                         "and OPD ids (opd.yaml) as completions in the schemas.")),
    ) -> None:
        """Export JSON Schema (Draft 2020-12) for the masterplan file kinds, for editors and CI.

        Editors with the YAML extension (VS Code) use the schemas for completion, bilingual hover help and
        red squiggles while typing; `kotacerdas init` writes them into schemas/ and wires VS Code to them.
        The output is deterministic, so the files can be committed and compared. See docs/editors.md.

        Exit codes: 0 written, 2 wrong usage.

        Examples:

        \b
          kotacerdas schema --out schemas
          kotacerdas schema programme > programme.schema.json
          kotacerdas schema --out schemas --repo .
        """
        from ..models import FILE_MODELS
        from ..schema_export import render_schema, write_schemas

        if out is None and kind is None:
            raise usage_error(_("give --out DIR to write every schema, or a file kind to print one ({kinds})")
                              .format(kinds=", ".join(sorted(FILE_MODELS))))
        if kind is not None and kind not in FILE_MODELS:
            raise usage_error(_("unknown file kind '{kind}'; choose one of: {choices}")
                              .format(kind=kind, choices=", ".join(sorted(FILE_MODELS))))
        if out is not None and kind is not None:
            raise usage_error(_("give either --out DIR (every kind) or a file kind (printed), not both"))
        vocabulary = _vocabulary(repo) if repo is not None else None
        if kind is not None:
            say(render_schema(kind, vocabulary))
            raise typer.Exit(ExitCode.OK)
        if out.exists() and not out.is_dir():
            raise usage_error(_("--out must be a folder, but {out} is a file").format(out=out))
        try:
            written = write_schemas(out, vocabulary)
        except OSError as exc:
            raise usage_error(_("cannot write into {out}: {value}")
                              .format(out=out, value=os_problem(exc))) from None
        say_err(ngettext("kotacerdas: wrote {n} schema to {out}", "kotacerdas: wrote {n} schemas to {out}",
                         len(written)).format(n=len(written), out=out) + "\n")
        raise typer.Exit(ExitCode.OK)


def _vocabulary(path: Path):
    """The codes of the repository at `path` (kotacerdas.api), for --repo."""
    from ..api import Repo

    opened = open_masterplan(path)
    if not isinstance(opened, Repo):
        raise usage_error(_("--repo {path} holds several masterplans; give one of them").format(path=path))
    return call(opened.vocabulary)
