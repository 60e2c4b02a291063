"""What officers type into a cell, read as the value the format holds.

`3,3` and `3.3` are 3.3; `1.250.000`, `Rp 1.250.000`, `Rp1.250.000,00` are 1250000 rupiah; `85%`, `85`
and a percent-formatted 0.85 are 85 (%); a status is its label in either language or its code. What
cannot be read is a Problem: what was found and what is expected, for a diagnostic."""

from __future__ import annotations

import datetime as _dt
import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from .layout import STATUS_LABELS, Column, status_code, status_label
from ..i18n import N_, _


@dataclass(frozen=True)
class Problem:
    found: str
    expected: str
    hint: str | None = None


_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_ID_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")  # 1.250.000 or 1.250.000,5
_EN_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3}){2,}(\.\d+)?$")  # 1,250,000 (two groups or more)
_COMMA_DECIMAL = re.compile(r"^[+-]?\d*,\d+$")  # 3,3
_DOT_DECIMAL = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")  # 3.3 or 62
_DATE_TEXT = re.compile(r"^\d{1,4}[/-]\d{1,2}[/-]\d{1,4}$|^\d{1,2}\s+\w+\s+\d{4}$")


def _found(value: Any) -> str:
    if isinstance(value, str):
        return _('text "{text}"').format(text=value[:60] + ("…" if len(value) > 60 else ""))
    if isinstance(value, _dt.datetime | _dt.date):
        return _("a date ({date})").format(date=_date_text(value))
    if isinstance(value, bool):
        return _("a true/false value ({value})").format(value=str(value).upper())
    return _("number {value}").format(value=_plain(value))


def _plain(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _date_text(value: _dt.date) -> str:
    from ..render.formatting import Formatter

    return Formatter("id").date(value.date() if isinstance(value, _dt.datetime) else value)


def number_text(text: str) -> float | int | None:
    """A number as Indonesians and others type it, or None. `1.250` (one dot, three digits) is refused as
    ambiguous (1250 in Indonesian, 1.25 in English)."""
    t = _SPACES.sub("", text)
    if re.fullmatch(r"[+-]?\d{1,3}\.\d{3}", t):
        return None
    if _ID_THOUSANDS.match(t):
        t = t.replace(".", "").replace(",", ".")
    elif _EN_THOUSANDS.match(t):
        t = t.replace(",", "")
    elif _COMMA_DECIMAL.match(t):
        t = t.replace(",", ".")
    elif not _DOT_DECIMAL.match(t):
        return None
    value = float(t)
    if not math.isfinite(value):
        return None
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def _tidy(value: float | int) -> float | int:
    if isinstance(value, float):
        value = round(value, 9)
        if value.is_integer() and abs(value) < 2**53:
            return int(value)
    return value


_EXPECT = {
    "number": N_("a number, e.g. 3,3 or 62"),
    "percent": N_("a percentage from 0 to 100, e.g. 85 or 85%"),
    "rupiah": N_("whole rupiah, e.g. 1.250.000 or 1250000"),
    "text": N_("text"),
    "year": N_("a year such as 2025"),
    "key": N_("an id"),
}


def parse(col: Column, value: Any, number_format: str = "General", lang: str = "id") -> tuple[Any, Problem | None]:
    """The value a cell means for its column, or a Problem. Empty cells are None (not known)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    kind = col.kind
    if kind in ("text", "key"):
        return _text(value), None
    if kind == "status":
        code = status_code(value) if isinstance(value, str) else None
        if code is None:
            choices = ", ".join(status_label(c, lang) for c in STATUS_LABELS)
            return None, Problem(_found(value), _("one of: {choices}").format(choices=choices),
                                 _("Choose the status from the drop-down list."))
        return code, None
    if isinstance(value, bool):
        return None, Problem(_found(value), _(_EXPECT[kind]))
    if isinstance(value, _dt.datetime | _dt.date | _dt.time):
        return None, Problem(_found(value), _(_EXPECT[kind]),
                             _("The spreadsheet turned what was typed into a date: format the cell as Number and "
                               "type the value again."))
    if isinstance(value, str):
        text = value.strip()
        number = _from_text(kind, text)
        if number is None:
            hint = _("A date is not a number here.") if _DATE_TEXT.match(text) else None
            if re.fullmatch(r"[+-]?\d{1,3}\.\d{3}", _SPACES.sub("", text)):
                hint = _("'{text}' is ambiguous: write {whole} or {decimal}.").format(
                    text=text, whole=text.replace(".", ""), decimal=text.replace(".", ","))
            return None, Problem(_found(value), _(_EXPECT[kind]), hint)
    elif isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            return None, Problem(_found(value), _(_EXPECT[kind]))
        number = value * 100 if kind == "percent" and "%" in number_format else value
    else:
        return None, Problem(_found(value), _(_EXPECT[kind]))
    number = _tidy(number)
    return _check(kind, number, value, "%" in number_format)


def _from_text(kind: str, text: str) -> float | int | None:
    t = text
    if kind == "rupiah":
        t = re.sub(r"^(Rp\.?|IDR)\s*", "", t, flags=re.IGNORECASE)
        t = re.sub(r"(,-|,00|\.-)$", "", t.strip())
    if kind == "rupiah" and re.fullmatch(r"\d{1,3}\.\d{3}", t):  # in rupiah, 1.250 can only be thousands
        return int(t.replace(".", ""))
    if kind in ("percent", "number") and t.endswith("%"):
        t = t[:-1]
    return number_text(t)


def _check(kind: str, number: float | int, raw: Any, percent_cell: bool = False) -> tuple[Any, Problem | None]:
    if kind == "year" and (not isinstance(number, int) or not 1945 <= number <= 2100):
        return None, Problem(_found(raw), _(_EXPECT[kind]))
    if kind == "percent" and not 0 <= number <= 100:
        return None, Problem(_found(raw), _(_EXPECT[kind]),
                             _("A percent cell showing 8500% was probably given 85 as a plain number: type 85%.")
                             if number > 100 and percent_cell else None)
    if kind == "rupiah" and (not isinstance(number, int) or number < 0):
        return None, Problem(_found(raw), _(_EXPECT[kind]))
    return number, None


def _text(value: Any) -> str:
    if isinstance(value, _dt.datetime | _dt.date):
        return _date_text(value)
    if isinstance(value, float | int) and not isinstance(value, bool):
        return _plain(value)
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")
    return text.strip()
