"""Text a user wrote, made safe for where it is shown: the one home of output sanitising.

A value in a masterplan can hold anything YAML can spell: ESC sequences that retitle a terminal or erase
lines, a carriage return or line feed that forges a report line, bidi overrides that make text read
backwards, characters XML 1.0 forbids, and (in file names) bytes that are not UTF-8, which Python carries
as lone surrogates (surrogateescape). Every reporter passes user text through this module:

- `visible(text)`: for a terminal and for XML. Each unsafe character is written as a visible escape:
  `\\x1b` for a C0/C1 control character or DEL, `\\xff` for a byte of a file name that is not UTF-8,
  `\\u202e` for a bidi control, a line separator or a noncharacter. The result holds no control
  character at all, so it is also valid XML 1.0 text and attribute content.
- `visible_lines(text)`: the same, keeping line feeds and tabs (for a whole report written to a terminal).
- `escape_json(text)`, applied by `jsontext.dumps` to every JSON document: strings keep the exact value,
  with C1 controls, bidi controls and separators written as `\\uXXXX` (JSON already escapes C0) and a
  non-UTF-8 byte of a file name as the text `\\xff`, the same spelling as `visible` (so every format shows
  such a name one way).
- `uri_path(path)`: a path as a URI reference, non-UTF-8 bytes percent-encoded as the bytes they are.

`TerminalText` marks output that is already safe and carries our own colour sequences (rich's), so the
last guard (`commands.common.emit`) passes it through unchanged.
"""

from __future__ import annotations

import re
from urllib.parse import quote

# C0 controls, DEL, C1 controls, Arabic letter mark, LRM/RLM, line/paragraph separators, LRE..RLO, LRI..PDI,
# noncharacters, and every surrogate (a lone one can only come from bytes that are not UTF-8).
_BEYOND_C0 = "\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff"
_UNSAFE_RE = re.compile(f"[\x00-\x1f{_BEYOND_C0}]")
_UNSAFE_KEEP_LINES_RE = re.compile(f"[\x00-\x08\x0b-\x1f{_BEYOND_C0}]")  # line feed and tab allowed
_JSON_RE = re.compile(f"[{_BEYOND_C0}]")  # json.dumps escapes C0 itself


class TerminalText(str):
    """Text already made safe by `visible`, with colour sequences of our own: written as it is."""

    __slots__ = ()


def _escape(ch: str) -> str:
    n = ord(ch)
    if 0xDC80 <= n <= 0xDCFF:  # surrogateescape: the byte that was not UTF-8
        return f"\\x{n - 0xDC00:02x}"
    return f"\\x{n:02x}" if n < 0x100 else f"\\u{n:04x}"


def _sub(match: re.Match[str]) -> str:
    return _escape(match.group())


def visible(text: str) -> str:
    """`text` with every control, bidi and non-UTF-8 character written as a visible escape (one line)."""
    return _UNSAFE_RE.sub(_sub, text) if _UNSAFE_RE.search(text) else text


def visible_lines(text: str) -> str:
    """Like `visible`, keeping line feeds and tabs: for a whole report of several lines."""
    return _UNSAFE_KEEP_LINES_RE.sub(_sub, text) if _UNSAFE_KEEP_LINES_RE.search(text) else text


def _json_sub(match: re.Match[str]) -> str:
    ch = match.group()
    n = ord(ch)
    if 0xD800 <= n <= 0xDFFF:  # not a character: shown as visible() shows it, as text
        return "\\" + _escape(ch)
    return f"\\u{n:04x}"


def escape_json(text: str) -> str:
    """Serialised JSON (json.dumps, ensure_ascii=False) made safe for terminals and encoders: C1 controls,
    bidi controls and separators as `\\uXXXX`, a lone surrogate as the text `\\xff`. Outside strings JSON is
    ASCII, so every match lies inside a string, where the escape keeps the value. jsontext.dumps applies it."""
    return _JSON_RE.sub(_json_sub, text) if _JSON_RE.search(text) else text


def uri_path(path: str) -> str:
    """A relative path as a URI reference: each byte outside the unreserved set percent-encoded, bytes of
    a name that is not UTF-8 as the bytes they are (`%FF`)."""
    return quote(path.encode("utf-8", "surrogateescape"))
