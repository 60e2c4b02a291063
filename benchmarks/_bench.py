"""What the benchmark scripts share (imported by them as `_bench`: they run from this folder)."""

from __future__ import annotations

import compileall
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def compile_kotacerdas() -> None:
    """Write Python's bytecode for kotacerdas first, as a normal start writes it: a machine with
    PYTHONDONTWRITEBYTECODE=1 would otherwise compile every module on every start of every run."""
    compileall.compile_dir(str(ROOT / "src" / "kotacerdas"), quiet=1)
