from __future__ import annotations

from pathlib import Path

import typer

from ..i18n import _, ngettext
from .common import ExitCode, call, say, say_err


def register(app: typer.Typer) -> None:
    @app.command()
    def fmt(
        paths: list[Path] = typer.Argument(None, help="Masterplan repositories, folders inside one, or YAML files "
                                                      "(default: the current folder)."),
        check: bool = typer.Option(False, "--check",
                                   help="Change nothing: list the files that would change and exit 1 if any."),
    ) -> None:
        """Rewrite masterplan YAML files in one consistent layout, keeping every comment and value.

        Keys follow the order of docs/format.md, indentation is two spaces with list items indented under
        their key, and codes that YAML would read as numbers are quoted (code: 32.10 becomes
        code: "32.10", which is what the plan means). Files that do not load are reported and left
        untouched. Files that are not part of the masterplan format are skipped. Writes atomically.

        Exit codes: 0 nothing to do or formatted, 1 a file would change (--check) or does not load,
        2 wrong usage.

        Examples:

        \b
          kotacerdas fmt                      # format the repository in the current folder
          kotacerdas fmt examples/garut --check
          kotacerdas fmt plan.yaml programmes/qw-gov-01.yaml
        """
        from ..api import fmt as run
        from ..safetext import visible  # each value on its own: a line feed in a file name starts no line

        outcome = call(run, list(paths or [Path(".")]), check=check)
        for name in outcome.skipped:
            say_err(_("kotacerdas: skipped {name}: not a masterplan file (see docs/format.md)")
                    .format(name=visible(str(name))) + "\n")
        for r in outcome.failed:
            d = r.diagnostic
            say(f"{visible(d.path)}:{d.line}:{d.column}: error {d.code}: {visible(d.message)}\n")
            if d.found or d.expected:
                say("    " + _("found: {found}; expected: {expected}")
                    .format(found=visible(d.found or "-"), expected=visible(d.expected or "-")) + "\n")
            if d.hint:
                say("    " + _("hint: {hint}").format(hint=visible(d.hint)) + "\n")
        for r in outcome.changed:
            say((_("would reformat {path}") if check else _("reformatted {path}")).format(path=visible(r.rel)) + "\n")
        total = len(outcome.results)
        changed = len(outcome.changed)
        failed = len(outcome.failed)
        if check:
            summary = ngettext("{changed} of {total} file would be reformatted",
                               "{changed} of {total} files would be reformatted", total)
        else:
            summary = ngettext("{changed} of {total} file reformatted", "{changed} of {total} files reformatted", total)
        summary = summary.format(changed=changed, total=total)
        if failed:
            summary = _("{summary}, {failed}").format(summary=summary, failed=ngettext(
                "{n} could not be formatted and was left unchanged",
                "{n} could not be formatted and were left unchanged", failed).format(n=failed))
        say(summary + ".\n")
        failing = failed or (check and changed)
        raise typer.Exit(ExitCode.FINDINGS if failing else ExitCode.OK)
