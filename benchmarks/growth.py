"""How validate, lint, render and diff grow with the size of a plan: time and peak memory at growing
numbers of programmes and OPDs (CPU seconds), and the slope between sizes (1.0 is linear, 2.0 quadratic), next to the
floor a user's machine sets (libyaml parsing the same files, GNU `diff -r` comparing the two folders).

    python benchmarks/growth.py [--sizes 500 1000 2000] [--commands validate lint render diff]

At size N the plan has N programmes and N OPDs (every programme has an owner and two supporting OPDs, so
the OPD pages and the coverage tables see N × N pairs if a command pairs them), and the programme names
share their letters (the shape that made KC121 compare every pair: issue 19, 1,500 names took lint
70 s). Each command runs in a new process, with a cold cache; peak memory is the child's maximum
resident set (`wait4`). The second side of diff renames a tenth of the programmes and moves a tenth to
other owners.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from _bench import compile_kotacerdas

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "tests" / "cases" / "_base"
KOTACERDAS = Path(sys.executable).parent / "kotacerdas"
WORDS = ["layanan", "publik", "digital", "terpadu", "sistem", "informasi", "desa", "cerdas", "data", "kota"]


def _name(r: random.Random, i: int) -> str:
    words = WORDS[:]
    r.shuffle(words)
    return " ".join(words[:5]).capitalize() + f" {i}"


def make_plan(dest: Path, n: int, *, seed: int = 1, revised: bool = False) -> Path:
    """A valid plan with n programmes and n OPDs (deterministic for a seed)."""
    shutil.copytree(BASE, dest)
    r = random.Random(seed)
    opds = ["Diskominfo", "Setda", "Bappeda"] + [f"OPD{i:05d}" for i in range(n - 3 if n > 3 else 0)]
    with open(dest / "opd.yaml", "w", encoding="utf-8") as fh:
        fh.write("opd:\n")
        for o in opds:
            fh.write(f"  - id: {o}\n    name: Dinas {o}\n")
    template = (BASE / "programmes" / "qw-1.yaml").read_text(encoding="utf-8")
    (dest / "programmes" / "qw-1.yaml").unlink()
    for i in range(n):
        owner = opds[(i * 7 + (1 if revised and i % 10 == 3 else 0)) % len(opds)]
        supporting = [opds[(i * 7 + k) % len(opds)] for k in (1, 2)]
        name = _name(r, i) + (" (revisi)" if revised and i % 10 == 5 else "")
        text = (template.replace("id: QW-GOV-01", f"id: QW-GOV-{i:05d}")
                .replace("name: Mal Pelayanan Publik Digital", f"name: {name}")
                .replace("owner: Diskominfo", f"owner: {owner}")
                .replace("supporting:\n  - Setda", "supporting:\n" + "".join(f"  - {s}\n" for s in supporting
                                                                           if s != owner).rstrip("\n")))
        (dest / "programmes" / f"qw-{i:05d}.yaml").write_text(text, encoding="utf-8")
    return dest


def run(args: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """(CPU seconds, peak MiB, exit code) of one command in a new process. CPU time (user + system, the
    process and the workers it waited for), not wall time: on a shared machine the wall clock measures the
    neighbours too."""
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = usage.ru_utime + usage.ru_stime
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"{' '.join(args)} exited {code}:\n{err[-2000:]}")
    return seconds, usage.ru_maxrss / 1024, code


def commands(work: Path, old: Path, new: Path) -> dict[str, list[str]]:
    k = str(KOTACERDAS)
    return {
        "validate": [k, "validate", str(new), "--no-cache"],
        "lint": [k, "lint", str(new), "--no-cache"],
        "render": [k, "render", str(new), "--format", "md", "--out", str(work / "out")],
        "diff": [k, "diff", str(old), str(new), "--format", "json"],
        "libyaml (floor)": [sys.executable, str(ROOT / "benchmarks" / "libyaml_baseline.py"), str(new),
                            "--workers", "1"],
        "diff -r (floor)": ["diff", "-r", str(old), str(new)],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[500, 1000, 2000])
    ap.add_argument("--commands", nargs="+", default=["validate", "lint", "render", "diff"])
    args = ap.parse_args()
    compile_kotacerdas()
    names = [*args.commands, "libyaml (floor)", "diff -r (floor)"]
    results: dict[str, list[tuple[int, float, float]]] = {c: [] for c in names}
    for n in args.sizes:
        with tempfile.TemporaryDirectory(prefix="kc-growth-") as tmp:
            work = Path(tmp)
            old = make_plan(work / "old", n)
            new = make_plan(work / "new", n, revised=True)
            env = {**os.environ, "KOTACERDAS_CACHE_DIR": str(work / "cache"), "NO_COLOR": "1"}
            cmds = commands(work, old, new)
            for c in names:
                shutil.rmtree(work / "cache", ignore_errors=True)
                shutil.rmtree(work / "out", ignore_errors=True)
                seconds, mib, _ = run(cmds[c], env)
                results[c].append((n, seconds, mib))
                print(f"  {c:<16} N={n:>6}: {seconds:7.2f} s {mib:7.0f} MiB", file=sys.stderr, flush=True)
    print(f"{'command':<16} {'N':>7} {'CPU s':>9} {'peak MiB':>9} {'slope (time)':>13} {'slope (memory)':>15}")
    for c in names:
        prev = None
        for n, seconds, mib in results[c]:
            slope_t = slope_m = ""
            if prev:
                slope_t = f"{math.log(seconds / prev[1]) / math.log(n / prev[0]):.2f}"
                slope_m = f"{math.log(mib / prev[2]) / math.log(n / prev[0]):.2f}"
            print(f"{c:<16} {n:>7} {seconds:>9.2f} {mib:>9.0f} {slope_t:>13} {slope_m:>15}")
            prev = (n, seconds, mib)


if __name__ == "__main__":
    main()
