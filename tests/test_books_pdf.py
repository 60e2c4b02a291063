"""The books as PDF (render --format pdf), read back with poppler's pdftotext, pdfinfo, pdffonts and
pdftohtml -xml (the outline)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from .books_fixture import HOSTILE, make_repo, pdfinfo, pdftext, render, rendered


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    return rendered(tmp_path_factory.mktemp("books"), "pdf")


def test_every_book_is_written_with_its_metadata(books):
    _, out = books
    assert sorted(p.name for p in out.glob("*.pdf")) == ["buku-1.pdf", "buku-2.pdf", "buku-3.pdf"]
    info = pdfinfo(out / "buku-2.pdf")
    assert info["Title"].startswith("Buku II Masterplan Smart City Kabupaten Garut")
    assert info["Author"] == "Kabupaten Garut"
    assert info["Page size"].startswith("595.276 x 841.89")  # A4
    assert info["CreationDate"].startswith("Sat Jun  1 00:00:00 2024")  # the last commit's date


def test_every_font_is_embedded(books):
    _, out = books
    rows = subprocess.run(["pdffonts", str(out / "buku-2.pdf")], capture_output=True, text=True).stdout.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows)


def _outline(pdf):
    xml = subprocess.run(["pdftohtml", "-xml", "-i", "-stdout", "-f", "1", "-l", "1", str(pdf)],
                         capture_output=True, text=True).stdout
    return [(int(p), t) for p, t in re.findall(r'<item page="(\d+)">([^<]*)</item>', xml)]


def test_daftar_isi_page_numbers_are_the_pages_where_chapters_start(books):
    _, out = books
    pdf = out / "buku-2.pdf"
    chapters = [(page, title) for page, title in _outline(pdf) if re.match(r"(BAB [IVX]+|Lampiran [A-Z]) ", title)]
    assert [t for _, t in chapters][:3] == ["BAB I Pendahuluan", "BAB II Arah Pembangunan Smart City",
                                            "BAB III Program Unggulan dan Indikator Kinerja Utama"]
    assert "BAB XIV Penutup" in [t for _, t in chapters]
    text = pdftext(pdf)
    for physical, title in chapters:
        m = re.search(re.escape(title) + r"[ .]*\u2060?(\d+)\s*$", text, re.M)
        assert m, f"{title} is not in the daftar isi"
        printed = m.group(1)
        page = pdftext(pdf, physical).strip().splitlines()
        footer = [line.strip() for line in page if line.strip().isdigit()][-1]
        assert footer == printed, f"{title}: daftar isi says {printed}, the footer of its page {footer}"
        label = " ".join(title.split()[:2])  # "BAB III": the chapter's heading is on that page
        assert label in [line.strip() for line in page]


def test_front_matter_cover_pengesahan_sambutan(books):
    _, out = books
    text = pdftext(out / "buku-1.pdf", 1, 6)
    assert "PEMERINTAH KABUPATEN GARUT" in text and "Edisi Final" in text and "2024" in text
    assert "LEMBAR PENGESAHAN" in text and "Peraturan Bupati Nomor 12 Tahun 2024" in text
    assert "Bupati Garut" in text and "Nurdin Yana" in text
    assert "KATA SAMBUTAN" in text and "KATA PENGANTAR" in text and "DAFTAR ISI" in text
    assert "Rp0" not in pdftext(out / "buku-2.pdf")
    # the front matter is numbered in roman numerals
    assert pdftext(out / "buku-1.pdf", 2).strip().splitlines()[-1].strip() == "ii"


def test_unknown_money_is_not_zero(books):
    _, out = books
    text = " ".join(pdftext(out / "buku-2.pdf").split())
    lanes = text[text.rindex("Peta Jalan per Jalur dan Dana Indikatif"):]
    assert "Rp1.500.000.000" in lanes[:600] and lanes[:600].count("belum diketahui") == 2
    assert "Rp0" not in text


def test_hostile_text_stays_text(books):
    _, out = books
    text = "".join(pdftext(out / "buku-2.pdf").split())
    assert "".join(HOSTILE.split()) in text


def test_two_renders_give_identical_bytes(books, tmp_path):
    repo, out = books
    assert render(repo, "--format", "pdf", "--book", "2", "--out", tmp_path)[0] == 0
    assert (tmp_path / "buku-2.pdf").read_bytes() == (out / "buku-2.pdf").read_bytes()
    assert [p.name for p in tmp_path.glob("*.pdf")] == ["buku-2.pdf"]


def test_unknown_book_is_a_usage_error(books, tmp_path):
    repo, _ = books
    code, output = render(repo, "--format", "pdf", "--book", "7", "--out", tmp_path)
    assert code == 2 and "no book 7" in output


def test_missing_engine_is_a_message_not_a_traceback(books, tmp_path, monkeypatch):
    import sys

    repo, _ = books
    monkeypatch.setitem(sys.modules, "typst", None)  # import typst now raises ImportError
    code, output = render(repo, "--format", "pdf", "--book", "1", "--out", tmp_path)
    assert code == 1 and "pip install typst" in output and "Traceback" not in output


def test_language_metadata_and_vector_graphics(books):
    _, out = books
    meta = subprocess.run(["pdfinfo", "-meta", str(out / "buku-2.pdf")], capture_output=True, text=True).stdout
    assert "<dc:language><rdf:Bag><rdf:li>id-ID</rdf:li>" in meta
    # the roadmap chart and the (SVG) logo are drawn as vectors: not one raster image in the book
    images = subprocess.run(["pdfimages", "-list", str(out / "buku-2.pdf")], capture_output=True, text=True)
    assert images.returncode == 0 and images.stdout.strip().splitlines()[2:] == []
    text = pdftext(out / "buku-2.pdf")
    assert "Gambar 9.1: Peta Jalan Smart City" in text  # the chart is a numbered figure in the daftar gambar


def test_running_header_and_daftar_gambar_page(books):
    _, out = books
    pdf = out / "buku-2.pdf"
    pages = pdftext(pdf).split("\f")
    body = [p for p in pages[1:] if p.strip()]
    assert all(p.lstrip().startswith("Buku II Masterplan Smart City Kabupaten Garut") for p in body)
    listing = next(p for p in pages if "DAFTAR GAMBAR" in p)
    m = re.search(r"Gambar 9\.1 .*?(\d+)\s*$", listing, re.M)
    assert m, listing
    printed = m.group(1)
    page = next(p for p in pages if "Gambar 9.1: Peta Jalan" in p)
    assert [line.strip() for line in page.strip().splitlines() if line.strip().isdigit()][-1] == printed


def test_tables_repeat_their_header_on_the_next_page(books):
    _, out = books
    pages = pdftext(out / "buku-2.pdf", layout=True).split("\f")
    header = re.compile(r"^\s*Tahun\s+Sumber dana\s+Anggaran\s+Keterangan\s*$")  # a funding table's header row
    # a page that begins (under the running header) with a table's header row and no caption before it:
    # the table began on the page before and its header is repeated
    continued = [k for k, page in enumerate(pages)
                 if (body := [line for line in page.splitlines()[1:] if line.strip()]) and header.match(body[0])]
    assert continued
    for k in continued:
        assert any(header.match(line) for line in pages[k - 1].splitlines())
    # and a caption never stays alone at the foot of a page, away from its table
    caption = re.compile(r"^\s*Tabel [0-9A-Z]+\.\d+: ")
    for k, page in enumerate(pages):
        lines = [line for line in page.splitlines() if line.strip()]
        assert not (len(lines) > 2 and caption.match(lines[-2])), f"page {k + 1} ends with a caption"


def test_a_repository_restyles_the_pdf_with_its_own_layout(tmp_path):
    repo = make_repo(tmp_path / "garut", publication=False, hostile=False)
    layout = (Path(__file__).resolve().parent.parent / "templates" / "pdf" / "book.typ").read_text(encoding="utf-8")
    assert "#let accent = " in layout
    mark = '  place(bottom + right, text(size: 7pt)[Dokumen milik Pemda Garut])\n'
    own = layout.replace("  // --- cover ---", mark + "  // --- cover ---", 1)
    assert own != layout
    (repo / "templates" / "pdf").mkdir(parents=True)
    (repo / "templates" / "pdf" / "book.typ").write_text(own, encoding="utf-8")
    code, output = render(repo, "--format", "pdf", "--book", "3", "--out", tmp_path / "o")
    assert code == 0, output
    assert "Dokumen milik Pemda Garut" in pdftext(tmp_path / "o" / "buku-3.pdf", 1)
    # a layout that does not compile is a diagnostic naming the repository's file; nothing is written
    (repo / "templates" / "pdf" / "book.typ").write_text("#let book(data: none) = {", encoding="utf-8")
    code, output = render(repo, "--format", "pdf", "--book", "3", "--out", tmp_path / "p")
    assert code == 1 and "templates/pdf/book.typ" in output and "KC201" in output
    assert "Traceback" not in output and not (tmp_path / "p").exists()


def test_single_writes_the_whole_masterplan_as_one_book(tmp_path):
    repo = make_repo(tmp_path / "garut", publication=False, hostile=False)
    code, output = render(repo, "--format", "pdf,docx", "--single", "--out", tmp_path / "o")
    assert code == 0, output
    assert sorted(p.name for p in (tmp_path / "o").iterdir() if not p.name.startswith(".")) == [
        "masterplan.docx", "masterplan.pdf"]
    title = pdfinfo(tmp_path / "o" / "masterplan.pdf")["Title"]
    assert title == "Masterplan Smart City Kabupaten Garut Tahun 2024-2033"
    titles = [t for _, t in _outline(tmp_path / "o" / "masterplan.pdf")]
    assert "BAB I Pendahuluan" in titles and any(t.startswith("Lampiran A ") for t in titles)


def test_missing_word_library_is_a_message_not_a_traceback(tmp_path, monkeypatch):
    import sys

    repo = make_repo(tmp_path / "garut", publication=False, hostile=False)
    monkeypatch.setitem(sys.modules, "docx", None)
    code, output = render(repo, "--format", "docx", "--out", tmp_path / "o")
    assert code == 1 and "pip install python-docx" in output and "Traceback" not in output
    assert not (tmp_path / "o").exists()


def test_hostile_text_in_the_front_matter_stays_text(tmp_path):
    repo = make_repo(tmp_path / "garut", hostile=False)
    plan = repo / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    quoted = HOSTILE.replace("'", "''")
    text = text.replace("name: Nurdin Yana}", f"name: '{quoted}'}}", 1).replace(
        "    text: Kata pengantar Ketua Tim Pelaksana.", f"    text: '{quoted}'", 1)
    assert text.count(quoted) == 2
    plan.write_text(text, encoding="utf-8")
    code, output = render(repo, "--format", "pdf,docx", "--book", "3", "--out", tmp_path / "o")
    assert code == 0, output
    front = pdftext(tmp_path / "o" / "buku-3.pdf", 1, 8)
    flat = "".join(front.split())
    assert "".join(HOSTILE.split()) in flat  # the signatory's name, exactly as written
    # the kata pengantar is Markdown prose (*b* is bold there, as in md and html), but nothing in it is Typst
    # or HTML: the markup characters print
    assert "<script>alert(1)</script> #set text(red) $x^2$ b i" in " ".join(front.split())
    assert '"q" @ref <lbl> x ] }' in " ".join(front.split())
    import docx

    doc = docx.Document(str(tmp_path / "o" / "buku-3.docx"))
    words = [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells]
    assert any(HOSTILE in w for w in words)
    assert any("<script>alert(1)</script> #set text(red) $x^2$ b i" in w for w in words)
