"""The parts of a Word book python-docx has no property for, made with python-docx's own element factory
(`docx.oxml.OxmlElement`, inserted where the schema orders them) instead of hand-written XML: fields
(PAGE, TOC, SEQ), the page numbering of a section (roman front matter, arabic from BAB I), the
setting that makes Word update the fields when the document opens, a table header row repeated on
every page, the proofing language, and the styles a table of contents needs when a reference document
lacks them.
"""

from __future__ import annotations

import copy
from functools import cache
from typing import Any


def _el(tag: str, **attrs: str):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    el = OxmlElement(tag)
    for name, value in attrs.items():
        el.set(qn(f"w:{name}"), value)
    return el


def add_field(paragraph, instruction: str, shown: str = "", *, dirty: bool = False) -> None:
    """A Word field in `paragraph`: begin, the instruction, separate, `shown` (the result until Word
    computes it), end. `dirty` asks Word to compute it again when the document opens."""
    begin_field(paragraph, instruction, dirty=dirty)
    if shown:
        paragraph.add_run(shown)
    end_field(paragraph)


def begin_field(paragraph, instruction: str, *, dirty: bool = False, before_text: bool = False) -> None:
    """The first half of a field whose result spans several paragraphs (a table of contents): the result
    follows (the paragraph's text when `before_text`, then the next paragraphs), and `end_field` closes
    it in the last one."""
    from docx.oxml.ns import qn

    text = _el("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    made = []
    for el in (_el("w:fldChar", fldCharType="begin", **({"dirty": "true"} if dirty else {})), text,
               _el("w:fldChar", fldCharType="separate")):
        run = paragraph.add_run()._r
        run.append(el)
        made.append(run)
    if before_text:
        p = paragraph._p
        start = 1 if p.pPr is not None else 0
        for i, run in enumerate(made):
            p.remove(run)
            p.insert(start + i, run)


def end_field(paragraph) -> None:
    paragraph.add_run()._r.append(_el("w:fldChar", fldCharType="end"))


def page_numbering(section, fmt: str, start: int | None = None) -> None:
    """The page numbers of a section: fmt "lowerRoman" or "decimal", restarting at `start`."""
    sect_pr = section._sectPr
    for old in sect_pr.findall(_el("w:pgNumType").tag):
        sect_pr.remove(old)
    attrs = {"fmt": fmt, **({"start": str(start)} if start is not None else {})}
    sect_pr.insert_element_before(_el("w:pgNumType", **attrs), "w:cols", "w:formProt", "w:vAlign", "w:noEndnote",
                                  "w:titlePg", "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid",
                                  "w:printerSettings", "w:sectPrChange")


def update_fields_on_open(doc) -> None:
    """Word computes every field (the daftar isi's page numbers) when it opens the document."""
    settings = doc.settings.element
    for old in settings.findall(_el("w:updateFields").tag):
        settings.remove(old)
    settings.insert_element_before(_el("w:updateFields", val="true"), *_SETTINGS_AFTER_UPDATE_FIELDS)


_SETTINGS_AFTER_UPDATE_FIELDS = (
    "w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr",
    "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions", "w:readModeInkLockDown", "w:smartTagType",
    "sl:schemaLibrary", "w:shapeDefaults", "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator",
)


def repeat_header(row) -> None:
    """Word repeats a table's header row on every page when the row is marked so (w:tblHeader)."""
    row._tr.get_or_add_trPr().append(_el("w:tblHeader", val="true"))


def proofing_language(style, tag: str) -> None:
    """The proofing language of a style (w:lang), e.g. id-ID on Normal."""
    r_pr = style.element.get_or_add_rPr()
    for old in r_pr.findall(_el("w:lang").tag):
        r_pr.remove(old)
    r_pr.append(_el("w:lang", val=tag, eastAsia=tag))


# --- the styles a book needs ---------------------------------------------------------------------------------

# Taken from python-docx's own default document when a reference document lacks them (a document saved
# by Word holds only the styles it uses: its Heading 2 may be missing, and a heading without the style is
# not in the table of contents).
FROM_DEFAULT = ("Heading 1", "Heading 2", "Heading 3", "Heading 4", "Heading 5", "Heading 6", "Caption",
                "TOC Heading", "Title", "Table Grid", "List Bullet", "List Number", "List Paragraph", "Quote",
                "No Spacing")


@cache
def _default_styles() -> dict[str, Any]:
    import docx

    return {s.name: s.element for s in docx.Document().styles}


def ensure_styles(doc, text_width_cm: float) -> None:
    """Every style the book uses exists in `doc`: the missing ones from python-docx's default document,
    and the table-of-contents entry styles (toc 1-3, table of figures: indented by level, the page
    number at the right margin after dots), which Word uses when it fills the TOC fields, and "Table
    Text" for table cells."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.shared import Cm, Pt

    from docx.oxml.ns import qn

    have = {s.name for s in doc.styles}
    defaults = _default_styles()
    by_id = {e.get(qn("w:styleId")): name for name, e in defaults.items()}
    for name in FROM_DEFAULT:
        if name in have or name not in defaults:
            continue
        wanted = [name]
        link = defaults[name].find(qn("w:link"))
        if link is not None and by_id.get(link.get(qn("w:val"))) not in (None, *have):
            wanted.append(by_id[link.get(qn("w:val"))])  # its character twin (Heading 1 Char)
        for one in wanted:
            doc.styles.element.append(copy.deepcopy(defaults[one]))
            have.add(one)
    if "Table Text" not in have:  # table cells: smaller, no space after, so long tables stay readable
        style = doc.styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Normal"]
        style.font.size = Pt(9)
        style.paragraph_format.space_after = Pt(0)
        style.paragraph_format.space_before = Pt(0)
        style.paragraph_format.line_spacing = 1.0
    for name, indent in (("toc 1", 0.0), ("toc 2", 0.6), ("toc 3", 1.2), ("table of figures", 0.0)):
        if name in have:
            continue
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Normal"]
        fmt = style.paragraph_format
        fmt.left_indent = Cm(indent)
        fmt.space_after = Pt(2)
        fmt.tab_stops.add_tab_stop(Cm(text_width_cm), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        if name == "toc 1":
            style.font.bold = True


def restart_numbering(doc, style_name: str, start: int, ids: dict[str, str]) -> int | None:
    """A numbering instance of a numbered list style that starts again at `start` (Word's "List Number"
    counts on through the whole document otherwise: BAB II's misi began at 18); its id for the list's
    paragraphs (`number_paragraph`), or None when the style has no numbering. `ids`: style name -> id."""
    from docx.enum.style import WD_STYLE_TYPE

    style = doc.styles.get_by_id(ids[style_name], WD_STYLE_TYPE.PARAGRAPH) if style_name in ids else None
    num_pr = style.element.pPr.numPr if style is not None and style.element.pPr is not None else None
    if num_pr is None or num_pr.numId is None:
        return None
    numbering = doc.part.numbering_part.element
    try:
        abstract = numbering.num_having_numId(num_pr.numId.val).abstractNumId.val
    except KeyError:
        return None
    num = numbering.add_num(abstract)
    level = num_pr.ilvl.val if num_pr.ilvl is not None else 0
    num.add_lvlOverride(ilvl=level).add_startOverride(start)
    return num.numId


def number_paragraph(paragraph_element, num_id: int, level: int = 0) -> None:
    num_pr = paragraph_element.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = num_id
