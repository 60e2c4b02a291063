"""The dashboard page and the HTML monitoring report in a real browser (Debian's Chromium, headless,
through Playwright, as tests/test_render_browser.py): filters change the visible rows and the counts, the
search finds a programme, the keyboard reaches the filters, no console error and no request leaves the
output folder; without JavaScript the whole table is there. Screenshots go to the test's tmp folder."""

from __future__ import annotations

import shutil
from pathlib import Path


from .conftest import run_cli

EXAMPLES = Path(__file__).parent.parent / "examples"


def invoke(*args: str) -> None:
    r = run_cli(*args)
    assert r.returncode == 0, r.stdout + r.stderr


def watch(page, out: Path) -> tuple[list[str], list[str]]:
    problems: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: problems.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    page.on("request", lambda r: requests.append(r.url))
    return problems, requests


def visible_rows(page) -> int:
    return page.locator("#programmes tbody tr:visible").count()


def test_dashboard_filters_search_and_counts(browser, tmp_path):
    out = tmp_path / "site"
    invoke("render", str(EXAMPLES / "garut"), "--format", "html", "--out", str(out))
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    problems, requests = watch(page, out)
    page.goto((out / "dasbor.html").as_uri(), wait_until="load")
    page.wait_for_load_state("networkidle")
    total = page.locator("#programmes tbody tr").count()
    assert total == 27 and visible_rows(page) == total
    assert page.locator("#count-shown").inner_text() == "27"
    assert page.locator("#filters").is_visible()  # the script showed the filters

    page.select_option("select[name=dimension]", "governance")
    assert visible_rows(page) == 5
    assert page.locator("#count-shown").inner_text() == "5"
    assert page.locator("#count-qw").inner_text() == "1"
    assert page.locator('#dim-chart text.value[data-dimension="branding"]').text_content() == "0"

    page.select_option("select[name=qw]", "yes")
    assert visible_rows(page) == 1 and page.locator("#count-shown").inner_text() == "1"
    page.click("button[type=reset]")
    page.wait_for_function("document.getElementById('count-shown').textContent === '27'")

    page.fill("input[name=q]", "sukaregang")
    assert visible_rows(page) == 1
    assert "PRG-ECO-02" in page.locator("#programmes tbody tr:visible").inner_text()
    page.fill("input[name=q]", "")

    page.select_option("select[name=year]", "2024")  # programmes that run in 2024
    in_2024 = visible_rows(page)
    assert 0 < in_2024 < total and page.locator("#count-shown").inner_text() == str(in_2024)
    page.click("button[type=reset]")

    # by keyboard: from the page's first link, Tab reaches the first filter, an arrow key chooses a dimension
    page.focus("header a")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "dimension"
    page.keyboard.press("ArrowDown")
    page.wait_for_function("document.getElementById('count-shown').textContent !== '27'")

    shot = tmp_path / "dashboard.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert not problems, problems
    assert [u for u in requests if not u.startswith(out.as_uri() + "/")] == []
    page.close()


def test_dashboard_without_javascript_lists_every_programme(browser, tmp_path):
    out = tmp_path / "site"
    invoke("render", str(EXAMPLES / "garut"), "--format", "html", "--out", str(out))
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((out / "dasbor.html").as_uri())
    assert visible_rows(page) == 27
    assert not page.locator("#filters").is_visible()  # filters that could not work are not offered
    context.close()


def test_html_report_offline_with_charts(browser, tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLES / "tuban", repo)
    rec = repo / "evaluations" / "2024.yaml"
    rec.write_text(rec.read_text(encoding="utf-8").replace(
        "text: Laporkan setiap target",
        "text: <script>window.__pwned=1</script><img src=x onerror=window.__pwned=2> Laporkan"),
        encoding="utf-8")
    out = tmp_path / "laporan"
    invoke("report", str(repo), "--year", "2025", "--format", "html", "--out", str(out))
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    problems, requests = watch(page, out)
    page.goto((out / "laporan-monev-2025.html").as_uri(), wait_until="load")
    page.wait_for_load_state("networkidle")
    assert requests == [(out / "laporan-monev-2025.html").as_uri()]  # one file: CSS and charts inline
    assert page.locator("svg.chart").count() >= 4 and page.locator("svg.chart").first.is_visible()
    assert page.evaluate("window.__pwned === undefined")
    assert page.get_by_text("<script>window.__pwned=1</script>", exact=False).first.is_visible()
    page.emulate_media(media="print")
    assert page.pdf(format="A4")[:4] == b"%PDF"
    page.screenshot(path=str(tmp_path / "report.png"), full_page=False)
    assert not problems, problems
    page.close()
