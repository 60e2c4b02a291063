from __future__ import annotations

import sys
from pathlib import Path

import typer

from .common import ExitCode, usage_error
from ..i18n import _, ngettext


def register(app: typer.Typer) -> None:
    @app.command()
    def schema(
        kind: str = typer.Argument(None, help="Print the schema of one file kind to stdout: config, plan, opd, "
                                              "taxonomy, dimension, stage, programme or indicator."),
        out: Path = typer.Option(None, "--out", "-o", help="Write the schemas of every file kind into this folder, "
                                                           "one <kind>.schema.json each (atomically)."),
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
        if kind is not None:
            sys.stdout.write(render_schema(kind))
            raise typer.Exit(ExitCode.OK)
        if out.exists() and not out.is_dir():
            raise usage_error(_("--out must be a folder, but {out} is a file").format(out=out))
        try:
            written = write_schemas(out)
        except OSError as exc:
            raise usage_error(_("cannot write into {out}: {value}")
                              .format(out=out, value=exc.strerror or exc)) from None
        sys.stderr.write(ngettext("kotacerdas: wrote {n} schema to {out}", "kotacerdas: wrote {n} schemas to {out}",
                                  len(written)).format(n=len(written), out=out) + "\n")
        raise typer.Exit(ExitCode.OK)
