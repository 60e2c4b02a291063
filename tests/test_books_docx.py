"""The books as Word documents (render --format docx), opened again with python-docx, and converted to PDF
by LibreOffice Writer headless (read back with pdftotext) where it is installed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from .books_fixture import HOSTILE, make_repo, pdftext, render, rendered

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
WRITER = SOFFICE is not None and Path("/usr/lib/libreoffice/program/libswlo.so").exists()  # Debian's Writer


@pytest.fixture(scope="module")
def word(tmp_path_factory):
    return rendered(tmp_path_factory.mktemp("word"), "docx")


def _fields(doc) -> list[str]:
    """The instructions of every field in the document body, in order (TOC, SEQ, …)."""
    return [t.text.strip() for t in doc.element.body.iter(qn("w:instrText"))]


def test_word_books_have_heading_styles_tables_and_indonesian(word, tmp_path):
    repo, out = word
    assert sorted(p.name for p in out.glob("*.docx")) == ["buku-1.docx", "buku-2.docx", "buku-3.docx"]
    doc = docx.Document(str(out / "buku-2.docx"))
    h1 = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert h1[:4] == ["Lembar Pengesahan", "Kata Sambutan", "Kata Pengantar", "BAB I Pendahuluan"]
    assert "BAB VI Peta Jalan" in h1 or any(t.endswith("Peta Jalan") for t in h1)
    assert any(p.style.name == "Heading 2" and p.text.startswith("1.1 ") for p in doc.paragraphs)
    assert len(doc.tables) > 50
    header = doc.tables[1].rows[0]
    assert header.cells[0].text and header._tr.trPr.find(qn("w:tblHeader")) is not None  # repeated on each page
    assert doc.core_properties.language == "id-ID" and doc.core_properties.author == "Kabupaten Garut"
    lang = doc.styles["Normal"].element.rPr.find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "id-ID"
    section = doc.sections[-1]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert (round(section.left_margin.cm), round(section.top_margin.cm), round(section.right_margin.cm),
            round(section.bottom_margin.cm)) == (4, 3, 3, 3)
    assert HOSTILE in "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert render(repo, "--format", "docx", "--book", "2", "--out", tmp_path)[0] == 0  # deterministic
    assert (tmp_path / "buku-2.docx").read_bytes() == (out / "buku-2.docx").read_bytes()


def test_daftar_isi_tabel_gambar_are_fields_word_updates(word):
    _, out = word
    doc = docx.Document(str(out / "buku-2.docx"))
    fields = _fields(doc)
    assert fields[:3] == ['TOC \\o "1-2" \\h \\z \\u', 'TOC \\h \\z \\c "Tabel"', 'TOC \\h \\z \\c "Gambar"']
    settings = doc.settings.element.find(qn("w:updateFields"))
    assert settings is not None and settings.get(qn("w:val")) == "true"  # Word fills in the page numbers
    # until Word updates them, the lists hold every chapter and every caption
    toc = [p.text for p in doc.paragraphs if p.style.name.startswith("toc ")]
    chapters = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert [t for t in toc if t in chapters] == chapters
    captions = [p.text for p in doc.paragraphs if p.style.name == "Caption"]
    listed = [p.text for p in doc.paragraphs if p.style.name == "table of figures"]
    tables = [c for c in captions if c.startswith("Tabel ")]
    assert listed == tables + [c for c in captions if c.startswith("Gambar ")]  # daftar tabel, daftar gambar
    assert len(tables) == len(doc.tables) - 1  # every table has its caption but the signature grid
    assert tables[0].startswith("Tabel 1.1: ") and any(c.startswith("Gambar ") for c in captions)
    assert sum(f.startswith("SEQ Tabel") for f in fields) == len(tables)
    # the daftar isi's own title is not a heading it lists
    assert "Daftar Isi" not in chapters and "Daftar Isi" in [p.text for p in doc.paragraphs
                                                             if p.style.name == "TOC Heading"]


def test_front_matter_is_numbered_in_roman_and_bab_i_starts_at_1(word):
    _, out = word
    doc = docx.Document(str(out / "buku-1.docx"))
    front, body = doc.sections
    numbering = [s._sectPr.find(qn("w:pgNumType")) for s in (front, body)]
    assert [(n.get(qn("w:fmt")), n.get(qn("w:start"))) for n in numbering] == [("lowerRoman", "1"), ("decimal", "1")]
    assert front.different_first_page_header_footer and not body.different_first_page_header_footer  # cover
    assert "PAGE" in [t.text.strip() for t in front.footer._element.iter(qn("w:instrText"))]
    assert body.footer.is_linked_to_previous and body.header.is_linked_to_previous
    assert front.header.paragraphs[0].text.startswith("Buku I Analisis Strategis")
    # the cover holds the logo (an SVG, rasterised) and the region
    cover = doc.paragraphs[:8]
    assert any(p._p.findall(".//" + qn("w:drawing")) for p in cover)
    assert "PEMERINTAH KABUPATEN GARUT" in [p.text for p in cover]


def test_a_reference_document_without_heading_styles_gets_them(tmp_path):
    repo = make_repo(tmp_path / "garut", hostile=False)
    reference = docx.Document()
    styles = reference.styles.element
    for name in ("Heading 2", "Heading 3", "Caption", "TOC Heading"):
        styles.remove(reference.styles[name].element)
    reference.sections[0].header.paragraphs[0].text = "Kop Pemerintah Kabupaten Garut"
    (repo / "templates" / "docx").mkdir(parents=True)
    reference.save(str(repo / "templates" / "docx" / "reference.docx"))
    assert render(repo, "--format", "docx", "--book", "2", "--out", tmp_path / "o")[0] == 0
    doc = docx.Document(str(tmp_path / "o" / "buku-2.docx"))
    used = {p.style.name for p in doc.paragraphs}
    assert {"Heading 2", "Heading 3", "Caption", "TOC Heading", "toc 1", "toc 2"} <= used
    assert doc.styles["Heading 2"].element.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) == "1"
    assert doc.sections[0].header.paragraphs[0].text == "Kop Pemerintah Kabupaten Garut"  # the house style's


@pytest.mark.skipif(not WRITER, reason="LibreOffice Writer is not installed (.ci/run installs it)")
def test_libreoffice_opens_and_prints_the_word_book(word, tmp_path):
    _, out = word
    done = subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                           "--convert-to", "pdf", "--outdir", str(tmp_path), str(out / "buku-3.docx")],
                          capture_output=True, text=True, timeout=300)
    pdf = tmp_path / "buku-3.pdf"
    assert done.returncode == 0 and pdf.exists(), done.stderr
    text = pdftext(pdf)
    for title in ("Lembar Pengesahan", "Daftar Isi", "Daftar Tabel", "BAB I Arah Pembangunan Smart City"):
        assert title in text
    pages = text.split("\f")
    footers = [p.strip().splitlines()[-1].strip() for p in pages if p.strip()]
    assert footers[1] == "ii"  # the page after the cover
    bab_i = next(i for i, p in enumerate(pages) if "BAB I Arah Pembangunan" in p and "Daftar" not in p)
    assert pages[bab_i].strip().splitlines()[-1].strip() == "1"


def test_hostile_reference_document_is_a_diagnostic(tmp_path):
    repo = make_repo(tmp_path / "garut", publication=False, hostile=False)
    (repo / "templates" / "docx").mkdir(parents=True)
    Path(repo / "templates" / "docx" / "reference.docx").write_bytes(b"PK\x03\x04 not a zip")
    code, output = render(repo, "--format", "docx", "--out", tmp_path / "o")
    assert code == 1 and "reference.docx" in output and "cannot open the reference document" in output
    assert "Traceback" not in output and not (tmp_path / "o").exists()


def test_each_numbered_list_starts_at_its_own_first_number(word):
    _, out = word
    doc = docx.Document(str(out / "buku-2.docx"))
    numbering = doc.part.numbering_part.element
    paragraphs = doc.paragraphs
    misi = next(i for i, p in enumerate(paragraphs) if p.style.name == "Heading 2" and p.text.endswith(" Misi"))
    items = [p for p in paragraphs[misi + 1:misi + 12] if p.style.name == "List Number"]
    assert len(items) >= 2
    num_ids = {p._p.pPr.numPr.numId.val for p in items}
    assert len(num_ids) == 1  # one list
    num = numbering.num_having_numId(num_ids.pop())
    start = num.find(qn("w:lvlOverride")).find(qn("w:startOverride"))
    assert start.get(qn("w:val")) == "1"  # not the count of every numbered item before it
    others = {p._p.pPr.numPr.numId.val for p in paragraphs[:misi] if p.style.name == "List Number"}
    assert others and not (others & {items[0]._p.pPr.numPr.numId.val})
