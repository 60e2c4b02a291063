from __future__ import annotations

from pathlib import Path

import typer

from ..i18n import _, ngettext
from .common import ExitCode, say, usage_error


def register(app: typer.Typer) -> None:
    @app.command()
    def migrate(
        path: Path = typer.Argument(Path("."), help="The masterplan repository (default: the current folder)."),
        check: bool = typer.Option(False, "--check",
                                   help="Change nothing: list what would change and exit 1 if anything would."),
    ) -> None:
        """Upgrade a repository written for an older format version, in place, keeping every comment.

        Format 2 reads numbers strictly: a quoted number ("1250000000") is text. migrate unquotes every
        quoted plain number where the format wants a number and sets format_version: 2. Values that are
        not plain numbers (Rp 1.250.000, 1.250) are left for validate to report. Running it again changes
        nothing. Writes atomically; see docs/format.md, "Changes between format versions".

        Exit codes: 0 up to date or migrated, 1 something would change (--check) or a file does not load,
        2 wrong usage.

        Examples:

        \b
          kotacerdas migrate . --check
          kotacerdas migrate examples/garut
        """
        from ..migrate import MigrateUsageError
        from ..migrate import migrate as run

        from .common import repository_root

        try:
            outcome = run(repository_root(path), check=check)
        except MigrateUsageError as exc:
            raise usage_error(str(exc)) from None
        for f in outcome.failed:
            d = f.diagnostic
            assert d is not None  # what `failed` means
            say(f"{d.path}:{d.line}:{d.column}: error {d.code}: " + _("{message} (left unchanged)")
                .format(message=d.message) + "\n")
        for f in outcome.changed:
            say((_("would migrate {path}") if check else _("migrated {path}")).format(path=f.rel) + "\n")
            for c in f.changes:
                say(f"    {c}\n")
        n = len(outcome.changed)
        if check:
            summary = ngettext("format {old} -> {new}: {n} file would change",
                               "format {old} -> {new}: {n} files would change", n)
        else:
            summary = ngettext("format {old} -> {new}: {n} file changed", "format {old} -> {new}: {n} files changed", n)
        say(summary.format(old=outcome.version_from, new=outcome.version_to, n=n) + ".\n")
        failing = outcome.failed or (check and n)
        raise typer.Exit(ExitCode.FINDINGS if failing else ExitCode.OK)
