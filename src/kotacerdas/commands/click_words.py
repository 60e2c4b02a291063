"""Click's own words in the user's language: "Usage:", "Error: No such option", "Missing argument".

Typer carries its own copy of Click (`typer._click`), which writes its messages as plain English text (no
gettext). When the argument parser refuses a command line, the exception it raises holds an English
sentence built from a few fixed templates; `message` reads it back against those templates (kept here
exactly as Click and Typer write them, `WORDS`) and says it again through our catalog, with the variable
parts (an option's name, a value) kept as they were. A text no template matches (our own messages, which
are translated already, or a new wording of a later Typer) is shown as it is: never a crash, never a
half-translated sentence. tests/test_i18n_click.py checks every template against Typer's source, so a
Typer that changes its wording fails a test instead of silently falling back to English.

`show` prints a refused command line as Click does (usage, the hint to `-h`, `Error: ...`), in the run's
language; `speaking_context` gives every command a help formatter whose usage line starts with the
translated "Usage: ".
"""

from __future__ import annotations

import functools
import re
import sys
from typing import IO, Any, cast

from typer._click.core import Context
from typer._click.formatting import HelpFormatter

from ..i18n import N_, _
from ..safetext import visible

# (what Click or Typer writes, with its variable parts named). Longer forms first: the first match wins.
WORDS: tuple[str, ...] = (
    N_("{message}. Did you mean {suggestions}?"),  # typer.core.TyperGroup.resolve_command
    N_("{message} (Possible options: {options})"),  # NoSuchOption.format_message
    N_("No such option: {name}"),
    N_("Option {name} does not take a value."),
    N_("Option {name} requires an argument."),
    N_("Option {name} requires {count} arguments."),
    N_("Argument {name} takes {count} values."),
    N_("Got unexpected extra argument(s) ({arguments})"),
    N_("Missing option {name}. {problem}"),  # MissingParameter.format_message, with Typer's list of choices
    N_("Missing argument {name}. {problem}"),
    N_("Missing option {name}."),
    N_("Missing argument {name}."),
    N_("Choose from:\n\t{choices}"),  # typer.core._TyperParameter.get_missing_message
    N_("Invalid value for {name}: {problem}"),  # BadParameter.format_message
    N_("{value} is not one of {choices}."),  # typer._param_types: a value outside an option's choices
)

# Texts Click writes around the message (exceptions.UsageError.show, formatting.HelpFormatter.write_usage).
USAGE = N_("Usage: ")
TRY_HELP = N_("Try '{command} {option}' for help.")
ERROR = N_("Error: {message}")

# Values of the wrong type (typer._coercion checks them with Pydantic): said with the value that was given.
_WRONG_TYPE = {
    "int_parsing": N_("{value} is not a whole number."),
    "float_parsing": N_("{value} is not a number."),
}

_FIELD = re.compile(r"\\\{(\w+)\\\}")


@functools.cache
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Each template as a regular expression whose groups are its variable parts."""
    out = []
    for template in WORDS:
        body = _FIELD.sub(lambda m: f"(?P<{m.group(1)}>.+?)", re.escape(template))
        out.append((re.compile(f"^{body}$", re.DOTALL), template))
    return tuple(out)


def _read(text: str) -> tuple[str, dict[str, str]] | None:
    """The template of WORDS that Click or Typer wrote `text` from, and its variable parts."""
    for pattern, template in _patterns():
        found = pattern.match(text)
        if found is not None:
            return template, found.groupdict()
    return None


def templates_in(text: str, depth: int = 0) -> list[str]:
    """The templates `text` was written from, outermost first (a message may hold another)."""
    read = _read(text) if depth <= 4 else None
    if read is None:
        return []
    template, parts = read
    inner = [t for key in ("message", "problem") if key in parts for t in templates_in(parts[key], depth + 1)]
    return [template, *inner]


def translate(text: str, depth: int = 0) -> str:
    """`text`, if Click or Typer wrote it from one of WORDS, in the run's language; else `text` itself.
    The parts that are themselves a message (`message`, `problem`) are translated in turn."""
    read = _read(text) if depth <= 4 else None
    if read is None:
        return text
    template, parts = read
    for key in ("message", "problem"):
        if key in parts:
            parts[key] = translate(parts[key], depth + 1)
    return _(template).format(**parts)


def message(exc: Any) -> str:
    """The message of a Click exception, in the run's language."""
    cause = exc.__cause__
    if hasattr(cause, "errors") and type(cause).__name__ == "ValidationError":
        problem = _pydantic_problem(cause)
        if problem is not None:
            return translate(_with_hint(exc, problem))
    return translate(exc.format_message())


def _pydantic_problem(error: Any) -> str | None:
    """A value Typer refused through Pydantic, said as a sentence of ours (None: not one we know)."""
    try:
        first = error.errors()[0]
    except (IndexError, TypeError, ValueError):
        return None
    kind = first.get("type")
    if kind == "value_error" and isinstance(first.get("ctx", {}).get("error"), ValueError):
        return visible(str(first["ctx"]["error"]))
    if kind in _WRONG_TYPE:
        return _(_WRONG_TYPE[kind]).format(value=visible(repr(first.get("input"))))
    return None


def _with_hint(exc: Any, problem: str) -> str:
    """BadParameter.format_message with another problem text (which option or argument was refused)."""
    hint = exc.param_hint if getattr(exc, "param_hint", None) is not None else None
    if hint is None and getattr(exc, "param", None) is not None:
        hint = exc.param.get_error_hint()
    if hint is None:
        return problem
    if not isinstance(hint, str):
        hint = " / ".join(repr(x) for x in hint)
    return f"Invalid value for {hint}: {problem}"


def show(exc: Any, file: IO[str] | None = None) -> None:
    """What Click's `exc.show()` prints, in the run's language."""
    from typer._click.exceptions import UsageError
    from typer._click.utils import echo

    out = file if file is not None else sys.stderr
    ctx = getattr(exc, "ctx", None) if isinstance(exc, UsageError) else None
    color = None
    if ctx is not None:
        color = ctx.color
        hint = ""
        if ctx.command.get_help_option(ctx) is not None:
            hint = _(TRY_HELP).format(command=ctx.command_path, option=ctx.help_option_names[0]) + "\n"
        echo(f"{ctx.get_usage()}\n{hint}", file=out, color=color)
    echo(_(ERROR).format(message=message(exc)), file=out, color=color)


def speak(exc: Any) -> None:
    """Make `exc.show()` (called by Typer's main loop) print in the run's language. The help printed when
    a group is run without arguments (NoArgsIsHelpError) is already translated and keeps its own show."""
    from typer._click.exceptions import NoArgsIsHelpError

    if not isinstance(exc, NoArgsIsHelpError) and "show" not in exc.__dict__:
        exc.show = functools.partial(show, exc)


@functools.cache
def speaking_context(base: type[Context]) -> type[Context]:
    """A subclass of the Click context class `base` whose help formatter writes "Usage: " translated."""
    formatter = speaking_formatter(base.formatter_class)
    return cast(type[Context], type(f"Speaking{base.__name__}", (base,),
                                    {"formatter_class": formatter, "__module__": __name__}))


def speaking_formatter(base: type[HelpFormatter]) -> type[HelpFormatter]:
    def write_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        base.write_usage(self, prog, args, _(USAGE) if prefix is None else prefix)

    return cast(type[HelpFormatter], type(f"Speaking{base.__name__}", (base,),
                                          {"write_usage": write_usage, "__module__": __name__}))
