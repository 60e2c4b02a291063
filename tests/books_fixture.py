"""The repository the book tests render: examples/garut copied into a real git repository (a fixed commit
date), with plan.yaml's `publication:` block filled in (forewords, a signature page with a signatory
without a name, the extra chapters, roadmap lanes with a year of unknown money), a described flagship
programme, an SVG logo, and a programme whose name is hostile markup for every engine (Markdown, HTML, Typst)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from .conftest import run_cli

GARUT = Path(__file__).resolve().parent.parent / "examples" / "garut"
COMMIT_EPOCH = 1717200000  # 2024-06-01 00:00:00 UTC
HOSTILE = '<script>alert(1)</script> #set text(red) $x^2$ *b* _i_ \\ "q" @ref <lbl> [x](y) ] }'

PUBLICATION = """
publication:
  logo: narasi/logo.svg
  edition: Edisi Final
  year: 2024
  sambutan:
    text: "Dengan rasa syukur kami menyambut **Masterplan** ini sebagai pedoman bersama."
    position: Bupati Garut
    place: Garut
    date: 2024-01-15
  kata_pengantar:
    text: Kata pengantar Ketua Tim Pelaksana.
    position: Ketua Tim Pelaksana
    name: Nurdin Yana
  approval:
    title: Lampiran Peraturan Bupati Garut
    regulation: {kind: peraturan-bupati, number: "12", year: 2024, title: Masterplan Smart City Kabupaten Garut}
    place: Garut
    signatories:
      - {position: Bupati Garut}
      - {position: Sekretaris Daerah, name: Nurdin Yana}
  maksud: Menjadi acuan pembangunan smart city.
  tujuan: [Menyelaraskan program perangkat daerah, Menetapkan quick win]
  metodologi: Desk study, wawancara dan diskusi kelompok terarah.
  iku:
    - {sasaran: SS-01, name: Indeks SPBE, unit: indeks, baseline: 2.1, opd: Diskominfo}
  infrastructure:
    command_centre: Garut Command Center di Diskominfo.
  sdm: Pelatihan talenta digital ASN.
  koordinasi: Rapat koordinasi triwulanan Dewan Smart City.
  roadmap_lanes:
    - id: infra
      name: Integrasi dan Infrastruktur TIK
      programmes: [QW-GOV-01]
      years: [{year: 2024, amount: 1500000000}, {year: 2025}]
  penutup: Masterplan ini menjadi pedoman bersama seluruh perangkat daerah.
program_unggulan:                      # last: a test appends plain names ("  - Garut Sehat Sejahtera")
  - {name: Garut Satu Data, programmes: [QW-GOV-01]}
"""

LOGO = ('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="120" viewBox="0 0 100 120">'
        '<path d="M50 5 L95 30 L95 80 L50 115 L5 80 L5 30 Z" fill="#1d4e89"/></svg>')


def git(root: Path, *args: str) -> None:
    env = dict(os.environ, GIT_AUTHOR_DATE=f"@{COMMIT_EPOCH} +0000", GIT_COMMITTER_DATE=f"@{COMMIT_EPOCH} +0000",
               GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.org")
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def make_repo(dest: Path, *, publication: bool = True, hostile: bool = True) -> Path:
    shutil.copytree(GARUT, dest)
    if publication:
        with (dest / "plan.yaml").open("a", encoding="utf-8") as fh:
            fh.write(PUBLICATION)
        (dest / "narasi" / "logo.svg").write_text(LOGO, encoding="utf-8")
    if hostile:
        prog = dest / "programmes" / "governance" / "prg-gov-05-e-monev.yaml"
        text = prog.read_text(encoding="utf-8").splitlines(keepends=True)
        text = [f"name: '{HOSTILE}'\n" if line.startswith("name:") else line for line in text]
        prog.write_text("".join(text), encoding="utf-8")
    git(dest, "init", "-q")
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "plan")
    return dest


def rendered(base: Path, fmt: str) -> tuple[Path, Path]:
    """The fixture repository under `base` with every book rendered as `fmt` into base/out (for a
    module-scoped fixture): (repository, out)."""
    repo = make_repo(base / "garut")
    code, output = render(repo, "--format", fmt, "--out", base / "out")
    assert code == 0, output
    return repo, base / "out"


def render(*args) -> tuple[int, str]:
    """`kotacerdas render ARGS` in this process (conftest.run_cli: an escaping exception is exit 3): the
    exit code and everything it printed."""
    ran = run_cli("render", *args)
    return ran.returncode, ran.stdout + ran.stderr


def pdftext(pdf: Path, first: int | None = None, last: int | None = None, *, layout: bool = False) -> str:
    cmd = ["pdftotext"]
    if first is not None:
        cmd += ["-f", str(first), "-l", str(last or first)]
    if layout:
        cmd.append("-layout")
    return subprocess.run([*cmd, str(pdf), "-"], check=True, capture_output=True, text=True).stdout


def pdfinfo(pdf: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}
