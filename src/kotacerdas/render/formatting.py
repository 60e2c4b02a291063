"""Numbers, money, percentages and dates as a reader in Indonesia (or, with --lang en, in English) expects
them: `Rp1.250.000.000`, `2.585.607`, `85,5%`, `5 Juli 2023`. Babel carries the locale rules (CLDR), so
the separators and month names are right without tables of our own."""

from __future__ import annotations

import datetime as _dt
import decimal
import math

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal, parse_pattern

LOCALES = {"id": "id_ID", "en": "en_GB"}


class Formatter:
    """Formatting for one language; every method returns text and accepts None (giving "")."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.locale = LOCALES[lang]
        self._locale = Locale.parse(self.locale)
        self._patterns = {d: parse_pattern("#,##0" + ("." + "#" * d if d > 0 else "")) for d in range(4)}
        self._cache: dict = {}

    def number(self, value, decimals: int = 2) -> str:
        if value is None:
            return ""
        key = (type(value) is float, value, decimals)
        text = self._cache.get(key)
        if text is None:
            pattern = self._patterns.get(decimals)
            with decimal.localcontext() as ctx:  # every digit of a big figure (10^30 rupiah, a 1e26 target)
                ctx.prec = max(ctx.prec, _digits(value) + decimals + 4)
                if pattern is None:
                    text = format_decimal(value, format="#,##0." + "#" * decimals, locale=self._locale)
                else:
                    text = pattern.apply(value, self._locale)
            self._cache[key] = text
        return text

    def money(self, value) -> str:
        if value is None:
            return ""
        sign = "-" if value < 0 else ""
        return f"{sign}Rp{self.number(abs(int(value)), 0)}"

    def percent(self, value, decimals: int = 1) -> str:
        """A value on the 0-100 scale: 85.5 -> "85,5%"."""
        if value is None:
            return ""
        return self.number(value, decimals) + "%"

    def date(self, value) -> str:
        if value is None:
            return ""
        if isinstance(value, str):
            value = _dt.date.fromisoformat(value)
        if self.lang == "en":
            return format_date(value, format="d MMMM y", locale=self.locale)
        return format_date(value, format="long", locale=self.locale)

    def date_range(self, start, end=None) -> str:
        """`5–6 Juli 2023`, `27 Juni – 6 Juli 2023`, or one date when there is no (different) end."""
        if start is None:
            return ""
        if end is None or end == start:
            return self.date(start)
        if start.year == end.year and start.month == end.month:
            return f"{start.day}–{self.date(end)}"
        if start.year == end.year:
            head = format_date(start, format="d MMMM", locale=self.locale)
            return f"{head} – {self.date(end)}"
        return f"{self.date(start)} – {self.date(end)}"

    def years(self, start, end) -> str:
        if start is None:
            return ""
        return str(start) if end is None or end == start else f"{start}–{end}"


def _digits(value) -> int:
    """How many digits the whole part of `value` has (Babel computes in decimal, whose default precision of
    28 digits raised InvalidOperation for bigger figures; the loader bounds how long a number may be)."""
    if isinstance(value, float):
        return int(math.log10(abs(value))) + 2 if math.isfinite(value) and value else 1
    try:
        return len(str(abs(int(value))))
    except (TypeError, ValueError, OverflowError):
        return 1


_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


def letter(n: int) -> str:
    """1 -> A, 26 -> Z, 27 -> AA (appendix letters)."""
    out = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        out = chr(65 + rest) + out
    return out
