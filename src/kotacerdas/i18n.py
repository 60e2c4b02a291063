"""The language of every message a user reads: gettext catalogs, chosen per call.

Messages are written in English in the code and marked with `_()` (or `ngettext()` where a number
decides the form); their Bahasa Indonesia lives in the gettext catalog
`src/kotacerdas/locale/<lang>/LC_MESSAGES/kotacerdas.po`, extracted and compiled with Babel.
The language is a context, not a global: `with language("id"): ...` makes every `_()` inside
(this thread or task) speak Indonesian, and leaves the caller's language as it was.

    from kotacerdas.i18n import _, ngettext
    message = _("the file {path} is not valid YAML").format(path=path)
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

DOMAIN = "kotacerdas"
LOCALE_DIR = Path(__file__).parent / "locale"
SOURCE_LANGUAGE = "en"

_ENGLISH = gettext.NullTranslations()
_current: ContextVar[gettext.NullTranslations | None] = ContextVar("kotacerdas_translation", default=None)


def _active() -> gettext.NullTranslations:
    return _current.get() or _ENGLISH


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


def _(message: str) -> str:
    """`message` in the current language."""
    return _active().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form of a message for `n`, in the current language."""
    return _active().ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a message for extraction without translating it yet (module-level constants)."""
    return message
