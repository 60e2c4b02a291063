"""Every lint rule, checked on small repositories on disk.

tests/lint/base/ is a minimal repository that passes every rule. Each rule has a folder
tests/lint/<rule-name>/ with two cases, `bad/` and `good/`, holding only the files that differ from the
base (same path = replaced or added; `delete.txt` lists paths to remove). `bad/expect.txt` lists the
findings of that rule, one per line as `CODE path:line`; `good/` must produce none of that rule. Both must
stay valid (no validate error), so every finding comes from the rule itself. Linted as of 2026-11-22.

Adding a regression case for a rule means editing files, not code.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from kotacerdas.diagnostics import Severity
from kotacerdas.lint import lint
from kotacerdas.lint.rules import BY_NAME, RULES

LINT = Path(__file__).parent / "lint"
BASE = LINT / "base"
AS_OF = dt.date(2026, 11, 22)
_SPECIAL = {"expect.txt", "delete.txt"}


def read_list(path: Path) -> list[str]:
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


def build(case: Path | None, tmp_path: Path) -> Path:
    """The base repository with `case` laid over it, in tmp_path; returns its root."""
    repo = tmp_path / "repo"
    shutil.copytree(BASE, repo)
    if case is None:
        return repo
    for src in sorted(case.rglob("*")):
        rel = src.relative_to(case)
        if src.is_dir() or (len(rel.parts) == 1 and rel.name in _SPECIAL):
            continue
        dest = repo / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dest)
    for rel in read_list(case / "delete.txt"):
        (repo / rel).unlink()
    return repo


def lines_of(diagnostics, code: str | None = None) -> list[str]:
    return sorted(f"{d.code} {d.path}:{d.line}" for d in diagnostics if code is None or d.code == code)


def validate_errors(result) -> list[str]:
    return [f"{d.code} {d.path}:{d.line} {d.message}" for d in result.validation.diagnostics
            if d.severity is Severity.ERROR]


def test_base_passes_every_rule(tmp_path):
    result = lint(build(None, tmp_path), as_of=AS_OF)
    assert [f"{d.code} {d.path}:{d.line} {d.message}" for d in result.diagnostics] == []
    assert result.suppressed == []


def test_every_rule_has_bad_and_good_cases():
    folders = {p.name for p in LINT.iterdir() if p.is_dir() and p.name != "base"}
    assert folders == set(BY_NAME), "one folder per rule, named after the rule"
    for name in folders:
        assert read_list(LINT / name / "bad" / "expect.txt"), f"{name}/bad/expect.txt lists no finding"
        assert (LINT / name / "good").is_dir()


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_bad_case_finds_exactly_the_expected(name, tmp_path):
    code = BY_NAME[name]
    case = LINT / name / "bad"
    result = lint(build(case, tmp_path), as_of=AS_OF)
    assert validate_errors(result) == []
    assert lines_of(result.diagnostics, code) == sorted(read_list(case / "expect.txt"))
    for d in result.diagnostics:
        if d.code == code:
            # the rule's severity, or a note where the finding is about a fact the record does not give
            assert d.severity is Severity(RULES[code].SEVERITY) or (d.severity is Severity.INFO and "not" in d.message)
            assert d.message and d.hint, "every finding says what is wrong and how to fix it"
            assert d.line >= 1 and d.column >= 1


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_good_case_finds_nothing(name, tmp_path):
    code = BY_NAME[name]
    result = lint(build(LINT / name / "good", tmp_path), as_of=AS_OF)
    assert validate_errors(result) == []
    assert lines_of(result.diagnostics, code) == []
