"""docs/diff.md stays in step with the code: the rule table lists every rule with its default severity and
description, and the documented JSON keys are the ones the JSON output has."""

from __future__ import annotations

import json
import re
from pathlib import Path

from kotacerdas.diff import diff_paths
from kotacerdas.diff.formats.json_format import render
from kotacerdas.diff.rules import RULES

DOC = (Path(__file__).parent.parent / "docs" / "diff.md").read_text(encoding="utf-8")
BASE = Path(__file__).parent / "diff" / "base"


def test_rule_table_matches_the_registry():
    rows = re.findall(r"^\| `([a-z-]+)` \| (error|warning|info) \| (.+) \|$", DOC, flags=re.M)
    assert rows == [(r.id, r.severity, r.description) for r in RULES.values()]


def test_documented_json_keys_exist():
    data = json.loads(render(diff_paths(BASE, BASE)))
    documented = set(re.findall(r"^\| `([a-z_]+)`(?:, `[a-z_]+`)? \|", DOC, flags=re.M))
    assert {"old", "new", "summary", "rules"} <= documented
    assert set(data) == {"kotacerdas_diff", "old", "new", "summary", "changes", "rules", "budget_threshold_percent"}
