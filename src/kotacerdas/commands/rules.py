"""`kotacerdas rules`: list the lint rules, or explain one (rationale, options, bad and good example)."""

from __future__ import annotations

import typer

from .common import ExitCode, usage_error
from ..i18n import _


def register(app: typer.Typer) -> None:
    @app.command()
    def rules(
        rule: str = typer.Argument(None, help="A rule code (KC103) or name (quick-win-too-long) to explain."),
    ) -> None:
        """List every lint rule, or explain one.

        Without an argument: code, name, default severity and summary of every rule. With a code or name:
        why the rule exists, its options and their defaults, and a bad and a good example.
        Validate's own codes (KC0xx) are explained too.

        Exit codes: 0 shown, 2 no such rule.

        Example:  kotacerdas rules KC110
        """
        import sys

        from ..lint.explain import explain, rule_list

        if rule is None:
            sys.stdout.write(rule_list())
            raise typer.Exit(ExitCode.OK)
        text = explain(rule)
        if text is None:
            raise usage_error(_("no rule '{rule}'; `kotacerdas rules` lists them").format(rule=rule))
        sys.stdout.write(text)
        raise typer.Exit(ExitCode.OK)
