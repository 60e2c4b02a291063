"""docs/lint.md's rules reference is generated from the rule modules; this keeps it in step."""

from __future__ import annotations

from pathlib import Path

from kotacerdas.lint.explain import rules_markdown
from kotacerdas.lint.rules import RULES

DOC = Path(__file__).parent.parent / "docs" / "lint.md"


def test_rules_reference_matches_the_registry():
    text = DOC.read_text(encoding="utf-8")
    start = text.index("<!-- rules:start -->\n") + len("<!-- rules:start -->\n")
    end = text.index("<!-- rules:end -->")
    assert text[start:end] == rules_markdown(), (
        "docs/lint.md is out of date; replace the rules section with kotacerdas.lint.explain.rules_markdown()")


def test_every_rule_documents_itself():
    for code, rule in RULES.items():
        assert code.startswith("KC1") and len(code) == 5
        assert rule.NAME and rule.SUMMARY.endswith(".") and len(rule.RATIONALE) > 80, code
        assert rule.BAD.strip() and rule.GOOD.strip() and rule.BAD != rule.GOOD, code
        for option in rule.OPTIONS:
            assert option.problem(option.default) is None, f"{code} option {option.name}: default is invalid"
