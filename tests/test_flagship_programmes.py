"""One home for the flagship programmes of the regional head (issue 17): plan.yaml `program_unggulan`, whose
items are a name alone or a mapping with name and description. The old `publication.program_unggulan` is a
validate error (KC029) at its line, telling where to move it."""

from __future__ import annotations

from kotacerdas.validate import validate

from .books_fixture import git, make_repo, pdftext, render

BOTH_FORMS = """program_unggulan:
  - Ngawangun Lembur Sauyunan
  - name: Garut Hebat Terpadu
    description: Satu data untuk seluruh perangkat daerah, dikelola Diskominfo.
"""


def _repo(tmp_path, extra: str):
    root = make_repo(tmp_path / "garut", publication=False, hostile=False)
    with (root / "plan.yaml").open("a", encoding="utf-8") as fh:
        fh.write(extra)
    git(root, "commit", "-q", "-am", "flagships")
    return root


def test_both_item_forms_render_in_markdown_html_and_pdf(tmp_path):
    root = _repo(tmp_path, BOTH_FORMS)
    assert validate(root).diagnostics == []
    for fmt in ("md", "html"):
        code, output = render(root, "--format", fmt, "--single", "--out", tmp_path / fmt)
        assert code == 0, output
    md = (tmp_path / "md" / "masterplan.md").read_text(encoding="utf-8")
    html = (tmp_path / "html" / "masterplan.html").read_text(encoding="utf-8")
    for text in (md, html):
        assert text.count("Ngawangun Lembur Sauyunan") == 1 and text.count("Garut Hebat Terpadu") >= 1
        assert "Satu data untuk seluruh perangkat daerah, dikelola Diskominfo." in text
    assert md.count("### Ngawangun Lembur Sauyunan") == 1 and md.count("### Garut Hebat Terpadu") == 1
    code, output = render(root, "--format", "pdf", "--book", "2", "--out", tmp_path / "pdf")
    assert code == 0, output
    pdf = " ".join(pdftext(tmp_path / "pdf" / "buku-2.pdf").split())
    assert "Ngawangun Lembur Sauyunan" in pdf
    assert "Satu data untuk seluruh perangkat daerah, dikelola Diskominfo." in pdf


def test_names_alone_are_listed_in_bab_ii_once(tmp_path):
    root = _repo(tmp_path, "program_unggulan: [Ngawangun Lembur Sauyunan, Garut Hebat Terpadu]\n")
    code, output = render(root, "--format", "md", "--single", "--out", tmp_path / "md")
    assert code == 0, output
    md = (tmp_path / "md" / "masterplan.md").read_text(encoding="utf-8")
    assert "1. Ngawangun Lembur Sauyunan\n2. Garut Hebat Terpadu\n" in md and md.count("Ngawangun Lembur Sauyunan") == 1
    assert "Program Unggulan dan Indikator Kinerja Utama" not in md  # nothing described: no chapter of its own


def test_the_old_publication_field_is_an_error_at_its_line(tmp_path, cli):
    root = _repo(tmp_path, "publication:\n  year: 2024\n  program_unggulan:\n    - {name: Garut Hebat Terpadu}\n")
    line = (root / "plan.yaml").read_text(encoding="utf-8").splitlines().index("  program_unggulan:") + 1
    found = [d for d in validate(root).diagnostics if d.code == "KC029"]
    assert len(found) == 1
    d = found[0]
    assert (d.path, d.line, d.field) == ("plan.yaml", line, "publication.program_unggulan")
    assert "moved to 'program_unggulan'" in d.message and d.found == "'publication.program_unggulan' with 1 item"
    assert "program_unggulan:" in d.hint and "kotacerdas migrate" in d.hint
    ran = cli("validate", str(root))
    assert ran.returncode == 1 and f"plan.yaml:{line}:" in ran.stdout and "KC029" in ran.stdout
