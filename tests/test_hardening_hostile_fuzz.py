"""A short, fixed-seed pass of tests/fuzz/fuzz_hostile.py (the classes of issue 19 through the real command
line in every format); the long runs and their figures are in docs/reliability.md."""

from __future__ import annotations

from pathlib import Path

from tests.fuzz.fuzz_hostile import MUTATORS, fuzz

BASE = Path(__file__).parent / "cases" / "_base"


def test_hostile_fuzz_pass_finds_no_failure():
    inputs, used, failures = fuzz(BASE, seconds=600, seed=19, max_inputs=60)
    assert inputs == 60
    assert set(used) == set(MUTATORS)  # every class was tried
    assert failures == [], "\n\n".join(f"{what}\n{why}" for what, why in failures)
