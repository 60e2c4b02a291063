"""How long rendering a masterplan takes: both formats, end to end.

    .venv/bin/python benchmarks/render_speed.py [--runs 7] [--repo examples/garut] [--profile]

Four measurements, each the median of --runs fresh runs, as wall-clock and CPU seconds:

1. **library, both formats**: a fresh Python process imports kotacerdas, loads and validates the
   repository, renders Markdown and HTML (one `Renderer`, so the chapter bodies are rendered once) and
   keeps the files in memory. Timed inside the process from before the imports to the last file, so it
   leaves out only the interpreter's own start-up. Templates compiled from scratch (no cache). The aim:
   under 0.5 s for Garut. Also shown: the part after the imports (load, validate, render).
2. the same with the cache folder filled by an earlier run (the command's default): compiled templates and the
   HTML pages converted from unchanged Markdown come from it (an unchanged repository, as in `render --check`).
3. the same after one programme's problem statement was edited (a copy of the repository, edited before every
   run): the pages showing it are converted again, the rest come from the cache.
4. **command line**, start-up included, with the cache, output unchanged so no file is rewritten: one command
   `kotacerdas render <repo> --format md --format html --out DIR`, and the two commands `--format md` then
   `--format html`. Also one command with `--no-cache` (every template compiled, every page converted).

--profile prints the 20 functions with the most cumulative time of measurement 1.
"""

from __future__ import annotations

import argparse
import json
import os
import re
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

INNER = r"""
import json, sys, time
t0 = time.perf_counter()
c0 = time.process_time()
from pathlib import Path
from kotacerdas.render.engine import Renderer
from kotacerdas.render.environment import use_disk_cache
from kotacerdas.validate import validate
ti = time.perf_counter()
cache = sys.argv[2]
use_disk_cache(Path(cache) if cache else None)
v = validate(Path(sys.argv[1]))
assert v.ok, "the repository does not validate"
r = Renderer(v.masterplan)
md = r.render("md")
html = r.render("html")
assert md.ok and html.ok
t1 = time.perf_counter()
print(json.dumps({"seconds": t1 - t0, "after_imports": t1 - ti, "cpu": time.process_time() - c0, "files": len(md.files) + len(html.files),
                  "bytes": sum(map(len, md.files.values())) + sum(map(len, html.files.values()))}))
"""


def inner(repo: Path, cache: str) -> dict:
    r = subprocess.run([sys.executable, "-c", INNER, str(repo), cache], capture_output=True, text=True, check=True)
    return json.loads(r.stdout)


def edit_one_programme(repo: Path, n: int) -> Path:
    """Give the first programme (in path order) a new problem statement, different on every call."""
    path = sorted((repo / "programmes").rglob("*.yaml"))[0]
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^problem:.*(\n  .*)*", f"problem: Masalah yang ditulis ulang, versi {n}.", text, count=1)
    path.write_text(text, encoding="utf-8")
    return repo


def cli(repo: Path, out: Path, cache: str, commands: list[list[str]]) -> tuple[float, float]:
    env = dict(os.environ, KOTACERDAS_CACHE_DIR=cache)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    for extra in commands:
        subprocess.run([str(KOTACERDAS), "render", str(repo), *extra, "--out", str(out)],
                       check=True, stdout=subprocess.DEVNULL, env=env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return time.perf_counter() - t0, cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--repo", type=Path, default=ROOT / "examples" / "garut")
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()
    compile_kotacerdas()
    runs = max(3, args.runs)
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "cache"
        cold = [inner(args.repo, "") for _ in range(runs)]
        inner(args.repo, str(cache))  # fill the cache
        warm = [inner(args.repo, str(cache)) for _ in range(runs)]
        copy = Path(tmp) / "copy"
        shutil.copytree(args.repo, copy)
        edited = [inner(edit_one_programme(copy, n), str(cache)) for n in range(runs)]
        out = Path(tmp) / "out"
        one, two, nocache = [["--format", "md", "--format", "html"]], [["--format", "md"], ["--format", "html"]], \
            [["--format", "md", "--format", "html", "--no-cache"]]
        cli(args.repo, out, str(cache), one)  # first write and cache fill
        command_one = [cli(args.repo, out, str(cache), one) for _ in range(runs)]
        command_two = [cli(args.repo, out, str(cache), two) for _ in range(runs)]
        command_cold = [cli(args.repo, out, str(cache), nocache) for _ in range(runs)]

    def show(label: str, wall: list[float], cpu: list[float]) -> None:
        print(f"{label:55s} wall median {statistics.median(wall):.3f} s (min {min(wall):.3f})   "
              f"CPU median {statistics.median(cpu):.3f} s")

    print(f"repository: {args.repo}  ({cold[0]['files']} files, {cold[0]['bytes']:,} bytes rendered; "
          f"{runs} runs; {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f})")
    show("library, md + html, templates compiled (no cache)", [r["seconds"] for r in cold], [r["cpu"] for r in cold])
    show("library, md + html, from the cache (nothing changed)", [r["seconds"] for r in warm],
         [r["cpu"] for r in warm])
    print(f"{'  of which after the imports (load, validate, render)':55s} wall median "
          f"{statistics.median([r['after_imports'] for r in warm]):.3f} s")
    show("library, md + html, after one programme was edited", [r["seconds"] for r in edited],
         [r["cpu"] for r in edited])
    show("command line, render --format md --format html", [w for w, _ in command_one], [c for _, c in command_one])
    show("command line, the same with --no-cache", [w for w, _ in command_cold], [c for _, c in command_cold])
    show("command line, --format md, then --format html", [w for w, _ in command_two], [c for _, c in command_two])
    print("(wall time is what a user waits; CPU time is what it costs, and is less disturbed by other work "
          "on the machine: compare wall and CPU to see whether the machine was busy)")
    if args.profile:
        import cProfile
        import pstats

        code = INNER.replace("print(json.dumps", "0 and print(json.dumps")
        sys.argv = ["x", str(args.repo), ""]
        prof = cProfile.Profile()
        prof.enable()
        exec(compile(code, "<render>", "exec"), {"__name__": "__bench__"})
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(20)


if __name__ == "__main__":
    main()
