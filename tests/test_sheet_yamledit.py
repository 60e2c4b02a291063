"""The minimal YAML text edits behind `sheet import`: only the values change, every other byte stays."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from kotacerdas.sheets.yamledit import EditError, scalar_text, set_many

EDIT: dict[int, dict[str, Any]] = {2025: {"realisation": 2, "obstacle": "baru"}, 2026: {"realisation": 3}}


def _targets(text: str) -> list:
    return yaml.safe_load(text)["targets"]


def test_block_list_with_comments_keeps_every_other_line():
    text = ("# kepala\nid: I\ntargets:  # per tahun\n  - year: 2025  # tahun ini\n    target: 5   # RPJMD\n"
            "  # 2027 menyusul\n  - year: 2027\n    target: 7\n")
    out = set_many(text, "indicator", "targets", EDIT)
    assert [line for line in out.splitlines() if "#" in line] == [line for line in text.splitlines() if "#" in line]
    assert out.splitlines()[:5] == text.splitlines()[:5]
    assert _targets(out) == [{"year": 2025, "target": 5, "realisation": 2, "obstacle": "baru"},
                             {"year": 2026, "realisation": 3}, {"year": 2027, "target": 7}]
    assert out.index("- year: 2026") < out.index("# 2027 menyusul")  # the comment stays with 2027


def test_folded_text_is_replaced_whole():
    text = "id: I\ntargets:\n  - year: 2025\n    obstacle: >-\n      panjang\n      dua baris\n    follow_up: x\n"
    out = set_many(text, "indicator", "targets", {2025: {"obstacle": "baru"}})
    assert _targets(out) == [{"year": 2025, "obstacle": "baru", "follow_up": "x"}]


def test_flow_lists_and_mappings():
    out = set_many("id: I\ntargets: [{year: 2025, target: 1}]\n", "indicator", "targets", EDIT)
    assert _targets(out) == [{"year": 2025, "target": 1, "realisation": 2, "obstacle": "baru"},
                             {"year": 2026, "realisation": 3}]
    out = set_many("id: I\ntargets: []\n", "indicator", "targets", {2025: {"obstacle": "a, b: [c]"}})
    assert _targets(out) == [{"year": 2025, "obstacle": "a, b: [c]"}]


def test_crlf_and_missing_final_newline():
    out = set_many("id: I\r\ntargets:\r\n  - year: 2025\r\n    target: 1\r\n", "indicator", "targets", EDIT)
    assert "\n" not in out.replace("\r\n", "") and _targets(out)[1] == {"year": 2026, "realisation": 3}
    out = set_many("id: I\ntargets:\n  - year: 2025\n    target: 1", "indicator", "targets", EDIT)
    assert _targets(out)[0] == {"year": 2025, "target": 1, "realisation": 2, "obstacle": "baru"}


def test_absent_list_goes_where_the_field_order_puts_it():
    text = "id: P\nname: n\nmilestones: []\noutputs:\n  - satu\n"
    out = set_many(text, "programme", "history", {2025: {"status": "ongoing", "progress": 50.5}})
    data = yaml.safe_load(out)
    assert list(data) == ["id", "name", "milestones", "history", "outputs"]
    assert data["history"] == [{"year": 2025, "status": "ongoing", "progress": 50.5}]


@pytest.mark.parametrize("value", ["no", "yes", "null", "~", "1.10", "2024-01-01", "#x", "a: b", "- x", "x #y",
                                   "'q'", '"d"', "a\nb", "tab\there", "100%", "Rp1.250.000", "é ü 中文", "x\u2028y"])
def test_text_reads_back_as_written(value):
    assert yaml.safe_load(f"k: {scalar_text(value)}\n") == {"k": value}


def test_shapes_it_does_not_edit_are_refused():
    with pytest.raises(EditError):
        set_many("id: I\ntargets: 5\n", "indicator", "targets", EDIT)
    with pytest.raises(EditError):
        set_many("id: I\ntargets:\n", "indicator", "targets", EDIT)
