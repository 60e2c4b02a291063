"""One benchmark table: kotacerdas against what users would otherwise run, on one regency and on a
national corpus.

    .venv/bin/python benchmarks/run.py [--corpus DIR] [--runs 5] [--heavy-runs 3] [--peer-runs 1]

Every row is a real command, run as a separate process, several times; the table shows the median wall
time, the median CPU time (user + system, worker processes included) and the peak memory (the largest
resident set of the command or of any of its worker processes, measured with GNU time). Rows:

- the machine's yardstick: libyaml alone parsing every YAML file of the corpus in two processes
  (benchmarks/libyaml_baseline.py), measured twice: just before the regency rows and just before the
  national rows, because a shared machine's speed changes within minutes. The goals of the issues were set
  on a machine where this took about 2.4 s; the table's end scales each goal by the yardstick measured
  next to it and says which are met;
- start-up: `kotacerdas --version` and `--help`;
- one regency (examples/garut): validate (warm cache, and --no-cache), lint, render (Markdown and HTML in one
  command, and with --no-cache), diff of two folders (the regency against a copy with one programme edited);
- the national corpus (benchmarks/make_corpus.py; generated into a temporary folder unless --corpus is
  given): validate cold (cache folder deleted before every run), warm (nothing changed), after one file
  changed, and --no-cache; lint (when it accepts a tree);
- the peers on the same YAML files: yamllint with its default configuration, and check-jsonschema against
  the JSON Schemas `kotacerdas schema --out` exports (one invocation per file kind, in batches of 4,000
  files; the row adds them up). Peers run --peer-runs times on the corpus (they take minutes).

Ratios at the end compare kotacerdas validate with each peer on the same files. The cache lives in a
temporary folder (KOTACERDAS_CACHE_DIR), never in the user's. The machine's load is printed too: other
processes on a 2-core machine change wall times, CPU times much less.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from _bench import compile_kotacerdas

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
KOTACERDAS = str(BIN / "kotacerdas")
YAMLLINT = str(BIN / "yamllint")
CHECK_JSONSCHEMA = str(BIN / "check-jsonschema")
AS_OF = "2026-11-22"


@dataclass
class Row:
    group: str
    what: str
    files: int
    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    peaks: list[float] = field(default_factory=list)  # MB
    codes: set[int] = field(default_factory=set)
    note: str = ""

    @property
    def wall(self) -> float:
        return statistics.median(self.walls) if self.walls else float("nan")

    @property
    def cpu(self) -> float:
        return statistics.median(self.cpus) if self.cpus else float("nan")

    @property
    def peak(self) -> float:
        return max(self.peaks) if self.peaks else float("nan")


TIME = "/usr/bin/time"
REFERENCE_LIBYAML_S = 2.4  # libyaml alone on the national corpus, on the machine the goals were set on
YARDSTICK_REGENCY = "libyaml alone: parse every YAML file, 2 processes (before the regency rows)"
YARDSTICK_NATIONAL = "libyaml alone: parse every YAML file, 2 processes (before the national rows)"
GOALS = [  # (group, row, seconds) from the national-scale issue
    ("national", "kotacerdas validate, cold (cache deleted)", 6.0),
    ("national", "kotacerdas validate --no-cache", 6.0),
    ("national", "kotacerdas validate, warm (nothing changed)", 1.0),
    ("regency", "kotacerdas render --format md --format html", 0.5),
]


def run_once(cmd: list[str], env: dict) -> tuple[float, float, float, int]:
    """(wall s, cpu s, peak MB, exit code) of one process and the workers it waited for.

    Through GNU time: a child forked from this (large) Python process would report this process's
    resident size as its own peak, while GNU time is small when it forks the command."""
    if not os.path.exists(TIME):  # no GNU time (Debian package `time`): wait4's figures, peak less exact
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        return (time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
                os.waitstatus_to_exitcode(status))
    with tempfile.NamedTemporaryFile("r", suffix=".time") as out:
        start = time.perf_counter()
        proc = subprocess.run([TIME, "-q", "-f", "%e %U %S %M %x", "-o", out.name, *cmd],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        wall = time.perf_counter() - start
        fields = out.read().split()
    _, user, system, peak_kb, code = fields[-5:]
    return wall, float(user) + float(system), int(peak_kb) / 1024, int(code) if code.lstrip("-").isdigit() else proc.returncode


def measure(row: Row, cmds: list[list[str]], runs: int, env: dict, before=None) -> Row:
    """Run `cmds` (one logical command, possibly several processes) `runs` times."""
    for _ in range(runs):
        if before:
            before()
        wall = cpu = peak = 0.0
        for cmd in cmds:
            w, c, p, code = run_once(cmd, env)
            wall, cpu, peak = wall + w, cpu + c, max(peak, p)
            row.codes.add(code)
        row.walls.append(wall)
        row.cpus.append(cpu)
        row.peaks.append(peak)
    return row


def yaml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and not any(
        part.startswith(".") for part in p.relative_to(folder).parts))


def files_by_kind(folder: Path) -> dict[str, list[str]]:
    """Every masterplan YAML file under `folder`, grouped by file kind (as kotacerdas discovers them)."""
    sys.path.insert(0, str(ROOT / "src"))
    from kotacerdas.repository import discover
    from kotacerdas.tree import find_repositories

    out: dict[str, list[str]] = {}
    for repo in find_repositories(folder):
        found, _ = discover(repo)
        for rel, kind in found:
            out.setdefault(kind, []).append(str(repo / rel))
    return out


def jsonschema_cmds(by_kind: dict[str, list[str]], schemas: Path, batch: int = 4000) -> list[list[str]]:
    cmds = []
    for kind, files in sorted(by_kind.items()):
        schema = schemas / f"{kind}.schema.json"
        for i in range(0, len(files), batch):
            cmds.append([CHECK_JSONSCHEMA, "--schemafile", str(schema), *files[i:i + batch]])
    return cmds


def export_schemas(out: Path, env: dict) -> None:
    r = subprocess.run([KOTACERDAS, "schema", "--out", str(out)], capture_output=True, text=True, env=env)
    if r.returncode != 0:  # the schema command is missing: export with Pydantic directly
        sys.path.insert(0, str(ROOT / "src"))
        import json

        from kotacerdas.models import FILE_MODELS

        out.mkdir(parents=True, exist_ok=True)
        for kind, model in FILE_MODELS.items():
            (out / f"{kind}.schema.json").write_text(json.dumps(model.model_json_schema()), encoding="utf-8")


def edited_copy(src: Path, dest: Path) -> None:
    shutil.copytree(src, dest, ignore=shutil.ignore_patterns(".*"))
    programme = sorted((dest / "programmes").rglob("*.yaml"))[0]
    text = programme.read_text(encoding="utf-8")
    programme.write_text(text.replace("progress: ", "progress: 1", 1) if "progress: " in text else text + "\n",
                         encoding="utf-8")


def supports_tree(command: str, tree: Path, env: dict) -> bool:
    r = subprocess.run([KOTACERDAS, command, "--help"], capture_output=True, text=True, env=env)
    return "many of them" in r.stdout or "holding many" in r.stdout


def fmt_row(r: Row) -> str:
    code = ",".join(str(c) for c in sorted(r.codes))
    return (f"| {r.group} | {r.what} | {r.files:,} | {len(r.walls)} | {r.wall:.3f} | {r.cpu:.3f} | {r.peak:.0f} | {code} |"
            + (f" {r.note} |" if r.note else " |"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, help="an existing national corpus (default: generate one)")
    parser.add_argument("--regency", type=Path, default=ROOT / "examples" / "garut")
    parser.add_argument("--runs", type=int, default=5, help="runs of fast commands (median)")
    parser.add_argument("--heavy-runs", type=int, default=3, help="runs of kotacerdas on the corpus")
    parser.add_argument("--peer-runs", type=int, default=1, help="runs of yamllint/check-jsonschema on the corpus")
    parser.add_argument("--skip-peers", action="store_true", help="do not run yamllint and check-jsonschema")
    args = parser.parse_args(argv)
    compile_kotacerdas()

    work = Path(tempfile.mkdtemp(prefix="kotacerdas-bench-"))
    cache = work / "cache"
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "GITHUB_ACTIONS")}
    env.update(KOTACERDAS_CACHE_DIR=str(cache), CI="true", NO_COLOR="1")
    try:
        corpus = args.corpus
        if corpus is None:
            corpus = work / "nasional"
            sys.stderr.write(f"generating the national corpus in {corpus} …\n")
            subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"), str(corpus)], check=True,
                           stdout=subprocess.DEVNULL)
        regency = args.regency
        schemas = work / "schemas"
        export_schemas(schemas, env)
        reg_files = yaml_files(regency)
        nat_files = yaml_files(corpus)
        reg_kinds = files_by_kind(regency)
        nat_kinds = files_by_kind(corpus)
        yardstick_cmd = [sys.executable, str(ROOT / "benchmarks" / "libyaml_baseline.py"), str(corpus)]
        rows: list[Row] = []
        R, H, P = args.runs, args.heavy_runs, args.peer_runs
        drop_cache = lambda: shutil.rmtree(cache, ignore_errors=True)  # noqa: E731

        def progress(label: str) -> None:
            sys.stderr.write(f"  {label}\n")

        progress("start-up")
        rows.append(measure(Row("start-up", "kotacerdas --version", 0), [[KOTACERDAS, "--version"]], R, env))
        rows.append(measure(Row("start-up", "kotacerdas --help", 0), [[KOTACERDAS, "--help"]], R, env))

        progress("one regency")
        rows.append(measure(Row("machine", YARDSTICK_REGENCY, len(nat_files)), [yardstick_cmd], H, env))
        n = len(reg_files)
        rows.append(measure(Row("regency", "kotacerdas validate (cache warm)", n),
                            [[KOTACERDAS, "validate", str(regency)]], R, env))
        rows.append(measure(Row("regency", "kotacerdas validate --no-cache", n),
                            [[KOTACERDAS, "validate", "--no-cache", str(regency)]], R, env))
        rows.append(measure(Row("regency", "kotacerdas lint", n),
                            [[KOTACERDAS, "lint", "--as-of", AS_OF, str(regency)]], R, env))
        both = [KOTACERDAS, "render", str(regency), "--format", "md", "--format", "html", "--out", str(work / "site")]
        subprocess.run(both, env=env, stdout=subprocess.DEVNULL)  # the output folder and the cache filled once
        rows.append(measure(Row("regency", "kotacerdas render --format md --format html", n), [both], R, env))
        rows.append(measure(Row("regency", "kotacerdas render, both formats, --no-cache", n),
                            [both + ["--no-cache"]], R, env))
        other = work / "regency-edited"
        edited_copy(regency, other)
        rows.append(measure(Row("regency", "kotacerdas diff (two folders)", 2 * n),
                            [[KOTACERDAS, "diff", str(regency), str(other)]], R, env))
        if not args.skip_peers:
            rows.append(measure(Row("regency", "yamllint (default config)", n),
                                [[YAMLLINT, "-d", "{extends: default}", str(regency)]], R, env))
            cmds = jsonschema_cmds(reg_kinds, schemas)
            rows.append(measure(Row("regency", "check-jsonschema (our schemas)", sum(map(len, reg_kinds.values())),
                                    note=f"{len(cmds)} invocations"), cmds, R, env))

        progress("national corpus")
        n = len(nat_files)
        rows.append(measure(Row("machine", YARDSTICK_NATIONAL, n), [yardstick_cmd], H, env))
        rows.append(measure(Row("national", "kotacerdas validate, cold (cache deleted)", n),
                            [[KOTACERDAS, "validate", str(corpus)]], H, env, before=drop_cache))
        subprocess.run([KOTACERDAS, "validate", str(corpus)], env=env, stdout=subprocess.DEVNULL)
        rows.append(measure(Row("national", "kotacerdas validate, warm (nothing changed)", n),
                            [[KOTACERDAS, "validate", str(corpus)]], R, env))
        victim = sorted(corpus.rglob("programmes/*/*.yaml"))[0]
        original = victim.read_bytes()
        flip = {"n": 0}

        def edit_one() -> None:
            flip["n"] += 1
            victim.write_bytes(original + f"# edit {flip['n']}\n".encode())

        rows.append(measure(Row("national", "kotacerdas validate, one file changed", n),
                            [[KOTACERDAS, "validate", str(corpus)]], R, env, before=edit_one))
        victim.write_bytes(original)
        rows.append(measure(Row("national", "kotacerdas validate --no-cache", n),
                            [[KOTACERDAS, "validate", "--no-cache", str(corpus)]], H, env))
        if supports_tree("lint", corpus, env):
            rows.append(measure(Row("national", "kotacerdas lint, cold", n),
                                [[KOTACERDAS, "lint", "--as-of", AS_OF, str(corpus)]], H, env, before=drop_cache))
        else:
            rows.append(Row("national", "kotacerdas lint", n, note="lint does not accept a tree yet"))
        if not args.skip_peers:
            progress("peers on the national corpus (minutes)")
            rows.append(measure(Row("national", "yamllint (default config)", n),
                                [[YAMLLINT, "-d", "{extends: default}", str(corpus)]], P, env))
            cmds = jsonschema_cmds(nat_kinds, schemas)
            rows.append(measure(Row("national", "check-jsonschema (our schemas)", sum(map(len, nat_kinds.values())),
                                    note=f"{len(cmds)} invocations"), cmds, P, env))

        load = os.getloadavg()
        print(f"kotacerdas benchmarks, {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores, "
              f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
        print(f"regency: {regency} ({len(reg_files)} YAML files); national corpus: {corpus} "
              f"({len(nat_files):,} YAML files)\n")
        print("| group | command | files | runs | wall s (median) | CPU s (median) | peak MB | exit | note |")
        print("|---|---|---:|---:|---:|---:|---:|---|---|")
        for r in rows:
            print(fmt_row(r))
        print()
        by = {(r.group, r.what): r for r in rows}

        def ratio(group: str, ours: str, peer: str) -> None:
            a, b = by.get((group, ours)), by.get((group, peer))
            if a and b and a.walls and b.walls:
                print(f"- {group}: {peer} takes {b.wall / a.wall:.1f}× the wall time of `{ours}` "
                      f"({b.wall:.2f} s vs {a.wall:.2f} s; CPU {b.cpu / a.cpu:.1f}×)")

        sticks = {group: by.get(("machine", label)) for group, label in
                  (("regency", YARDSTICK_REGENCY), ("national", YARDSTICK_NATIONAL))}
        if all(y and y.walls for y in sticks.values()):
            scales = {group: y.wall / REFERENCE_LIBYAML_S for group, y in sticks.items()}
            print(f"Goals of the issues, set where libyaml alone took about {REFERENCE_LIBYAML_S} s; here it took "
                  + " and ".join(f"{sticks[g].wall:.2f} s next to the {g} rows (this machine takes {scales[g]:.2f}× "
                                 "as long)" for g in scales)
                  + ": each goal is scaled by the figure measured next to it.")
            for group, what, goal in GOALS:
                row = by.get((group, what))
                if row and row.walls:
                    limit = goal * scales[group]
                    print(f"- {group}, `{what}`: {row.wall:.2f} s; goal {goal} s, scaled {limit:.2f} s: "
                          f"{'met' if row.wall < limit else 'NOT met'}; unscaled: {'met' if row.wall < goal else 'not met'}")
            print()
        print("Ratios (peer ÷ kotacerdas, higher means kotacerdas is faster):")
        ratio("regency", "kotacerdas validate --no-cache", "yamllint (default config)")
        ratio("regency", "kotacerdas validate --no-cache", "check-jsonschema (our schemas)")
        for ours in ("kotacerdas validate, cold (cache deleted)", "kotacerdas validate, warm (nothing changed)"):
            ratio("national", ours, "yamllint (default config)")
            ratio("national", ours, "check-jsonschema (our schemas)")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
