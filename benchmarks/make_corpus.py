"""Generate a deterministic national corpus of masterplan repositories, for benchmarks and scale tests.

    python benchmarks/make_corpus.py OUT_DIR [--regions N] [--seed S]

Writes, under OUT_DIR, one folder per province (a province masterplan repository listing its kab/kota as
`members`) with that province's kab/kota masterplan repositories nested inside it:

    OUT_DIR/32-jawa-barat/kotacerdas.yaml              the province's masterplan (region.level provinsi)
    OUT_DIR/32-jawa-barat/32.05-kabupaten-…/plan.yaml  a kab/kota masterplan, one folder each

The 514 kab/kota are spread over the 38 provinces as in Kemendagri's list (kabupaten numbered from 01,
kota from 71), with real province codes and synthetic region names. Sizes are realistic: an OPD registry
of about 25 offices, six dimension files with readiness analysis (SWOT and gaps), five Bimtek stages,
20–60 programmes and indicators with ten years of targets. The full corpus has more than 15,000 files
and validates clean. `--regions N` keeps N kab/kota (spread round-robin over the provinces); the provinces
still list all of their members, so coverage is below 100%.

Every region's content depends only on the seed and its code: the same command writes the same bytes.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from kotacerdas.reference import builtin_taxonomies, provinces  # noqa: E402

# (kabupaten, kota) per province, Kemendagri 2024: 416 kabupaten and 98 kota, 514 in all.
COUNTS = {
    "11": (18, 5), "12": (25, 8), "13": (12, 7), "14": (10, 2), "15": (9, 2), "16": (13, 4), "17": (9, 1),
    "18": (13, 2), "19": (6, 1), "21": (5, 2), "31": (1, 5), "32": (18, 9), "33": (29, 6), "34": (4, 1),
    "35": (29, 9), "36": (4, 4), "51": (8, 1), "52": (8, 2), "53": (21, 1), "61": (12, 2), "62": (13, 1),
    "63": (11, 2), "64": (7, 3), "65": (4, 1), "71": (11, 4), "72": (12, 1), "73": (21, 3), "74": (15, 2),
    "75": (5, 1), "76": (6, 0), "81": (9, 2), "82": (8, 2), "91": (8, 1), "92": (7, 0), "93": (4, 0),
    "94": (8, 0), "95": (8, 0), "96": (5, 1),
}


def _taxonomy() -> dict[str, tuple[str, ...]]:
    tax = builtin_taxonomies()["kominfo-2017"]
    return {d.code: tuple(e.code for e in d.elements) for d in tax.dimensions}


DIMENSIONS = _taxonomy()
OPDS = [
    ("Setda", "Sekretariat Daerah"), ("Bappeda", "Badan Perencanaan Pembangunan Daerah"),
    ("Diskominfo", "Dinas Komunikasi dan Informatika"), ("DLH", "Dinas Lingkungan Hidup"),
    ("Dinkes", "Dinas Kesehatan"), ("Disdik", "Dinas Pendidikan"), ("Dishub", "Dinas Perhubungan"),
    ("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"),
    ("Disdukcapil", "Dinas Kependudukan dan Pencatatan Sipil"), ("DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang"),
    ("BPBD", "Badan Penanggulangan Bencana Daerah"), ("Bapenda", "Badan Pendapatan Daerah"),
    ("BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah"), ("DPMD", "Dinas Pemberdayaan Masyarakat dan Desa"),
    ("Disparbud", "Dinas Pariwisata dan Kebudayaan"), ("Diskop", "Dinas Koperasi dan Usaha Mikro"),
    ("Disperindag", "Dinas Perindustrian dan Perdagangan"), ("Distan", "Dinas Pertanian"),
    ("Dinsos", "Dinas Sosial"), ("Disnaker", "Dinas Tenaga Kerja"), ("Satpol-PP", "Satuan Polisi Pamong Praja"),
    ("Dispora", "Dinas Pemuda dan Olahraga"), ("Disperkim", "Dinas Perumahan dan Kawasan Permukiman"),
    ("Inspektorat", "Inspektorat Daerah"), ("BKPSDM", "Badan Kepegawaian dan Pengembangan SDM"),
    ("Dispusip", "Dinas Perpustakaan dan Kearsipan"), ("Kesbangpol", "Badan Kesatuan Bangsa dan Politik"),
    ("Diskan", "Dinas Perikanan"),
]
SYLLABLES = ["ba", "ga", "ru", "ma", "ta", "ka", "su", "de", "ni", "lo", "pa", "ja", "wa", "si", "bu", "ra",
             "me", "to", "ngo", "sa", "li", "ke", "ban", "tan", "jung", "dang", "rang", "mas", "sur", "bo"]
WORDS = ["layanan", "data", "desa", "warga", "digital", "terpadu", "sampah", "air", "pasar", "wisata",
         "sekolah", "puskesmas", "jalan", "informasi", "UMKM", "petani", "nelayan", "bencana", "energi",
         "transportasi", "perizinan", "kependudukan", "keamanan", "lingkungan", "budaya", "pangan"]
INNOVATIONS = ("program", "produk", "metode", "konseptual", "teknologi")
SOURCES = ("apbd", "apbd-provinsi", "apbn", "dak", "dana-desa", "csr", "kpbu")
STAGES = [("pra-bimtek", "Penyelarasan Pra-Bimtek"), ("I", "Bimtek Tahap I Analisis Strategis"),
          ("II", "Bimtek Tahap II Program dan Rencana Aksi"),
          ("III", "Bimtek Tahap III Masterplan, Peta Jalan dan Quick Win"),
          ("IV", "Bimtek Tahap IV Finalisasi dan Komitmen Bersama")]


def slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def q(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def sentence(rng: random.Random, n: int = 8) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return (" ".join(words)).capitalize() + "."


def region_name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def all_regions() -> list[tuple[str, str, str, str]]:
    """(province code, region code, level, name) for the 514 kab/kota, in code order."""
    out = []
    names_used: set[str] = set()
    for pcode, (kab, kota) in COUNTS.items():
        rng = random.Random(f"names-{pcode}")
        numbers = [("kabupaten", n) for n in range(1, kab + 1)] + [("kota", 70 + n) for n in range(1, kota + 1)]
        for level, n in numbers:
            while True:
                base = region_name(rng)
                if base not in names_used:
                    names_used.add(base)
                    break
            name = ("Kabupaten " if level == "kabupaten" else "Kota ") + base
            out.append((pcode, f"{pcode}.{n:02d}", level, name))
    return out


def pick_regions(n: int | None) -> list[tuple[str, str, str, str]]:
    regions = all_regions()
    if n is None or n >= len(regions):
        return regions
    by_province: dict[str, list] = {}
    for r in regions:
        by_province.setdefault(r[0], []).append(r)
    picked: list = []
    queues = [list(v) for v in by_province.values()]
    while len(picked) < n:
        for qu in queues:
            if qu and len(picked) < n:
                picked.append(qu.pop(0))
    return sorted(picked, key=lambda r: r[1])


def write(path: Path, text: str) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return 1


CONFIG = "format_version: 1\ntaxonomy: kominfo-2017\nlanguage: id\n"


def plan_yaml(code: str, level: str, name: str, province: str, start: int, rng: random.Random,
              members: list[tuple[str, str]] | None = None) -> str:
    lines = [
        "region:",
        f"  code: {q(code)}",
        f"  level: {level}",
        f"  name: {name}",
        f"  province: {province}",
        f"title: Masterplan Smart City {name} {start}-{start + 9}",
        "period:",
        f"  start: {start}",
        f"  end: {start + 9}",
        "profile:",
        f"  area_km2: {rng.randint(80, 9000)}.{rng.randint(0, 9)}",
        f"  population: {rng.randint(30_000, 3_000_000)}",
        f"  population_year: {start - 1}",
        f"  districts: {rng.randint(5, 45)}",
        f"  villages: {rng.randint(40, 450)}",
        "background:",
        "  file: narasi/latar-belakang.md",
        f"visi: {name} yang maju, sejahtera dan cerdas",
        "misi:",
    ]
    lines += [f"  - {sentence(rng, 7)}" for _ in range(rng.randint(3, 6))]
    lines.append("sasaran:")
    for i in range(1, rng.randint(4, 8)):
        lines += [f"  - id: S{i}", f"    text: {sentence(rng, 6)}"]
    lines += [
        "rpjmd:",
        f"  title: RPJMD {name} {start}-{start + 4}",
        "  period:",
        f"    start: {start}",
        f"    end: {start + 4}",
        "legal_basis:",
        "  - kind: undang-undang",
        '    number: "23"',
        "    year: 2014",
        "    title: Pemerintahan Daerah",
        "books:",
        "  - id: buku-1",
        "    number: 1",
        "    title: Buku I Analisis Strategis",
        "    stage: I",
        "    status: final",
        "  - id: buku-2",
        "    number: 2",
        "    title: Buku II Masterplan",
        "    stage: III",
        "governance:",
        "  - body: dewan-smart-city",
        "    members:",
        "      - role: Ketua",
        "        opd: Setda",
        "      - role: Anggota",
        "        opd: Bappeda",
        "  - body: tim-pelaksana",
        "    members:",
        "      - role: Ketua",
        "        opd: Diskominfo",
        "      - role: Anggota",
        "        organisation: Universitas Daerah",
    ]
    if members is not None:
        lines.append("members:")
        for mcode, mname in members:
            lines += [f"  - code: {q(mcode)}", f"    name: {mname}"]
    return "\n".join(lines) + "\n"


def opd_yaml(rng: random.Random) -> tuple[str, list[str]]:
    n = rng.randint(22, len(OPDS))
    chosen = OPDS[:3] + rng.sample(OPDS[3:], n - 3)
    lines = ["opd:"]
    for i, (oid, oname) in enumerate(chosen):
        lines += [f"  - id: {oid}", f"    name: {oname}", f'    skpd_code: "{i + 1:02d}.{rng.randint(1, 40):02d}"']
    return "\n".join(lines) + "\n", [o for o, _ in chosen]


def readiness(rng: random.Random) -> list[str]:
    out = []
    for comp in ("struktur", "infrastruktur", "suprastruktur"):
        out += [f"  {comp}:", f"    summary: {sentence(rng, 8)}", "    swot:"]
        for key in ("strengths", "weaknesses", "opportunities", "threats"):
            out.append(f"      {key}:")
            out += [f"        - {sentence(rng, 4)}" for _ in range(rng.randint(1, 2))]
        out.append("    gaps:")
        out += [f"      - aspect: {rng.choice(WORDS).capitalize()}", f"        current: {sentence(rng, 4)}",
                f"        desired: {sentence(rng, 4)}"]
    return out


def dimension_yaml(code: str, rng: random.Random) -> str:
    lines = [f"dimension: {code}", "goals:"]
    lines += [f"  - {sentence(rng, 7)}" for _ in range(rng.randint(2, 4))]
    lines.append("strategy:")
    lines += [f"  - {sentence(rng, 7)}" for _ in range(rng.randint(2, 5))]
    lines.append(f"narrative: {sentence(rng, 12)}")
    lines.append("readiness:")
    lines += readiness(rng)
    return "\n".join(lines) + "\n"


def stage_yaml(sid: str, title: str, year: int, month: int, rng: random.Random, opds: list[str]) -> str:
    lines = [f"stage: {sid}", f"title: {title}", "status: completed", "dates:",
             f"  start: {year}-{month:02d}-{5 + rng.randint(0, 10):02d}"]
    lines += [f"  end: {year}-{month:02d}-{17 + rng.randint(0, 10):02d}", f"venue: Aula {rng.choice(WORDS).capitalize()}",
              "participants:", f"  count: {rng.randint(25, 120)}", "  institutions:"]
    lines += [f"    - {o}" for o in rng.sample(opds, 6)]
    lines += ["facilitators:", "  - name: Tim Pembimbing", "    organisation: Kementerian Komunikasi dan Digital",
              "agenda:"]
    for day in (1, 2):
        lines += [f"  - topic: {sentence(rng, 5)}", f"    day: {day}"]
    if sid == "I":
        lines += ["deliverables:", "  - title: Buku I Analisis Strategis", "    book: buku-1", "    done: true"]
    if sid == "IV":
        lines += ["commitment:", "  title: Komitmen Bersama Pelaksanaan Masterplan Smart City",
                  f"  date: {year}-{month:02d}-20", "  signatories:"]
        for o in opds[:4]:
            lines += [f"    - position: Kepala {o}", f"      opd: {o}", "      signed: true"]
    return "\n".join(lines) + "\n"


def indicator_yaml(iid: str, start: int, rng: random.Random) -> str:
    base = rng.randint(5, 60)
    lines = [f"id: {iid}", f"name: Persentase {rng.choice(WORDS)} {rng.choice(WORDS)} terlayani", "unit: persen",
             "direction: up", f"level: {rng.choice(('output', 'outcome', 'impact'))}",
             f"definition: {sentence(rng, 10)}", f"data_source: {rng.choice(OPDS)[1]}", "baseline:",
             f"  year: {start}", f"  value: {base}", "targets:"]
    for k in range(10):
        year = start + k
        target = min(100, base + (k + 1) * rng.randint(2, 6))
        lines += [f"  - year: {year}", f"    target: {target}"]
        if k < 2:
            lines.append(f"    realisation: {max(0, target - rng.randint(0, 4))}")
    return "\n".join(lines) + "\n"


def programme_yaml(pid: str, dim: str, start: int, rng: random.Random, opds: list[str], indicators: list[str]) -> str:
    """One programme as a Buku II programme table row holds it: a few lines of text, funding, indicators."""
    element = rng.choice(DIMENSIONS[dim])
    quick = rng.random() < 0.2
    horizon = "pendek" if quick else rng.choice(("menengah", "panjang"))
    p_start = start + rng.randint(0, 2)
    p_end = min(start + 9, p_start + (1 if quick else rng.randint(2, 7)))
    owner = rng.choice(opds)
    lines = [f"id: {pid}", f"name: {rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} {rng.choice(WORDS)}",
             f"dimension: {dim}", f"element: {element}", f"innovation: {rng.choice(INNOVATIONS)}"]
    if quick:
        lines.append("quick_win: true")
    lines += [f"problem: {sentence(rng, 10)}", f"description: {sentence(rng, 12)}", f"owner: {owner}", "supporting:"]
    lines += [f"  - {o}" for o in rng.sample([o for o in opds if o != owner], rng.randint(1, 2))]
    lines += [f"horizon: {horizon}", f"start: {p_start}", f"end: {p_end}", "funding:"]
    for year in range(p_start, min(p_end, p_start + 1) + 1):
        lines += [f"  - source: {rng.choice(SOURCES)}", f"    year: {year}",
                  f"    amount: {rng.randint(5, 500) * 10_000_000}"]
    lines += [f"status: {rng.choice(('planned', 'ongoing', 'completed'))}", f"progress: {rng.randint(0, 100)}",
              "indicators:"]
    lines += [f"  - {i}" for i in rng.sample(indicators, min(len(indicators), rng.randint(1, 2)))]
    lines.append(f"outcome: {sentence(rng, 6)}")
    return "\n".join(lines) + "\n"


def write_region(root: Path, code: str, level: str, name: str, province: str, seed: int) -> int:
    rng = random.Random(f"{seed}-{code}")
    start = rng.choice((2022, 2023, 2024))
    n = write(root / "kotacerdas.yaml", CONFIG)
    n += write(root / "plan.yaml", plan_yaml(code, level, name, province, start, rng))
    n += write(root / "narasi" / "latar-belakang.md", f"# Latar Belakang\n\n{sentence(rng, 40)}\n")
    text, opds = opd_yaml(rng)
    n += write(root / "opd.yaml", text)
    for dim in DIMENSIONS:
        n += write(root / "dimensions" / f"{dim}.yaml", dimension_yaml(dim, rng))
    for k, (sid, title) in enumerate(STAGES):
        n += write(root / "stages" / f"{k}-{slug(sid)}.yaml", stage_yaml(sid, title, start - 1, 3 + 2 * k, rng, opds))
    n_prog = rng.randint(20, 60)
    indicators_by_dim: dict[str, list[str]] = {}
    for dim in DIMENSIONS:
        abbr = dim[:3].upper()
        ids = [f"IND-{abbr}-{i:02d}" for i in range(1, rng.randint(1, 3) + 1)]
        indicators_by_dim[dim] = ids
        for iid in ids:
            n += write(root / "indicators" / dim / f"{iid.lower()}.yaml", indicator_yaml(iid, start, rng))
    dims = list(DIMENSIONS)
    for i in range(1, n_prog + 1):
        dim = dims[i % len(dims)]
        pid = f"PRG-{dim[:3].upper()}-{i:03d}"
        n += write(root / "programmes" / dim / f"{pid.lower()}.yaml",
                   programme_yaml(pid, dim, start, rng, opds, indicators_by_dim[dim]))
    return n


def write_province(root: Path, pcode: str, pname: str, members: list[tuple[str, str]], seed: int) -> int:
    rng = random.Random(f"{seed}-{pcode}")
    start = 2024
    n = write(root / "kotacerdas.yaml", CONFIG)
    n += write(root / "plan.yaml", plan_yaml(pcode, "provinsi", f"Provinsi {pname}", pname, start, rng, members))
    n += write(root / "narasi" / "latar-belakang.md", f"# Latar Belakang\n\n{sentence(rng, 40)}\n")
    text, opds = opd_yaml(rng)
    n += write(root / "opd.yaml", text)
    for dim in DIMENSIONS:
        n += write(root / "dimensions" / f"{dim}.yaml", dimension_yaml(dim, rng))
    return n


def make_corpus(out: Path, regions: int | None = None, seed: int = 2024) -> dict[str, int]:
    """Write the corpus under `out`; returns counts (files, regions, provinces)."""
    names = provinces()
    every = all_regions()
    picked = pick_regions(regions)
    files = 0
    used_provinces = sorted({r[0] for r in picked})
    for pcode in used_provinces:
        pname = names[pcode]
        proot = out / f"{pcode}-{slug(pname)}"
        members = [(code, name) for p, code, _, name in every if p == pcode]
        files += write_province(proot, pcode, pname, members, seed)
        for p, code, level, name in picked:
            if p == pcode:
                files += write_region(proot / f"{code}-{slug(name)}", code, level, name, pname, seed)
    return {"files": files, "regions": len(picked), "provinces": len(used_provinces)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the corpus into (created; must be empty)")
    parser.add_argument("--regions", type=int, default=None, help="how many kab/kota (default: all 514)")
    parser.add_argument("--seed", type=int, default=2024, help="random seed (default 2024)")
    args = parser.parse_args(argv)
    if args.out.exists() and any(args.out.iterdir()):
        parser.error(f"{args.out} is not empty")
    counts = make_corpus(args.out, args.regions, args.seed)
    print(f"wrote {counts['files']:,} files: {counts['regions']} kab/kota masterplans and "
          f"{counts['provinces']} province masterplans under {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
