"""Properties of the loader and validate over generated repositories and random mutations of them."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kotacerdas.checks import check_masterplan
from kotacerdas.diagnostics import Severity
from kotacerdas.masterplan import build_masterplan
from kotacerdas.repository import load_repository_from_blobs

from .fuzz.fuzz_validate import fuzz, mutate
from .strategies import repositories


def _validate(blobs):
    repo = load_repository_from_blobs("generated", blobs)
    return repo, repo.diagnostics + check_masterplan(build_masterplan(repo))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(repositories())
def test_any_generated_valid_repository_validates(blobs):
    repo, diagnostics = _validate(blobs)
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    assert errors == [], "\n".join(f"{d.path}:{d.line} {d.code} {d.message} {d.found}" for d in errors)
    # every file was recognised and loaded as what it is
    assert len(repo.files) == sum(1 for rel in blobs if rel.endswith(".yaml"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(repositories(), st.integers(0, 2**32 - 1))
def test_any_mutation_gives_diagnostics_not_exceptions(blobs, seed):
    rng = random.Random(seed)
    rel = rng.choice(sorted(blobs))
    blobs = dict(blobs)
    blobs[rel] = mutate(blobs[rel], rng)
    _, diagnostics = _validate(blobs)  # must not raise
    for d in diagnostics:
        assert d.line >= 1 and d.column >= 1 and d.message and d.path


def test_fuzz_pass_finds_no_crash():
    # A fixed number of inputs (deterministic for the seed); the time bound only stops a runaway.
    source = Path(__file__).parent / "cases" / "_base"
    outcome = fuzz(source, seconds=600, seed=20261122, max_inputs=400)
    assert outcome.inputs == 400
    assert outcome.crashes == [], outcome.crashes[0][2]


@pytest.mark.parametrize("seed", range(6))
def test_cli_on_mutated_repository_exits_0_or_1_without_traceback(tmp_path, seed):
    garut = Path(__file__).parents[1] / "examples" / "garut"
    source = garut if (garut / "kotacerdas.yaml").is_file() else Path(__file__).parent / "cases" / "_base"
    if not (source / "kotacerdas.yaml").is_file():
        pytest.skip("no base repository")
    rng = random.Random(seed)
    files = sorted(p for p in source.rglob("*.yaml"))
    target_root = tmp_path / "repo"
    for p in source.rglob("*"):
        if p.is_file():
            dest = target_root / p.relative_to(source)
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(p.read_bytes())
    victim = target_root / rng.choice(files).relative_to(source)
    data = victim.read_bytes()
    for _ in range(3):
        data = mutate(data, rng)
    victim.write_bytes(data)
    for fmt in ("text", "json"):
        proc = subprocess.run([sys.executable, "-m", "kotacerdas", "validate", str(target_root), "--format", fmt],
                              capture_output=True, text=True)
        assert proc.returncode in (0, 1), proc.stderr
        assert "Traceback" not in proc.stderr + proc.stdout
