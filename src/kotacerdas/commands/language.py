"""The command line speaks the user's language: `--lang` on every command, and `--help` translated.

The root group (`LanguageGroup`, the Typer app's class) chooses the language of a run before Click
parses anything (i18n.choose: `--lang`, KOTACERDAS_LANG, the repository's kotacerdas.yaml, the locale of
the environment, Indonesian), runs the whole command inside `i18n.requested(lang)`, and translates the
help texts of every command and option (written in English in the code, extracted by
kotacerdas.i18n_extract, translated in the catalog). A command without its own `--lang` gets one that
only chooses the language of messages, so no command module has to declare it.
"""

from __future__ import annotations

import copy
import enum
import functools
from pathlib import Path
from typing import Any

import typer
from typer._click.exceptions import ClickException
from typer.core import TyperGroup

from .. import i18n
from ..i18n import N_, _
from . import click_words

LANG_HELP = N_("Language of messages: id (Bahasa Indonesia) or en (English). Default: kotacerdas.yaml's "
               "language, else the environment's locale, else id.")

# Help texts Typer itself adds to the root command (--install-completion, --show-completion): translated
# like ours, so their text is marked here, exactly as Typer writes it.
TYPER_HELP = (N_("Install completion for the current shell."),
              N_("Show completion for the current shell, to copy it or customize the installation."))
# Words Typer itself writes into --help and its errors through gettext (typer.core's `_`), exactly as it
# writes them; `_speak_through_typer` hands Typer our `_`. Click's own words ("Usage:", "Error: No such
# option"), plain text in Typer's copy of Click, are said again in the user's language by click_words.
TYPER_WORDS = (N_("Arguments"), N_("Options"), N_("Commands"), N_("default: {default}"), N_("required"),
               N_("env var: {var}"), N_("Missing command."), N_("No such command {name!r}."), N_("Aborted!"),
               N_("(dynamic)"), N_("Show this message and exit."),
               N_("[OPTIONS]"), N_("COMMAND [ARGS]..."))  # the usage line's placeholders


def language_of_args(args: list[str], cwd: Path | None = None) -> tuple[str, str | None]:
    """The language a run with these arguments speaks (--lang, else i18n.choose's order for the first
    argument that is a repository, else for the current folder), and the one --lang asked for."""
    explicit = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            explicit = args[i + 1]
        elif arg.startswith("--lang="):
            explicit = arg.split("=", 1)[1]
    base = cwd or Path.cwd()
    root = next((base / a for a in args if not a.startswith("-") and _is_repository(base / a)), base)
    explicit = explicit if explicit in i18n.LANGUAGES else None
    return i18n.choose(explicit, root), explicit


def _is_repository(path: Path) -> bool:
    try:
        return (path / "kotacerdas.yaml").is_file()
    except (OSError, ValueError):
        return False


class _Lang(str, enum.Enum):
    id = "id"
    en = "en"


def _lang_option() -> Any:
    """A `--lang id|en` option that Typer built (Typer carries its own Click), not passed to the command:
    the language was chosen before parsing, the option only refuses what is neither. One is built, each
    command gets its own copy."""
    return copy.copy(_lang_prototype())


@functools.cache
def _lang_prototype() -> Any:
    probe = typer.Typer()

    @probe.command()
    def probe_command(lang: _Lang = typer.Option(None, "--lang", help=LANG_HELP)) -> None:
        pass

    option = typer.main.get_command(probe).params[0]
    option.expose_value = False
    return option


def translate_help(command: Any) -> None:
    """Every help text of `command` and its subcommands in the current language (the English originals
    are kept on the objects, so a later run may translate them to another language)."""
    original = command.__dict__.setdefault("_kc_help", (command.help, command.short_help, command.epilog))
    command.help, command.short_help, command.epilog = (_(t) if t else t for t in original)
    group = hasattr(command, "commands")
    if not any("--lang" in getattr(p, "opts", ()) for p in command.params):  # `kotacerdas --lang en lint` too
        command.params.append(_lang_option())
    command.context_class = click_words.speaking_context(command.context_class)  # "Usage: " translated
    metavars = command.__dict__.setdefault("_kc_metavars", (command.options_metavar,
                                                            getattr(command, "subcommand_metavar", None)))
    command.options_metavar = _(metavars[0]) if metavars[0] else metavars[0]
    if metavars[1]:
        command.subcommand_metavar = _(metavars[1])
    if "_kc_help_option" not in command.__dict__:  # -h/--help, which Click makes (and keeps) on first use
        command._kc_help_option = command.get_help_option
        command.get_help_option = lambda ctx, cmd=command: _translated_option(cmd._kc_help_option(ctx))
    for param in command.params:
        text = param.__dict__.setdefault("_kc_help", getattr(param, "help", None))
        if text:
            param.help = _(text)
    if group:
        for sub in command.commands.values():
            translate_help(sub)


def _translated_option(option: Any) -> Any:
    if option is not None:
        text = option.__dict__.setdefault("_kc_help", option.help)
        option.help = _(text) if text else text
    return option


class LanguageGroup(TyperGroup):
    """Typer's root group, run in the user's language."""

    def main(self, args: Any = None, *pos: Any, **kw: Any) -> Any:
        import sys

        argv = list(sys.argv[1:] if args is None else args)
        with i18n.requested(*language_of_args(argv)):
            _speak_through_typer()
            translate_help(self)
            return super().main(argv, *pos, **kw)

    # A command line the parser refuses (here or in a subcommand) raises a ClickException whose English
    # text Typer's main loop prints with `exc.show()`: shown in the run's language instead (click_words).
    def make_context(self, *args: Any, **kw: Any) -> Any:
        try:
            return super().make_context(*args, **kw)
        except ClickException as exc:
            click_words.speak(exc)
            raise

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except ClickException as exc:
            click_words.speak(exc)
            raise


def _speak_through_typer() -> None:
    """Typer looks its own words up with `gettext.gettext` bound as `typer.core._`: looked up in our
    catalog instead, in the run's language (left alone if a Typer version has no such name)."""
    import typer.core

    if callable(getattr(typer.core, "_", None)):
        typer.core._ = _
