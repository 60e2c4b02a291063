"""Day one, editors: the JSON Schemas a repository gets carry its own dimension, element and OPD codes, so
an editor completes them and marks a misspelt one; `schema --repo` rebuilds them when opd.yaml changes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

PROGRAMME = {"id": "QW-GOV-01", "name": "Mal Pelayanan Publik", "dimension": "governance", "element": "service",
             "innovation": "teknologi", "quick_win": True, "problem": "Antre lama.", "description": "Portal.",
             "owner": "Diskominfo", "supporting": ["Bappeda"], "horizon": "pendek", "start": 2025, "end": 2025}


@pytest.fixture
def repo(fresh_repo: Path) -> Path:
    return fresh_repo


def validator(repo: Path, kind: str) -> Draft202012Validator:
    return Draft202012Validator(json.loads((repo / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8")))


def enum_part(prop: dict) -> dict:
    """The string schema of a property that carries the enumeration (itself, or its non-null anyOf option)."""
    parts = [p for p in prop.get("anyOf", [prop]) if p.get("type") != "null"]
    assert len(parts) == 1, prop
    return parts[0]


def errors(v: Draft202012Validator, doc: dict) -> list[str]:
    return sorted(".".join(map(str, e.absolute_path)) for e in v.iter_errors(doc))


def test_init_schemas_enumerate_the_repositorys_own_codes(repo):
    opd_ids = [o["id"] for o in yaml.safe_load((repo / "opd.yaml").read_text(encoding="utf-8"))["opd"]]
    schema = json.loads((repo / "schemas" / "programme.schema.json").read_text(encoding="utf-8"))
    owner = enum_part(schema["properties"]["owner"])
    assert owner["enum"] == opd_ids
    assert owner["markdownEnumDescriptions"][opd_ids.index("Dinkes")] == "Dinas Kesehatan"
    assert enum_part(schema["properties"]["dimension"])["enum"] == [
        "governance", "branding", "economy", "living", "society", "environment"]
    v = validator(repo, "programme")
    assert errors(v, PROGRAMME) == []
    assert errors(v, {**PROGRAMME, "owner": "Diskominfoo"}) == ["owner"]
    assert errors(v, {**PROGRAMME, "supporting": ["Bappeda", "Dinkez"]}) == ["supporting.1"]
    assert errors(v, {**PROGRAMME, "dimension": "mobility"}) == ["dimension"]
    assert errors(v, {**PROGRAMME, "element": "health"}) == ["element"]  # an element of another dimension
    assert errors(v, {**PROGRAMME, "dimension": "living", "element": "health"}) == []
    indicator = validator(repo, "indicator")
    base = {"id": "IND-01", "name": "Layanan daring", "unit": "layanan", "direction": "up"}
    assert errors(indicator, {**base, "opd": "Dinkes"}) == []
    assert errors(indicator, {**base, "opd": "Dinkez"}) == ["opd"]


def test_a_kota_gets_no_village_office_in_its_enumeration(tmp_path, cli):
    dest = tmp_path / "bandung"
    assert cli("init", dest, "-c", "32.73", "-n", "Kota Bandung", "--install", "kotacerdas==0.1.0").returncode == 0
    owner = enum_part(json.loads((dest / "schemas" / "programme.schema.json").read_text())["properties"]["owner"])
    assert "DPMD" not in owner["enum"] and "Dinkes" in owner["enum"]


def test_schema_repo_follows_a_changed_opd_registry_and_leaves_unchanged_files_alone(repo, cli):
    opd = repo / "opd.yaml"
    opd.write_text(opd.read_text(encoding="utf-8") + "  - id: Disnaker\n    name: Dinas Tenaga Kerja\n",
                   encoding="utf-8")
    taxonomy = repo / "schemas" / "taxonomy.schema.json"
    before = taxonomy.stat().st_mtime_ns
    r = cli("schema", "--out", repo / "schemas", "--repo", repo)
    assert r.returncode == 0, r.stderr
    assert errors(validator(repo, "programme"), {**PROGRAMME, "owner": "Disnaker"}) == []
    assert taxonomy.stat().st_mtime_ns == before  # same text: not rewritten
    again = cli("schema", "--out", repo / "schemas", "--repo", repo / "programmes")  # from inside, as git
    assert again.returncode == 0 and "using the masterplan repository" in again.stderr


def test_without_repo_the_schemas_stay_generic_and_a_broken_opd_file_adds_no_enumeration(repo, cli, tmp_path):
    r = cli("schema", "programme")
    assert r.returncode == 0 and "enum" not in enum_part(json.loads(r.stdout)["properties"]["owner"])
    (repo / "opd.yaml").write_text("opd: [\n", encoding="utf-8")  # not YAML: its codes are not known
    r = cli("schema", "programme", "--repo", repo)
    assert r.returncode == 0
    properties = json.loads(r.stdout)["properties"]
    assert "enum" not in enum_part(properties["owner"]) and "enum" in enum_part(properties["dimension"])
