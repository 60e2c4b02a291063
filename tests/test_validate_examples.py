"""The showcase examples are complete, valid masterplans: `kotacerdas validate` finds nothing in them."""

from __future__ import annotations

from pathlib import Path

import pytest

from kotacerdas.validate import validate

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.mark.parametrize("name", ["garut", "tuban"])
def test_example_validates_clean(name):
    root = EXAMPLES / name
    if not (root / "kotacerdas.yaml").is_file():
        pytest.skip(f"examples/{name} is not written yet")
    result = validate(root)
    assert [f"{d.code} {d.path}:{d.line}:{d.column} {d.message}" for d in result.diagnostics] == []
    mp = result.masterplan
    # complete, not a stub: all six dimensions, the stages, programmes and indicators
    assert {d.item.dimension for d in mp.dimensions} == set(mp.taxonomy.dimensions)
    assert mp.stages and mp.programmes and mp.indicators
    assert {p.item.dimension for p in mp.quick_wins} == set(mp.taxonomy.dimensions)
