"""`kotacerdas schema`: JSON Schema that editors and check-jsonschema accept, and that agrees with validate.

The schemas are checked as Draft 2020-12 documents, then used by the real check-jsonschema command (as a
subprocess, the way CI and pre-commit run it) on:
- tests/tooling/schema-repo/: a repository `validate` accepts, written with the YAML that JSON Schema
  tools read differently from kotacerdas (unquoted codes are numbers to them);
- tests/tooling/schema-bad/<kind>--<what>.yaml: one file per mistake the schema must flag;
- examples/garut and examples/tuban, once they validate.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from kotacerdas.cli import build_app
from kotacerdas.models import FILE_MODELS
from kotacerdas.repository import discover
from kotacerdas.schema_export import DIALECT, KIND_GLOBS, all_schemas, build_schema, schema_file_name
from kotacerdas.validate import validate

HERE = Path(__file__).parent
TOOLING = HERE / "tooling"
GOOD = TOOLING / "schema-repo"
BAD = TOOLING / "schema-bad"
EXAMPLES = HERE.parent / "examples"
CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")


@pytest.fixture(scope="module")
def schema_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("schemas")
    result = CliRunner().invoke(build_app(), ["schema", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def check_jsonschema(schema: Path, files: list[Path]) -> subprocess.CompletedProcess:
    return subprocess.run([str(CHECK_JSONSCHEMA), "--schemafile", str(schema), *map(str, files)],
                          capture_output=True, text=True, timeout=120)


def files_by_kind(root: Path) -> dict[str, list[Path]]:
    found, _ = discover(root)
    out: dict[str, list[Path]] = {}
    for rel, kind in found:
        out.setdefault(kind, []).append(root / rel)
    return out


@pytest.mark.parametrize("kind", sorted(FILE_MODELS))
def test_every_schema_is_valid_draft_2020_12(kind):
    schema = build_schema(kind)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == DIALECT
    assert schema["$id"].endswith(kind)
    assert schema["additionalProperties"] is False  # unknown keys get a red squiggle


def test_out_writes_one_file_per_kind_byte_identical_to_a_second_run(schema_dir, tmp_path):
    assert sorted(p.name for p in schema_dir.iterdir()) == sorted(schema_file_name(k) for k in FILE_MODELS)
    again = tmp_path / "again"
    CliRunner().invoke(build_app(), ["schema", "--out", str(again)])
    for name, text in all_schemas().items():
        assert (schema_dir / name).read_bytes() == (again / name).read_bytes() == text.encode()
        assert text == json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def test_descriptions_are_bilingual():
    plan = build_schema("plan")
    assert plan["$defs"]["Region"]["properties"]["code"]["description"] == (
        "Kode wilayah Kemendagri (32 atau 32.05) / Kemendagri region code (32 or 32.05)")
    assert "title" not in plan["properties"]["visi"]  # no English titles made from field names


def test_text_fields_accept_unquoted_numbers_but_codes_and_opd_ids_do_not():
    programme = build_schema("programme")["properties"]

    def given(field):  # an optional field (issue 14: name, dimension, owner may be not known) or a required one
        schema = programme[field]
        return next(s for s in schema["anyOf"] if s.get("type") != "null") if "anyOf" in schema else schema

    assert given("name")["type"] == ["string", "number"]
    assert programme["id"]["type"] == ["string", "number"]  # ids may be all digits
    assert programme["id"]["pattern"]  # kept although pydantic puts it in a later validation step
    assert given("dimension")["type"] == "string"  # a code starts with a letter: never a number
    assert given("owner")["type"] == "string"


def test_print_one_kind_and_usage_errors():
    runner = CliRunner()
    one = runner.invoke(build_app(), ["schema", "stage"])
    assert one.exit_code == 0 and json.loads(one.stdout)["$id"].endswith(":stage")
    assert runner.invoke(build_app(), ["schema", "nonsense"]).exit_code == 2
    assert runner.invoke(build_app(), ["schema"]).exit_code == 2


def test_good_fixture_validates_with_kotacerdas_and_with_check_jsonschema(schema_dir):
    assert validate(GOOD).ok
    kinds = files_by_kind(GOOD)
    assert set(kinds) == set(FILE_MODELS)  # every kind is exercised
    for kind, files in kinds.items():
        result = check_jsonschema(schema_dir / schema_file_name(kind), files)
        assert result.returncode == 0, f"{kind}: {result.stdout}{result.stderr}"


@pytest.mark.parametrize("name", sorted(p.name for p in BAD.glob("*.yaml")))
def test_bad_fixture_is_flagged_by_check_jsonschema(schema_dir, name):
    kind = name.split("--")[0]
    result = check_jsonschema(schema_dir / schema_file_name(kind), [BAD / name])
    assert result.returncode == 1, result.stdout + result.stderr
    assert "validation errors" in (result.stdout + result.stderr).lower() or "error" in result.stdout.lower()


@pytest.mark.parametrize("example", ["garut", "tuban"])
def test_examples_validate_against_the_schemas(schema_dir, example):
    root = EXAMPLES / example
    if not (root / "kotacerdas.yaml").is_file():
        pytest.skip(f"examples/{example} does not exist yet")
    if not validate(root).ok:
        pytest.skip(f"examples/{example} does not pass `kotacerdas validate` yet (being written)")
    for kind, files in files_by_kind(root).items():
        result = check_jsonschema(schema_dir / schema_file_name(kind), files)
        assert result.returncode == 0, f"examples/{example} {kind}: {result.stdout}{result.stderr}"


def test_editor_globs_match_the_file_kinds(tmp_path):
    """The VS Code yaml.schemas globs select exactly the files `validate` reads as that kind."""
    from pathlib import PurePosixPath

    from kotacerdas.repository import kind_of

    samples = {"config": "kotacerdas.yaml", "plan": "plan.yaml", "opd": "opd.yaml",
               "taxonomy": "taxonomies/t.yaml", "dimension": "dimensions/governance.yaml",
               "stage": "stages/bimtek-1.yaml", "programme": "programmes/a/b/qw.yml",
               "indicator": "indicators/x/ind.yaml", "evaluation": "evaluations/2025.yaml"}
    assert set(KIND_GLOBS) == set(FILE_MODELS) == set(samples)
    for sample in samples.values():
        (tmp_path / sample).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / sample).write_text("a: 1\n")
    for kind, sample in samples.items():
        assert kind_of(PurePosixPath(sample)) == kind
        matched = {p.relative_to(tmp_path).as_posix() for g in KIND_GLOBS[kind] for p in tmp_path.glob(g)}
        assert matched == {sample}, kind


def test_check_jsonschema_is_installed_as_a_command():
    assert CHECK_JSONSCHEMA.is_file(), "install the test extra: pip install -e '.[test]'"
