"""docs/diff.md stays in step with the code: the documented JSON keys are the ones the JSON output has (its
rule table is checked against the code registry by tests/test_codes.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from kotacerdas.diff import diff_paths
from kotacerdas.diff.formats.json_format import render

DOC = (Path(__file__).parent.parent / "docs" / "diff.md").read_text(encoding="utf-8")
BASE = Path(__file__).parent / "diff" / "base"


def test_documented_json_keys_exist():
    example = json.loads(re.search(r"```json\n(.*?)```", DOC, flags=re.S).group(1))
    data = json.loads(render(diff_paths(BASE, BASE)))
    assert set(example) == set(data)
    assert set(example["old"]) == set(data["old"]) and set(example["summary"]) == set(data["summary"])
    change = example["changes"][0]
    assert set(change) == {"section", "change", "id", "name", "path", "old_path", "fields", "flags", "item"}
    assert set(change["fields"][0]) == {"path", "change", "element", "old", "new", "file", "line"}
