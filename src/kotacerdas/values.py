"""Strict values: where the format says number, whole number, rupiah, percent, year or date, the value
must be one, written the way docs/format.md says. Each refusal is one diagnostic in the officer's terms.

Why strict (issue 14 and 19): Pydantic's lax mode reads `true` as 1 (`amount: true` printed Rp1), a
quoted `"1250000"` as an amount, an integer as a Unix timestamp for a date, and `.nan`/`.inf` as numbers
(printed as "NaN%", written as bare NaN into JSON). And officers type numbers the Indonesian way: `3,3`,
`12%`, `Rp 1.250.000`, `1.250` (which YAML reads as 1.25: for a whole number, and for a decimal too, that
is ambiguous, so it is refused with both readings named, never silently taken as one of them; only a
percentage, where 1250 is out of range, reads it as 1.25).

Each validator runs before Pydantic's own type check (BeforeValidator), so bounds (`ge`, `le`) and the
JSON Schema stay those of the plain type. A refusal is a `PydanticCustomError` of type `kc_value` whose
context carries `expected` and `hint`; `repository._expectation` turns it into the KC012 diagnostic.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from typing import Annotated, Any

from pydantic import BeforeValidator, Field
from pydantic_core import PydanticCustomError

from .i18n import N_, _
from .source import source_text

ERROR_TYPE = "kc_value"
QUOTED = N_("Remove the quotes")  # the hint of a quoted number: what `kotacerdas migrate` fixes (translated)

_DIGITS = re.compile(r"[-+]?\d+")
_DECIMAL_COMMA = re.compile(r"[-+]?\d+,\d+")
_PERCENT = re.compile(r"([-+]?\d+(?:[.,]\d+)?)\s*%")
_RUPIAH = re.compile(r"(?i)rp\.?\s*([\d.,\s]+?)(?:,-|,00)?")
_THOUSANDS_DOTS = re.compile(r"[-+]?\d{1,3}(?:\.\d{3})+")  # 1.250 / 1.250.000 (Indonesian grouping)
_THOUSANDS_COMMAS = re.compile(r"[-+]?\d{1,3}(?:,\d{3})+")  # 1,250,000 (English grouping)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")


def refuse(expected: str, hint: str | None = None) -> PydanticCustomError:
    """The error a strict value raises: `expected` in plain words, and how to write it."""
    return PydanticCustomError(ERROR_TYPE, "expected {expected}", {"expected": expected, "hint": hint or ""})


def _digits_only(text: str) -> str:
    return re.sub(r"[^\d]", "", text)


def _text_problem(text: str, expected: str, whole: bool) -> PydanticCustomError:
    """What a number written as text most likely meant, as a hint in the officer's terms."""
    t = text.strip()
    if not t:
        return refuse(expected, _("Write the number, or leave the field out when it is not known."))
    if _DIGITS.fullmatch(t) or (not whole and re.fullmatch(r"[-+]?\d*\.\d+", t)):
        return refuse(_("{expected} (not text in quotes)").format(expected=expected), f"{_(QUOTED)}: {t}.")
    m = _PERCENT.fullmatch(t)
    if m:
        return refuse(_("{expected} without a '%' sign").format(expected=expected),
                      _("Write the number alone: {number} (the field is already in percent).")
                      .format(number=m.group(1).replace(",", ".")))
    m = _RUPIAH.fullmatch(t)
    if m:
        rupiah = expected == _("an amount in whole rupiah")
        return refuse((_("{expected}, digits only") if rupiah else _("{expected} in whole rupiah, digits only"))
                      .format(expected=expected),
                      _("Write {digits} (no 'Rp', no dots or spaces).").format(digits=_digits_only(m.group(1))))
    if _DECIMAL_COMMA.fullmatch(t):
        if whole:
            return refuse(expected, _("'{text}' has a decimal comma; a whole number has no decimals.").format(text=t))
        return refuse(_("{expected} with a dot for decimals").format(expected=expected),
                      _("Write {number} (a dot, not a comma).").format(number=t.replace(",", ".")))
    if _THOUSANDS_DOTS.fullmatch(t) or _THOUSANDS_COMMAS.fullmatch(t):
        return refuse(_("{expected} written without thousands separators").format(expected=expected),
                      _("Write {digits}.").format(digits=_digits_only(t)))
    if re.search(r"(?i)\b(juta|miliar|milyar|ribu|triliun)\b", t):
        return refuse(_("{expected} in digits").format(expected=expected),
                      _("Write the whole amount in digits: 1,25 miliar is 1250000000."))
    return refuse(expected)


def _ambiguous_decimal(written: str, value: float, expected: str) -> PydanticCustomError:
    """`1.250` where a decimal is allowed: YAML reads 1.25, an Indonesian reader 1250. Neither is taken."""
    digits = _digits_only(written)
    shorter = f"{value:g}"
    decimal = shorter if shorter != written else written + "0"  # 3.074 -> 3.0740: no longer a thousands group
    return refuse(_("{expected}, written without a thousands dot").format(expected=expected),
                  _("{written} is ambiguous: YAML reads it as {shorter} (a decimal point), an Indonesian reader as "
                    "{digits}. Write {digits} if {digits} is meant, or {decimal} if the decimal {shorter} is meant.")
                  .format(written=written, shorter=shorter, digits=digits, decimal=decimal))


def _number(value: Any, *, whole: bool, expected: str, grouping: bool = True) -> Any:
    """`grouping`: whether `1.250` could be a thousands group here (not in a percentage, where 1250 is
    out of range, so `12.500` can only be 12.5)."""
    if isinstance(value, bool):
        return _raise(refuse(expected, _("{value} is a true/false value, not a number; write the number, or leave "
                                         "the field out when it is not known.").format(value=str(value).lower())))
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        written = source_text(value)
        if not math.isfinite(value):
            return _raise(refuse(_("{expected} (a finite value)").format(expected=expected),
                                 _("{written} is not a number a plan can hold; leave the field out when the value "
                                   "is not known.").format(written=written)))
        if whole:
            if isinstance(written, str) and _THOUSANDS_DOTS.fullmatch(written):
                return _raise(refuse(
                    _("{expected}, written without a thousands dot").format(expected=expected),
                    _("{written} is ambiguous: YAML reads it as {value:g} (a decimal point), an Indonesian reader "
                      "as {digits}. Write {digits}, or {value:g} if a fraction is meant and allowed.")
                    .format(written=written, value=value, digits=_digits_only(written))))
            if not value.is_integer():
                return _raise(refuse(expected, _("Write it without decimals.")))
            return int(value)
        if grouping and isinstance(written, str) and _THOUSANDS_DOTS.fullmatch(written.strip()):
            return _raise(_ambiguous_decimal(written.strip(), value, expected))
        return float(value)
    if isinstance(value, str):
        return _raise(_text_problem(value, expected, whole))
    if value is None:
        return value  # "no value": the field's optionality decides
    return _raise(refuse(expected, _("Write a single number on the same line as the key.")))


def _raise(error: PydanticCustomError) -> Any:
    raise error


def _whole(value: Any) -> Any:
    return _number(value, whole=True, expected=_("a whole number"))


def _rupiah(value: Any) -> Any:
    return _number(value, whole=True, expected=_("an amount in whole rupiah"))


def _decimal(value: Any) -> Any:
    return _number(value, whole=False, expected=_("a number"))


def _percent(value: Any) -> Any:
    return _number(value, whole=False, expected=_("a percentage from 0 to 100"), grouping=False)


def _year(value: Any) -> Any:
    if isinstance(value, str) and re.fullmatch(r"\d{4}", value.strip()):
        return int(value)  # a quoted year ("2024") cannot be misread, and repositories written so stay valid
    return _number(value, whole=True, expected=_("a year such as 2024"))


def _date(value: Any) -> Any:
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, (bool, int, float)):
        return _raise(refuse(_("a date written YYYY-MM-DD, e.g. 2023-07-05"),
                             _("{value} is a number, not a date (a count of seconds is not accepted).")
                             .format(value=source_text(value))))
    if isinstance(value, str):
        t = value.strip()
        if _ISO_DATE.fullmatch(t):
            try:
                return _dt.date.fromisoformat(t)
            except ValueError:
                return _raise(refuse(_("a date that exists in the calendar"),
                                     _("Check the day and the month (e.g. no 30 February).")))
        m = _DMY.fullmatch(t)
        if m:
            day, month, year = m.groups()
            return _raise(refuse(_("a date written YYYY-MM-DD, e.g. 2023-07-05"),
                                 _("Write {date} (year, month, day).")
                                 .format(date=f"{year}-{int(month):02d}-{int(day):02d}")))
        return _raise(refuse(_("a date written YYYY-MM-DD, e.g. 2023-07-05")))
    if value is None:
        return value
    return _raise(refuse(_("a date written YYYY-MM-DD, e.g. 2023-07-05")))


def _flag(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, str) and value.strip() in ("true", "false"):
        return value.strip() == "true"  # a quoted "true" cannot be misread; repositories written so stay valid
    if isinstance(value, str) and value.strip().lower() in ("yes", "no", "y", "n", "on", "off", "ya", "tidak"):
        meant = "true" if value.strip().lower() in ("yes", "y", "on", "ya") else "false"
        return _raise(refuse(_("true or false"), _("'{value}' is text in kotacerdas (YAML 1.2, see docs/format.md): "
                                                   "write {meant}.").format(value=value, meant=meant)))
    return _raise(refuse(_("true or false"), _("Write true or false, without quotes.")))


Flag = Annotated[bool, BeforeValidator(_flag)]
WholeNumber = Annotated[int, BeforeValidator(_whole)]
Decimal = Annotated[float, BeforeValidator(_decimal)]
Number = Annotated[int | float, BeforeValidator(_decimal)]
Year = Annotated[int, BeforeValidator(_year),
                 Field(ge=1945, le=2100, json_schema_extra={"x-expected": "a year such as 2024"})]
Rupiah = Annotated[int, BeforeValidator(_rupiah),
                   Field(ge=0, json_schema_extra={"x-expected": "whole rupiah, digits only, e.g. 1250000000"})]
Percent = Annotated[float, BeforeValidator(_percent),
                    Field(ge=0, le=100, json_schema_extra={"x-expected": "a percentage from 0 to 100"})]
Date = Annotated[_dt.date, BeforeValidator(_date)]
