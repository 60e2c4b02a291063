"""The books through kotacerdas.api: pdf and docx are formats of Repo.render and Tree.render, with the
manifest, --check, the overwrite guards and a tree render working for them as for md and html."""

from __future__ import annotations

import pytest

from kotacerdas import api

from .books_fixture import make_repo, pdftext


def test_books_are_render_formats_with_check_and_manifest(tmp_path):
    repo = api.open(make_repo(tmp_path / "garut", hostile=False), api.Options(cache=False))
    out = tmp_path / "out"
    before = repo.render(["pdf", "docx"], out, check=True)
    assert before.status == "checked" and not before.ok
    assert ("buku-2.pdf", "missing") in before.differences and ("buku-1.docx", "missing") in before.differences
    done = repo.render(["pdf", "docx"], out)
    assert done.ok and [(f.format, f.books) for f in done.formats] == [("pdf", 3), ("docx", 3)]
    assert (out / ".kotacerdas-render-pdf").read_text().count(".pdf\n") == 3  # the manifest, with hashes
    assert repo.render(["pdf", "docx"], out, check=True).ok  # up to date: same bytes again
    (out / "buku-3.pdf").write_bytes(b"%PDF-1.7 edited")
    assert repo.render(["pdf"], out, check=True).differences == [("buku-3.pdf", "differs")]


def test_a_book_no_longer_rendered_is_removed_only_if_untouched(tmp_path):
    root = make_repo(tmp_path / "garut", publication=False, hostile=False)
    out, kept = tmp_path / "out", tmp_path / "kept"
    for folder in (out, kept):
        assert api.open(root, api.Options(cache=False)).render(["pdf"], folder, book=None).ok
    (kept / "buku-3.pdf").write_bytes((kept / "buku-3.pdf").read_bytes() + b"% signed copy\n")
    plan = root / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    book_3 = "    number: 3\n    title: Buku III Quick Win dan Ringkasan Eksekutif Smart City Kabupaten Garut\n"
    assert book_3 in text
    plan.write_text(text.replace(book_3, "    number: 4\n    title: Buku IV Peta Jalan Smart City Kabupaten Garut\n"),
                    encoding="utf-8")
    done = api.open(root, api.Options(cache=False)).render(["pdf"], out)
    assert done.ok and done.formats[0].removed == ["buku-3.pdf"] and (out / "buku-4.pdf").exists()
    assert not (out / "buku-3.pdf").exists()
    done = api.open(root, api.Options(cache=False)).render(["pdf"], kept)
    assert done.ok and done.formats[0].removed == [] and (kept / "buku-3.pdf").exists()  # edited: left alone


def test_books_are_never_written_into_the_repositorys_own_folders(tmp_path):
    root = make_repo(tmp_path / "garut", publication=False, hostile=False)
    repo = api.open(root, api.Options(cache=False))
    for out in (root, root / "templates" / "pdf", root / "programmes"):
        with pytest.raises(api.UsageError, match="--out"):
            repo.render(["pdf", "docx"], out, book=1)
    assert not list(root.rglob("buku-*"))


def test_a_tree_renders_the_books_of_every_repository(tmp_path):
    make_repo(tmp_path / "tree" / "garut", hostile=False)
    make_repo(tmp_path / "tree" / "garut-lama", publication=False, hostile=False)
    tree = api.open(tmp_path / "tree", api.Options(cache=False, parallel=False))
    assert isinstance(tree, api.Tree)
    done = tree.render(["pdf"], tmp_path / "out", book=1)
    assert done.ok, [(rel, o.status, o.diagnostics[:1]) for rel, o in done.outcomes]
    assert sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.pdf")) == [
        "garut-lama/buku-1.pdf", "garut/buku-1.pdf"]
    assert "LEMBAR PENGESAHAN" in pdftext(tmp_path / "out" / "garut" / "buku-1.pdf", 1, 3)
    assert tree.render(["pdf"], tmp_path / "out", book=1, check=True).ok


def test_chapter_with_a_book_format_and_an_unknown_book_are_usage_errors(tmp_path):
    repo = api.open(make_repo(tmp_path / "garut", publication=False, hostile=False), api.Options(cache=False))
    with pytest.raises(api.UsageError, match="--chapter renders one chapter"):
        repo.render(["pdf"], tmp_path / "o", chapter="3")
    with pytest.raises(api.UsageError, match="no book 7; the plan has books 1, 2, 3"):
        repo.render(["docx"], tmp_path / "o", book=7)
    assert not (tmp_path / "o").exists()


def test_the_flagship_programmes_are_listed_once(tmp_path):
    """plan.yaml's program_unggulan, one described (the programmes that serve it) and one by name only: a
    book lists them in one place, the Program Unggulan chapter, each once."""
    root = make_repo(tmp_path / "garut", hostile=False)
    with (root / "plan.yaml").open("a", encoding="utf-8") as fh:
        fh.write("  - Garut Sehat Sejahtera\n")  # the fixture's program_unggulan list comes last
    repo = api.open(root, api.Options(cache=False))
    assert repo.render(["md"], tmp_path / "o", single=True).ok
    book = (tmp_path / "o" / "masterplan.md").read_text(encoding="utf-8")
    assert book.count("## 3.1 Program Unggulan Kepala Daerah") == 1  # BAB III
    bab_2, bab_3 = book.split("# BAB III")[0].split("# BAB II")[-1], book.split("# BAB III")[1].split("# BAB IV")[0]
    assert "Program Unggulan Kepala Daerah" not in bab_2
    assert book.count("### Garut Satu Data") == 1 and book.count("### Garut Sehat Sejahtera") == 1
    assert "Garut Sehat Sejahtera" not in bab_2 and "QW-GOV-01" in bab_3
