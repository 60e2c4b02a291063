"""What every rule module shares: the `Option` description and helpers to build findings.

A rule module defines, at module level (read by the registry, the `rules` command and docs/lint.md):

    CODE = "KC103"                 stable, never renumbered
    NAME = "quick-win-too-long"    short, kebab-case; usable instead of the code in configuration
    SEVERITY = "error"             default severity: error, warning or info
    SUMMARY = "…"                  one line
    RATIONALE = "…"                one paragraph: why a reviewer cares
    BAD = "…" / GOOD = "…"         minimal YAML snippets
    OPTIONS = (Option(...), …)     thresholds, each with a default
    def check(mp, options, as_of) -> Iterable[Diagnostic]

`check` is a generator over the resolved `Masterplan`; it yields findings with the rule's default
severity, and the engine applies configuration (severity changes, per-path overrides, suppressions).
"""

from __future__ import annotations

from ...i18n import _

import datetime as _dt
import math
from dataclasses import dataclass
from typing import Any

from ...diagnostics import Diagnostic, Severity, field_path


@dataclass(frozen=True)
class Option:
    name: str
    default: Any
    help: str
    minimum: float | None = None
    maximum: float | None = None

    @property
    def type_name(self) -> str:
        if isinstance(self.default, bool):
            return _("true or false")
        if isinstance(self.default, int):
            return _("a whole number")
        if isinstance(self.default, float):
            return _("a number")
        if isinstance(self.default, list):
            return _("a list of texts")
        return _("a text")

    def problem(self, value: Any) -> str | None:
        """None when `value` is acceptable for this option, else what is expected."""
        d = self.default
        if isinstance(d, bool):
            ok = isinstance(value, bool)
        elif isinstance(d, int):
            ok = isinstance(value, int) and not isinstance(value, bool)
        elif isinstance(d, float):
            ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        elif isinstance(d, list):
            ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        else:
            ok = isinstance(value, str)
        if not ok:
            return self.type_name
        if isinstance(value, float) and not math.isfinite(value):
            return _("{type} (finite: .nan and .inf would silently switch the rule off)").format(type=self.type_name)
        if (self.minimum is not None and value < self.minimum) or (self.maximum is not None and value > self.maximum):
            if self.minimum is not None and self.maximum is not None:
                bounds = _("{type} at least {low} and at most {high}")
            elif self.minimum is not None:
                bounds = _("{type} at least {low}")
            else:
                bounds = _("{type} at most {high}")
            return bounds.format(type=self.type_name, low=_num(self.minimum) if self.minimum is not None else "",
                                 high=_num(self.maximum) if self.maximum is not None else "")
        return None


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def finding(code: str, severity: str, where: tuple[str, int, int], message: str, *, loc: tuple = (),
            found: str | None = None, expected: str | None = None, hint: str | None = None) -> Diagnostic:
    path, line, col = where
    return Diagnostic(code, Severity(severity), path, line, col, message, field=field_path(loc), found=found,
                      expected=expected, hint=hint)


def months_of(programme) -> int | None:
    """How long a programme runs: duration_months when given, else whole calendar years from start to end;
    None when that is not known (no duration, and a start or end left out)."""
    if programme.duration_months is not None:
        return programme.duration_months
    if programme.start is None or programme.end is None:
        return None
    return (programme.end - programme.start + 1) * 12


def fmt_num(value) -> str:
    """A number as the user would read it: 12 rather than 12.0."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def passed_years(as_of: _dt.date) -> int:
    """The last fiscal year that has fully passed on `as_of` (fiscal year = calendar year)."""
    return as_of.year - 1


def taxonomy_anchor(mp) -> tuple[str, int, int]:
    """Where to report something about the pinned taxonomy as a whole: the `taxonomy` key of
    kotacerdas.yaml (or its first line when the key is absent)."""
    from ...repository import CONFIG_FILE

    doc = mp.repo.doc(CONFIG_FILE)
    if doc is None or not isinstance(doc.data, dict) or "taxonomy" not in doc.data:
        return (CONFIG_FILE, 1, 1)
    return (CONFIG_FILE, *doc.locate(("taxonomy",)))


def dimension_anchor(mp, code: str) -> tuple[str, int, int]:
    """The dimension's own file when it has one, else the taxonomy setting."""
    d = mp.dimension(code)
    return d.at("dimension") if d is not None else taxonomy_anchor(mp)


# Keys whose values are references or codes, never prose: text rules skip them.
REFERENCE_KEYS = frozenset({
    "id", "code", "dimension", "element", "owner", "supporting", "opd", "indicators", "book", "source",
    "kind", "level", "status", "stage", "horizon", "innovation", "direction", "body", "file", "skpd_code",
    "format_version", "taxonomy", "language", "date", "start", "end", "year",
})
TEXT_KINDS = ("plan", "opd", "dimension", "stage", "programme", "indicator")


def text_values(mp) -> list:
    """Every prose or name value the user wrote in the plan's YAML files, as (document, loc, text), and
    computed once per masterplan (several rules read it). Reads the loaded data of files that passed the
    schema; Markdown references (`file:`) are not text."""
    cache = mp.__dict__.setdefault("_lint_cache", {})
    if "text_values" not in cache:
        out: list = []
        for f in mp.repo.files:
            if f.kind in TEXT_KINDS and f.model is not None:
                _walk(f.doc, f.doc.data, (), out)
        cache["text_values"] = out
    return cache["text_values"]


def _walk(doc, value, loc, out) -> None:
    if isinstance(value, str):
        out.append((doc, loc, value))
    elif isinstance(value, dict):
        for k, v in value.items():
            if k not in REFERENCE_KEYS:
                _walk(doc, v, loc + (k,), out)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _walk(doc, v, loc + (i,), out)
