"""The books as Word documents (python-docx), for officers who must edit or submit Word.

    docx_files(renderer, books, single=False) -> RenderResult(files={"buku-1.docx": b"PK…", …})

The same chapters as every other format (their Markdown, parsed by render/blocks.py) written with Word's
own styles: headings are "Heading 1…6" (so Word's References → Table of Contents builds the daftar isi
with page numbers), tables are real Word tables ("Table Grid", the header row repeated on every page),
lists are "List Bullet"/"List Number". The house style comes from a reference document: a repository's
`templates/docx/reference.docx` (its styles, margins, header and footer are kept; its body is replaced),
else python-docx's default document set to A4 with 4-3-3-3 cm margins. The document language is
Indonesian (or English with --lang en), set in the document properties and on the Normal style.

Bytes are deterministic: the document's dates come from SOURCE_DATE_EPOCH or the last git commit, and
the zip is written again with fixed entry times (python-docx stamps the current time).
"""

from __future__ import annotations

import datetime as _dt
import io
import zipfile

from ..diagnostics import Diagnostic, Severity
from .blocks import Code, Heading, ListBlock, Para, Quote, Rule, Span, Table, parse_blocks
from .books import BookSpec, restrict
from .engine import RenderResult
from .environment import template_diagnostic

REFERENCE = "templates/docx/reference.docx"
INSTALL_HINT = ("Word output needs the Python package `python-docx`: install it with "
                "`.venv/bin/pip install python-docx`, or reinstall kotacerdas (`.venv/bin/pip install -e .`).")
LANGS = {"id": "id-ID", "en": "en-GB"}


def _docx():
    try:
        import docx
    except ImportError as exc:
        from .books import EngineMissing

        raise EngineMissing(INSTALL_HINT) from exc
    return docx


class WordWriter:
    """Blocks into a python-docx Document."""

    def __init__(self, doc, figures: dict[str, tuple[bytes | None, str]]) -> None:
        self.doc = doc
        self.figures = figures
        self.ids = {s.name: s.style_id for s in doc.styles}

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
        for s in spans:
            if s.br:
                paragraph.add_run().add_break()
                continue
            run = paragraph.add_run(s.text)
            if s.bold:  # only when set: each property made creates the run's properties element
                run.bold = True
            if s.italic:
                run.italic = True
            if s.strike:
                run.font.strike = True
            if s.code:
                run.font.name = "Courier New"
            if s.href:  # the address after the text: a Word hyperlink needs raw OOXML
                paragraph.add_run(f" ({s.href})")

    def blocks(self, blocks: list, level: int = 0) -> None:
        for b in blocks:
            self.block(b, level)

    def block(self, b, level: int = 0) -> None:
        doc = self.doc
        if isinstance(b, Heading):
            p = self.para(f"Heading {min(b.level, 9)}")
            self.runs(p, b.spans)
        elif isinstance(b, Para):
            self.runs(self.para("List Continue" if level else None), b.spans)
        elif isinstance(b, Table):
            self.table(b)
        elif isinstance(b, ListBlock):
            name = "List Number" if b.ordered else "List Bullet"
            if level:
                name += f" {min(level + 1, 3)}"
            for item in b.items:
                first, rest = (item[0], item[1:]) if item and isinstance(item[0], Para) else (None, item)
                p = self.para(self.style(name, "List Paragraph"))
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
            self.doc.add_picture(io.BytesIO(png), width=Cm(14))
        self.para("Caption", caption)

    def table(self, t: Table) -> None:
        n = max([len(t.head)] + [len(r) for r in t.rows]) or 1
        table = self.doc.add_table(rows=1 + len(t.rows), cols=n)
        grid = self.ids.get("Table Grid")
        if grid is not None:
            table._tbl.tblPr.style = grid
        rows = table.rows
        header = rows[0]
        _repeat_header(header)
        for i, cell in enumerate(header.cells):
            p = cell.paragraphs[0]
            if i < len(t.head):
                self.runs(p, [Span(s.text, bold=True, italic=s.italic, code=s.code) for s in t.head[i]])
        aligns = {"right": 2, "center": 1}
        for r, row in zip(t.rows, rows[1:], strict=True):
            for i, cell in enumerate(row.cells):
                p = cell.paragraphs[0]
                if i < len(r):
                    self.runs(p, r[i])
                a = t.align[i] if i < len(t.align) else "left"
                if a in aligns:
                    p.alignment = aligns[a]
        self.doc.add_paragraph()


def _repeat_header(row) -> None:
    """Word repeats a table's header row on every page when the row is marked so (w:tblHeader); python-docx
    has no property for it, so the one element is made with its own element factory."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _set_language(doc, lang: str) -> None:
    """The document language: the core property, and the Normal style's proofing language (w:lang, made
    with python-docx's element factory: it has no property for it)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    doc.core_properties.language = LANGS[lang]
    r_pr = doc.styles["Normal"].element.get_or_add_rPr()
    el = OxmlElement("w:lang")
    el.set(qn("w:val"), LANGS[lang])
    el.set(qn("w:eastAsia"), LANGS[lang])
    r_pr.append(el)


def _new_document(reference: bytes | None, lang: str):
    docx = _docx()
    from docx.shared import Cm, Pt

    if reference is not None:
        doc = docx.Document(io.BytesIO(reference))
        body = doc.element.body
        for child in list(body):
            if not child.tag.endswith("}sectPr"):  # keep the page set-up, drop the example content
                body.remove(child)
        return doc
    doc = docx.Document()
    for section in doc.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.top_margin, section.bottom_margin = Cm(3), Cm(3)
        section.left_margin, section.right_margin = Cm(4), Cm(3)
    normal = doc.styles["Normal"]
    normal.font.name = "Liberation Serif"
    normal.font.size = Pt(11)
    _set_language(doc, lang)
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
        for _ in range(3):
            cell.add_paragraph()
        name = cell.add_paragraph()
        name.alignment = 1
        if s.get("name"):
            run = name.add_run(s["name"])
            run.bold = run.underline = True
        else:
            name.add_run("_" * 28)


def _front_matter(w: WordWriter, data: dict, prose: dict, logo: tuple[str, bytes] | None) -> None:
    from docx.shared import Cm, Pt

    doc = w.doc
    L = data["labels"]
    if logo is not None and logo[0] != "logo.svg":
        doc.add_picture(io.BytesIO(logo[1]), height=Cm(4))
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
        w.blocks(prose[key])
        signer = data[key]
        for text in (signer["place_date"], signer["position"]):
            if text:
                doc.add_paragraph(text).alignment = 2
        doc.add_paragraph()
        doc.add_paragraph()
        doc.add_paragraph(signer["name"] or "_" * 28).alignment = 2


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


def _gantt_png(svg: str) -> bytes | None:
    """The roadmap chart for Word (python-docx places raster images only): the same SVG, rasterised by
    Typst at 200 ppi."""
    try:
        import typst
    except ImportError:
        return None
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory(prefix="kotacerdas-docx-") as tmp:
        (Path(tmp) / "gantt.svg").write_text(svg, encoding="utf-8")
        (Path(tmp) / "main.typ").write_text('#set page(width: auto, height: auto, margin: 0pt)\n'
                                            '#image("gantt.svg", width: 16cm)\n', encoding="utf-8")
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
    figures = {roadmap["mermaid"]: (_gantt_png(roadmap["svg"]), roadmap["title"])}
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
                "KC202", Severity.ERROR, REFERENCE, 1, 1, f"cannot open the reference document: {exc}",
                expected="a .docx saved by Word or LibreOffice (see docs/books.md)"))
            return result
        data = book_data(base, title, subtitle if subtitle != title else None, logo_name)
        w = WordWriter(doc, figures)
        _front_matter(w, data, prose, (logo_name, logo_bytes) if logo_name and logo_bytes else None)
        for c in r.chapters:
            try:
                md = r._body(c)
            except Exception as exc:
                result.diagnostics.append(template_diagnostic(exc, r.loader, c.template))
                continue
            doc.add_page_break()
            w.blocks(parse_blocks(md))
        props = doc.core_properties
        props.title, props.author, props.last_modified_by = title, base["plan"]["region"]["name"], ""
        props.language = LANGS[lang]
        props.created = props.modified = when
        props.revision = 1
        if reference is None:  # a reference document keeps its own header
            for section in doc.sections:
                section.header.paragraphs[0].text = title
        out = io.BytesIO()
        doc.save(out)
        result.files[name] = _deterministic_zip(out.getvalue(), when)
    return result
