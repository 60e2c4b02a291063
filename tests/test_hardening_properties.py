"""Properties of the writing and comparing commands over whole generated repositories (tests/strategies.py).

- `fmt` on every file of a generated repository, with comments added at random places (full-line comments
  at any indentation, comments after values and after keys that open a block): formatting twice equals
  formatting once, the loaded data and the validated model of every file are unchanged, the repository
  still validates, and every comment is still there, once.
- `diff(a, a)` is empty and `diff(a, b)` mirrors `diff(b, a)`: proved in tests/test_diff_properties.py
  (also for reordered/reformatted/renamed copies and for valid revisions); not repeated here.
- `render` is deterministic: tests/test_hardening_render.py.

Example counts are small: CI has two cores and the whole hardening suite should stay well under 30 s.
"""

from __future__ import annotations

import random
from pathlib import PurePosixPath

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kotacerdas.checks import check_masterplan
from kotacerdas.diagnostics import Severity
from kotacerdas.fmt import format_bytes, format_text
from kotacerdas.masterplan import build_masterplan
from kotacerdas.repository import kind_of, load_repository_from_blobs
from kotacerdas.source import load_bytes

from .strategies import repositories

SETTINGS = settings(max_examples=10, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def normal(value):
    """Loaded data with every number replaced by the characters written (what fmt must keep)."""
    if isinstance(value, dict):
        return {k: normal(v) for k, v in value.items()}
    if isinstance(value, list):
        return [normal(v) for v in value]
    return getattr(value, "source", value)


def with_comments(raw: bytes, rng: random.Random, counter) -> tuple[bytes, list[str]]:
    """The file with comments added: each is `# hc<n> <words>`, unique in the repository. The generated
    YAML is block style, one value per line (PyYAML quotes any value holding ' #'), so a comment may
    follow any line and a full-line comment may stand before any line."""
    lines = raw.decode("utf-8").split("\n")
    out, markers = [], []

    def marker() -> str:
        m = f"hc{next(counter)}"
        markers.append(m)
        return m

    if rng.random() < 0.5:
        out.append(f"# {marker()} tentang berkas ini")
    for line in lines:
        if not line:
            out.append(line)
            continue
        indent = len(line) - len(line.lstrip(" "))
        if rng.random() < 0.3:
            out.append(" " * rng.choice([0, indent]) + f"# {marker()} catatan: nilai, angka 32.10")
        if rng.random() < 0.3:
            line += f"  # {marker()} ubah jika perlu"
        out.append(line)
    if rng.random() < 0.5:
        out.insert(len(out) - 1 if out and out[-1] == "" else len(out), f"# {marker()} akhir")
    return "\n".join(out).encode("utf-8"), markers


def _errors(blobs: dict[str, bytes]):
    repo = load_repository_from_blobs("generated", blobs)
    found = repo.diagnostics + check_masterplan(build_masterplan(repo))
    return repo, [d for d in found if d.severity is Severity.ERROR]


@SETTINGS
@given(repositories(), st.integers(0, 2**32 - 1))
def test_fmt_is_idempotent_keeps_data_models_and_every_comment(blobs, seed):
    rng = random.Random(seed)
    counter = iter(range(100_000))
    commented, formatted = {}, {}
    for rel, raw in sorted(blobs.items()):
        kind = kind_of(PurePosixPath(rel))
        assert kind is not None, rel
        text, markers = with_comments(raw, rng, counter)
        commented[rel] = text
        out = format_bytes(text, kind, rel)
        assert format_bytes(out.encode("utf-8"), kind, rel) == out, f"{rel}: formatting twice differs"
        # same data, number spellings included
        assert normal(load_bytes(out.encode("utf-8"), rel).data) == normal(load_bytes(text, rel).data), rel
        # every comment kept, once (a marker may also occur inside a generated value: compare counts)
        source = text.decode("utf-8")
        for m in markers:
            assert out.count(f"# {m} ") == source.count(f"# {m} "), f"{rel}: comment {m} lost or doubled\n{out}"
        formatted[rel] = out.encode("utf-8")

    before, errors_before = _errors(commented)
    after, errors_after = _errors(formatted)
    assert errors_before == [] and errors_after == []
    assert {f.rel: f.model for f in after.files} == {f.rel: f.model for f in before.files}


@pytest.mark.parametrize("written", ["5.0e-324", "1e400", "123456789012345678.0", "2.2250738585072014e-308",
                                     "1.0E-5", ".5", "-.Inf", "40.50"])
def test_fmt_keeps_how_a_float_was_written(written):
    # Found by the property above: ruamel re-spelled 5.0e-324 as 4.9e-324 and 1e400 as .inf, so fmt refused
    # a valid file ("formatting would have changed a value", exit 1). Fixed in fmt: floats keep their text.
    text = f"id: IND-A\nname: A\nunit: A\ndirection: up\ntargets:\n  - year: 2024\n    target: {written}  # c\n"
    assert format_text(text, "indicator") == text
