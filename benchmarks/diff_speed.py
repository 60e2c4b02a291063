"""How long `kotacerdas diff REV1 REV2` takes end to end on a realistic masterplan (goal: under 0.5 s).

Builds a temporary git repository with two commits of examples/garut (the second with a few edits: a
target lowered, an owner changed, a budget raised, a quick win removed, a file moved, a comment added),
then times the installed command as a user runs it (a new process each time, reading both revisions from
git objects). Prints the median and the best of N runs, and the library time without process start-up.

    python benchmarks/diff_speed.py [--runs 15] [--example examples/garut]
"""

from __future__ import annotations

import argparse
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


def git(cwd: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True, env=env).stdout


def edit(repo: Path) -> list[str]:
    """A few realistic edits; returns what was done."""
    done = []
    programmes = sorted((repo / "programmes").rglob("*.yaml"))
    indicators = sorted((repo / "indicators").rglob("*.yaml"))
    for p in programmes:
        text = p.read_text()
        if "quick_win: true" in text:
            p.unlink()
            done.append(f"removed quick win {p.relative_to(repo)}")
            break
    for p in programmes[1:3]:
        if not p.exists():
            continue
        text = p.read_text()
        lines = text.splitlines(keepends=True)
        for i, line in enumerate(lines):
            if line.startswith("    amount: "):
                amount = int(line.split(":")[1])
                lines[i] = f"    amount: {amount * 2}\n"
                done.append(f"budget doubled in {p.relative_to(repo)}")
                break
        p.write_text("# direvisi\n" + "".join(lines))
    for p in indicators[:2]:
        text = p.read_text()
        if "target: " in text:
            head, _, tail = text.partition("target: ")
            value, _, rest = tail.partition("\n")
            lowered = round(float(value) * 0.8, 2)
            p.write_text(f"{head}target: {lowered}\n{rest}")
            done.append(f"target {value.strip()} -> {lowered} in {p.relative_to(repo)}")
    if len(programmes) > 4 and programmes[4].exists():
        target = repo / "programmes" / "pindahan" / programmes[4].name
        target.parent.mkdir(parents=True, exist_ok=True)
        programmes[4].rename(target)
        done.append(f"moved {programmes[4].relative_to(repo)}")
    return done


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--example", default=str(ROOT / "examples" / "garut"))
    args = ap.parse_args()
    compile_kotacerdas()
    exe = Path(sys.executable).parent / "kotacerdas"
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "repo"
        shutil.copytree(args.example, repo)
        git(repo, "init", "-q")
        git(repo, "config", "user.email", "bench@example.org")
        git(repo, "config", "user.name", "bench")
        git(repo, "add", "-A")
        git(repo, "commit", "-qm", "base")
        done = edit(repo)
        git(repo, "add", "-A")
        git(repo, "commit", "-qm", "edits")
        files = len(list(repo.rglob("*.yaml")))
        cmd = [str(exe), "diff", "HEAD~1", "HEAD"]
        out = subprocess.run(cmd, cwd=repo, capture_output=True, text=True)
        if out.returncode not in (0, 1):
            print(out.stdout, out.stderr)
            return 1
        times, cpu = [], []
        for _ in range(args.runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t = time.perf_counter()
            subprocess.run(cmd, cwd=repo, capture_output=True, check=False)
            times.append(time.perf_counter() - t)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)

        sys.path.insert(0, str(ROOT / "src"))
        os.chdir(repo)
        t = time.perf_counter()
        from kotacerdas.diff import diff_args

        result = diff_args(["HEAD~1", "HEAD"])
        first = time.perf_counter() - t
        lib = []
        for _ in range(args.runs):
            t = time.perf_counter()
            diff_args(["HEAD~1", "HEAD"])
            lib.append(time.perf_counter() - t)
    print(f"example: {args.example} ({files} YAML files); edits: {len(done)}")
    for d in done:
        print(f"  - {d}")
    print(f"changes found: {len(result.changes)} ({', '.join(c.change + ' ' + c.id for c in result.changes)}); "
          f"flags: {result.flag_counts()}")
    print(f"command: (cd REPO && kotacerdas diff HEAD~1 HEAD), {args.runs} runs")
    print(f"  end to end: wall median {statistics.median(times):.3f} s, best {min(times):.3f} s; "
          f"CPU (user+sys, kotacerdas and its git children) median {statistics.median(cpu):.3f} s")
    print(f"  library (in process, imports included in first call): first {first:.3f} s, "
          f"then median {statistics.median(lib):.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
