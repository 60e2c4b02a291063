"""The machine's yardstick: how long libyaml alone takes to parse every YAML file under a folder.

    .venv/bin/python benchmarks/libyaml_baseline.py FOLDER [--workers 2]

Composes every *.yaml/*.yml file (PyYAML's CSafeLoader, the C libyaml parser, nodes only: no schema, no
checks) in --workers processes, and prints the file count and the seconds taken. This is the floor any
YAML-reading tool stands on, and the figure the national-scale issue calibrates its goals with ("libyaml
alone needs about 2.4 s on two cores"): benchmarks/run.py runs it to scale those goals to the machine at
hand.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import yaml


def _parse(paths: list[str]) -> int:
    for path in paths:
        with open(path, "rb") as fh:
            yaml.compose(fh.read(), Loader=yaml.CSafeLoader)
    return len(paths)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1))
    args = ap.parse_args(argv)
    start = time.perf_counter()
    files = sorted(os.path.join(d, f) for d, _, names in os.walk(args.folder) for f in names
                   if f.endswith((".yaml", ".yml")))
    chunks = [files[i::args.workers * 8] for i in range(args.workers * 8)]
    with ProcessPoolExecutor(args.workers) as pool:
        done = sum(pool.map(_parse, chunks))
    print(f"{done} files {time.perf_counter() - start:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
