"""How fast can we read masterplan YAML? Our loader against the alternatives, on one generated tree.

    .venv/bin/python benchmarks/loader.py [--files 2000] [--runs 5] [--keep DIR]

Generates a tree of realistic masterplan files (programmes, indicators, dimension analyses, stages, in
the proportions of a real repository) in a temporary folder, reads every file's bytes into memory once,
then times, side by side and in one process, the parse of all of them by:

- kotacerdas   kotacerdas.source.load_bytes: libyaml events, YAML 1.2 values, duplicate-key and limit
               checks, no positions kept (they are recomposed only when a diagnostic needs one);
- +locate      the same plus one Document.locate() per file: the cost when every file has a finding;
- pyyaml-c     PyYAML full load with CSafeLoader (libyaml; YAML 1.1 values, no positions);
- pyyaml-py    PyYAML full load with the pure-Python SafeLoader;
- ruamel-rt    ruamel.yaml typ='rt' (round-trip: keeps comments and positions; what `fmt` writes with);
- ruamel-safe  ruamel.yaml typ='safe' (its C loader when ruamel.yaml.clib is installed, else pure=True).

Each loader runs --runs times over the whole tree; the table shows the median total seconds and ms per
file. I/O is excluded (all bytes are read before timing), so the figures compare parsers only.
"""

from __future__ import annotations

import argparse
import gc
import io
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

import yaml  # noqa: E402

from kotacerdas.source import load_bytes  # noqa: E402

DIMENSIONS = {
    "governance": ["service", "bureaucracy", "policy"],
    "branding": ["tourism", "business", "appearance"],
    "economy": ["industry", "welfare", "transaction"],
    "living": ["harmony", "health", "mobility"],
    "society": ["community", "learning", "security"],
    "environment": ["protection", "waste", "energy"],
}
OPDS = ["Diskominfo", "Bappeda", "Setda", "Dinkes", "Disdik", "DPMPTSP", "Dishub", "DLH", "Disparbud", "Dinsos"]
WORDS = ("layanan data desa digital aplikasi terpadu masyarakat pelayanan informasi sistem daerah kecamatan "
         "pengaduan perizinan pariwisata sampah energi kesehatan pendidikan transportasi ekonomi UMKM").split()


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def programme(rng: random.Random, i: int) -> str:
    dim = rng.choice(list(DIMENSIONS))
    start = rng.randint(2024, 2027)
    lines = [
        f"id: PRG-{dim[:3].upper()}-{i:04d}",
        f"name: {sentence(rng, 5)[:-1]}",
        f"dimension: {dim}",
        f"element: {rng.choice(DIMENSIONS[dim])}",
        f"innovation: {rng.choice(['program', 'produk', 'metode', 'konseptual', 'teknologi'])}",
        f"quick_win: {'true' if rng.random() < 0.2 else 'false'}",
        f"problem: {sentence(rng, 18)}",
        "description: |",
        f"  {sentence(rng, 25)}",
        f"  {sentence(rng, 20)}",
        f"owner: {rng.choice(OPDS)}",
        "supporting:",
        *[f"  - {o}" for o in rng.sample(OPDS, 2)],
        "partners:",
        f"  - name: Universitas {rng.choice(WORDS).capitalize()}",
        "    kind: academia",
        f"horizon: {rng.choice(['pendek', 'menengah', 'panjang'])}",
        f"start: {start}",
        f"end: {start + rng.randint(0, 2)}",
        "funding:",
    ]
    for year in range(start, start + 2):
        lines += [f"  - source: {rng.choice(['apbd', 'apbn', 'dak', 'dana-desa', 'csr'])}",
                  f"    year: {year}", f"    amount: {rng.randint(5, 500) * 10_000_000}"]
    lines += [f"status: {rng.choice(['planned', 'ongoing'])}", f"progress: {rng.randint(0, 100)}",
              "indicators:", f"  - IND-{i:04d}", "outputs:", f"  - {sentence(rng, 6)}"]
    return "\n".join(lines) + "\n"


def indicator(rng: random.Random, i: int) -> str:
    base = rng.randint(10, 60)
    lines = [f"id: IND-{i:04d}", f"name: {sentence(rng, 7)[:-1]}", "unit: persen", "direction: up",
             "level: outcome", f"data_source: {rng.choice(OPDS)}", "baseline:", "  year: 2023",
             f"  value: {base}.5", "targets:"]
    for k, year in enumerate(range(2024, 2029)):
        lines += [f"  - year: {year}", f"    target: {base + 8 * (k + 1)}"]
        if year <= 2025:
            lines.append(f"    realisation: {base + 7 * (k + 1)}.25")
            if rng.random() < 0.4:
                lines += [f"    obstacle: {sentence(rng, 9)}", f"    follow_up: {sentence(rng, 9)}"]
    return "\n".join(lines) + "\n"


def dimension(rng: random.Random, code: str) -> str:
    lines = [f"dimension: {code}", "goals:", f"  - {sentence(rng, 8)}", "strategy:", f"  - {sentence(rng, 8)}",
             "readiness:"]
    for part in ("struktur", "infrastruktur", "suprastruktur"):
        lines += [f"  {part}:", f"    summary: {sentence(rng, 20)}", "    swot:"]
        for kind in ("strengths", "weaknesses", "opportunities", "threats"):
            lines += [f"      {kind}:", *[f"        - {sentence(rng, 8)}" for _ in range(3)]]
        lines += ["    gaps:", f"      - aspect: {sentence(rng, 3)}", f"        current: {sentence(rng, 8)}",
                  f"        desired: {sentence(rng, 8)}"]
    return "\n".join(lines) + "\n"


def stage(rng: random.Random, name: str, month: int) -> str:
    return (f"stage: {name}\ntitle: Bimtek Tahap {name}\nstatus: completed\ndates:\n  start: 2023-{month:02d}-05\n"
            f"  end: 2023-{month:02d}-06\nvenue: Aula Bappeda\nparticipants:\n  count: {rng.randint(30, 80)}\n"
            "  institutions: [Bappeda, Diskominfo, Setda]\nagenda:\n"
            + "".join(f"  - topic: {sentence(rng, 6)}\n    day: {d}\n" for d in (1, 2)))


def generate(root: Path, n_files: int, seed: int = 2023) -> list[Path]:
    """A deterministic tree: per region, 6 dimensions + 5 stages + programmes and indicators ~ 1:1."""
    rng = random.Random(seed)
    paths: list[Path] = []
    region = 0
    while len(paths) < n_files:
        base = root / f"region-{region:03d}"
        files: dict[str, str] = {}
        for code in DIMENSIONS:
            files[f"dimensions/{code}.yaml"] = dimension(rng, code)
        for month, name in enumerate(["pra-bimtek", "I", "II", "III", "IV"], start=6):
            files[f"stages/{name}.yaml"] = stage(rng, name, month)
        for i in range(40):
            files[f"programmes/prg-{i:04d}.yaml"] = programme(rng, i)
            files[f"indicators/ind-{i:04d}.yaml"] = indicator(rng, i)
        for rel, text in files.items():
            if len(paths) >= n_files:
                break
            p = base / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(text, encoding="utf-8")
            paths.append(p)
        region += 1
    return paths


def loaders():
    from ruamel.yaml import YAML

    def ours(raw, name):
        return load_bytes(raw, name).data

    def ours_locate(raw, name):
        doc = load_bytes(raw, name)
        return doc.locate(("id",)) if "id" in doc.data else doc.locate(("dimension",))

    def pyyaml_c(raw, name):
        return yaml.load(raw, Loader=yaml.CSafeLoader)

    def pyyaml_py(raw, name):
        return yaml.load(raw, Loader=yaml.SafeLoader)

    rt = YAML(typ="rt")

    def ruamel_rt(raw, name):
        return rt.load(io.BytesIO(raw))

    try:
        import _ruamel_yaml  # noqa: F401  (ruamel.yaml.clib)

        safe, safe_label = YAML(typ="safe"), "ruamel-safe (C)"
    except ImportError:
        safe, safe_label = YAML(typ="safe", pure=True), "ruamel-safe (pure)"

    def ruamel_safe(raw, name):
        return safe.load(io.BytesIO(raw))

    return [("kotacerdas", ours), ("kotacerdas+locate", ours_locate), ("pyyaml-c (CSafeLoader)", pyyaml_c),
            ("pyyaml-py (SafeLoader)", pyyaml_py), ("ruamel-rt", ruamel_rt), (safe_label, ruamel_safe)]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--keep", type=Path, help="generate the tree here and keep it")
    args = ap.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="kc-loader-"))
    root = args.keep or tmp
    try:
        paths = generate(root, args.files)
        blobs = [(p.read_bytes(), p.relative_to(root).as_posix()) for p in paths]
        total_bytes = sum(len(b) for b, _ in blobs)
        print(f"tree: {len(blobs)} files, {total_bytes / 1e6:.2f} MB, median {statistics.median(len(b) for b, _ in blobs):.0f} "
              f"bytes/file; {args.runs} runs each; python {sys.version.split()[0]}, PyYAML {yaml.__version__}"
              f" (libyaml {'yes' if yaml.__with_libyaml__ else 'no'})")
        results = []
        for label, fn in loaders():
            fn(*blobs[0])  # warm up (imports, caches)
            times = []
            for _ in range(args.runs):
                gc.collect()
                t0 = time.perf_counter()
                for raw, name in blobs:
                    fn(raw, name)
                times.append(time.perf_counter() - t0)
            med = statistics.median(times)
            results.append((label, med, min(times), max(times)))
            print(f"  {label:<24} {med:8.3f} s", flush=True)
        ref = results[0][1]
        print()
        print("| loader | median total (s) | ms/file | min–max (s) | × kotacerdas |")
        print("|---|---:|---:|---:|---:|")
        for label, med, lo, hi in results:
            print(f"| {label} | {med:.3f} | {1000 * med / len(blobs):.3f} | {lo:.3f}–{hi:.3f} | {med / ref:.1f} |")
    finally:
        if args.keep is None:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
