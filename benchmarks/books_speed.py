"""How long the books of Garut take, next to what a user would otherwise do.

kotacerdas: every book as PDF (Typst) and as Word (python-docx), from a prepared plan (validated once;
the chapters rendered from their templates inside each run), median of 3 runs, wall-clock and CPU time
(the machine may be shared: CPU time is what the work costs). Targets: PDF under 3 s, DOCX under 1.5 s.

Otherwise: before `render --format pdf` the only print path was the browser's print dialog on the HTML
book, measured here as Debian's Chromium printing `masterplan.html` headless (no page numbers, no cover,
a daftar isi without page numbers); for Word, LibreOffice Writer converting the same HTML to .docx
(headless). Each is measured only when installed; `--weasyprint` adds WeasyPrint on the HTML book (the
engine compared with Typst in docs/books.md; needs Pango).

    .venv/bin/python benchmarks/books_speed.py [--weasyprint]
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kotacerdas.render.books import books_of
from kotacerdas.render.engine import Renderer
from kotacerdas.validate import validate

GARUT = Path(__file__).resolve().parent.parent / "examples" / "garut"


def timed(fn, runs: int = 3) -> tuple[float, float]:
    """Median wall-clock and CPU seconds (this process and its children) of `runs` calls."""
    walls, cpus = [], []
    for _ in range(runs):
        t, c = time.perf_counter(), _cpu()
        fn()
        walls.append(time.perf_counter() - t)
        cpus.append(_cpu() - c)
    return statistics.median(walls), statistics.median(cpus)


def _cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def row(label: str, figures: tuple[float, float], note: str = "") -> None:
    wall, cpu = figures
    print(f"{label:<58} {wall:6.2f} s  {cpu:6.2f} s   {note}")


def main() -> int:
    from kotacerdas.render.docx import docx_files
    from kotacerdas.render.pdf import pdf_files

    mp = validate(GARUT).masterplan
    print(f"Garut ({len(books_of(Renderer(mp)))} books); load average {os.getloadavg()[0]:.1f} on "
          f"{os.cpu_count()} cores")
    print(f"{'':<58} {'wall':>8}  {'CPU':>8}")

    def pdf():
        r = Renderer(mp)
        assert pdf_files(r, books_of(r)).ok

    def word():
        r = Renderer(mp)
        assert docx_files(r, books_of(r)).ok

    row("kotacerdas render --format pdf (Typst), all books", timed(pdf), "target < 3 s")
    row("kotacerdas render --format docx (python-docx), all books", timed(word), "target < 1.5 s")

    html = Renderer(mp).render("html", single=True).files["masterplan.html"]
    with tempfile.TemporaryDirectory(prefix="kotacerdas-bench-") as tmp:
        page = Path(tmp) / "masterplan.html"
        page.write_bytes(html)
        chromium = shutil.which("chromium")
        if chromium:
            def browser():
                subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                                f"--user-data-dir={tmp}/profile", f"--print-to-pdf={tmp}/chromium.pdf",
                                "--no-pdf-header-footer", page.as_uri()],
                               check=True, capture_output=True, timeout=300)
            row("otherwise: Chromium prints the single HTML book", timed(browser, 1), "no page numbers, no cover")
        soffice = shutil.which("soffice")
        if soffice:
            def writer():
                subprocess.run([soffice, f"-env:UserInstallation=file://{tmp}/lo", "--headless", "--convert-to",
                                "docx:MS Word 2007 XML", "--outdir", f"{tmp}/lo-out", str(page)],
                               check=True, capture_output=True, timeout=600)
            row("otherwise: LibreOffice converts the HTML book to .docx", timed(writer, 1),
                "HTML styles, no Word headings")
    if "--weasyprint" in sys.argv:
        import weasyprint

        row("WeasyPrint on the single HTML book", timed(lambda: weasyprint.HTML(string=html.decode()).write_pdf(), 1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
