"""`kotacerdas report` and kotacerdas.api's Repo.report: the yearly Laporan Monitoring dan Evaluasi.

Golden outputs (Garut 2025 in Bahasa Indonesia, md and html, and in English) are regenerated with
KOTACERDAS_UPDATE_GOLDENS=1 pytest tests/test_report.py. The other tests edit a copy of an example the way
an officer would and read what the report says: official scores as given, a computed index only where the
letter gives none (labelled), outcome per dimension from the programmes' history, missed targets and the
explanations and data each OPD still owes, last year's recommendations, unknown never printed as zero."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from kotacerdas import api

GOLDEN = Path(__file__).parent / "report" / "golden"
UPDATE = bool(os.environ.get("KOTACERDAS_UPDATE_GOLDENS"))
STEM = "laporan-monev-2025"


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def row(text: str, first_cell: str) -> list[str]:
    """The cells of the Markdown table row whose first cell is `first_cell`."""
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and cells[0] == first_cell:
            return cells
    raise AssertionError(f"no row {first_cell!r}")


def section(text: str, heading: str) -> str:
    start = text.index(heading)
    end = text.find("\n## ", start + 1)
    return text[start:end if end > 0 else None]


@pytest.mark.parametrize(("lang", "formats"), [("id", "md,html"), ("en", "md")])
def test_garut_report_matches_the_golden_files(cli, tmp_path, lang, formats):
    out = tmp_path / "laporan"
    r = cli("report", "examples/garut", "--year", "2025", "--format", formats, "--lang", lang, "--out", out)
    assert r.returncode == 0, r.stderr
    golden = GOLDEN / f"garut-{lang}"
    got = {p.name: p.read_bytes() for p in sorted(out.iterdir())}
    if UPDATE:
        golden.mkdir(parents=True, exist_ok=True)
        for old in golden.iterdir():
            old.unlink()
        for name, data in got.items():
            (golden / name).write_bytes(data)
    want = {p.name: p.read_bytes() for p in sorted(golden.iterdir())}
    assert sorted(got) == sorted(want)
    for name in want:
        assert got[name] == want[name], f"{name} differs from {golden / name} (KOTACERDAS_UPDATE_GOLDENS=1)"


def test_same_input_same_bytes_and_check_sees_a_stale_file(cli, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for out in (a, b):
        assert cli("report", "examples/tuban", "--year", "2025", "--format", "md,html", "--out", out).returncode == 0
    for f in a.iterdir():
        assert f.read_bytes() == (b / f.name).read_bytes()
    r = cli("report", "examples/tuban", "--year", "2025", "--format", "md,html", "--out", a, "--check")
    assert r.returncode == 0 and "up to date (2 files)" in r.stdout
    (a / f"{STEM}.md").write_text("edited by hand\n", encoding="utf-8")
    r = cli("report", "examples/tuban", "--year", "2025", "--format", "md,html", "--out", a, "--check")
    assert r.returncode == 1 and f"{STEM}.md" in r.stdout
    assert (a / f"{STEM}.md").read_text(encoding="utf-8") == "edited by hand\n"  # --check writes nothing


def test_official_index_as_given_and_computed_only_where_the_letter_gives_none(example_copy, tmp_path):
    repo = example_copy("garut")
    text = api.open(repo).report(2025).contents[f"{STEM}.md"].decode()
    assert row(text, "Indeks smart city")[1] == "3,12 (resmi)"
    assert row(text, "2024")[1:3] == ["2,86", "resmi"]
    assert "dihitung" not in section(text, "## 2.")
    # the letter of 2025 gives no index: the weighted mean of its five scores (10/20/30/30/10) is shown,
    # labelled; 2024's official figure stays as it was
    edit(repo / "evaluations" / "2025.yaml", "index: 3.12\n", "")
    done = api.open(repo).report(2025)
    text = done.contents[f"{STEM}.md"].decode()
    computed = round((3.30 * 10 + 3.25 * 20 + 3.00 * 30 + 2.95 * 30 + 3.45 * 10) / 100, 2)
    assert done.figures is not None and done.figures.index == computed and done.figures.index_computed
    assert row(text, "2025")[1:3] == [f"{computed:.2f}".replace(".", ","), "dihitung"]
    assert row(text, "2024")[1:3] == ["2,86", "resmi"]
    assert "bukan nilai resmi" in text
    # a score missing too: nothing can be computed, and nothing is invented
    edit(repo / "evaluations" / "2025.yaml", "  impact: 2.95\n", "")
    done = api.open(repo).report(2025)
    text = done.contents[f"{STEM}.md"].decode()
    assert done.figures is not None and done.figures.index is None
    assert row(text, "Indeks smart city")[1] == "belum diketahui"
    assert row(text, "Impact")[2] == "belum diketahui"


def test_outcome_per_dimension_comes_from_the_programmes_history(example_copy):
    repo = example_copy("garut")
    gov = repo / "programmes" / "governance"
    edit(gov / "prg-gov-02-perizinan-terintegrasi.yaml", "  - year: 2025\n    status: ongoing\n",
         "  - year: 2025\n    status: stopped\n")
    edit(gov / "prg-gov-03-naskah-dinas-elektronik.yaml", "  - year: 2025\n", "  - year: 2019\n")
    done = api.open(repo).report(2025)
    gov_row = next(r for r in done.figures.outcome if r.dimension == "governance")
    assert (gov_row.planned, gov_row.running, gov_row.not_running, gov_row.unknown) == (5, 3, 1, 1)
    assert gov_row.rate == 75.0  # 3 of the 4 whose status is known; the unknown one is not a zero
    text = done.contents[f"{STEM}.md"].decode()
    assert row(section(text, "## 4."), "Smart Governance")[1:7] == ["5", "3", "0", "1", "1", "75%"]


def test_missed_targets_owe_an_explanation_and_past_years_owe_data_per_opd(example_copy):
    repo = example_copy("garut")
    ind = next(p for p in (repo / "indicators").rglob("*.yaml") if "IND-GOV-01" in p.read_text(encoding="utf-8"))
    text = ind.read_text(encoding="utf-8")
    year_2025 = text[text.index("  - year: 2025"):]
    stripped = re.sub(r"\n    (obstacle|follow_up): .*", "", year_2025, count=2)
    ind.write_text(text.replace(year_2025, stripped), encoding="utf-8")
    prog = repo / "programmes" / "economy" / "prg-eco-02-umkm-sukaregang.yaml"
    body = prog.read_text(encoding="utf-8")
    prog.write_text(re.sub(r"  - year: 2024\n(    .*\n)+", "", body, count=1), encoding="utf-8")
    done = api.open(repo).report(2025)
    f = done.figures
    assert ("IND-GOV-01", 2025) in f.missed
    assert f.explanation_owed == {"Diskominfo": ["IND-GOV-01 (2025)"]}
    owner = "Diskop-UKM"
    assert f"owner: {owner}" in body and f.data_owed == {owner: {"targets": [], "programmes": ["PRG-ECO-02 (2024)"]}}
    text = done.contents[f"{STEM}.md"].decode()
    owed = section(text, "## 7.")
    assert "PRG-ECO-02 (2024)" in owed and "Tidak ada data yang terutang" not in owed
    missed = section(text, "## 6.")
    assert row(missed, "Dinas Komunikasi dan Informatika Kabupaten Garut")[1] == "IND-GOV-01 (2025)"


def test_last_years_recommendations_and_what_was_done(example_copy):
    repo = example_copy("garut")
    text = api.open(repo).report(2026).contents["laporan-monev-2026.md"].decode()
    recs = section(text, "## 8.")
    assert "R2025-01" in recs and "sedang berjalan" in recs and "Survei kunjungan wisata digital" in recs
    assert "R2025-02" in recs and "belum dimulai" in recs
    done = api.open(repo).report(2026)
    assert done.figures.recommendations_open == ["R2025-01", "R2025-02"]
    # 2026 has no result letter yet: not known, never 0
    assert row(text, "Indeks smart city")[1] == "belum diketahui"


def test_unknown_is_never_printed_as_zero(example_copy):
    repo = example_copy("garut")
    for p in (repo / "programmes").rglob("*.yaml"):  # no monitoring recorded at all
        body = p.read_text(encoding="utf-8")
        p.write_text(re.sub(r"\nhistory:\n(  .*\n)+", "\n", body), encoding="utf-8")
    for p in (repo / "evaluations").glob("*.yaml"):
        p.unlink()
    done = api.open(repo).report(2025)
    text = done.contents[f"{STEM}.md"].decode()
    assert row(text, "Indeks smart city")[1] == "belum diketahui"
    assert row(text, "Program yang berjalan")[1] == "belum diketahui"
    outcome = section(text, "## 4.").split("###")[0]
    assert row(outcome, "Smart Governance")[1:7] == ["5", "0", "0", "0", "5", "belum diketahui"]
    assert row(outcome, "**Jumlah**")[6] == "belum diketahui" and "0%" not in outcome and "Rp0" not in text
    assert all(r.rate is None for r in done.figures.outcome)


def test_english_report_and_api_without_out_writes_nothing(example_copy, tmp_path):
    repo = example_copy("tuban")
    before = sorted(p.relative_to(repo) for p in repo.rglob("*"))
    done = api.open(repo, api.Options(lang="en")).report(2025, ["md", "html"])
    assert done.status == "built" and done.files == ["monitoring-report-2025.html", "monitoring-report-2025.md"]
    assert "# Smart City Monitoring and Evaluation Report 2025" in done.contents["monitoring-report-2025.md"].decode()
    assert sorted(p.relative_to(repo) for p in repo.rglob("*")) == before


def test_a_git_working_tree_is_left_untouched(cli, example_copy, tmp_path):
    repo = example_copy("tuban")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", "plan"], cwd=repo, check=True)
    r = cli("report", repo, "--year", "2024", "--format", "md,html", "--out", tmp_path / "out")
    assert r.returncode == 0, r.stderr
    status = subprocess.run(["git", "status", "--porcelain"], cwd=repo, capture_output=True, text=True, check=True)
    assert status.stdout == ""


def test_wrong_usage_is_exit_2_and_bad_content_exit_1(cli, example_copy, tmp_path):
    out = tmp_path / "out"
    r = cli("report", "examples/garut", "--year", "1800", "--out", out)
    assert r.returncode == 2 and "--year 1800" in r.stderr
    r = cli("report", "examples/garut", "--year", "2025", "--format", "pdf", "--out", out)
    assert r.returncode == 2 and "unknown format 'pdf'" in r.stderr
    r = cli("report", "examples/garut", "--year", "2025", "--out", out, "--books", tmp_path)
    assert r.returncode == 2 and "--books" in r.stderr
    r = cli("report", tmp_path / "nothing", "--year", "2025", "--out", out)
    assert r.returncode == 2
    repo = example_copy("garut")  # a prose file named like the report: --out must not overwrite it
    (repo / "narasi" / "latar-belakang.md").rename(repo / "narasi" / f"{STEM}.md")
    edit(repo / "plan.yaml", "narasi/latar-belakang.md", f"narasi/{STEM}.md")
    prose = (repo / "narasi" / f"{STEM}.md").read_bytes()
    r = cli("report", repo, "--year", "2025", "--out", repo / "narasi")
    assert r.returncode == 2 and "would overwrite source files" in r.stderr
    assert (repo / "narasi" / f"{STEM}.md").read_bytes() == prose
    edit(repo / "evaluations" / "2025.yaml", "index: 3.12", "index: tiga")
    r = cli("report", repo, "--year", "2025", "--out", out)
    assert r.returncode == 1 and "evaluations/2025.yaml:9:8" in r.stderr and "index" in r.stderr
    assert not out.exists()
    edit(repo / "evaluations" / "2025.yaml", "index: tiga", "index: 3.12\nyear: 2024")
    r = cli("report", repo, "--year", "2025", "--out", out)
    assert r.returncode == 1 and "KC002" in r.stderr and "Traceback" not in r.stderr


def _luminance(hex_colour: str) -> float:
    r, g, b = (int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_charts_have_a_text_alternative_skip_unknown_values_and_read_in_grey():
    from kotacerdas.report import charts

    args = ("c1", "IND-1: target and realisation", ["2024", "2025", "2026"],
            [("Target", [40.0, 60.0, 80.0]), ("Realisation", [32.5, None, None])])
    chart = charts.bars(*args, unknown="not known", y_label="%")
    again = charts.bars(*args, unknown="not known", y_label="%")
    assert chart.svg == again.svg and chart.mermaid == again.mermaid  # same input, same bytes
    svg = chart.svg
    assert re.search(r'<svg [^>]*role="img"[^>]*aria-labelledby="c1-t c1-d"', svg)
    desc = re.search(r'<desc id="c1-d">(.*?)</desc>', svg).group(1)
    assert "2024: Target: 40, Realisation: 32.5" in desc and "2025: Target: 60, Realisation: not known" in desc
    bars = re.findall(r'<g><title>[^<]*</title><rect x="[^"]+" y="[^"]+" width="[^"]+" height="([^"]+)" '
                      r'fill="(#[0-9a-f]{6})"', svg)
    assert len([h for h, _ in bars]) == 4  # three targets, one realisation: no zero-height bar for not known
    assert svg.count(">?</text>") == 2 and "? = not known" in svg
    assert '"2025"' not in chart.mermaid and '"2024"' in chart.mermaid  # Mermaid has no gaps: left out
    fills = sorted({f for _, f in bars}, key=_luminance)
    assert len(fills) == 2 and _luminance(fills[1]) - _luminance(fills[0]) > 0.3  # apart in grey
    assert charts.bars("c2", "t", ["2024"], [("x", [None])], unknown="not known").empty


def test_validate_checks_the_evaluation_files(cli, example_copy):
    repo = example_copy("garut")
    second = repo / "evaluations" / "2025-ulang.yaml"
    second.write_text("# salinan\nyear: 2025\nrecommendations:\n  - {text: Perbaiki data., opd: Dinas-X}\n"
                      "dimension_scores:\n  - {dimension: smart-health, score: 3}\n", encoding="utf-8")
    r = cli("validate", repo)
    assert r.returncode == 1
    # files are taken in path order: 2025-ulang.yaml first, so 2025.yaml (its year on line 3) is the second
    assert "evaluations/2025.yaml:3:7: error KC020 a second evaluation of 2025" in r.stdout
    assert "2025 also in evaluations/2025-ulang.yaml" in r.stdout
    assert "evaluations/2025-ulang.yaml:4:" in r.stdout and "Dinas-X" in r.stdout  # an OPD opd.yaml lacks
    assert "evaluations/2025-ulang.yaml:6:" in r.stdout and "smart-health" in r.stdout  # not a dimension
    assert "KC021" in r.stdout


def test_a_programme_without_name_dimension_or_owner_is_reported_as_not_known(cli, example_copy, tmp_path):
    repo = example_copy("garut")
    prog = repo / "programmes" / "economy" / "prg-eco-03-data-kesejahteraan.yaml"
    text = prog.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^(name|dimension|element|owner): .*\n", "", text)
    prog.write_text(re.sub(r"(?m)^supporting:\n(  - .*\n)+", "", text), encoding="utf-8")
    assert cli("validate", repo).returncode == 0
    done = api.open(repo).report(2025, ["md", "html"])
    assert done.ok, done.diagnostics
    row_ = next(r for r in done.figures.outcome if r.dimension == "")  # counted, under "not known"
    assert row_.planned == 1
    text = done.contents[f"{STEM}.md"].decode()
    assert row(section(text, "## 4."), "belum diketahui")[1] == "1"
    r = cli("render", repo, "--format", "html", "--out", tmp_path / "site")
    assert r.returncode == 0, r.stderr
    dashboard = (tmp_path / "site" / "dasbor.html").read_text(encoding="utf-8")
    line = next(x for x in dashboard.splitlines() if "PRG-ECO-03</a>" in x)
    assert line.count("belum diketahui") >= 3 and "None" not in line
