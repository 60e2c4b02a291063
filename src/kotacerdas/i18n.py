"""The language of every message a user reads: gettext catalogs, chosen per call.

Messages are written in English in the code and marked with `_()` (or `ngettext()` where a number
decides the form); their Bahasa Indonesia lives in the gettext catalog
`src/kotacerdas/locale/<lang>/LC_MESSAGES/kotacerdas.po`, extracted and compiled with Babel
(`babel.cfg`; docs/i18n.md says how to update it). The compiled `.mo` is committed next to the `.po`
and shipped in the wheel as package data, so an editable install from a clean checkout speaks
Indonesian without a build step; tests/test_i18n.py fails when the `.mo` is older than the `.po`.
The language is a context, not a global: `with language("id"): ...` makes every `_()` inside
(this thread or task) speak Indonesian, and leaves the caller's language as it was.

    from kotacerdas.i18n import _, ngettext
    message = _("the file {path} is not valid YAML").format(path=path)

Which language a run speaks (`choose`): `--lang` (the API's `Options.lang`), else the environment's
KOTACERDAS_LANG, else kotacerdas.yaml's `language` when the file sets it, else the locale of the
environment (LC_ALL, LC_MESSAGES, LANG), else the repository's document language (Indonesian).
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

DOMAIN = "kotacerdas"
LOCALE_DIR = Path(__file__).parent / "locale"
SOURCE_LANGUAGE = "en"
LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"  # the document language of a repository that says nothing (models.RepoConfig)
ENV_VAR = "KOTACERDAS_LANG"

_ENGLISH = gettext.NullTranslations()
_current: ContextVar[gettext.NullTranslations | None] = ContextVar("kotacerdas_translation", default=None)
_requested: ContextVar[str | None] = ContextVar("kotacerdas_requested_language", default=None)
_process_default: list[gettext.NullTranslations] = [_ENGLISH]  # a worker process's language (set_default)
_process_requested: list[str | None] = [None]


def _active() -> gettext.NullTranslations:
    return _current.get() or _process_default[0]


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The compiled catalog of `lang`; messages without a translation stay in English."""
    if lang == SOURCE_LANGUAGE:
        return _ENGLISH
    return gettext.translation(DOMAIN, localedir=str(LOCALE_DIR), languages=[lang], fallback=True)


def current_language() -> str:
    """The language `_()` speaks now."""
    info = _active().info()
    return info.get("language", SOURCE_LANGUAGE) or SOURCE_LANGUAGE


@contextmanager
def language(lang: str | None) -> Iterator[None]:
    """Speak `lang` inside the block (None: keep the current language)."""
    if lang is None:
        yield
        return
    token = _current.set(translations(lang))
    try:
        yield
    finally:
        _current.reset(token)


@contextmanager
def requested(lang: str, explicit: str | None = None) -> Iterator[None]:
    """A command line run: speak `lang` inside the block, and when the user asked for a language
    (`explicit`, from --lang), let it win over each repository's own choice (`choose`)."""
    token = _requested.set(explicit)
    try:
        with language(lang):
            yield
    finally:
        _requested.reset(token)


def state() -> tuple[str, str | None]:
    """What a worker process needs to speak as this one does: the current and the requested language."""
    return current_language(), _requested.get() or _process_requested[0]


def set_default(lang: str, explicit: str | None = None) -> None:
    """The language of this process outside any `language()` block: for worker processes, which start
    with their parent's `state()` (runtime.pool) because a context does not cross a process boundary."""
    _process_default[0] = translations(lang)
    _process_requested[0] = explicit


def _(message: str) -> str:
    """`message` in the current language."""
    return _active().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form of a message for `n`, in the current language."""
    return _active().ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a message for extraction without translating it yet (module-level constants)."""
    return message


# --- which language -------------------------------------------------------------------------------------------


def from_locale(value: str | None) -> str | None:
    """The supported language of a locale name (`id_ID.UTF-8` -> id, `en_GB` -> en); None for C, POSIX,
    an empty value or a language kotacerdas has no catalog for."""
    if not value:
        return None
    lang = value.split(":")[0].split(".")[0].split("@")[0].split("_")[0].split("-")[0].strip().lower()
    if lang == "in":  # the old ISO code of Bahasa Indonesia, still seen in some systems
        lang = "id"
    return lang if lang in LANGUAGES else None


def environment_language(env: Mapping[str, str] | None = None) -> str | None:
    """The language of the environment's locale, as gettext reads it (the first of LC_ALL, LC_MESSAGES,
    LANG that is set); None when it names none that kotacerdas speaks."""
    env = os.environ if env is None else env
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if env.get(name):
            return from_locale(env[name])
    return None


def configured_language(root: Path | str | None) -> str | None:
    """kotacerdas.yaml's `language` when the file at `root` sets it to a language kotacerdas speaks
    (read on its own, cheaply and never failing: the file's problems are validate's to report)."""
    if root is None:
        return None
    from .fsutil import peek_yaml

    data = peek_yaml(Path(root) / "kotacerdas.yaml", 256 * 1024)
    value = data.get("language") if isinstance(data, dict) else None
    return value if isinstance(value, str) and value in LANGUAGES else None


def choose(explicit: str | None = None, root: Path | str | None = None,
           env: Mapping[str, str] | None = None) -> str:
    """The language of the messages of a run on the repository at `root` (see the module's docstring)."""
    env = os.environ if env is None else env
    explicit = explicit or _requested.get() or _process_requested[0]
    if explicit in LANGUAGES:
        return explicit
    chosen = from_locale(env.get(ENV_VAR)) or configured_language(root) or environment_language(env)
    return chosen or DEFAULT_LANGUAGE
