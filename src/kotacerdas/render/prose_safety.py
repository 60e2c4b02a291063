"""Prose a user wrote, made inert before it enters a book (issue 19).

A Markdown chapter is read by viewers that allow raw HTML (editors, wikis, static-site generators), so
prose is copied into it with every active part neutralised, and the HTML site gets the same text:

- raw HTML (`<script>`, `<img onerror=…>`, `<iframe>`, comments), in a block or inline, is written with
  `&lt;` so that it shows as the text it is;
- a link or image whose address is not http(s), mailto, tel, a fragment or a relative path
  (`javascript:`, `vbscript:`, `data:`, `file:`, entity-encoded spellings included) loses its link syntax
  and shows as text, and so does a reference definition to such an address;
- code spans and code blocks are left exactly as written (nothing is active there).

Prose without any of these comes back unchanged (the common case: no text is rewritten). The work is
guided by markdown-it-py's own parse (with raw HTML on and every link accepted, so it finds what a
permissive viewer would find); only the lines holding a finding are changed.

`remote_image(src)` tells the HTML renderer which images would make the offline site fetch another
server; it shows them as a link instead (`markdown.to_html`).
"""

from __future__ import annotations

import html
import re
from functools import cache
from typing import TYPE_CHECKING

from .markdown import MdText

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_SAFE_SCHEMES = ("http", "https", "mailto", "tel")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_CODE_SPAN = re.compile(r"(`+)(?:.+?)(?<!`)\1(?!`)", re.S)
_SAFE_AUTOLINK = re.compile(r"<(?:(?:https?|mailto|tel):[^\s<>]*|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+)>")
_REFERENCE = re.compile(r"^( {0,3})\[")


def safe_url(url: str) -> bool:
    """Whether a link address is inert: http(s), mailto, tel, a fragment or a relative path."""
    decoded = html.unescape(url)
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", decoded)  # browsers ignore these inside a scheme
    m = _SCHEME.match(cleaned)
    return m is None or m.group(1).lower() in _SAFE_SCHEMES


def remote_image(src: str) -> bool:
    """Whether an image address would be fetched from another server (http, https, protocol-relative)."""
    s = src.strip().lower()
    return s.startswith(("http:", "https:", "//")) or (_SCHEME.match(s) is not None and not s.startswith("data:"))


@cache
def _finder() -> MarkdownIt:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.validateLink = lambda url: True  # type: ignore[method-assign]  # find every link, as a permissive viewer would
    return md


def neutralise(text: str) -> str:
    """`text` (Markdown) with raw HTML and unsafe links made inert; unchanged when it has none."""
    if "<" not in text and ":" not in text and "&" not in text:
        return text
    md = _finder()
    env: dict = {}
    tokens = md.parse(text, env)
    lines = text.splitlines(keepends=True)
    escape_lines: set[int] = set()
    unlink_lines: set[int] = set()
    for tok in tokens:
        if tok.type == "html_block" and tok.map:
            escape_lines.update(range(*tok.map))
        elif tok.type == "inline" and tok.map:
            for child in _walk(tok.children or []):
                if child.type == "html_inline":
                    escape_lines.update(range(*tok.map))
                elif child.type in ("link_open", "image"):
                    href = str(child.attrGet("href") or child.attrGet("src") or "")
                    if not safe_url(href):
                        unlink_lines.update(range(*tok.map))
                        escape_lines.update(range(*tok.map))  # an autolink <javascript:…> is one too
    bad_refs = {label for label, ref in (env.get("references") or {}).items() if not safe_url(ref.get("href", ""))}
    if not escape_lines and not unlink_lines and not bad_refs:
        return text
    code = _code_lines(tokens)
    for i, line in enumerate(lines):
        if i in code:
            continue
        if i in escape_lines or i in unlink_lines:
            line = _outside_code_spans(line, i in unlink_lines)
        if bad_refs and _REFERENCE.match(line):
            label = line.strip()[1:].split("]", 1)[0]
            if " ".join(label.split()).upper() in {r.upper() for r in bad_refs}:
                line = _REFERENCE.sub(r"\1\\[", line, count=1)
        lines[i] = line
    out = "".join(lines)
    return MdText(out) if isinstance(text, MdText) else out


def _walk(children):
    for c in children:
        yield c
        if c.children:
            yield from _walk(c.children)


def _code_lines(tokens) -> set[int]:
    out: set[int] = set()
    for tok in tokens:
        if tok.type in ("fence", "code_block") and tok.map:
            out.update(range(*tok.map))
    return out


def _outside_code_spans(line: str, unlink: bool) -> str:
    parts, last = [], 0
    for m in _CODE_SPAN.finditer(line):
        parts.append(_inert(line[last:m.start()], unlink))
        parts.append(m.group())
        last = m.end()
    parts.append(_inert(line[last:], unlink))
    return "".join(parts)


def _inert(text: str, unlink: bool) -> str:
    keep = [m.span() for m in _SAFE_AUTOLINK.finditer(text)]
    out, i = [], 0
    for start, end in keep:
        out.append(text[i:start].replace("<", "&lt;"))
        out.append(text[start:end])
        i = end
    out.append(text[i:].replace("<", "&lt;"))
    result = "".join(out)
    if unlink:
        result = result.replace("](", "]\\(").replace("][", "]\\[")  # [x](javascript:…) becomes text
    return result
