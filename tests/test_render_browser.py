"""The rendered HTML in a real browser: Debian's Chromium, headless, driven by Playwright (never
`playwright install`: the browser is the system one, installed by .ci/run with apt-get).

Every page (index, each chapter, --single) loads with no console error or warning, no failed request and
no request other than file:// inside the output folder; the roadmap's SVG and the tables are visible; the
pages fit a phone's width (tables scroll inside their own box); a PNG screenshot of the roadmap page is
written into the test's tmp folder (and printed, to look at).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import run_cli

HERE = Path(__file__).parent

def repositories():
    out = [("fixture", HERE / "render" / "fixture")]
    garut = HERE.parent / "examples" / "garut"
    golden = HERE / "render" / "golden" / "garut"
    if golden.is_dir():  # Garut renders (its goldens exist): open it too
        out.append(("garut", garut))
    return out


def render(tmp_path: Path, source: Path, *extra: str) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(source, repo)
    out = tmp_path / "site"
    r = run_cli("render", repo, "--format", "html", "--out", out, *extra)
    assert r.returncode == 0, r.stdout + r.stderr
    return out


def open_page(browser, path: Path, out: Path, width: int = 1200):
    page = browser.new_page(viewport={"width": width, "height": 900})
    problems: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning")
            else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed request: {r.url}"))
    page.on("request", lambda r: requests.append(r.url))
    response = page.goto(path.as_uri(), wait_until="load")
    assert response is None or response.ok
    page.wait_for_load_state("networkidle")
    outside = [u for u in requests if not u.startswith(out.as_uri() + "/")]
    assert not outside, f"{path.name} requested {outside}"
    assert not problems, f"{path.name}: {problems}"
    return page, requests


@pytest.mark.parametrize("name,source", repositories(), ids=[n for n, _ in repositories()])
def test_every_page_loads_offline_and_shows_its_content(browser, tmp_path, name, source):
    out = render(tmp_path, source)
    pages = sorted(out.glob("*.html"))
    assert len(pages) == 14  # index + 9 chapters + 3 appendices + the dashboard
    for path in pages:
        page, requests = open_page(browser, path, out)
        assert path.as_uri() in requests
        if path.name != "index.html":
            assert (out / "style.css").as_uri() in requests  # the stylesheet is a local file
            assert page.locator("main h1").first.is_visible()
            # the stylesheet applied: tables are bordered and collapsed
            if page.locator("table").count():
                assert page.locator("table").first.evaluate("t => getComputedStyle(t).borderCollapse") == "collapse"
        for i in range(page.locator("table").count()):
            assert page.locator("table").nth(i).is_visible(), f"{path.name}: table {i} is hidden"
        page.close()

    page, _ = open_page(browser, out / "06-peta-jalan.html", out)
    svg = page.locator("svg.gantt")
    assert svg.count() == 1 and svg.is_visible()
    box = svg.bounding_box()
    assert box["width"] > 300 and box["height"] > 100
    assert page.locator("svg.gantt rect").count() > 5  # the bars are drawn
    assert page.locator("table").first.is_visible()
    shot = tmp_path / f"roadmap-{name}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    print(f"\nroadmap screenshot: {shot}")
    page.close()

    # on a phone: the page itself does not scroll sideways; wide tables scroll in their own box
    page, _ = open_page(browser, out / "07-monitoring-evaluasi.html", out, width=375)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, f"the page is {overflow}px wider than a phone screen"
    page.screenshot(path=str(tmp_path / f"phone-{name}.png"), full_page=False)
    page.close()


def test_single_file_and_print(browser, tmp_path):
    out = render(tmp_path, HERE / "render" / "fixture", "--single")
    page, requests = open_page(browser, out / "masterplan.html", out)
    assert requests == [(out / "masterplan.html").as_uri()]  # CSS inline: one file, one request
    assert page.locator("section.chapter").count() == 12
    assert page.locator("svg.gantt").is_visible()
    page.emulate_media(media="print")
    assert page.locator("section.chapter").nth(1).evaluate("s => getComputedStyle(s).breakBefore") == "page"
    pdf = page.pdf(format="A4")  # prints: one chapter per page run
    assert pdf[:4] == b"%PDF" and pdf.count(b"/Type /Page") >= 12
    (tmp_path / "masterplan.pdf").write_bytes(pdf)
    page.close()


def test_escaped_script_never_runs(browser, tmp_path):
    repo_src = tmp_path / "src"
    shutil.copytree(HERE / "render" / "fixture", repo_src)
    p = repo_src / "programmes" / "governance" / "prg-gov-02.yaml"
    p.write_text(p.read_text().replace("name: Perizinan Terintegrasi",
                                       'name: "<script>window.__pwned = 1</script><img src=x onerror=window.__pwned=2>"'))  # noqa: E501
    out = render(tmp_path / "r", repo_src)
    page, _ = open_page(browser, out / "04-strategi-dan-program.html", out)
    assert page.evaluate("window.__pwned === undefined")
    assert page.get_by_text("<script>window.__pwned = 1</script>", exact=False).first.is_visible()
    page.close()

