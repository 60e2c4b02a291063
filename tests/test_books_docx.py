"""The books as Word documents (render --format docx), opened again with python-docx."""

from __future__ import annotations

import docx

from .books_fixture import make_repo, render


def test_word_books_have_heading_styles_tables_and_indonesian(tmp_path):
    repo = make_repo(tmp_path / "garut")
    assert render(repo, "--format", "docx", "--out", tmp_path / "a")[0] == 0
    doc = docx.Document(str(tmp_path / "a" / "buku-2.docx"))
    h1 = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert h1[:4] == ["Lembar Pengesahan", "Kata Sambutan", "Kata Pengantar", "BAB I Pendahuluan"]
    assert "BAB VI Peta Jalan" in h1 or any(t.endswith("Peta Jalan") for t in h1)
    assert any(p.style.name == "Heading 2" and p.text.startswith("1.1 ") for p in doc.paragraphs)
    assert len(doc.tables) > 50
    assert doc.tables[1].rows[0].cells[0].text  # a header row with text
    assert doc.core_properties.language == "id-ID" and doc.core_properties.author == "Kabupaten Garut"
    # deterministic
    assert render(repo, "--format", "docx", "--out", tmp_path / "b")[0] == 0
    assert (tmp_path / "a" / "buku-2.docx").read_bytes() == (tmp_path / "b" / "buku-2.docx").read_bytes()
