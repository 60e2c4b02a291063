"""A chapter's Markdown as a small tree of blocks, for the output formats that are not Markdown or HTML
(the PDF's Typst markup in pdf.py, the Word document in docx.py). The Markdown is parsed by the same
markdown-it-py parser as the HTML (raw HTML disabled, GFM tables; a `javascript:` link is not a link),
so every format reads the chapter the same way; each writer then owns only its presentation.

    parse_blocks(markdown) -> [Heading | Para | Table | ListBlock | Quote | Code | Rule]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .markdown import _parser


@dataclass
class Span:
    """A run of text with its inline style. `br` is a hard line break (text is then empty)."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    strike: bool = False
    href: str | None = None
    br: bool = False


@dataclass
class Heading:
    level: int
    spans: list[Span]

    @property
    def text(self) -> str:
        return plain(self.spans)


@dataclass
class Para:
    spans: list[Span]


@dataclass
class Table:
    head: list[list[Span]]
    rows: list[list[list[Span]]]
    align: list[str]  # "left", "center", "right" per column


@dataclass
class ListBlock:
    ordered: bool
    start: int
    items: list[list] = field(default_factory=list)


@dataclass
class Quote:
    blocks: list


@dataclass
class Code:
    text: str
    info: str


@dataclass
class Rule:
    pass


Block = Heading | Para | Table | ListBlock | Quote | Code | Rule


_SECTION_NUMBER = re.compile(r"^\s*(?:[0-9A-Z]+\.)*[0-9]+\.?\s+")


class Captions:
    """The caption of a table or figure, for every writer alike: the titles (without their section number)
    of the at most two headings it stands under, else the chapter's title."""

    def __init__(self, chapter_title: str = "") -> None:
        self.chapter_title = chapter_title
        self.path: dict[int, str] = {}

    def heading(self, h: Heading) -> None:
        self.path = {k: v for k, v in self.path.items() if k < h.level}
        self.path[h.level] = _SECTION_NUMBER.sub("", h.text).strip()

    def caption(self) -> str:
        titles = [self.path[k] for k in sorted(self.path) if k >= 2][-2:]
        return " \u2013 ".join(titles) or self.chapter_title or "\u2026"


@dataclass
class Column:
    """How wide a table column wants to be: `natural` (short values: years, marks, codes, amounts, which
    cannot wrap) as wide as its longest text, else a `share` of the rest of the line by how much text
    it holds, so long names are not squeezed."""

    longest: int
    natural: bool
    share: int
    longest_word: int = 0  # the narrowest the column may be without breaking a word


def columns(t: Table) -> list[Column]:
    n = max([len(t.head)] + [len(r) for r in t.rows]) or 1
    out = []
    for i in range(n):
        texts = [plain(row[i]).strip() for row in [t.head, *t.rows] if i < len(row)]
        lens = [len(x) for x in texts]
        longest = max(lens, default=0)
        one_word = all(" " not in x for x in texts[1:])
        mean = sum(lens) / max(len(lens), 1)
        word = max((len(w) for x in texts for w in x.split()), default=0)
        out.append(Column(longest, longest <= 16 or (one_word and max(lens[1:], default=0) <= 24),
                          max(2, min(30, round(mean))), word))
    return out


def plain(spans: list[Span]) -> str:
    return "".join(" " if s.br else s.text for s in spans)


def _inline(children) -> list[Span]:
    spans: list[Span] = []
    bold = italic = strike = 0
    href: list[str | None] = []
    for t in children or []:
        kind = t.type
        if kind == "text":
            spans.append(Span(t.content, bold > 0, italic > 0, False, strike > 0, href[-1] if href else None))
        elif kind == "code_inline":
            spans.append(Span(t.content, bold > 0, italic > 0, True, strike > 0, href[-1] if href else None))
        elif kind == "softbreak":
            spans.append(Span(" ", bold > 0, italic > 0, False, strike > 0, href[-1] if href else None))
        elif kind == "hardbreak":
            spans.append(Span("", br=True))
        elif kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind == "s_open":
            strike += 1
        elif kind == "s_close":
            strike -= 1
        elif kind == "link_open":
            target = str(t.attrGet("href") or "")
            href.append(target if target.startswith(("http://", "https://", "mailto:")) else None)
        elif kind == "link_close":
            if href:
                href.pop()
        elif kind == "image":  # an image in prose: its alt text (nothing is fetched)
            spans.append(Span(t.content or "", bold > 0, italic > 0))
        elif t.content:
            spans.append(Span(t.content, bold > 0, italic > 0))
    return [s for s in spans if s.text or s.br]


@lru_cache(maxsize=512)
def parse_blocks(text: str) -> list:
    """The blocks of a Markdown text (cached: books share most chapters; callers never change them)."""
    tokens = _parser().parse(text)
    blocks, _ = _blocks(tokens, 0, None)
    return blocks


def _blocks(tokens, i: int, stop: str | None) -> tuple[list, int]:
    out: list = []
    while i < len(tokens):
        t = tokens[i]
        kind = t.type
        if stop is not None and kind == stop:
            return out, i + 1
        if kind == "heading_open":
            out.append(Heading(int(t.tag[1]), _inline(tokens[i + 1].children)))
            i += 3
        elif kind == "paragraph_open":
            out.append(Para(_inline(tokens[i + 1].children)))
            i += 3
        elif kind in ("bullet_list_open", "ordered_list_open"):
            lst = ListBlock(kind == "ordered_list_open", int(t.attrGet("start") or 1))
            close = kind.replace("_open", "_close")
            i += 1
            while tokens[i].type != close:
                item, i = _blocks(tokens, i + 1, "list_item_close")  # tokens[i] is list_item_open
                lst.items.append(item)
            out.append(lst)
            i += 1
        elif kind == "blockquote_open":
            inner, i = _blocks(tokens, i + 1, "blockquote_close")
            out.append(Quote(inner))
        elif kind in ("fence", "code_block"):
            out.append(Code(t.content, t.info.strip()))
            i += 1
        elif kind == "hr":
            out.append(Rule())
            i += 1
        elif kind == "table_open":
            table, i = _table(tokens, i + 1)
            out.append(table)
        else:
            i += 1
    return out, i


def _table(tokens, i: int) -> tuple[Table, int]:
    head: list[list[Span]] = []
    rows: list[list[list[Span]]] = []
    align: list[str] = []
    row: list[list[Span]] = []
    in_head = False
    while tokens[i].type != "table_close":
        t = tokens[i]
        if t.type == "thead_open":
            in_head = True
        elif t.type == "thead_close":
            in_head = False
        elif t.type == "tr_open":
            row = []
        elif t.type == "tr_close":
            if in_head:
                head.extend(row)
            else:
                rows.append(row)
        elif t.type in ("th_open", "td_open"):
            style = str(t.attrGet("style") or "")
            if in_head:
                align.append("right" if "right" in style else "center" if "center" in style else "left")
        elif t.type == "inline":
            row.append(_inline(t.children))
        i += 1
    return Table(head, rows, align), i + 1
