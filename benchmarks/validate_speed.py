"""End-to-end speed of the command line: process start to exit, as a user (or CI) experiences it.

    .venv/bin/python benchmarks/validate_speed.py [--runs 15] [--repo examples/garut] [--profile]

Times, with the installed `kotacerdas` console script next to this Python:

- `kotacerdas validate <repo>` (default examples/garut; output discarded), as text and as JSON, with the
  content cache (docs/scale.md; warm after the first run) and with --no-cache,
- `kotacerdas --version` and `kotacerdas --help` (start-up alone),
- `python -c pass` (the interpreter's own start-up, the floor),

each run --runs times (at least 10), reporting the median, min and max wall-clock seconds and the median
CPU seconds (user + system; steadier than wall time on a busy machine). The aim is under 0.3 s for
`validate` of one regency on a 2-core machine.

--profile additionally prints the 15 slowest imports of `validate` (python -X importtime, cumulative) and
the 15 functions with the most cumulative time (cProfile), which is where to look when the aim is missed.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _bench import compile_kotacerdas

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
KOTACERDAS = BIN / "kotacerdas"


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def timed(cmd: list[str], runs: int) -> tuple[float, float, float, float, int]:
    """Wall-clock median, min, max and median CPU seconds (user+system) of `runs` runs. CPU time is what
    to compare when the machine is busy: wall time then includes waiting for a core."""
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "GITHUB_ACTIONS")}
    times, cpu = [], []
    code = 0
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)  # warm the disk cache
    for _ in range(runs):
        c0 = _cpu()
        t0 = time.perf_counter()
        code = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env).returncode
        times.append(time.perf_counter() - t0)
        cpu.append(_cpu() - c0)
    return statistics.median(times), min(times), max(times), statistics.median(cpu), code


def importtime(args: list[str], top: int = 15) -> list[tuple[int, str]]:
    code = "import sys; from kotacerdas.cli import main; sys.argv = ['kotacerdas', *sys.argv[1:]]; main()"
    r = subprocess.run([sys.executable, "-X", "importtime", "-c", code, *args], capture_output=True, text=True)
    rows = []
    for line in r.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)", line)
        if m:
            rows.append((int(m.group(2)), len(m.group(3)), m.group(4)))
    # top-level packages first: the cumulative time of imports nested at most two levels deep
    rows = [(cum, name) for cum, depth, name in rows if depth <= 3]
    return sorted(rows, reverse=True)[:top]


def cprofile(args: list[str], top: int = 15) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "prof"
        subprocess.run([sys.executable, "-m", "cProfile", "-o", str(out), "-m", "kotacerdas", *args],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        import io
        import pstats

        buf = io.StringIO()
        pstats.Stats(str(out), stream=buf).sort_stats("cumulative").print_stats(top)
        return buf.getvalue()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--repo", type=Path, default=ROOT / "examples" / "garut")
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args(argv)
    compile_kotacerdas()
    runs = max(args.runs, 10)
    repo = args.repo
    if not (repo / "kotacerdas.yaml").is_file():
        print(f"no masterplan repository at {repo}", file=sys.stderr)
        return 2
    n_files = sum(1 for p in repo.rglob("*") if p.suffix in (".yaml", ".yml", ".md"))
    load = os.getloadavg()[0]
    print(f"{runs} runs each; {os.cpu_count()} CPUs, load average {load:.1f} at start; python "
          f"{sys.version.split()[0]}; {repo} ({n_files} files)")
    rows = [
        ("python -c pass", [sys.executable, "-c", "pass"]),
        ("kotacerdas --version", [str(KOTACERDAS), "--version"]),
        ("kotacerdas --help", [str(KOTACERDAS), "--help"]),
        (f"kotacerdas validate {_shown(repo)}", [str(KOTACERDAS), "validate", str(repo)]),
        (f"kotacerdas validate {_shown(repo)} -f json", [str(KOTACERDAS), "validate", str(repo), "-f", "json"]),
        (f"kotacerdas validate {_shown(repo)} --no-cache",
         [str(KOTACERDAS), "validate", str(repo), "--no-cache"]),
    ]
    print()
    print("| command | median (s) | min (s) | max (s) | CPU median (s) | exit |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, cmd in rows:
        med, lo, hi, cpu, code = timed(cmd, runs)
        print(f"| `{label}` | {med:.3f} | {lo:.3f} | {hi:.3f} | {cpu:.3f} | {code} |", flush=True)
    if args.profile:
        print("\nslowest imports of `validate` (cumulative µs, python -X importtime):")
        for cum, name in importtime(["validate", str(repo)]):
            print(f"  {cum:>8}  {name}")
        print("\ncProfile of `validate` (cumulative):")
        print(cprofile(["validate", str(repo)]))
    return 0


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


if __name__ == "__main__":
    sys.exit(main())
