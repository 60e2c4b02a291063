"""One registry of every diagnostic code (kotacerdas.codes): what `rules`, SARIF and docs/ say of a code
comes from it, and every code a command reports is in it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kotacerdas.cli import build_app
from kotacerdas.codes import COMMANDS, markdown_table, of_command, registry

DOCS = Path(__file__).parent.parent / "docs"
SRC = Path(__file__).parent.parent / "src" / "kotacerdas"


def _doc_tables() -> dict[str, str]:
    out: dict[str, str] = {}
    for doc in sorted(DOCS.glob("*.md")):
        for m in re.finditer(r"<!-- codes: (\w+) -->\n((?:\|.*\n)+)", doc.read_text(encoding="utf-8")):
            assert m.group(1) not in out, f"two code tables for {m.group(1)}"
            out[m.group(1)] = m.group(2)
    return out


@pytest.mark.parametrize("command", [c for c in COMMANDS if c != "lint"])
def test_each_commands_code_table_in_docs_is_the_registry(command):
    tables = _doc_tables()
    assert command in tables, f"no `<!-- codes: {command} -->` table in docs/"
    assert tables[command] == markdown_table(command), (
        f"docs' code table of {command} differs from kotacerdas.codes; replace it with markdown_table({command!r})")


def test_every_code_in_the_source_is_registered():
    written = set()
    for path in SRC.rglob("*.py"):
        written |= set(re.findall(r'"(KC\d{3})"', path.read_text(encoding="utf-8")))
    assert written, "no codes found: the pattern is wrong"
    assert written <= set(registry()), f"codes reported but not registered: {sorted(written - set(registry()))}"


def test_rules_explains_a_validate_code_with_its_real_severity():
    result = CliRunner().invoke(build_app(), ["rules", "KC008"])
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == "KC008 unknown-file (validate, default severity: warning)"


def test_rules_explains_fmt_render_and_diff_codes():
    for code, words in (("KC091", "(fmt, default severity: error)"), ("KC201", "(render, default severity: error)"),
                        ("KC400", "(diff, default severity: error)")):
        result = CliRunner().invoke(build_app(), ["rules", code])
        assert result.exit_code == 0, code
        assert words in result.output.splitlines()[0], result.output


def test_rules_lists_every_code_of_every_command():
    out = CliRunner().invoke(build_app(), ["rules"]).output
    listed = re.findall(r"^(KC\d{3}) ", out, re.M)
    assert sorted(listed) == sorted(registry())


def test_sarif_rule_metadata_carries_the_registry_severity(tmp_path, example_copy):
    repo = example_copy("garut")
    (repo / "programmes" / "lost.yml").parent.mkdir(exist_ok=True)
    (repo / "notes.yaml").write_text("a: 1\n", encoding="utf-8")  # a YAML file where no kind belongs: KC008
    result = CliRunner().invoke(build_app(), ["validate", str(repo), "--format", "sarif", "--no-cache"])
    doc = json.loads(result.stdout)
    rules = {r["id"]: r for r in doc["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["KC008"]["defaultConfiguration"]["level"] == "warning"
    assert rules["KC008"]["shortDescription"]["text"] == registry()["KC008"].title


def test_diff_flags_take_their_severity_from_the_registry():
    from kotacerdas.diff.rules import RULES

    for rule in RULES.values():
        entry = next(c for c in of_command("diff").values() if c.name == rule.id)
        assert rule.severity == entry.severity and rule.code == entry.code
