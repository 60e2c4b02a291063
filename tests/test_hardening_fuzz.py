"""A short, bounded pass of the lint/fmt/render fuzzer (tests/fuzz/fuzz_commands.py) on the small base
repository: a fixed number of inputs for a fixed seed, so the pass is the same on every run. The long runs
and their figures are in docs/reliability.md."""

from __future__ import annotations

from .fuzz.fuzz_commands import fuzz
from .hardening.util import BASE


def test_lint_fmt_render_fuzz_pass_finds_no_crash():
    outcome = fuzz(BASE, seconds=600, seed=20261122, max_inputs=40)
    assert outcome.inputs == 40
    assert outcome.crashes == [], outcome.crashes[0][2]
    assert outcome.diagnostics > 0  # the mutations did break things
