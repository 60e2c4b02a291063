"""The one way kotacerdas writes a JSON document a user or a tool reads (reports, schemas, diff output).

`allow_nan=False`: Python's json module would otherwise write NaN, Infinity and -Infinity, which are not
JSON, and every strict reader (jq, browsers' JSON.parse, GitHub code scanning) rejects the whole report.
No such value can reach a report from the user's files: the loader refuses `.nan`/`.inf` where a number
is expected (values.py, KC012), lint options refuse them (KC028), and sheet cells refuse them (KC3xx), so
the diagnostic is at the source. Should one still arrive, this raises instead of writing invalid JSON.
"""

from __future__ import annotations

import json
from typing import Any


def dumps(doc: Any, *, indent: int | None = 2, sort_keys: bool = False, newline: bool = True) -> str:
    """`doc` as strict JSON (UTF-8 text kept as written, never NaN or Infinity)."""
    text = json.dumps(doc, ensure_ascii=False, allow_nan=False, indent=indent, sort_keys=sort_keys)
    return text + "\n" if newline else text
