"""Both example masterplans lint with no error (as of 2026-11-22): they are what new users copy."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kotacerdas.diagnostics import Severity
from kotacerdas.lint import lint

EXAMPLES = Path(__file__).parent.parent / "examples"


@pytest.mark.parametrize("name", ["garut", "tuban"])
def test_example_lints_without_error(name):
    root = EXAMPLES / name
    if not (root / "kotacerdas.yaml").is_file():
        pytest.skip(f"examples/{name} is not there yet")
    result = lint(root, as_of=dt.date(2026, 11, 22))
    errors = [f"{d.path}:{d.line}:{d.column} {d.code} {d.message}" for d in result.diagnostics
              if d.severity is Severity.ERROR]
    assert errors == []
