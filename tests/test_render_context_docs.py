"""docs/templates.md documents every key of the template context (issue 14): a repository template author
reads that page, not render/context.py. Each part of the context built for real repositories (the Garut
example, and a record-only repository with facts left out) is compared with its own section of the page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kotacerdas.render.context import build_context
from kotacerdas.validate import validate

from .test_validate_cases import build_case

ROOT = Path(__file__).parent.parent
DOC = ROOT / "docs" / "templates.md"

# context part -> heading of its section in docs/templates.md ("### …")
SECTIONS = {
    "plan": "`plan`",
    "dimensions": "A dimension (`dimensions[i]`)",
    "programmes": "A programme (`programmes[i]`)",
    "roadmap": "`roadmap`",
    "monitoring": "`monitoring`",
    "opd_matrix": "`opd_matrix`",
    "budget": "`budget`",
    "stages": "`stages` and `commitments`",
    "commitments": "`stages` and `commitments`",
    "opds": "Top level",
    "taxonomy": "Top level",
}
# parts whose own keys are not data of the plan (label catalogue, an index by id)
OPAQUE = {"labels", "programme_by_id"}


def _sections() -> dict[str, set[str]]:
    text = DOC.read_text(encoding="utf-8")
    part = text[text.index("## The template context"):text.index("## Extra chapters")]
    out = {}
    for chunk in part.split("\n### ")[1:]:
        heading, _, body = chunk.partition("\n")
        out[heading.strip()] = set(re.findall(r"`([A-Za-z_][A-Za-z0-9_]*)", body))
    return out


def _is_programme(value) -> bool:
    return isinstance(value, dict) and "source_file" in value and "funding" in value


def _keys(value, top: bool = True) -> set[str]:
    """Every key of a context part, nested dicts and list items included; a programme nested in another part
    (a dimension's programmes, a roadmap row's programme) is documented in the programme section."""
    out: set[str] = set()
    if _is_programme(value) and not top:
        return out
    if isinstance(value, dict):
        for k, v in value.items():
            out.add(k)
            out |= _keys(v, top=False)
    elif isinstance(value, list):
        for item in value:
            out |= _keys(item, top=False)
    return out


def _contexts(tmp_path):
    garut = validate(ROOT / "examples" / "garut").masterplan
    record = validate(build_case("record-only-programme", tmp_path)).masterplan
    return [build_context(garut, "id"), build_context(record, "en")]


def test_every_top_level_key_is_documented(tmp_path):
    top = _sections()["Top level"]
    for ctx in _contexts(tmp_path):
        missing = sorted(set(ctx) - top)
        assert not missing, f"docs/templates.md 'Top level' does not list: {missing}"


@pytest.mark.parametrize("part", sorted(SECTIONS))
def test_every_key_of_each_part_is_documented_in_its_section(part, tmp_path):
    documented = _sections()[SECTIONS[part]]
    missing: set[str] = set()
    for ctx in _contexts(tmp_path):
        value = ctx[part]
        keys = set().union(*(_keys(v) for v in value)) if isinstance(value, list) and part != "opds" else _keys(
            value)
        missing |= keys - documented
    assert not missing, f"docs/templates.md section {SECTIONS[part]!r} does not document: {sorted(missing)}"


def test_the_sections_this_test_reads_exist():
    sections = _sections()
    for heading in {*SECTIONS.values(), "Top level"}:
        assert heading in sections, heading
    assert not OPAQUE & set(SECTIONS)
