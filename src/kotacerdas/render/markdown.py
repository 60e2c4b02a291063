"""Markdown in both directions.

- `md_escape`: text from the repository (a programme name, an OPD name) written into Markdown so that it
  shows as the same text and never as markup: `*`, `_`, `[`, `<`, `|` … are backslash-escaped, line breaks
  become spaces (a value stays inside its table cell or paragraph).
- `MdText`: Markdown that is meant as Markdown (prose files, Prose fields, our own generated blocks). The
  Markdown templates insert it as it is; HTML templates escape it unless it goes through `markdown`.
- `shift_headings`: prose written with its own `# Title` is placed under a chapter's section headings.
- `to_html`: Markdown to HTML with markdown-it-py, raw HTML disabled (written `<script>` shows as text),
  GFM tables, heading ids, tables wrapped for scrolling on phones, and generated Mermaid Gantt blocks
  replaced by the SVG chart drawn for them.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


class MdText(str):
    """A string that is Markdown on purpose (not text to escape)."""

    __slots__ = ()


_SPECIAL = re.compile(r"([\\`*_\[\]<>|&~])")
# What would start a block if the value began a line: a heading, a quote, a list item, a thematic break or a
# setext underline, an ordered list item ("1. ").
_LINE_START = re.compile(r"^(?:#{1,6}(?=\s|$)|>|[-+](?=\s|$)|-{3,}$|=+$|\d{1,9}(?=[.)](?:\s|$)))")


_PLAIN = re.compile(r"[A-Za-z0-9 ,.;:()/'\"%?!\u00a0-\uffff]*")


def md_escape(value) -> str:
    """Text as Markdown that renders back to exactly this text, on one line."""
    if value is None:
        return ""
    text = str(value)
    if _PLAIN.fullmatch(text) and "  " not in text and not text.startswith((" ", "-", "+", "#", "=")) \
            and not text[:1].isdigit() and not text.endswith(" "):
        return text
    text = " ".join(text.split())
    text = _SPECIAL.sub(r"\\\1", text)
    m = _LINE_START.match(text)
    if m:
        if text[0].isdigit():  # "1. x" would start an ordered list: escape the dot
            text = text[: m.end()] + "\\" + text[m.end():]
        else:
            text = "\\" + text
    return text


_UNESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def md_unescape(text: str) -> str:
    """Undo backslash escapes (for titles shown outside Markdown)."""
    return _UNESCAPE.sub(r"\1", text)


@cache
def _parser() -> MarkdownIt:
    """The one Markdown parser, made on first use: a render whose pages all come from PAGE_CACHE does not
    import markdown-it at all."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    return md


def parser_version() -> str:
    """What identifies the installed markdown-it-py (for PAGE_CACHE's folder) without importing it: a hash
    of its `__init__.py`, which holds its version."""
    from importlib.util import find_spec

    spec = find_spec("markdown_it")
    if spec is not None and spec.origin is not None:
        with contextlib.suppress(OSError):  # not a plain file (a zip, a frozen build): ask the module
            return hashlib.blake2b(Path(spec.origin).read_bytes(), digest_size=8).hexdigest()
    import markdown_it

    return markdown_it.__version__


_MAY_HAVE_HEADING = re.compile(r"^ {0,3}(#{1,6}(\s|$)|=+\s*$|-+\s*$)", re.M)


def shift_headings(text: str, top: int, drop_title: bool = False) -> str:
    """Move the headings of a Markdown text so that its highest heading has level `top` (1-6), keeping
    their relative levels; deeper ones stop at 6. Setext headings become ATX headings. With `drop_title`,
    a level-1 heading that opens the text (the file's own title) is removed: the text is placed under a
    heading of the document already. Texts shifted before come from PAGE_CACHE."""
    if not _MAY_HAVE_HEADING.search(text):
        return text
    key = PAGE_CACHE.key("shift_headings", text, str(top), str(bool(drop_title)))
    shifted = PAGE_CACHE.get(key)
    if not isinstance(shifted, str):
        shifted = _shift_headings(text, top, drop_title)
        PAGE_CACHE.put(key, shifted)
    return shifted


def _shift_headings(text: str, top: int, drop_title: bool) -> str:
    parser = _parser()
    tokens = parser.parse(text)
    if drop_title and tokens and tokens[0].type == "heading_open" and tokens[0].tag == "h1" and tokens[0].map:
        lines = text.splitlines(keepends=True)
        text = "".join(lines[tokens[0].map[1]:]).lstrip("\n")
        tokens = parser.parse(text)
    heads = [(t, m) for t in tokens if t.type == "heading_open" and (m := t.map)]
    if not heads:
        return text
    highest = min(int(t.tag[1]) for t, _ in heads)
    delta = top - highest
    if delta == 0 and all(text.splitlines()[m[0]].lstrip().startswith("#") for _, m in heads):
        return text
    lines = text.splitlines(keepends=True)
    inline = {id(t): tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"}
    for t, m in reversed(heads):
        level = min(6, max(1, int(t.tag[1]) + delta))
        start, end = m
        eol = "\n" if lines[end - 1].endswith("\n") else ""
        lines[start:end] = ["#" * level + " " + inline[id(t)] + eol]
    return "".join(lines)


def slugify(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text or "bagian"


@dataclass
class HtmlPage:
    """Ids already used on one HTML page, and the headings found (for tables of contents)."""

    used_ids: set[str] = field(default_factory=set)
    headings: list[tuple[int, str, str]] = field(default_factory=list)  # (level, id, text)

    def unique(self, base: str) -> str:
        candidate, n = base, 2
        while candidate in self.used_ids:
            candidate = f"{base}-{n}"
            n += 1
        self.used_ids.add(candidate)
        return candidate


def to_html(text: str, page: HtmlPage | None = None, *, figures: dict[str, str] | None = None,
            first_heading_id: str | None = None) -> str:
    """Render Markdown to an HTML fragment. `figures` maps the exact content of a ```mermaid block to
    the HTML that replaces it (our SVG Gantt); other code blocks stay code."""
    page = page if page is not None else HtmlPage()
    figures = figures or {}
    parser = _parser()
    tokens = parser.parse(text)
    first = [first_heading_id]
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open":
            content = tokens[i + 1].children or []
            plain = "".join(c.content for c in content if c.type in ("text", "code_inline"))
            if first[0]:
                hid = page.unique(first[0])
                first[0] = None
            else:
                hid = page.unique(slugify(plain))
            tok.attrSet("id", hid)
            page.headings.append((int(tok.tag[1]), hid, plain))
    from markdown_it.renderer import RendererHTML

    renderer = parser.renderer
    assert isinstance(renderer, RendererHTML)  # the parser's renderer, which _parser() never replaces

    out = []
    # Render block by block so that tables and figures can be wrapped; markdown-it's own renderer does the
    # escaping of everything else.
    options = parser.options
    env: dict = {}
    for i, tok in enumerate(tokens):
        if tok.type == "fence" and tok.info.strip() == "mermaid" and tok.content in figures:
            out.append(figures[tok.content])
        elif tok.type == "table_open":
            out.append('<div class="table-wrap">\n' + renderer.renderToken(tokens, i, options, env))
        elif tok.type == "table_close":
            out.append(renderer.renderToken(tokens, i, options, env) + "</div>\n")
        elif tok.type == "inline":
            out.append(renderer.renderInline(tok.children or [], options, env))
        elif tok.type in renderer.rules:
            out.append(renderer.rules[tok.type](tokens, i, options, env))
        else:
            out.append(renderer.renderToken(tokens, i, options, env))
    return "".join(out)


# --- many pages at once ----------------------------------------------------------------------------------------

PARALLEL_MIN_CHARS = 120_000  # below this, starting a process costs more than it saves


def _page_job(job: tuple[str, dict, str]) -> tuple[str, list]:
    text, figures, first_id = job
    page = HtmlPage()
    return to_html(text, page, figures=figures, first_heading_id=first_id), page.headings


class PageCache:
    """Markdown work kept between runs: HTML pages converted from Markdown, keyed by everything `_page_job`
    reads (the text, the figures and the first heading's id), and prose with its headings shifted. The
    parser's settings and this code are in the folder's name (see `environment.use_disk_cache`). Converting
    the Markdown is most of an HTML render, and most pages are unchanged from one render to the next. A
    missing, unreadable or foreign entry is a miss; entries not used for a week are removed."""

    MAX_AGE_S = 7 * 24 * 3600

    def __init__(self) -> None:
        self.folder: Path | None = None
        self._pruned = False

    @staticmethod
    def key(*parts: str) -> str:
        """The key of a value computed from `parts` (the first names the kind of work)."""
        h = hashlib.blake2b(digest_size=20)
        for part in parts:
            data = part.encode("utf-8", "surrogatepass")
            h.update(len(data).to_bytes(8, "little") + data)
        return h.hexdigest()

    def get(self, key: str):
        """The value stored under `key`, or None; the caller checks that it has the shape it expects."""
        if self.folder is None:
            return None
        path = self.folder / key[:2] / key
        try:
            with open(path, "rb") as fh:
                stored = marshal.load(fh)
        except (OSError, EOFError, ValueError, TypeError):
            return None
        if not (isinstance(stored, tuple) and len(stored) == 2 and stored[0] == key):
            return None
        from ..fsutil import mark_used

        mark_used(path)  # recently used: kept by the prune
        return stored[1]

    def put(self, key: str, value) -> None:
        """Store `value` (made of str, int, tuple and list) under `key`."""
        if self.folder is None:
            return
        from ..fsutil import atomic_write_bytes

        try:
            self._prune()
            atomic_write_bytes(self.folder / key[:2] / key, marshal.dumps((key, value)), durable=False)
        except (OSError, ValueError):
            pass  # a cache that cannot be written is only slower

    def _prune(self) -> None:
        if self._pruned or self.folder is None:
            return
        self._pruned = True
        from ..fsutil import remove_unused

        remove_unused(self.folder.glob("*/*") if self.folder.is_dir() else (), self.MAX_AGE_S)


PAGE_CACHE = PageCache()


def to_html_pages(jobs: list[tuple[str, dict, str]]) -> list[tuple[str, list]]:
    """`to_html` for several independent pages (text, figures, id of the first heading), each with its own
    ids: [(html, headings)] in the same order. Pages converted before come from PAGE_CACHE (when it has a
    folder); the rest are converted and stored."""
    keys = [_page_key(j) for j in jobs] if PAGE_CACHE.folder is not None else []
    found: list[tuple[str, list] | None] = [_as_page(PAGE_CACHE.get(k)) for k in keys] if keys else [None] * len(jobs)
    todo = [i for i, hit in enumerate(found) if hit is None]
    for i, value in zip(todo, _convert_pages([jobs[i] for i in todo]), strict=False):
        found[i] = value
        if keys:
            PAGE_CACHE.put(keys[i], (value[0], list(value[1])))
    return [hit for hit in found if hit is not None]  # every slot, filled from the cache or converted


def _page_key(job: tuple[str, dict, str]) -> str:
    text, figures, first_id = job
    return PAGE_CACHE.key("page", text, first_id or "", *(x for kv in sorted(figures.items()) for x in kv))


def _as_page(stored) -> tuple[str, list] | None:
    if not (isinstance(stored, tuple) and len(stored) == 2 and isinstance(stored[0], str)
            and isinstance(stored[1], list) and all(isinstance(h, tuple) and len(h) == 3 for h in stored[1])):
        return None
    return stored[0], list(stored[1])


def _convert_pages(jobs: list[tuple[str, dict, str]]) -> list[tuple[str, list]]:
    """The conversion itself. A large book is split over two processes on a machine with two or more CPUs
    (markdown-it-py is pure Python, and the pages do not depend on each other); the result is the same
    either way."""
    if not jobs:
        return []
    from ..runtime import runs_in_workers

    total = sum(len(t) for t, _, _ in jobs)
    if total < PARALLEL_MIN_CHARS or not hasattr(os, "fork") or not runs_in_workers(True, len(jobs)):
        return [_page_job(j) for j in jobs]
    # two halves of about equal size, one in a forked worker, one here
    order = sorted(range(len(jobs)), key=lambda i: -len(jobs[i][0]))
    mine: list[int] = []
    theirs: list[int] = []
    sizes = [0, 0]
    for i in order:
        side = 0 if sizes[0] <= sizes[1] else 1
        (mine if side == 0 else theirs).append(i)
        sizes[side] += len(jobs[i][0])
    try:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"),
                                   initializer=_ignore_interrupt)
    except (OSError, ImportError, RuntimeError, ValueError):  # no processes here: do it all in this one
        return [_page_job(j) for j in jobs]
    try:
        try:
            future = pool.submit(_pages_job, [jobs[i] for i in theirs])
        except (OSError, RuntimeError):
            future = None
        done = {i: _page_job(jobs[i]) for i in mine}
        try:
            if future is None:
                raise RuntimeError("no worker")
            done.update(zip(theirs, future.result(), strict=False))
        except (OSError, RuntimeError):  # the worker could not start or died: its half is done here
            done.update((i, _page_job(jobs[i])) for i in theirs)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return [done[i] for i in range(len(jobs))]


def _pages_job(jobs):
    return [_page_job(j) for j in jobs]


def _ignore_interrupt() -> None:
    """In the worker: Ctrl-C is the parent's to handle (it stops the command and reports it)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
