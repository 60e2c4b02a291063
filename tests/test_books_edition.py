"""The edition on the books' cover and lembar pengesahan (issue 17): a repository with editions (Bojonegoro:
Perbup 38/2018 for 2018-2023, then Perbup 13/2020 for 2019-2023) prints the rendered edition on the cover
(its period, and the year of its regulation) and cites its adopting regulation on the signature page, when
`publication` says nothing; what `publication` writes wins; what neither knows is not printed (no
"Nomor 0", no empty "Tahun"). Read back from the real PDF (pdftotext) and the real DOCX (python-docx)."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
from docx.text.paragraph import Paragraph
import pytest
import yaml

from .books_fixture import git, make_repo, pdftext, render

BOJONEGORO = Path(__file__).resolve().parent.parent / "examples" / "bojonegoro"


def _bojonegoro(dest: Path, edit=None) -> Path:
    shutil.copytree(BOJONEGORO, dest)
    if edit is not None:
        plan = yaml.safe_load((dest / "plan.yaml").read_text(encoding="utf-8"))
        edit(plan)
        (dest / "plan.yaml").write_text(yaml.safe_dump(plan, allow_unicode=True, sort_keys=False), encoding="utf-8")
    git(dest, "init", "-q")
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "plan")
    return dest


def _front(repo: Path, out: Path, fmt: str, *args: str) -> str:
    """The cover and the lembar pengesahan of Buku I, as text, from the real PDF or Word file."""
    code, output = render(repo, "--format", fmt, "--book", "1", "--out", out, *args)
    assert code == 0, output
    if fmt == "pdf":
        return " ".join(pdftext(out / "buku-1.pdf", 1, 2).split())
    doc = docx.Document(str(out / "buku-1.docx"))
    front = []
    for block in doc.iter_inner_content():  # paragraphs and tables (the signature grid) in document order
        if isinstance(block, Paragraph):
            if block.style.name == "TOC Heading":  # the daftar isi: the front matter's end
                break
            front.append(block.text)
        else:
            front.extend(c.text for r in block.rows for c in r.cells)
    return " ".join(" ".join(front).split())


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_the_edition_in_force_is_on_the_cover_and_its_regulation_on_the_pengesahan(tmp_path, fmt):
    repo = _bojonegoro(tmp_path / "bojonegoro")
    text = _front(repo, tmp_path / "out", fmt)
    assert "Edisi 2019–2023" in text and "2020" in text
    assert "Peraturan Bupati Nomor 13 Tahun 2020 tentang Masterplan Smart City Kabupaten Bojonegoro" in text
    assert "Nomor 38" not in text and "2018–2023" not in text


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_edition_chooses_the_edition_on_cover_and_pengesahan(tmp_path, fmt):
    repo = _bojonegoro(tmp_path / "bojonegoro")
    text = _front(repo, tmp_path / "out", fmt, "--edition", "2018-2023")
    assert "Edisi 2018–2023" in text
    assert "Peraturan Bupati Nomor 38 Tahun 2018 tentang Masterplan Smart City Kabupaten Bojonegoro" in text
    assert "Nomor 13" not in text and "2019–2023" not in text and "2020" not in text


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_what_publication_writes_wins_over_the_edition(tmp_path, fmt):
    def edit(plan):
        plan["publication"] = {"edition": "Edisi Revisi Kedua", "year": 2021, "approval": {
            "title": "Lampiran Peraturan Bupati Bojonegoro",
            "regulation": {"kind": "peraturan-bupati", "number": "7", "year": 2021, "title": "Perubahan Masterplan"}}}

    repo = _bojonegoro(tmp_path / "bojonegoro", edit)
    text = _front(repo, tmp_path / "out", fmt)
    assert "Edisi Revisi Kedua" in text and "2021" in text and "Lampiran Peraturan Bupati Bojonegoro" in text
    assert "Peraturan Bupati Nomor 7 Tahun 2021 tentang Perubahan Masterplan" in text
    assert "Edisi 2019–2023" not in text and "Nomor 13" not in text and "2020" not in text


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_an_approval_without_regulation_cites_the_editions(tmp_path, fmt):
    def edit(plan):
        plan["publication"] = {"approval": {"place": "Bojonegoro", "signatories": [{"position": "Bupati Bojonegoro"}]}}

    repo = _bojonegoro(tmp_path / "bojonegoro", edit)
    text = _front(repo, tmp_path / "out", fmt)
    assert "Peraturan Bupati Nomor 13 Tahun 2020" in text and "Bupati Bojonegoro" in text
    assert "Edisi 2019–2023" in text


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_nothing_known_prints_no_edition_regulation_or_year(tmp_path, fmt):
    # Garut without `publication:` and without editions; Bojonegoro with an edition whose regulation is not known
    garut = make_repo(tmp_path / "garut", publication=False, hostile=False)
    text = _front(garut, tmp_path / "out-garut", fmt)
    assert "Edisi" not in text and "Nomor" not in text and "Tahun" not in text.replace("Tahun 2024", "")

    def edit(plan):
        for e in plan["editions"]:
            del e["regulation"]

    repo = _bojonegoro(tmp_path / "bojonegoro", edit)
    text = _front(repo, tmp_path / "out-bojonegoro", fmt)
    assert "Edisi 2019–2023" in text  # the edition itself is known
    assert "Peraturan Bupati" not in text and "Nomor" not in text and "2020" not in text
    for zero in ("Nomor 0", "Tahun 0", " 0 "):
        assert zero not in text
