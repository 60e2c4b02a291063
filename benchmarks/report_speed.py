"""How long `kotacerdas report` takes: one kab/kota's yearly report, and a province rolled up over its tree.

    .venv/bin/python benchmarks/report_speed.py [--runs 5] [--year 2025]

Measured, each the median of --runs runs, wall-clock and CPU seconds (children's CPU for commands):

1. **Garut**: `kotacerdas report examples/garut --year 2025 --format md,html` as a command (start-up
   included, the cache filled by an earlier run, as a user runs it), and as a library call in a fresh
   process (api.open(...).report, from before the imports). The aim: under 0.5 s. Next to it, what a
   user runs on the same repository otherwise: `kotacerdas validate` (reading and checking it) and
   `kotacerdas render --format md,html` (the book), and markdown-it-py alone turning the report's
   Markdown into HTML (the floor of the HTML step).
2. **A province over 28 repositories**: Jawa Barat listing 27 kab/kota, each a copy of Garut (with its
   evaluation years) under its own region code, in one tree: `kotacerdas report TREE --year 2025 --format
   md,html` writes 28 reports and the province's roll-up. The aim: under 3 s. Next to it `kotacerdas
   validate TREE` (what gives a province its coverage today) and `kotacerdas render TREE --format html`.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _bench import compile_kotacerdas

ROOT = Path(__file__).resolve().parent.parent
KOTACERDAS = Path(sys.executable).parent / "kotacerdas"
GARUT = ROOT / "examples" / "garut"

INNER = r"""
import json, sys, time
t0 = time.perf_counter(); c0 = time.process_time()
from kotacerdas import api
done = api.open(sys.argv[1]).report(int(sys.argv[2]), ["md", "html"])
assert done.status == "built", done.status
print(json.dumps({"seconds": time.perf_counter() - t0, "cpu": time.process_time() - c0,
                  "bytes": sum(map(len, done.contents.values()))}))
"""

MARKDOWN_IT = r"""
import json, sys, time
t0 = time.perf_counter(); c0 = time.process_time()
from markdown_it import MarkdownIt
text = open(sys.argv[1], encoding="utf-8").read()
MarkdownIt("commonmark").enable("table").render(text)
print(json.dumps({"seconds": time.perf_counter() - t0, "cpu": time.process_time() - c0}))
"""


def command(args: list[str], env: dict) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    r = subprocess.run([str(KOTACERDAS), *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode != 0:
        raise SystemExit(f"kotacerdas {' '.join(args)} failed ({r.returncode}): {r.stderr.decode()[:2000]}")
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def python(code: str, *args: str) -> dict:
    r = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
    return json.loads(r.stdout)


def province_tree(root: Path) -> Path:
    """Jawa Barat (27 kab/kota) with every member a copy of Garut under its own code and name."""
    tree = root / "jabar"
    subprocess.run([str(KOTACERDAS), "init", str(tree), "-c", "32", "-n", "Provinsi Jawa Barat"], check=True,
                   stdout=subprocess.DEVNULL)
    codes = [f"32.{n:02d}" for n in range(1, 19)] + [f"32.{n}" for n in range(71, 80)]
    members = [(c, f"Kabupaten Contoh {c}" if int(c[3:]) < 71 else f"Kota Contoh {c}") for c in codes]
    plan = tree / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        "members: []", "members:\n" + "".join(f'  - {{code: "{c}", name: {n}}}\n' for c, n in members)),
        encoding="utf-8")
    for code, name in members:
        dest = tree / code
        shutil.copytree(GARUT, dest)
        p = dest / "plan.yaml"
        text = p.read_text(encoding="utf-8").replace('code: "32.05"', f'code: "{code}"')
        text = text.replace("name: Kabupaten Garut", f"name: {name}", 1)
        if name.startswith("Kota"):
            text = text.replace("level: kabupaten", "level: kota", 1)
        p.write_text(text, encoding="utf-8")
    return tree


def show(label: str, runs: list[tuple[float, float]], aim: float | None = None) -> None:
    wall = statistics.median(w for w, _ in runs)
    cpu = statistics.median(c for _, c in runs)
    verdict = "" if aim is None else f"   (aim < {aim:.1f} s: {'met' if wall < aim else 'NOT met'})"
    print(f"  {label:62s} wall {wall:6.3f} s   CPU {cpu:6.3f} s{verdict}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--year", type=int, default=2025)
    args = ap.parse_args()
    compile_kotacerdas()
    runs, year = max(3, args.runs), str(args.year)
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        env = dict(os.environ, KOTACERDAS_CACHE_DIR=str(base / "cache"))
        out = base / "out"
        report = ["report", str(GARUT), "--year", year, "--format", "md,html", "--out", str(out)]
        command(report, env)  # first write, cache filled
        print(f"Garut, report {year} (md + html); {runs} runs; {os.cpu_count()} CPUs, "
              f"load average {os.getloadavg()[0]:.2f}")
        show("kotacerdas report --format md,html (command, cache)", [command(report, env) for _ in range(runs)],
             0.5)
        lib = [python(INNER, str(GARUT), year) for _ in range(runs)]
        show("api.open(...).report(...) in a fresh process, both formats", [(r["seconds"], r["cpu"]) for r in lib],
             0.5)
        show("next to: kotacerdas validate (read and check the repository)",
             [command(["validate", str(GARUT)], env) for _ in range(runs)])
        render = ["render", str(GARUT), "--format", "md,html", "--out", str(base / "book")]
        command(render, env)
        show("next to: kotacerdas render --format md,html (the book)", [command(render, env) for _ in range(runs)])
        md = out / f"laporan-monev-{year}.md"
        floor = [python(MARKDOWN_IT, str(md)) for _ in range(runs)]
        show("next to: markdown-it-py alone, the report's Markdown to HTML", [(r["seconds"], r["cpu"]) for r in floor])

        tree = province_tree(base)
        count = len([p for p in tree.rglob("kotacerdas.yaml")])
        tree_report = ["report", str(tree), "--year", year, "--format", "md,html", "--out", str(base / "laporan")]
        command(tree_report, env)
        print(f"\nA province rolled up over {count} repositories (Jawa Barat and 27 kab/kota, each Garut-sized)")
        show("kotacerdas report TREE --format md,html (command, cache)",
             [command(tree_report, env) for _ in range(runs)], 3.0)
        show("next to: kotacerdas validate TREE (coverage as validate counts it)",
             [command(["validate", str(tree)], env) for _ in range(runs)])
        tree_render = ["render", str(tree), "--format", "html", "--out", str(base / "books")]
        command(tree_render, env)
        show("next to: kotacerdas render TREE --format html (the books)",
             [command(tree_render, env) for _ in range(runs)])
    print("(wall time is what a user waits; CPU time is what it costs and is less disturbed by other work on "
          "the machine)")


if __name__ == "__main__":
    main()
