"""Lint on every broken repository of the validate corpus (tests/cases/): no crash, validate's findings
carried over unchanged, and rules still run on whatever loaded."""

from __future__ import annotations

import datetime as dt

import pytest

from kotacerdas.lint import lint

from .test_validate_cases import build_case, case_names


@pytest.mark.parametrize("name", case_names())
def test_lint_includes_validate_findings_and_never_crashes(name, tmp_path):
    repo = build_case(name, tmp_path)
    result = lint(repo, as_of=dt.date(2026, 11, 22))
    assert set(result.validation.diagnostics) <= set(result.diagnostics)
    for d in result.diagnostics:
        assert d.line >= 1 and d.column >= 1 and d.message
