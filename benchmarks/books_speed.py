"""How long the books of Garut take: every book as PDF (Typst) and as Word (python-docx), from a prepared
plan (validated, context built), median of 3 runs. Targets: PDF under 3 s, DOCX under 1.5 s. Next to it,
what a user would otherwise do: WeasyPrint on the single HTML book (if installed; needs Pango).

    .venv/bin/python benchmarks/books_speed.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from kotacerdas.render.books import books_of
from kotacerdas.render.engine import Renderer
from kotacerdas.validate import validate

GARUT = Path(__file__).resolve().parent.parent / "examples" / "garut"


def timed(fn, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> int:
    from kotacerdas.render.docx import docx_files
    from kotacerdas.render.pdf import pdf_files

    mp = validate(GARUT).masterplan

    def pdf():
        r = Renderer(mp)
        assert pdf_files(r, books_of(r)).ok

    def word():
        r = Renderer(mp)
        assert docx_files(r, books_of(r)).ok

    print(f"Garut, all books as PDF  (Typst):       {timed(pdf):6.2f} s   (target < 3 s)")
    print(f"Garut, all books as DOCX (python-docx): {timed(word):6.2f} s   (target < 1.5 s)")
    if "--weasyprint" in sys.argv:
        import weasyprint

        html = Renderer(mp).render("html", single=True).files["masterplan.html"].decode()
        print(f"WeasyPrint, the single HTML book:       {timed(lambda: weasyprint.HTML(string=html).write_pdf(), 1):6.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
