"""The one way kotacerdas writes a JSON document a user or a tool reads (reports, schemas, diff output).

`allow_nan=False`: Python's json module would otherwise write NaN, Infinity and -Infinity, which are not
JSON, and every strict reader (jq, browsers' JSON.parse, GitHub code scanning) rejects the whole report.
No such value can reach a report from the user's files: the loader refuses `.nan`/`.inf` where a number
is expected (values.py, KC012), lint options refuse them (KC028), and sheet cells refuse them (KC3xx), so
the diagnostic is at the source. Should one still arrive, this raises instead of writing invalid JSON.

Strings keep their exact value; control characters beyond C0, bidi controls and separators are written as
`\\uXXXX`, and a byte of a file name that is not UTF-8 as the text `\\xff` (safetext.escape_json), so a
report is safe to print and to encode whatever the user wrote.
"""

from __future__ import annotations

import json
from typing import Any


def dumps(doc: Any, *, indent: int | None = 2, sort_keys: bool = False, newline: bool = True) -> str:
    """`doc` as strict JSON (UTF-8 text kept as written, never NaN or Infinity)."""
    from .safetext import escape_json  # C1/bidi controls as \uXXXX, non-UTF-8 bytes of file names as \xff

    text = escape_json(json.dumps(doc, ensure_ascii=False, allow_nan=False, indent=indent, sort_keys=sort_keys))
    return text + "\n" if newline else text
