"""The "Riwayat Perubahan" chapter that `render --changes-since REV` adds: the plan's changes since a
revision, as a title and a Markdown body, Indonesian by default and English on request."""

from __future__ import annotations

import pytest

from kotacerdas.diff import InvalidSides
from kotacerdas.diff.chapter import changes_since
from kotacerdas.diff.sources import DiffUsageError
from tests.diff.gitrepo import GitRepo


@pytest.fixture
def repo(tmp_path) -> GitRepo:
    r = GitRepo(tmp_path / "prov", plan_dir="garut")
    r.replace("programmes/menengah/prg-1.yaml", "end: 2027", "end: 2028")
    r.write("programmes/prg-eco-02.yaml", "id: PRG-ECO-02\nname: Pasar Digital Desa\ndimension: economy\n"
            "element: transaction\ninnovation: produk\nproblem: UMKM desa belum daring.\ndescription: Lapak daring.\n"
            "owner: Disparbud\nhorizon: menengah\nstart: 2025\nend: 2027\n")
    r.commit("revisi 2025")
    r.replace("stages/bimtek-2.yaml", "dates:", "status: completed\ndates:")  # uncommitted: included too
    return r


def test_indonesian_chapter(repo):
    chapter = changes_since(repo.plan, "HEAD~1")
    assert chapter.title == "Riwayat Perubahan"
    body = chapter.markdown
    assert body.startswith("Dibandingkan: `HEAD~1` (")
    assert "→ salinan kerja." in body
    assert "## Program\n\n- **Ditambahkan: PRG-ECO-02 Pasar Digital Desa** (`programmes/prg-eco-02.yaml`)" in body
    assert "  - Tahun selesai: 2027 → 2028" in body
    assert "| peringatan | `programme-end-later` | Program PRG-GOV-01 | tahun selesai dimundurkan dari 2027 ke 2028 |" \
        in body
    assert "## Tahapan Bimtek" in body and "  - Status: belum diketahui → completed" in body
    assert body.index("## Perlu perhatian") < body.index("## Program") < body.index("## Tahapan Bimtek")


def test_english_chapter(repo):
    chapter = changes_since(repo.plan, "HEAD~1", lang="en")
    assert chapter.title == "Change History"
    assert "## Programmes\n\n- **Added: PRG-ECO-02 Pasar Digital Desa**" in chapter.markdown
    assert "  - End year: 2027 → 2028" in chapter.markdown


def test_no_changes(repo):
    repo.commit("tahap II selesai")
    assert changes_since(repo.plan, "HEAD").markdown.endswith("Tidak ada perubahan perencanaan.\n")


def test_unknown_revision_and_invalid_side(repo):
    with pytest.raises(DiffUsageError, match="unknown revision 'v9'"):
        changes_since(repo.plan, "v9")
    repo.write("opd.yaml", "opd: []\n")
    with pytest.raises(InvalidSides) as exc:
        changes_since(repo.plan, "HEAD")
    assert exc.value.sides[0].errors[0].path == "opd.yaml"


def test_render_changes_since_adds_the_chapter(repo, monkeypatch, tmp_path):
    from typer.testing import CliRunner

    from kotacerdas.cli import build_app

    monkeypatch.chdir(repo.plan)
    out = tmp_path / "buku"
    result = CliRunner().invoke(build_app(), ["render", ".", "--out", str(out), "--changes-since", "HEAD~1"])
    assert result.exit_code == 0, result.output
    chapter = (out / "99-riwayat-perubahan.md").read_text(encoding="utf-8")
    assert chapter.startswith("# BAB ")
    assert "Riwayat Perubahan" in chapter.splitlines()[0]
    assert "- **Ditambahkan: PRG-ECO-02 Pasar Digital Desa**" in chapter
    # Without the option, no such chapter; with an unknown revision, a usage error and nothing written.
    plain = tmp_path / "plain"
    assert CliRunner().invoke(build_app(), ["render", ".", "--out", str(plain)]).exit_code == 0
    assert not (plain / "99-riwayat-perubahan.md").exists()
    bad = CliRunner().invoke(build_app(), ["render", ".", "--out", str(tmp_path / "x"), "--changes-since", "v9"])
    assert bad.exit_code == 2 and "unknown revision 'v9'" in bad.stderr
    assert not (tmp_path / "x").exists()


def test_render_changes_since_an_invalid_revision(repo, monkeypatch, tmp_path):
    from typer.testing import CliRunner

    from kotacerdas.cli import build_app

    repo.write("opd.yaml", "opd: []\n")
    repo.commit("broken OPD list")
    repo.write("opd.yaml", "opd:\n  - id: Diskominfo\n    name: Dinas Komunikasi dan Informatika\n  - id: Setda\n"
               "    name: Sekretariat Daerah\n  - id: Bappeda\n    name: Bappeda\n  - id: Disparbud\n"
               "    name: Dinas Pariwisata dan Kebudayaan\n")
    monkeypatch.chdir(repo.plan)
    result = CliRunner().invoke(build_app(), ["render", ".", "--out", str(tmp_path / "o"), "--changes-since", "HEAD"])
    assert result.exit_code == 1
    assert "HEAD:garut/opd.yaml" in result.stderr and "is not a valid masterplan" in result.stderr
    assert not (tmp_path / "o").exists()
