"""Output formats of `kotacerdas diff`: one pure function per format, DiffResult in, text out.

    text      for people at a terminal (colour through rich) or in a log
    markdown  for a review comment, and as the "Riwayat Perubahan" chapter of a rendered masterplan
    json      for programs; the shape is documented in docs/diff.md and stable
"""

from __future__ import annotations

from typing import Any

FORMATS = ("text", "markdown", "json")


def show(value: Any, none: str = "(none)") -> str:
    """A value in one line, the way a reviewer reads it."""
    if value is None:
        return none
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, list):
        return "[" + ", ".join(show(v, none) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + "; ".join(f"{k}: {show(v, none)}" for k, v in value.items() if v not in (None, [], {})) + "}"
    return str(value)


def render(fmt: str, result, **kw) -> str:
    if fmt == "json":
        from .json_format import render as r
    elif fmt == "markdown":
        from .markdown import render as r
    elif fmt == "text":
        from .text import render as r
    else:
        raise KeyError(fmt)
    return r(result, **kw)
