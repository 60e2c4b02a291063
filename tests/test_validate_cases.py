"""The validate corpus: one small invalid repository per error class, on disk.

Each folder under tests/cases/ (except `_base`) is a case. The test copies the valid base repository
`tests/cases/_base/` into a temporary folder and lays the case's files over it:

- every file in the case folder replaces or adds the file at the same path,
- `delete.txt` lists repository paths to remove (one per line),
- `symlinks.txt` lists symbolic links to create, one per line as `link -> target`; a target starting with
  `{outside}/` points into a folder next to the repository (filled from the case's `_outside/` folder),
- `expected.txt` holds the expected diagnostics, one per line as `CODE path:line`, compared sorted and
  exactly (order-insensitive, but every diagnostic must be listed, warnings included). Blank lines and
  lines starting with `#` are comments.

Adding a regression case means adding a folder; no code.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kotacerdas.codes import of_command
from kotacerdas.validate import validate

CASES = Path(__file__).parent / "cases"
BASE = CASES / "_base"
_SPECIAL = {"expected.txt", "delete.txt", "symlinks.txt"}


def case_names() -> list[str]:
    return sorted(p.name for p in CASES.iterdir() if p.is_dir() and not p.name.startswith("_"))


def read_list(path: Path) -> list[str]:
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


def build_case(name: str, tmp_path: Path) -> Path:
    """The case's repository, assembled in tmp_path; returns its root."""
    case = CASES / name
    repo = tmp_path / "repo"
    shutil.copytree(BASE, repo)
    for src in sorted(case.rglob("*")):
        rel = src.relative_to(case)
        if rel.parts[0] == "_outside" or src.is_dir() or (len(rel.parts) == 1 and rel.name in _SPECIAL):
            continue
        dest = repo / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dest)
    for rel in read_list(case / "delete.txt"):
        target = repo / rel
        if target.is_dir():
            shutil.rmtree(target)
        else:
            target.unlink()
    outside = tmp_path / "outside"
    if (case / "_outside").is_dir():
        shutil.copytree(case / "_outside", outside)
    for line in read_list(case / "symlinks.txt"):
        link, target = (part.strip() for part in line.split("->"))
        target = target.replace("{outside}", str(outside))
        (repo / link).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, repo / link)
    return repo


def as_lines(diagnostics) -> list[str]:
    return sorted(f"{d.code} {d.path}:{d.line}" for d in diagnostics)


def test_base_is_valid(tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(BASE, repo)
    result = validate(repo)
    assert as_lines(result.diagnostics) == []
    assert result.ok


def test_every_case_has_expectations():
    for name in case_names():
        assert (CASES / name / "expected.txt").is_file(), f"tests/cases/{name} has no expected.txt"


@pytest.mark.parametrize("name", case_names())
def test_case(name, tmp_path):
    repo = build_case(name, tmp_path)
    result = validate(repo)
    expected = sorted(read_list(CASES / name / "expected.txt"))
    assert as_lines(result.diagnostics) == expected
    # Every diagnostic says what is wrong in words and points at a real place.
    for d in result.diagnostics:
        assert d.message and d.line >= 1 and d.column >= 1
        assert d.code in of_command("validate")
    # The verdict follows the severities: only-warning cases still pass.
    assert result.ok == all(d.severity.value != "error" for d in result.diagnostics)
