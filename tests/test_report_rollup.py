"""A province's report over its kab/kota in a tree (kotacerdas report TREE, api.Tree.report): coverage by
the documented rule (adopted by a recorded regulation, or at least drafted; an untouched `kotacerdas init`
scaffold does not count), each member's index over the years, quick wins by dimension, and links to each
member's report and, with --books, to its rendered book. Built from real folders: the examples and
scaffolds written by `kotacerdas init`."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from kotacerdas import api

from .test_report import edit
from .test_report import row as cells

STEM = "laporan-monev-2025"
MEMBERS = [("32.05", "Kabupaten Garut"), ("32.06", "Kabupaten Tasikmalaya"), ("32.73", "Kota Bandung"),
           ("32.07", "Kabupaten Ciamis")]


def set_members(plan: Path, members: list[tuple[str, str]]) -> None:
    edit(plan, "members: []", "members:\n" + "".join(f'  - {{code: "{c}", name: {n}}}\n' for c, n in members))


@pytest.fixture
def province(cli, example_copy, tmp_path) -> Path:
    """Jawa Barat listing four members: Garut (adopted by Perbup 87/2023), Tuban's plan moved to 32.06 with
    its adopting regulations removed (drafted), an untouched init scaffold for Bandung, Ciamis missing."""
    tree = tmp_path / "jabar"
    assert cli("init", tree, "-c", "32", "-n", "Provinsi Jawa Barat").returncode == 0
    set_members(tree / "plan.yaml", MEMBERS)
    example_copy("garut", "jabar/garut")
    tasik = example_copy("tuban", "jabar/tasikmalaya")
    edit(tasik / "plan.yaml", 'code: "35.23"', 'code: "32.06"')
    edit(tasik / "plan.yaml", "name: Kabupaten Tuban", "name: Kabupaten Tasikmalaya")
    edit(tasik / "plan.yaml", "province: Jawa Timur", "province: Jawa Barat")
    edit(tasik / "plan.yaml", "Masterplan Smart City", "Rencana Kerja Smart City", count=-1)
    assert cli("init", tree / "bandung", "-c", "32.73", "-n", "Kota Bandung").returncode == 0
    return tree


def quick_wins_by_dimension(*repos: Path) -> Counter:
    """Counted from the files as an officer would: quick_win: true under programmes/<dimension>/."""
    out: Counter = Counter()
    for repo in repos:
        for p in (repo / "programmes").rglob("*.yaml"):
            if re.search(r"^quick_win: true$", p.read_text(encoding="utf-8"), re.M):
                out[p.parent.name] += 1
    return out


def test_province_report_counts_real_masterplans_and_links_every_member(cli, province, tmp_path):
    out = tmp_path / "laporan"
    r = cli("report", province, "--year", "2025", "--format", "md,html", "--out", out)
    assert r.returncode == 0, r.stderr
    page = out / "jabar" / f"{STEM}.md"
    text = page.read_text(encoding="utf-8")
    roll = text[text.index("Rekap Provinsi"):]
    assert "4 kabupaten/kota anggota; 2 memiliki masterplan" in roll and "(50%)" in roll and "belum terpenuhi" in roll
    assert cells(roll, "Kabupaten/kota")[2:5] == ["2023", "2024", "2025"]  # every year a member was evaluated
    assert cells(roll, "32.05 Kabupaten Garut")[1:5] == ["ditetapkan", "belum diketahui", "2,86", "3,12"]
    assert cells(roll, "32.06 Kabupaten Tasikmalaya")[1] == "disusun (belum ditetapkan)"
    assert cells(roll, "32.73 Kota Bandung")[1:5] == ["kerangka belum diisi"] + ["belum diketahui"] * 3
    assert cells(roll, "32.07 Kabupaten Ciamis")[1] == "belum ada"
    links = re.findall(r"\]\(([^)]+)\)", roll)
    assert len(links) == 3 and all((page.parent / link).is_file() for link in links)
    html = (out / "jabar" / f"{STEM}.html").read_text(encoding="utf-8")
    for link in re.findall(r'href="([^"#]+\.html)"', html):
        assert (page.parent / link).is_file(), link
    assert 'href="../garut/laporan-monev-2025.html"' in html and "chart-members" in html
    want = quick_wins_by_dimension(province / "garut", province / "tasikmalaya")
    quick = roll[roll.index("Quick win anggota per dimensi"):]
    for dim, n in want.items():
        assert any(line.endswith(f"| {n} |") and dim.capitalize() in line for line in quick.splitlines()), dim


def test_links_to_the_members_books_rendered_by_render(cli, province, tmp_path):
    books, out = tmp_path / "buku", tmp_path / "laporan"
    assert cli("render", province, "--format", "html", "--out", books).returncode == 0
    r = cli("report", province, "--year", "2025", "--format", "html", "--out", out, "--books", books)
    assert r.returncode == 0, r.stderr
    html = (out / "jabar" / f"{STEM}.html").read_text(encoding="utf-8")
    book_links = [h for h in re.findall(r'href="([^"#]+)"', html) if "index.html" in h]
    assert len(book_links) == 3
    for link in book_links:
        assert ((out / "jabar") / link).resolve().is_file(), link


def test_untouched_init_scaffolds_do_not_make_a_smart_province(cli, tmp_path):
    tree = tmp_path / "jatim"
    members = [(f"35.{n:02d}", f"Kabupaten Contoh {n}") for n in range(1, 6)]
    assert cli("init", tree, "-c", "35", "-n", "Provinsi Jawa Timur").returncode == 0
    set_members(tree / "plan.yaml", members)
    for code, name in members:
        assert cli("init", tree / code, "-c", code, "-n", name).returncode == 0
    opened = api.open(tree)
    assert isinstance(opened, api.Tree)
    cov = opened.coverage()[0]  # validate: five valid repositories, none of which counts
    assert (cov.valid, cov.real, cov.ratio, cov.meets_target) == (5, 0, 0.0, False)
    assert cov.scaffold == [code for code, _ in members]
    done = opened.report(2025)
    roll = done.rollups[0]  # the report follows the same rule
    assert [m.state for m in roll.members] == ["scaffold"] * 5
    assert roll.counted == 0 and roll.percent == 0.0 and not roll.meets_target
    assert done.ok and all(o.status == "built" for _, o in done.outcomes)


def test_an_invalid_member_fails_the_tree_and_does_not_count(cli, province, tmp_path):
    qw = province / "garut" / "programmes" / "governance" / "qw-gov-01-garuda.yaml"
    edit(qw, "\nprogress: ", "\nprogress: 150 # ")
    r = cli("report", province, "--year", "2025", "--out", tmp_path / "laporan")
    assert r.returncode == 1 and "qw-gov-01-garuda.yaml" in r.stderr and "Traceback" not in r.stderr
    text = (tmp_path / "laporan" / "jabar" / f"{STEM}.md").read_text(encoding="utf-8")
    assert cells(text[text.index("Rekap Provinsi"):], "32.05 Kabupaten Garut")[1] == "belum valid"
    assert "1 memiliki masterplan" in text


def test_workers_write_what_a_serial_run_writes(province, tmp_path):
    got = {}
    for parallel in (False, True):
        out = tmp_path / f"parallel-{parallel}"
        done = api.open(province, api.Options(parallel=parallel)).report(2025, ["md", "html"], out)
        assert done.ok and [r.counted for r in done.rollups] == [2]
        got[parallel] = {p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    assert len(got[False]) == 8 and got[True] == got[False]
