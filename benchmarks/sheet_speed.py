"""How fast `kotacerdas sheet export` and `sheet import` are, next to a plain openpyxl load and save of
the same workbook (what any tool that touches the file pays at least).

    python benchmarks/sheet_speed.py [--runs N]

Measures, in one process (as a command runs, repository load included; the best of N runs):
  1. Garut (examples/garut), every OPD on its own: export of its 2025 workbook, and import of that
     workbook with one edited cell (written into a fresh copy each run). Goal: under 1 s each.
  2. A generated repository of 5,000 indicators (1,000 programmes, plan 2024-2033): export of the 2025
     workbook and its import with 50 edited cells. Goal: under 10 s each.
  3. The same as one command line process (`kotacerdas sheet export/import`), start-up included.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

import make_corpus as mc  # noqa: E402
from _bench import ROOT, compile_kotacerdas  # noqa: E402

GARUT = ROOT / "examples" / "garut"


def best(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def generated(root: Path, n_ind: int = 5000, n_prog: int = 1000) -> Path:
    rng = random.Random(16)
    start = 2024
    mc.write(root / "kotacerdas.yaml", mc.CONFIG)
    mc.write(root / "plan.yaml", mc.plan_yaml("32.05", "kabupaten", "Kabupaten Contoh", "Jawa Barat", start, rng))
    mc.write(root / "narasi" / "latar-belakang.md", "# Latar Belakang\n\nContoh.\n")
    text, opds = mc.opd_yaml(rng)
    mc.write(root / "opd.yaml", text)
    dims = list(mc.DIMENSIONS)
    ids: dict[str, list[str]] = {d: [] for d in dims}
    for i in range(n_ind):
        d = dims[i % len(dims)]
        iid = f"IND-{d[:3].upper()}-{i:04d}"
        ids[d].append(iid)
        mc.write(root / "indicators" / d / f"{iid.lower()}.yaml", mc.indicator_yaml(iid, start, rng))
    for i in range(n_prog):
        d = dims[i % len(dims)]
        pid = f"PRG-{d[:3].upper()}-{i:04d}"
        mc.write(root / "programmes" / d / f"{pid.lower()}.yaml", mc.programme_yaml(pid, d, start, rng, opds, ids[d]))
    return root


def edit_cells(book: Path, n: int) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(book)
    ws = wb["Indikator"]
    heads = [c.value for c in ws[1]]
    col = heads.index("Realisasi") + 1
    rows = list(range(2, ws.max_row + 1))
    for r in rows[:: max(1, len(rows) // n)][:n]:
        ws.cell(row=r, column=col, value=77.5)
    wb.save(book)


def plain_openpyxl(book: Path) -> float:
    import openpyxl

    def once():
        wb = openpyxl.load_workbook(book)
        wb.save(book.with_suffix(".plain.xlsx"))

    return best(once, 1)


def measure(repo: Path, book: Path, runs: int, opds: list[str] | None, edits: int, tmp: Path) -> tuple[float, float]:
    from kotacerdas.sheets import export as ex
    from kotacerdas.sheets.importer import import_books
    from kotacerdas.sheets.loading import load

    t_export = best(lambda: ex.export(load(repo), book, opds, [2025], "id", False), runs)
    edit_cells(book, edits)
    copies: list[Path] = []

    def imp():
        target = tmp / f"copy-{len(copies)}"
        shutil.copytree(repo, target)
        copies.append(target)
        t = time.perf_counter()
        res = import_books(load(target), [book])
        elapsed = time.perf_counter() - t
        assert not res.errors and res.written, res.diagnostics[:3]
        shutil.rmtree(target)
        return elapsed

    t_import = min(imp() for _ in range(runs))
    return t_export, t_import


def cli(args: list[str]) -> float:
    exe = Path(sys.executable).with_name("kotacerdas")
    t = time.perf_counter()
    subprocess.run([str(exe), *args], check=True, capture_output=True)
    return time.perf_counter() - t


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args(argv)
    compile_kotacerdas()
    from kotacerdas.sheets.export import _opds_with_rows
    from kotacerdas.sheets.loading import load

    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        print(f"1. Garut, one workbook per OPD, year 2025 (best of {a.runs}; s)")
        print(f"   {'OPD':<14}{'export':>8}{'import':>8}{'openpyxl load+save':>20}")
        rows = []
        for opd in _opds_with_rows(load(GARUT), [2025], "id"):
            book = tmp / f"{opd.lower()}-2025.xlsx"
            e, i = measure(GARUT, book, a.runs, [opd], 1, tmp)
            p = plain_openpyxl(book)
            rows.append((e, i))
            print(f"   {opd:<14}{e:8.3f}{i:8.3f}{p:20.3f}")
        print(f"   slowest: export {max(r[0] for r in rows):.3f} s, import {max(r[1] for r in rows):.3f} s "
              f"(median {statistics.median(r[0] for r in rows):.3f} / {statistics.median(r[1] for r in rows):.3f});"
              " goal < 1 s each")

        big = generated(tmp / "big")
        book = tmp / "big-2025.xlsx"
        e, i = measure(big, book, 1, None, 50, tmp)
        p = plain_openpyxl(book)
        print("2. 5,000 indicators, 1,000 programmes, year 2025 (s)")
        print(f"   export {e:.3f}   import (50 edits) {i:.3f}   openpyxl load+save of the same workbook {p:.3f};"
              " goal < 10 s each")

        print("3. Command line, start-up included (s)")
        out = tmp / "cli.xlsx"
        g = str(GARUT)
        lines = [
            ("sheet export garut --opd Dinkes --year 2025", ["export", g, "--opd", "Dinkes", "--year", "2025",
                                                               "--out", str(out)]),
            ("sheet import garut dinkes.xlsx --dry-run", ["import", g, str(out), "--dry-run"]),
            ("sheet export garut --split --year 2025", ["export", g, "--split", "--year", "2025",
                                                          "--out", str(tmp / "split")]),
        ]
        for label, args in lines:
            print(f"   {label:<48}{cli(['sheet', *args]):7.3f}")
        books = sorted(str(p) for p in (tmp / "split").iterdir())
        label = f"sheet import garut (all {len(books)} workbooks) --dry-run"
        print(f"   {label:<48}"
              f"{cli(['sheet', 'import', g, *books, '--dry-run']):7.3f}")
        print(f"   {'sheet export big --year 2025':<48}"
              f"{cli(['sheet', 'export', str(big), '--year', '2025', '--out', str(out)]):7.3f}")
        edit_cells(out, 50)
        print(f"   {'sheet import big (50 edits) --dry-run':<48}"
              f"{cli(['sheet', 'import', str(big), str(out), '--dry-run']):7.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
