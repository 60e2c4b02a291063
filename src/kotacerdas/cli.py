"""The `kotacerdas` command line: a Typer app whose commands live in kotacerdas/commands/."""

from __future__ import annotations

import importlib
import os
import sys
from typing import NoReturn

from .i18n import N_

# Commands, in the order `--help` lists them. Each is kotacerdas.commands.<name>.register(app).
COMMANDS = ["init", "validate", "lint", "rules", "fmt", "schema", "diff", "render", "report", "migrate", "sheet",
            "ci_comment"]  # ci_comment: hidden, for the CI files init writes

HELP = N_("""Keep a Smart City Masterplan as YAML files in git: check it, compare versions, publish it.

Start with `kotacerdas validate PATH` on a masterplan folder (one with kotacerdas.yaml).
The format is described in docs/format.md.""")


def build_app():
    import typer

    from . import __version__
    from .commands.language import LanguageGroup

    app = typer.Typer(help=HELP, no_args_is_help=True, add_completion=True, rich_markup_mode=None,
                      cls=LanguageGroup,  # speaks the user's language, --help included (commands/language.py)
                      context_settings={"help_option_names": ["-h", "--help"]}, pretty_exceptions_enable=False)

    def version_callback(value: bool) -> None:
        if value:
            print(f"kotacerdas {__version__}")
            raise typer.Exit()

    @app.callback()
    def root(
        version: bool = typer.Option(False, "--version", callback=version_callback, is_eager=True,
                                     help="Show the version and exit."),
    ) -> None:
        pass

    for name in COMMANDS:
        importlib.import_module(f"kotacerdas.commands.{name}").register(app)
    return app


def _visible(text: str) -> str:
    from .safetext import visible

    return visible(text)


def main() -> None:
    if sys.argv[1:] == ["--version"]:  # fast path: no imports beyond the package
        from . import __version__

        print(f"kotacerdas {__version__}")
        return
    if sys.argv[1:3] == ["diff", "--textconv"] and len(sys.argv) == 4:  # git diff driver: once per file
        from .diff.textconv import textconv
        from .safetext import visible_lines

        sys.stdout.write(visible_lines(textconv(sys.argv[3])))  # git shows it on a terminal
        return
    # Pydantic looks for plugins (observability hooks) in every installed package's metadata the first time
    # a model is used: a scan that costs a noticeable part of a command's start. The command line has no
    # use for them (Typer turns them off for its own parameters too); the library leaves them alone.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from .runtime import tune_gc_for_process

    tune_gc_for_process()
    try:
        build_app()(prog_name="kotacerdas")
    except KeyboardInterrupt:
        _interrupted()
    except SystemExit as exc:
        if exc.code == 130:  # Typer turns Ctrl-C inside a command into a silent exit 130
            _interrupted()
        raise
    except Exception as exc:  # a bug in kotacerdas, never the user's input: say so, without a traceback
        cause: BaseException | None
        cause, seen = exc, 0
        while cause is not None and seen < 50:  # Ctrl-C wrapped by Python (e.g. in __set_name__ during import)
            if isinstance(cause, KeyboardInterrupt):
                _interrupted()
            cause, seen = cause.__cause__ or cause.__context__, seen + 1
        if os.environ.get("KOTACERDAS_DEBUG"):
            raise
        from .commands.language import language_of_args
        from .i18n import _, language

        with language(language_of_args(sys.argv[1:])[0]):  # the command's context has ended with the error
            sys.stderr.write(
                _("kotacerdas: internal error: {kind}: {problem}\n"
                  "This is a bug in kotacerdas, not in your files. Please report it with the command you ran;\n"
                  "set KOTACERDAS_DEBUG=1 to see the details.\n").format(kind=type(exc).__name__,
                                                                        problem=_visible(str(exc)))
            )
        sys.exit(3)


def _interrupted() -> NoReturn:
    """Ctrl-C: say so and exit 130. Files are written atomically (fsutil), so nothing is half-written;
    a second Ctrl-C arriving while Python shuts down (closing worker pools) must not turn 130 into a
    death by signal, so the process ignores it and leaves without further clean-up."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        sys.stderr.write("kotacerdas: interrupted\n")
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(130)
