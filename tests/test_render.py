"""`kotacerdas render` as a user relies on it: the chapters and what they show, formatting for Indonesia
(and English), escaping of everything from the repository, template overrides and errors, deterministic
output, --check, --chapter, --single, and writing only inside --out.

The repository is tests/render/fixture (small, but with every part a chapter shows), copied into tmp_path.
Golden outputs (byte for byte) are in tests/render/golden/; regenerate them with
KOTACERDAS_UPDATE_GOLDENS=1 pytest tests/test_render.py (see docs/templates.md).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from kotacerdas.render import ExtraChapter, render_masterplan
from kotacerdas.render.context import labels_for, target_status
from kotacerdas.validate import validate
from .conftest import run_cli

HERE = Path(__file__).parent
FIXTURE = HERE / "render" / "fixture"
GOLDEN = HERE / "render" / "golden"
GARUT = HERE.parent / "examples" / "garut"
UPDATE = bool(os.environ.get("KOTACERDAS_UPDATE_GOLDENS"))


def run(*args, cwd=None):
    return run_cli(*args, cwd=cwd)


@pytest.fixture
def repo(tmp_path) -> Path:
    dest = tmp_path / "repo"
    shutil.copytree(FIXTURE, dest)
    return dest


def files_of(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def render_files(path: Path, fmt: str, **kw) -> dict[str, str]:
    v = validate(path)
    assert v.ok, [d.message for d in v.diagnostics]
    result = render_masterplan(v.masterplan, fmt, **kw)
    assert result.ok, result.diagnostics
    return {k: b.decode("utf-8") for k, b in result.files.items()}


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


# --- chapters and content --------------------------------------------------------------------------------


def test_markdown_book_has_every_chapter_numbered(repo, tmp_path):
    out = tmp_path / "out"
    r = run("render", repo, "--out", out)
    assert r.returncode == 0, r.stdout + r.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == [".kotacerdas-render-md", "01-pendahuluan.md", "02-arah-pembangunan.md",
                     "03-analisis-strategis.md", "04-strategi-dan-program.md", "05-quick-win.md",
                     "06-peta-jalan.md", "07-monitoring-evaluasi.md", "08-kelembagaan.md", "09-anggaran.md",
                     "README.md", "lampiran-01-tahapan-bimtek.md", "lampiran-02-komitmen-bersama.md",
                     "lampiran-03-daftar-opd.md"]
    assert (out / "01-pendahuluan.md").read_text().startswith("# BAB I Pendahuluan\n")
    assert (out / "09-anggaran.md").read_text().startswith("# BAB IX Ringkasan Anggaran\n")
    assert (out / "lampiran-02-komitmen-bersama.md").read_text().startswith("# Lampiran B Komitmen Bersama\n")
    readme = (out / "README.md").read_text()
    assert "[BAB VI Peta Jalan](06-peta-jalan.md)" in readme
    assert "rendered 12 chapters as md" in r.stdout


def test_content_a_reader_needs(repo):
    md = render_files(repo, "md")
    intro = md["01-pendahuluan.md"]
    assert "| Jumlah penduduk | 2.585.607 jiwa (2020) |" in intro
    assert "| Luas wilayah | 3.074,07 km² |" in intro
    assert "1. Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah" in intro
    assert "Tahun yang beririsan dengan periode masterplan: 2025, 2026, 2027, 2028." in intro
    # programme tables grouped by dimension and element, with owner, horizon, years, funding and budget
    strategy = md["04-strategi-dan-program.md"]
    assert "### Elemen Kebijakan publik" in strategy
    assert ("| QW-GOV-01 | Satu Data Contoh (QW) | Diskominfo | Jangka pendek | 2024–2025 | APBD Kabupaten/Kota "
            "| Rp1.250.000.000 |") in strategy
    assert "| PRG-GOV-02 | Perizinan Terintegrasi | Diskominfo | Jangka menengah | 2025–2028 | " \
           "APBD Kabupaten/Kota, APBN | Rp1.550.000.000 |" in strategy
    # SWOT and gaps per readiness component
    analysis = md["03-analisis-strategis.md"]
    assert "| Komitmen pimpinan daerah. | Koordinasi antarperangkat daerah lemah. | Pendampingan Kominfo. | " \
           "Mutasi pegawai. |" in analysis
    assert "| Pengelola data | Sebagian kecil OPD menunjuk produsen data." in analysis
    # roadmap: a year-by-year grid and a Mermaid gantt block
    roadmap = md["06-peta-jalan.md"]
    assert "| Smart Governance | PRG-GOV-02 Perizinan Terintegrasi | Diskominfo |  | ■ | ■ | ■ | ■ |" in roadmap
    assert "```mermaid\ngantt\n" in roadmap
    assert "    QW-GOV-01 Satu Data Contoh :crit, t1, 2024-01, 2025-07\n" in roadmap  # duration_months: 18
    # monitoring: achievement and status, missed targets with obstacle and follow-up
    mon = md["07-monitoring-evaluasi.md"]
    assert "| 2024 | 100 | 90,5 | 109,5% | ✔ Tercapai |" in mon  # lower is better: (2T-R)/T
    assert "| 2025 | 60 | 45 | 75% | ✘ Belum tercapai |" in mon
    assert "| 2026 | 80 |  |  | … Belum ada data |" in mon
    assert "| IND-GOV-01 Layanan perizinan daring | 2025 | 60 | 45 | 75% | Server belum siap. | " \
           "Pengadaan server 2026. |" in mon
    # OPD x dimension matrix (programmes / quick wins)
    matrix = md["08-kelembagaan.md"]
    assert "| Diskominfo | 2 / 1 |  |  |  |  |  | 2 / 1 | 0 |" in matrix
    assert "| DLH |  |  |  |  |  | 1 / 1 | 1 / 1 | 0 |" in matrix
    # budget per year, dimension, source
    budget = md["09-anggaran.md"]
    assert "| 2024 | 2 | Rp1.100.000.000 | 36,1% |" in budget
    assert "| Smart Governance | 2 | 1 | Rp2.800.000.000 | 91,8% |" in budget
    assert "| Dana Desa | 1 | Rp250.000.000 | 8,2% |" in budget
    # appendices: stages with dates, the joint commitment, the OPD registry
    assert "| Tahap I | Bimtek Tahap I Analisis Strategis | 5–6 Juli 2023 | Aula Setda | 80 | Selesai |" \
        in md["lampiran-01-tahapan-bimtek.md"]
    commitment = md["lampiran-02-komitmen-bersama.md"]
    assert "| Tanggal | 18 Oktober 2023 |" in commitment
    assert "| 2 | Kepala Dinas Lingkungan Hidup |  | DLH | Belum |" in commitment
    assert "| 2 | Diskominfo | Dinas Komunikasi dan Informatika | 2.16.01 | 2 | 1 |" in md["lampiran-03-daftar-opd.md"]


def test_prose_files_go_where_they_belong(repo):
    md = render_files(repo, "md")
    intro = md["01-pendahuluan.md"]
    # the file's own "# Latar Belakang" title is dropped under section 1.1; its sub-headings are nested below
    assert "## 1.1 Latar Belakang\n\nKabupaten Contoh mengikuti Gerakan" in intro
    assert "\n### Tantangan\n" in intro
    assert "Titik berangkat dimensi ini adalah **data**." in md["04-strategi-dan-program.md"]
    assert "| 2025 | Integrasi |" in md["04-strategi-dan-program.md"]  # a table inside a prose file
    html = render_files(repo, "html")
    page = html["01-pendahuluan.html"]
    assert "&lt;b&gt;HTML mentah tidak dipakai.&lt;/b&gt;" in page  # raw HTML in prose is shown, not run
    assert "<b>HTML" not in page


def test_english_labels_and_formatting(repo):
    md = render_files(repo, "md", lang="en")
    assert md["01-pendahuluan.md"].startswith("# Chapter I Introduction\n")
    assert "| Population | 2,585,607 people (2020) |" in md["01-pendahuluan.md"]
    assert "| 2024 | 100 | 90.5 | 109.5% | ✔ Achieved |" in md["07-monitoring-evaluasi.md"]
    assert "Rp3,050,000,000" in md["09-anggaran.md"]
    assert "| Date | 18 October 2023 |" in md["appendix-02-komitmen-bersama.md"]
    # the repository's language setting is the default
    cfg = repo / "kotacerdas.yaml"
    cfg.write_text(cfg.read_text().replace("language: id", "language: en"))
    assert render_files(repo, "md")["01-pendahuluan.md"].startswith("# Chapter I Introduction\n")


def test_label_catalogues_have_the_same_keys():
    def keys(d, prefix=""):
        out = set()
        for k, v in d.items():
            out.add(prefix + k)
            if isinstance(v, dict):
                out |= keys(v, prefix + k + ".")
        return out

    assert keys(labels_for("id")) == keys(labels_for("en"))


@pytest.mark.parametrize("direction,target,realisation,expected", [
    ("up", 30, 33, ("achieved", 110.0)),
    ("up", 60, 45, ("missed", 75.0)),
    ("up", 60, None, ("no-data", None)),
    ("up", None, 5, ("no-target", None)),
    ("down", 100, 90.5, ("achieved", 109.5)),
    ("down", 80, 100, ("missed", 75.0)),
    ("up", 0, 0, ("achieved", None)),
])
def test_target_status(direction, target, realisation, expected):
    assert target_status(direction, target, realisation) == expected


# --- escaping ----------------------------------------------------------------------------------------------


def test_repository_text_is_escaped_in_html_and_markdown(repo):
    p = repo / "programmes" / "governance" / "prg-gov-02.yaml"
    p.write_text(p.read_text().replace("name: Perizinan Terintegrasi", 'name: "<script>alert(1)</script> *a* | b"'))
    o = repo / "opd.yaml"
    o.write_text(o.read_text().replace("name: Dinas Lingkungan Hidup", 'name: "<img src=x onerror=alert(2)>"'))
    write(repo / "narasi" / "governance.md", "# T\n\n<script>alert(3)</script>\n\n[x](javascript:alert(4))\n")
    html = render_files(repo, "html")
    html.update(render_files(repo, "html", single=True))
    for name, text in html.items():
        if name == "dasbor.html":  # the dashboard has exactly one script of its own, holding no repository data
            assert text.count("<script>") == 1 and "alert(" not in text.split("<script>")[1]
            text = text.split("<script>")[0] + text.split("</script>")[1]
        assert "<script" not in text.lower(), name
        assert "<img" not in text.lower(), name
        assert 'href="javascript:' not in text, name
    assert "&lt;script&gt;alert(1)&lt;/script&gt; *a* | b" in html["04-strategi-dan-program.html"]
    assert "&lt;img src=x onerror=alert(2)&gt;" in html["lampiran-03-daftar-opd.html"]
    md = render_files(repo, "md")
    assert "| PRG-GOV-02 | \\<script\\>alert(1)\\</script\\> \\*a\\* \\| b |" in md["04-strategi-dan-program.md"]
    # and the escaped Markdown still shows the same text once rendered
    rendered = MarkdownIt("gfm-like").disable("linkify").render(md["04-strategi-dan-program.md"])
    assert "&lt;script&gt;alert(1)&lt;/script&gt; *a* | b" in rendered


def test_markdown_output_keeps_gfm_tables(repo):
    parser = MarkdownIt("gfm-like").disable("linkify")
    md = render_files(repo, "md")
    md.update(render_files(repo, "md", single=True))
    for name, text in md.items():
        html = parser.render(text)
        delimiter_rows = len(re.findall(r"^\|(?: *:?-+:? *\|)+$", text, flags=re.M))
        assert html.count("<table>") == delimiter_rows, name
        assert "<p>|" not in html, name  # no table fell apart into a paragraph


# --- HTML ---------------------------------------------------------------------------------------------------


def test_html_site_is_standalone(repo, tmp_path):
    out = tmp_path / "site"
    r = run("render", repo, "--format", "html", "--out", out)
    assert r.returncode == 0, r.stderr
    index = (out / "index.html").read_text()
    assert '<a href="06-peta-jalan.html"><span class="label">BAB VI</span> Peta Jalan</a>' in index
    assert '<a href="06-peta-jalan.html#6-2-diagram-gantt">6.2 Diagram Gantt</a>' in index
    css = (out / "style.css").read_text()
    assert "@media print" in css and "size: A4" in css and "page-break-before: always" in css
    for page in out.glob("*.html"):
        text = page.read_text()
        assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in text
        assert "<script" not in text or (page.name == "dasbor.html" and "<script src" not in text)  # inline only
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", text), page.name  # nothing from the network
    roadmap = (out / "06-peta-jalan.html").read_text()
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="gantt" role="img"' in roadmap
    assert "```" not in roadmap and "language-mermaid" not in roadmap
    assert '<div class="table-wrap">\n<table>' in roadmap


def test_html_single_file(repo, tmp_path):
    out = tmp_path / "one"
    r = run("render", repo, "--format", "html", "--single", "--out", out)
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in out.iterdir()) == [".kotacerdas-render-html-single", "masterplan.html"]
    text = (out / "masterplan.html").read_text()
    assert "<style>" in text and 'rel="stylesheet"' not in text
    assert text.count('<section class="chapter"') == 12
    assert '<a href="#06-peta-jalan"><span class="label">BAB VI</span> Peta Jalan</a>' in text
    ids = re.findall(r' id="([^"]+)"', text)
    assert len(ids) == len(set(ids))  # every anchor unique in one page
    assert "<svg" in text


# --- templates ----------------------------------------------------------------------------------------------


def test_repository_templates_override_and_add_chapters(repo):
    write(repo / "templates" / "chapters" / "06-peta-jalan.md.j2",
          '{% extends "layout/chapter.md.j2" %}\n{% block title %}Peta Jalan Kami{% endblock %}\n'
          "{% block body %}\nProgram: {{ programmes|length }}.\n{% endblock %}\n")
    write(repo / "templates" / "chapters" / "10-penutup.md.j2",
          '{% extends "layout/chapter.md.j2" %}\n{% block title %}Penutup{% endblock %}\n'
          "{% block body %}\n{{ plan.region.name }} berkomitmen.\n{% endblock %}\n")
    write(repo / "templates" / "appendices" / "03-daftar-opd.md.j2",
          '{% extends "layout/chapter.md.j2" %}\n{% block title %}{% endblock %}\n')  # empty title: dropped
    md = render_files(repo, "md")
    assert md["06-peta-jalan.md"] == "# BAB VI Peta Jalan Kami\n\nProgram: 3.\n"
    assert md["10-penutup.md"] == "# BAB X Penutup\n\nKabupaten Contoh berkomitmen.\n"
    assert "lampiran-03-daftar-opd.md" not in md
    assert "- [BAB X Penutup](10-penutup.md)" in md["README.md"]
    html = render_files(repo, "html")
    assert '<a href="10-penutup.html"><span class="label">BAB X</span> Penutup</a>' in html["index.html"]


def test_html_chapter_override(repo):
    write(repo / "templates" / "chapters" / "09-anggaran.html.j2",
          "<h1>{{ chapter.label }}</h1><p class=\"total\">{{ budget.total|money }} {{ plan.title }}</p>\n")
    html = render_files(repo, "html")
    assert '<h1>BAB IX</h1><p class="total">Rp3.050.000.000 Masterplan' in html["09-anggaran.html"]


@pytest.mark.parametrize("source,line,words", [
    ("{% extends 'layout/chapter.md.j2' %}\n{% block title %}X{% endblock %}\n{% block body %}\n{% if %}\n"
     "{% endblock %}\n", 4, "template syntax error"),
    ("{% extends 'layout/chapter.md.j2' %}\n{% block title %}X{% endblock %}\n{% block body %}\nok\n"
     "{{ plan.nosuchfield }}\n{% endblock %}\n", 5, "unknown variable in template"),
    ("{% extends 'layout/chapter.md.j2' %}\n{% block title %}X{% endblock %}\n{% block body %}\n"
     "{{ plan.__class__.__mro__ }}\n{% endblock %}\n", 4, "template"),
    ("{% extends 'layout/chapter.md.j2' %}\n{% block title %}X{% endblock %}\n{% block body %}\n"
     "{% include '../../../etc/passwd' %}\n{% endblock %}\n", 4, "template not found"),
    ("{% extends 'layout/chapter.md.j2' %}\n{% block title %}{{ nope }}{% endblock %}\n", 2,
     "unknown variable in template"),
])
def test_template_errors_are_diagnostics(repo, tmp_path, source, line, words):
    write(repo / "templates" / "chapters" / "10-kustom.md.j2", source)
    out = tmp_path / "out"
    r = run("render", repo, "--out", out)
    assert r.returncode == 1, r.stdout + r.stderr
    assert f"templates/chapters/10-kustom.md.j2:{line}:1: error KC20" in r.stderr
    assert words in r.stderr
    assert "Traceback" not in r.stderr
    assert not out.exists()


def test_template_link_out_of_repository_is_refused(repo, tmp_path):
    secret = tmp_path / "secret.md.j2"
    secret.write_text("{% extends 'layout/chapter.md.j2' %}{% block title %}Rahasia{% endblock %}")
    (repo / "templates" / "chapters").mkdir(parents=True)
    os.symlink(secret, repo / "templates" / "chapters" / "10-rahasia.md.j2")
    r = run("render", repo, "--out", tmp_path / "out")
    assert r.returncode == 1
    assert "KC202" in r.stderr and "leaves the repository" in r.stderr
    assert "Rahasia" not in r.stdout


def test_extra_chapter_hook(repo):
    v = validate(repo)
    extra = [
        ExtraChapter(slug="riwayat-perubahan", title="Riwayat Perubahan",
                     markdown="| Kode | Perubahan |\n|---|---|\n| QW-GOV-01 | anggaran naik |\n"),
        ExtraChapter(slug="catatan", title="Catatan Rev", template="extra/catatan.md.j2", appendix=True,
                     templates={"extra/catatan.md.j2": '{% extends "layout/chapter.md.j2" %}\n'
                                                       "{% block body %}\nRevisi {{ extra.rev }}: "
                                                       "{{ extra.note }}\n{% endblock %}\n"},
                     context={"rev": "abc123", "note": "<b>x</b>"}),
    ]
    md = render_masterplan(v.masterplan, "md", extra_chapters=extra)
    files = {k: b.decode() for k, b in md.files.items()}
    assert files["99-riwayat-perubahan.md"].startswith("# BAB X Riwayat Perubahan\n\n| Kode | Perubahan |")
    assert files["lampiran-99-catatan.md"] == "# Lampiran D Catatan Rev\n\nRevisi abc123: \\<b\\>x\\</b\\>\n"
    assert "- [BAB X Riwayat Perubahan](99-riwayat-perubahan.md)" in files["README.md"]
    html = render_masterplan(v.masterplan, "html", extra_chapters=extra)
    index = html.files["index.html"].decode()
    assert '<a href="99-riwayat-perubahan.html"><span class="label">BAB X</span> Riwayat Perubahan</a>' in index
    assert "<table>" in html.files["99-riwayat-perubahan.html"].decode()


# --- behaviour: validity, determinism, --check, --chapter, --out ---------------------------------------------


def test_invalid_repository_is_refused_with_validate_diagnostics(repo, tmp_path):
    p = repo / "programmes" / "governance" / "prg-gov-02.yaml"
    p.write_text(p.read_text().replace("owner: Diskominfo", "owner: Dinas-Tidak-Ada"))
    out = tmp_path / "out"
    r = run("render", repo, "--out", out)
    assert r.returncode == 1
    assert "programmes/governance/prg-gov-02.yaml:" in r.stderr and "KC021" in r.stderr
    assert "nothing was written" in r.stderr
    assert not out.exists()


def test_output_is_deterministic(repo, tmp_path):
    for fmt in ("md", "html"):
        a, b = tmp_path / f"a-{fmt}", tmp_path / f"b-{fmt}"
        assert run("render", repo, "--format", fmt, "--out", a).returncode == 0
        copy = tmp_path / f"copy-{fmt}"
        shutil.copytree(repo, copy)
        assert run("render", copy, "--format", fmt, "--out", b).returncode == 0
        assert files_of(a) == files_of(b)


def test_out_inside_the_repository_is_not_read_back(repo):
    first = run("render", repo, "--format", "html", "--out", repo / "site")
    assert first.returncode == 0, first.stderr
    before = files_of(repo / "site")
    second = run("render", repo, "--format", "html", "--out", repo / "site")
    assert second.returncode == 0
    assert "0 written" in second.stdout
    assert files_of(repo / "site") == before
    assert run("validate", repo).returncode == 0


@pytest.mark.parametrize("where", [".", "..", "programmes/out", "templates"])
def test_out_may_not_be_the_sources(repo, where):
    r = run("render", repo, "--out", repo / where)
    assert r.returncode == 2
    assert "--out" in r.stderr


def test_render_never_touches_the_sources(repo, tmp_path):
    before = files_of(repo)
    assert run("render", repo, "--format", "html", "--out", tmp_path / "o").returncode == 0
    assert files_of(repo) == before


def test_check(repo, tmp_path):
    out = tmp_path / "out"
    r = run("render", repo, "--out", out, "--check")
    assert r.returncode == 1 and "README.md: missing" in r.stdout
    assert not out.exists()  # --check writes nothing
    assert run("render", repo, "--out", out).returncode == 0
    r = run("render", repo, "--out", out, "--check")
    assert r.returncode == 0, r.stdout
    assert "is up to date" in r.stdout
    (out / "05-quick-win.md").write_text("diubah tangan\n")
    (out / "09-anggaran.md").unlink()
    r = run("render", repo, "--out", out, "--check")
    assert r.returncode == 1
    assert f"{out}/05-quick-win.md: differs" in r.stdout
    assert f"{out}/09-anggaran.md: missing" in r.stdout
    assert (out / "05-quick-win.md").read_text() == "diubah tangan\n"
    # a change in the sources makes the output out of date
    assert run("render", repo, "--out", out).returncode == 0
    plan = repo / "plan.yaml"
    plan.write_text(plan.read_text().replace("districts: 42", "districts: 43"))
    r = run("render", repo, "--out", out, "--check")
    assert r.returncode == 1 and "01-pendahuluan.md: differs" in r.stdout


def test_both_formats_in_one_command(repo, tmp_path):
    """--format md --format html writes what the two separate renders write, side by side in one folder,
    and --check covers both."""
    apart, together = tmp_path / "apart", tmp_path / "together"
    for fmt in ("md", "html"):
        assert run("render", repo, "--format", fmt, "--out", apart).returncode == 0
    r = run("render", repo, "--format", "md", "--format", "html", "--out", together)
    assert r.returncode == 0, r.stderr
    assert "as md into" in r.stdout and "as html into" in r.stdout
    assert files_of(together) == files_of(apart)
    assert run("render", repo, "--format", "md,html", "--out", together, "--check").returncode == 0
    (together / "index.html").unlink()
    r = run("render", repo, "--format", "md,html", "--out", together, "--check")
    assert r.returncode == 1 and f"{together}/index.html: missing" in r.stdout
    assert run("render", repo, "--format", "md", "--out", together, "--check").returncode == 0  # md is intact
    r = run("render", repo, "--format", "md,pdf", "--out", tmp_path / "x")
    assert r.returncode == 2 and "unknown format 'pdf'" in r.stderr and not (tmp_path / "x").exists()


def test_files_of_dropped_chapters_are_removed(repo, tmp_path):
    out = tmp_path / "out"
    write(repo / "templates" / "chapters" / "10-penutup.md.j2",
          '{% extends "layout/chapter.md.j2" %}{% block title %}Penutup{% endblock %}')
    assert run("render", repo, "--out", out).returncode == 0
    (out / "catatan-saya.txt").write_text("bukan buatan render\n")
    assert (out / "10-penutup.md").exists()
    (repo / "templates" / "chapters" / "10-penutup.md.j2").unlink()
    r = run("render", repo, "--out", out, "--check")
    assert r.returncode == 1 and "10-penutup.md: no longer rendered" in r.stdout
    r = run("render", repo, "--out", out)
    assert r.returncode == 0 and "1 removed" in r.stdout
    assert not (out / "10-penutup.md").exists()
    assert (out / "catatan-saya.txt").exists()  # files render did not write are left alone


@pytest.mark.parametrize("wanted", ["6", "VI", "vi", "peta-jalan", "06-peta-jalan"])
def test_one_chapter(repo, tmp_path, wanted):
    out = tmp_path / "out"
    r = run("render", repo, "--out", out, "--chapter", wanted)
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in out.iterdir()) == ["06-peta-jalan.md"]
    assert render_files(repo, "md")["06-peta-jalan.md"] == (out / "06-peta-jalan.md").read_text()


def test_one_appendix_and_unknown_chapter(repo, tmp_path):
    out = tmp_path / "out"
    assert run("render", repo, "--out", out, "--chapter", "B").returncode == 0
    assert sorted(p.name for p in out.iterdir()) == ["lampiran-02-komitmen-bersama.md"]
    r = run("render", repo, "--out", out, "--chapter", "XX")
    assert r.returncode == 2 and "no chapter 'XX'" in r.stderr and "6 (peta-jalan)" in r.stderr


def test_usage_errors(repo, tmp_path):
    assert run("render", repo, "--format", "pdf", "--out", tmp_path / "o").returncode == 2
    assert run("render", repo, "--lang", "jv", "--out", tmp_path / "o").returncode == 2
    assert run("render", tmp_path / "nowhere", "--out", tmp_path / "o").returncode == 2


# --- goldens -------------------------------------------------------------------------------------------------


def golden_cases():
    cases = [("fixture", FIXTURE, fmt, single) for fmt in ("md", "html") for single in (False, True)]
    if (GOLDEN / "garut").is_dir() or UPDATE:
        cases += [("garut", GARUT, fmt, False) for fmt in ("md", "html")]
    return [pytest.param(*c, id=f"{c[0]}-{c[2]}{'-single' if c[3] else ''}") for c in cases]


@pytest.mark.parametrize("name,source,fmt,single", golden_cases())
def test_golden(tmp_path, name, source, fmt, single):
    repo = tmp_path / name
    shutil.copytree(source, repo)
    out = tmp_path / "out"
    r = run("render", repo, "--format", fmt, "--out", out, *(["--single"] if single else []))
    assert r.returncode == 0, r.stdout + r.stderr
    golden = GOLDEN / name / (fmt + ("-single" if single else ""))
    got = files_of(out)
    if UPDATE:
        shutil.rmtree(golden, ignore_errors=True)
        for rel, data in got.items():
            (golden / rel).parent.mkdir(parents=True, exist_ok=True)
            (golden / rel).write_bytes(data)
    want = files_of(golden)
    assert sorted(got) == sorted(want)
    for rel in want:
        assert got[rel] == want[rel], f"{rel} differs from {golden / rel} (KOTACERDAS_UPDATE_GOLDENS=1 to update)"


def test_docs_chapter_example_renders(repo):
    """The chapter template shown in docs/templates.md works as written."""
    doc = (HERE.parent / "docs" / "templates.md").read_text(encoding="utf-8")
    example = re.search(r"```jinja\n(.*?)```", doc, flags=re.S).group(1)
    write(repo / "templates" / "chapters" / "10-penutup.md.j2", example)
    md = render_files(repo, "md")["10-penutup.md"]
    assert md.startswith("# BAB X Penutup\n\n## 10.1 Harapan\n\nKabupaten Contoh berkomitmen melaksanakan 3 program.")
    assert "| QW-GOV-01 | Satu Data Contoh | Rp1.250.000.000 |" in md


def cached_render(repo: Path, tmp_path: Path, *args: str):
    """A function running `kotacerdas render repo *args --out <a new folder>` with the cache in
    tmp_path/cache, returning the files written; and that cache folder."""
    env_cache = tmp_path / "cache"
    env: dict[str, str | None] = {"KOTACERDAS_CACHE_DIR": str(env_cache)}
    outs = iter(range(100))

    def render(*extra):
        out = tmp_path / f"out{next(outs)}"
        r = run_cli("render", repo, *args, "--out", out, *extra, env=env)
        assert r.returncode == 0, r.stderr
        return files_of(out)

    return render, env_cache


def test_template_cache_never_serves_stale_templates(repo, tmp_path):
    render, env_cache = cached_render(repo, tmp_path)
    tpl = repo / "templates" / "chapters" / "10-penutup.md.j2"
    write(tpl, '{% extends "layout/chapter.md.j2" %}{% block title %}Penutup{% endblock %}'
               "{% block body %}\nSatu.\n{% endblock %}\n")

    first = render()
    assert any(env_cache.glob("templates-*/md/*.jinja"))  # compiled templates were kept
    assert render() == first == render("--no-cache")
    write(tpl, '{% extends "layout/chapter.md.j2" %}{% block title %}Penutup{% endblock %}'
               "{% block body %}\nDua.\n{% endblock %}\n")
    assert render()["10-penutup.md"] == b"# BAB X Penutup\n\nDua.\n"


def test_converted_pages_cache_is_keyed_by_content_and_survives_damage(repo, tmp_path):
    """HTML pages converted in an earlier run are reused only for the same Markdown; a damaged or foreign
    entry is a miss, never a wrong page."""
    render, env_cache = cached_render(repo, tmp_path, "--format", "html")

    first = render()
    entries = sorted(env_cache.glob("html-*/*/*"))
    assert entries  # converted pages were kept
    assert render() == first == render("--no-cache")
    entries[0].write_bytes(b"not a page")
    entries[1].write_bytes(entries[2].read_bytes())  # a real entry under the wrong name
    assert render() == first
    prog = repo / "programmes" / "governance" / "qw-gov-01.yaml"
    # the problem statement shows on two pages only (not in the roadmap figure, which every page's key holds)
    prog.write_text(prog.read_text(encoding="utf-8").replace("tersebar di setiap OPD", "tercecer di setiap OPD"),
                    encoding="utf-8")
    changed = render()
    assert [k for k in first if changed[k] != first[k] and not k.startswith(".")] == [
        "04-strategi-dan-program.html", "05-quick-win.html"]
    assert changed == render("--no-cache")


def test_prose_with_shifted_headings_cache_is_keyed_by_content_and_survives_damage(repo, tmp_path):
    """Prose placed under a chapter's headings is kept in the cache too: reused for the same text only; a
    damaged or foreign entry is a miss, and an edited heading shows in the next render."""
    render, env_cache = cached_render(repo, tmp_path, "--format", "md")

    first = render()
    entries = sorted(env_cache.glob("html-*/*/*"))
    assert entries  # the shifted prose was kept (no HTML was asked for)
    for entry in entries:
        entry.write_bytes(entry.read_bytes()[:-3])  # cut short: unreadable
    assert render() == first == render("--no-cache")
    for entry in sorted(env_cache.glob("html-*/*/*")):
        entry.write_bytes(b"\x00not marshal")
    assert render() == first
    prose = repo / "narasi" / "latar-belakang.md"
    prose.write_text(prose.read_text(encoding="utf-8").replace("## Tantangan", "## Tantangan Utama"),
                     encoding="utf-8")
    changed = render()
    assert [k for k in first if changed[k] != first[k] and not k.startswith(".")] == ["01-pendahuluan.md"]
    assert b"Tantangan Utama" in changed["01-pendahuluan.md"]
    assert changed == render("--no-cache")


def test_out_may_not_overwrite_prose_files(repo):
    (repo / "narasi" / "governance.md").rename(repo / "narasi" / "README.md")
    dim = repo / "dimensions" / "governance.yaml"
    dim.write_text(dim.read_text().replace("../narasi/governance.md", "../narasi/README.md"))
    before = (repo / "narasi" / "README.md").read_bytes()
    r = run("render", repo, "--out", repo / "narasi")
    assert r.returncode == 2 and "would overwrite source files of the repository: README.md" in r.stderr
    assert (repo / "narasi" / "README.md").read_bytes() == before
    assert not (repo / "narasi" / "01-pendahuluan.md").exists()


def test_a_large_book_converted_in_two_processes_equals_the_serial_conversion(monkeypatch):
    """Above PARALLEL_MIN_CHARS of Markdown, half of the HTML pages are converted in a forked worker: the
    pages, their ids and their headings must be exactly what one process gives."""
    from kotacerdas.render import markdown as md

    jobs = [(f"# Bab {i}\n\n## Bagian\n\n" + "Teks *tebal* dan `kode` <b>.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n" * 400,  # noqa: E501
             {}, f"bab-{i}") for i in range(4)]
    monkeypatch.setattr(md.PAGE_CACHE, "folder", None)
    monkeypatch.setattr(md, "PARALLEL_MIN_CHARS", 10**12)
    serial = md.to_html_pages(jobs)
    monkeypatch.setattr(md, "PARALLEL_MIN_CHARS", 1)
    assert md.to_html_pages(jobs) == serial
    assert [h[1] for h in serial[0][1]][:2] == ["bab-0", "bagian"]
