"""The books as Word documents (python-docx), for officers who must edit or submit Word.

    docx_files(renderer, books, single=False) -> RenderResult(files={"buku-1.docx": b"PK…", …})

The same chapters as every other format (their Markdown, parsed by render/blocks.py) written with Word's
own styles: headings are "Heading 1…6", tables are real Word tables ("Table Grid", the header row
repeated on every page) under a caption ("Tabel 4.1: …", a SEQ field), lists are "List Bullet"/"List
Number". The daftar isi, daftar tabel and daftar gambar are Word TOC fields (of headings 1-2, and of
the captions' Tabel and Gambar sequences) that Word fills with page numbers when the document opens
(the document asks Word to update its fields; until then they list the entries without page numbers); the
footer is a PAGE field, roman (i, ii, …) in the front matter and 1, 2, … from BAB I (two sections). The styles
this needs (Heading 1…6, Caption, TOC Heading, toc 1…3, table of figures, Table Grid) are added to a
reference document that lacks them. The house style comes from a reference document: a repository's
`templates/docx/reference.docx` (its styles, margins, header and footer are kept; its body is replaced),
else python-docx's default document set to A4 with 4-3-3-3 cm margins. The document language is
Indonesian (or English with --lang en), set in the document properties and on the Normal style.

Bytes are deterministic: the document's dates come from SOURCE_DATE_EPOCH or the last git commit, and
the zip is written again with fixed entry times (python-docx stamps the current time).
"""

from __future__ import annotations

import copy
import datetime as _dt
import io
import zipfile
from dataclasses import dataclass, field

from ..diagnostics import Diagnostic, Severity
from ..i18n import N_, _
from .blocks import Captions, Code, Heading, ListBlock, Para, Quote, Rule, Span, Table, columns, parse_blocks
from .books import BookSpec, restrict
from .engine import RenderResult
from .environment import template_diagnostic
from .wordparts import (add_field, begin_field, end_field, ensure_styles, number_paragraph, page_numbering,
                        proofing_language, repeat_header, restart_numbering, update_fields_on_open)

REFERENCE = "templates/docx/reference.docx"
INSTALL_HINT = N_("Word output needs the Python package `python-docx`: install it with "
                "`.venv/bin/pip install python-docx`, or reinstall kotacerdas (`.venv/bin/pip install -e .`).")
LANGS = {"id": "id-ID", "en": "en-GB"}
TEXT_WIDTH_CM = 14  # A4 (21 cm) less the 4 cm and 3 cm side margins: where the daftar isi's page numbers stand
TABLE_TEXT = "Table Text"  # the paragraph style of table cells (9 pt, as the PDF's; a reference document may restyle)
TOC_DEPTH = 2  # the daftar isi lists chapters and their sections, as the PDF's does


def _docx():
    try:
        import docx
    except ImportError as exc:
        from .books import EngineMissing

        raise EngineMissing(_(INSTALL_HINT)) from exc
    return docx


@dataclass
class Listed:
    """What the daftar isi, daftar tabel and daftar gambar list, collected while the chapters are written."""

    headings: list[tuple[int, str]] = field(default_factory=list)
    tables: list[str] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)


class WordWriter:
    """Blocks into a python-docx Document. `words`: the caption words (Tabel, Gambar)."""

    def __init__(self, doc, figures: dict[str, tuple[bytes | None, str]], words: dict[str, str]) -> None:
        self.doc = doc
        self.figures = figures
        self.words = words
        self.ids = {s.name: s.style_id for s in doc.styles}
        self.listed = Listed()
        self.captions = Captions()
        self.numeral = ""  # the chapter's number in captions: 4 (Tabel 4.1), A (Tabel A.1)
        self.counts = {"table": 0, "figure": 0}

    def chapter(self, title: str, numeral: str) -> None:
        self.captions = Captions(title)
        self.numeral = numeral
        self.counts = {"table": 0, "figure": 0}

    def caption(self, kind: str, text: str) -> None:
        """A caption such as `Tabel 4.1: text` in the Caption style; the number is a SEQ field (restarting at
        each Heading 1), which is what Word's daftar tabel / daftar gambar collect."""
        self.counts[kind] += 1
        word = self.words[kind]
        p = self.para("Caption")
        p.add_run(f"{word} {self.numeral}." if self.numeral else f"{word} ")
        add_field(p, f"SEQ {word} \\* ARABIC \\s 1", str(self.counts[kind]))
        p.add_run(f": {text}")
        number = f"{self.numeral}.{self.counts[kind]}" if self.numeral else str(self.counts[kind])
        (self.listed.tables if kind == "table" else self.listed.figures).append(f"{word} {number}: {text}")

    def style(self, name: str, fallback: str = "Normal") -> str:
        return name if name in self.ids else fallback

    def para(self, style: str | None = None, text: str | None = None):
        """A new paragraph in a named style. The style id is set on the paragraph's properties directly:
        python-docx's by-name lookup scans every style each time, most of a large book's time."""
        p = self.doc.add_paragraph(text)
        if style is not None and style in self.ids:
            p._p.get_or_add_pPr().style = self.ids[style]
        return p

    def runs(self, paragraph, spans: list[Span]) -> None:
        """The spans as runs, through python-docx's element API (CT_P.add_r, CT_R.add_t, CT_RPr._add_b…):
        its Run properties look every value up again and its text setter walks the text character by
        character, which made a 150-page book take seconds."""
        from docx.oxml.ns import qn

        p = paragraph if not hasattr(paragraph, "_p") else paragraph._p  # a Paragraph, or its w:p element
        for s in spans:
            r = p.add_r()
            if s.br:
                r.add_br()
                continue
            if s.bold or s.italic or s.strike or s.code:  # only when set: an empty w:rPr is noise
                r_pr = r.get_or_add_rPr()
                if s.code:
                    r_pr.get_or_add_rFonts().set(qn("w:ascii"), "Courier New")
                    r_pr.rFonts.set(qn("w:hAnsi"), "Courier New")
                if s.bold:
                    r_pr._add_b()
                if s.italic:
                    r_pr._add_i()
                if s.strike:
                    r_pr._add_strike()
            if "\t" in s.text or "\n" in s.text:
                r.text = s.text  # python-docx turns tabs and newlines into w:tab and w:br
            else:
                r.add_t(s.text)
            if s.href:  # the address after the text: a Word hyperlink needs raw OOXML
                p.add_r().add_t(f" ({s.href})")

    def blocks(self, blocks: list, level: int = 0) -> None:
        for b in blocks:
            self.block(b, level)

    def block(self, b, level: int = 0) -> None:
        doc = self.doc
        if isinstance(b, Heading):
            p = self.para(f"Heading {min(b.level, 9)}")
            self.runs(p, b.spans)
            self.captions.heading(b)
            if b.level <= TOC_DEPTH:
                self.listed.headings.append((b.level, b.text))
        elif isinstance(b, Para):
            self.runs(self.para("List Continue" if level else None), b.spans)
        elif isinstance(b, Table):
            self.table(b)
        elif isinstance(b, ListBlock):
            name = "List Number" if b.ordered else "List Bullet"
            if level:
                name += f" {min(level + 1, 3)}"
            style = self.style(name, "List Paragraph")
            num_id = restart_numbering(self.doc, style, b.start, self.ids) if b.ordered else None
            for item in b.items:
                first, rest = (item[0], item[1:]) if item and isinstance(item[0], Para) else (None, item)
                p = self.para(style)
                if num_id is not None:
                    number_paragraph(p._p, num_id)
                if first is not None:
                    self.runs(p, first.spans)
                self.blocks(rest, level + 1)
        elif isinstance(b, Quote):
            for inner in b.blocks:
                if isinstance(inner, Para):
                    self.runs(self.para("Quote"), inner.spans)
                else:
                    self.block(inner, level)
        elif isinstance(b, Code):
            if b.info == "mermaid" and b.text in self.figures:
                self.figure(*self.figures[b.text])
                return
            p = self.para("No Spacing")
            p.add_run(b.text.rstrip("\n")).font.name = "Courier New"
        elif isinstance(b, Rule):
            doc.add_paragraph("—" * 3).alignment = 1

    def figure(self, png: bytes | None, caption: str) -> None:
        from docx.shared import Cm

        if png is not None:
            self.doc.add_picture(io.BytesIO(png), width=Cm(TEXT_WIDTH_CM))
        self.caption("figure", caption)

    def table(self, t: Table) -> None:
        """A Word table under its caption: the header row bold and repeated on every page, the columns as
        wide as the PDF's (blocks.columns). python-docx makes a table of two rows; the second, once given
        its widths, cell style and alignments, is copied for every further row (setting those through
        python-docx cell by cell, and `row.cells`, were most of a large book's time)."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Cm

        cols = columns(t)
        n = len(cols)
        self.caption("table", self.captions.caption())
        table = self.doc.add_table(rows=2 if t.rows else 1, cols=n)
        tbl = table._tbl
        grid = self.ids.get("Table Grid")
        if grid is not None:
            tbl.tblPr.style = grid
        table.autofit = False  # fixed layout: the column widths below, not a guess from the content
        widths = [Cm(w) for w in _widths_cm(cols, TEXT_WIDTH_CM)]
        for gc, width in zip(tbl.tblGrid.gridCol_lst, widths, strict=True):
            gc.w = width
        cell_style = self.ids.get(TABLE_TEXT)
        aligns = {"right": WD_ALIGN_PARAGRAPH.RIGHT, "center": WD_ALIGN_PARAGRAPH.CENTER}
        for k, tr in enumerate(tbl.tr_lst):
            for i, tc in enumerate(tr.tc_lst):
                tc.width = widths[i]
                p = tc.p_lst[0]
                if cell_style is not None:
                    p.get_or_add_pPr().style = cell_style
                a = t.align[i] if i < len(t.align) else "left"
                if k and a in aligns:
                    p.get_or_add_pPr().jc_val = aligns[a]
        body = tbl.tr_lst[1:]
        repeat_header(table.rows[0])
        if body:
            blank = copy.deepcopy(body[0])
            for _more in t.rows[1:]:
                tbl.append(copy.deepcopy(blank))
        for k, (tr, cells) in enumerate(zip(tbl.tr_lst, [t.head, *t.rows], strict=True)):
            for i, tc in enumerate(tr.tc_lst):
                if i < len(cells):
                    spans = cells[i] if k else [Span(x.text, bold=True, italic=x.italic, code=x.code)
                                                for x in cells[i]]
                    self.runs(tc.p_lst[0], spans)
        self.doc.add_paragraph()


def _widths_cm(cols, total: float, per_char: float = 0.2, padding: float = 0.4) -> list[float]:
    """Column widths in cm that fill `total`: a natural column about as wide as its longest text (at the
    tables' 9 pt, `per_char` a character plus the cell's margins), the others sharing what is left (at
    least half the line) by their share; when that is too wide, every column gives up width in
    proportion to what it has beyond its longest word."""
    natural = {i: min(per_char * c.longest + padding, total / 3) for i, c in enumerate(cols) if c.natural}
    floor = [min(per_char * c.longest_word + padding, total / 3) for c in cols]
    rest = max(total - sum(natural.values()), total * 0.5)  # text columns keep at least half the line
    shares = sum(c.share for i, c in enumerate(cols) if i not in natural) or 1
    widths = [natural[i] if i in natural else max(floor[i], rest * c.share / shares) for i, c in enumerate(cols)]
    excess = sum(widths) - total
    slack = [w - floor[i] for i, w in enumerate(widths)]
    if excess > 0 and sum(slack) > 0:  # too wide: narrow every column, none below its longest word
        cut = min(1.0, excess / sum(slack))
        widths = [w - cut * slack[i] for i, w in enumerate(widths)]
    scale = total / sum(widths)
    return [round(w * scale, 2) for w in widths]


def _new_document(reference: bytes | None, lang: str):
    docx = _docx()
    from docx.shared import Cm, Pt

    if reference is not None:
        doc = docx.Document(io.BytesIO(reference))
        body = doc.element.body
        for child in list(body):
            if not child.tag.endswith("}sectPr"):  # keep the page set-up, drop the example content
                body.remove(child)
    else:
        doc = docx.Document()
        for section in doc.sections:
            section.page_width, section.page_height = Cm(21), Cm(29.7)
            section.top_margin, section.bottom_margin = Cm(3), Cm(3)
            section.left_margin, section.right_margin = Cm(4), Cm(3)
        normal = doc.styles["Normal"]
        normal.font.name = "Liberation Serif"
        normal.font.size = Pt(11)
    ensure_styles(doc, TEXT_WIDTH_CM)
    doc.core_properties.language = LANGS[lang]
    proofing_language(doc.styles["Normal"], LANGS[lang])
    return doc


def _signature_table(w: WordWriter, signatories: list[dict], cols: int = 2) -> None:
    """Position, space to sign, name (or a blank line when no name is recorded)."""
    doc = w.doc
    rows = (len(signatories) + cols - 1) // cols
    table = doc.add_table(rows=rows, cols=cols)
    for k, s in enumerate(signatories):
        cell = table.rows[k // cols].cells[k % cols]
        p = cell.paragraphs[0]
        p.alignment = 1
        p.add_run(s["position"]).bold = True
        for _space in range(3):
            cell.add_paragraph()
        name = cell.add_paragraph()
        name.alignment = 1
        if s.get("name"):
            run = name.add_run(s["name"])
            run.bold = run.underline = True
        else:
            name.add_run("_" * 28)


def _front_matter(w: WordWriter, data: dict, prose: dict, logo: bytes | None) -> dict:
    """Cover, lembar pengesahan, sambutan, kata pengantar, and the places of the daftar isi, daftar tabel
    and daftar gambar (filled by _fill_list once the chapters are written)."""
    from docx.shared import Cm, Pt

    doc = w.doc
    L = data["labels"]
    if logo is not None:
        doc.add_picture(io.BytesIO(logo), height=Cm(4))
        doc.paragraphs[-1].alignment = 1
    title = w.para("Title", data["title"].upper())
    title.alignment = 1
    for text, size in ((data["subtitle"], 13), (data["edition"], 12), (data["government"].upper(), 14),
                       (data["province"].upper() if data["province"] else None, 12), (data["year"], 13)):
        if text:
            p = doc.add_paragraph()
            p.alignment = 1
            p.add_run(text).font.size = Pt(size)
    doc.add_page_break()
    a = data["approval"]
    w.para("Heading 1", L["pengesahan"])
    w.listed.headings.append((1, L["pengesahan"]))
    for text in (data["title"], a["title"], a["regulation"]):
        if text:
            doc.add_paragraph(text).alignment = 1
    doc.add_paragraph(L["pengesahan_text"])
    if a["place_date"]:
        doc.add_paragraph(a["place_date"]).alignment = 2
    if a["signatories"]:
        _signature_table(w, a["signatories"], 3 if len(a["signatories"]) > 6 else 2)
    else:
        doc.add_paragraph(L["no_signatories"]).runs[0].italic = True
    for key, title_key in (("sambutan", "sambutan"), ("pengantar", "kata_pengantar")):
        if prose.get(key) is None:
            continue
        doc.add_page_break()
        w.para("Heading 1", L[title_key])
        w.listed.headings.append((1, L[title_key]))
        w.blocks(prose[key])
        signer = data[key]
        for text in (signer["place_date"], signer["position"]):
            if text:
                doc.add_paragraph(text).alignment = 2
        doc.add_paragraph()
        doc.add_paragraph()
        doc.add_paragraph(signer["name"] or "_" * 28).alignment = 2
    places = {}
    for key, title_key in (("contents", "contents"), ("tables", "tables"), ("figures", "figures")):
        heading = w.para("TOC Heading", L[title_key])  # not a Heading 1: the daftar isi does not list itself
        heading.paragraph_format.page_break_before = True
        places[key] = (heading, doc.add_paragraph())
    return places


def _fill_list(w: WordWriter, places, key: str, instruction: str, entries: list[tuple[str, str]]) -> None:
    """A TOC field at its place in the front matter, its result the entries (style, text) without page
    numbers until Word updates it; a daftar tabel or daftar gambar with no entry is left out."""
    heading, place = places[key]
    if not entries and key != "contents":
        for p in (heading, place):
            p._p.getparent().remove(p._p)
        return
    paragraphs = []
    for style, text in entries:
        p = place.insert_paragraph_before(text)
        p._p.get_or_add_pPr().style = w.ids[style]
        paragraphs.append(p)
    paragraphs = paragraphs or [place]
    begin_field(paragraphs[0], instruction, dirty=True, before_text=True)
    end_field(paragraphs[-1])
    if paragraphs[-1] is not place:
        place._p.getparent().remove(place._p)


def _deterministic_zip(data: bytes, when: _dt.datetime) -> bytes:
    """The same zip with every entry's time set to `when` and the entries in their original order."""
    stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


def _png(name: str, data: bytes, width_cm: float = 16) -> bytes | None:
    """An image for Word (python-docx places raster images only): a PNG or JPG as it is, an SVG (the
    roadmap chart, a logo) rasterised by Typst at 200 ppi."""
    if not name.endswith(".svg"):
        return data
    try:
        import typst
    except ImportError:
        return None
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory(prefix="kotacerdas-docx-") as tmp:
        (Path(tmp) / name).write_bytes(data)
        (Path(tmp) / "main.typ").write_text('#set page(width: auto, height: auto, margin: 0pt)\n'
                                            f'#image("{name}", width: {width_cm}cm)\n', encoding="utf-8")
        return typst.compile(str(Path(tmp) / "main.typ"), root=tmp, format="png", ppi=200, font_paths=[],
                             ignore_system_fonts=True)


def _reference(renderer) -> bytes | None:
    repo = renderer.mp.repo
    try:
        return repo.read(REFERENCE) if repo.exists(REFERENCE) else None
    except OSError:
        return None


def docx_files(renderer, books: list[BookSpec], *, single: bool = False) -> RenderResult:
    """Every book (or with `single` the whole masterplan) as a Word document."""
    from .pdf import _logo, book_data, source_date_epoch

    result = RenderResult(diagnostics=list(renderer.diagnostics), chapters=list(renderer.chapters))
    if not result.ok:
        return result
    _docx()
    base = renderer.base
    lang = base["lang"]
    logo_name, logo_bytes, problem = _logo(renderer.mp, base)
    if problem is not None:
        result.diagnostics.append(problem)
        return result
    epoch = source_date_epoch(renderer.mp.repo.root)
    when = _dt.datetime.fromtimestamp(epoch or 315532800, _dt.UTC).replace(tzinfo=None)  # else 1980-01-01
    reference = _reference(renderer)
    roadmap = base["roadmap"]
    figures = {roadmap["mermaid"]: (_png("gantt.svg", roadmap["svg"].encode("utf-8")), roadmap["title"])}
    for mermaid, chart in (base.get("monitoring") or {}).get("figures", {}).items():  # BAB VII's charts
        figures[mermaid] = (_png("chart.svg", chart.svg.encode("utf-8")), chart.title)
    logo = _png(logo_name, logo_bytes, 4) if logo_name and logo_bytes is not None else None
    words = {"table": base["labels"]["book"]["table_word"], "figure": base["labels"]["book"]["figure_word"]}
    pub = base["plan"].get("publication") or {}
    prose = {k: parse_blocks(str(f["text"])) if f else None
             for k, f in (("sambutan", pub.get("sambutan")), ("pengantar", pub.get("kata_pengantar")))}
    jobs = ([("masterplan.docx", renderer, base["plan"]["title"], None)] if single else
            [(f"{b.file_stem}.docx", restrict(renderer, b.slugs), b.title, base["plan"]["title"]) for b in books])
    for name, r, title, subtitle in jobs:
        try:
            doc = _new_document(reference, lang)
        except Exception as exc:  # not a Word document
            result.diagnostics.append(Diagnostic(
                "KC202", Severity.ERROR, REFERENCE, 1, 1,
                _("cannot open the reference document: {reason}").format(reason=exc),
                expected=_("a .docx saved by Word or LibreOffice (see docs/books.md)")))
            return result
        data = book_data(base, title, subtitle if subtitle != title else None, logo_name)
        w = WordWriter(doc, figures, words)
        places = _front_matter(w, data, prose, logo)
        doc.add_section()  # BAB I starts a new page numbered 1
        front, body = doc.sections[0], doc.sections[1]
        front.different_first_page_header_footer = True  # the cover: no header, no page number
        body.different_first_page_header_footer = False
        page_numbering(front, "lowerRoman", 1)
        page_numbering(body, "decimal", 1)
        for c in r.chapters:
            try:
                md = r._body(c)
            except Exception as exc:
                result.diagnostics.append(template_diagnostic(exc, r.loader, c.template))
                continue
            if c is not r.chapters[0]:
                doc.add_page_break()
            w.chapter(c.title, str(c.number) if c.group == 0 else c.label.split()[-1])
            w.blocks(parse_blocks(md))
        listed = w.listed
        _fill_list(w, places, "contents", f'TOC \\o "1-{TOC_DEPTH}" \\h \\z \\u',
                   [(f"toc {level}", text) for level, text in listed.headings])
        _fill_list(w, places, "tables", f'TOC \\h \\z \\c "{words["table"]}"',
                   [("table of figures", text) for text in listed.tables])
        _fill_list(w, places, "figures", f'TOC \\h \\z \\c "{words["figure"]}"',
                   [("table of figures", text) for text in listed.figures])
        update_fields_on_open(doc)
        props = doc.core_properties
        props.title, props.author, props.last_modified_by = title, base["plan"]["region"]["name"], ""
        props.language = LANGS[lang]
        props.created = props.modified = when
        props.revision = 1
        if reference is None:  # a reference document keeps its own header and footer
            front.header.paragraphs[0].text = title
            footer = front.footer.paragraphs[0]
            footer.alignment = 1
            add_field(footer, "PAGE", "1")
        out = io.BytesIO()
        doc.save(out)
        result.files[name] = _deterministic_zip(out.getvalue(), when)
    return result
