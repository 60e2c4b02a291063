"""docs/format.md stays true: its examples form a valid repository, its field tables list every field of
the models in order with every allowed value, and its code table is the registry's (tests/test_codes.py)."""

from __future__ import annotations

import re
import typing
from pathlib import Path, PurePosixPath

import pytest
from pydantic import BaseModel

from kotacerdas import models
from kotacerdas.repository import kind_of
from kotacerdas.source import load_bytes
from kotacerdas.validate import validate

DOCS = Path(__file__).resolve().parent.parent / "docs"
FORMAT = DOCS / "format.md"
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)
FILE_MARK = re.compile(r"\A(?:# file: (\S+)|<!-- file: (\S+) -->)\n")


def fenced_blocks(text: str) -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in FENCE.finditer(text)]


def example_files(text: str) -> dict[str, str]:
    files = {}
    for lang, body in fenced_blocks(text):
        m = FILE_MARK.match(body)
        if m and lang in ("yaml", "markdown"):
            path = m.group(1) or m.group(2)
            assert path not in files, f"{path} appears twice in docs/format.md"
            files[path] = body[m.end():] if lang == "markdown" else body
    return files


def test_examples_assemble_into_a_valid_repository(tmp_path):
    files = example_files(FORMAT.read_text(encoding="utf-8"))
    for rel, body in files.items():
        dest = tmp_path / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(body, encoding="utf-8")
    result = validate(tmp_path)
    assert [f"{d.code} {d.path}:{d.line} {d.message}" for d in result.diagnostics] == []
    # every file kind has an example
    kinds = {kind_of(PurePosixPath(rel)) for rel in files}
    assert set(models.FILE_MODELS) <= kinds
    # and the examples use the prose files they ship
    assert any(rel.endswith(".md") for rel in files)


def test_yaml_snippets_without_a_file_parse():
    for lang, body in fenced_blocks(FORMAT.read_text(encoding="utf-8")):
        if lang == "yaml" and not FILE_MARK.match(body):
            load_bytes(body.encode("utf-8"), "snippet.yaml")  # raises LoadError if the snippet is broken


def _reachable() -> list[type[BaseModel]]:
    seen: list[type[BaseModel]] = []

    def walk(tp):
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            if tp not in seen:
                seen.append(tp)
                for f in tp.model_fields.values():
                    walk(f.annotation)
            return
        for arg in typing.get_args(tp):
            walk(arg)

    for m in models.FILE_MODELS.values():
        walk(m)
    return seen


def _tables(text: str) -> dict[str, list[list[str]]]:
    out = {}
    for m in re.finditer(r"<!-- model: (\w+) -->\n(.*?)(?=\n\n(?!\|)|\Z)", text, re.S):
        rows = [ln for ln in m.group(2).splitlines() if ln.startswith("| `")]
        out[m.group(1)] = [[c.strip() for c in row.strip("|").split(" | ")] for row in rows]
    return out


def _literals(tp) -> list:
    if typing.get_origin(tp) is typing.Literal:
        return list(typing.get_args(tp))
    return [v for arg in typing.get_args(tp) for v in _literals(arg)]


@pytest.mark.parametrize("model", _reachable(), ids=lambda m: m.__name__)
def test_field_table_lists_every_field_in_model_order(model):
    tables = _tables(FORMAT.read_text(encoding="utf-8"))
    assert model.__name__ in tables, f"docs/format.md has no table for {model.__name__}"
    rows = tables[model.__name__]
    assert [r[0].strip("`") for r in rows] == list(model.model_fields)
    for row, (name, info) in zip(rows, model.model_fields.items(), strict=False):
        assert (row[1] == "**yes**") == info.is_required(), f"{model.__name__}.{name} required column"
        for value in _literals(info.annotation):
            assert f"`{value}`" in row[2], f"{model.__name__}.{name}: allowed value {value!r} not documented"
        assert row[3].strip(" .") != "", f"{model.__name__}.{name} has no meaning"


def test_no_table_for_a_model_that_does_not_exist():
    names = {m.__name__ for m in _reachable()}
    assert set(_tables(FORMAT.read_text(encoding="utf-8"))) <= names


def test_output_doc_json_example_has_the_real_shape(tmp_path):
    import json
    import shutil

    from kotacerdas.reporters import Report, render_report

    from .test_validate_cases import BASE

    example = next(json.loads(body) for lang, body in fenced_blocks((DOCS / "output.md").read_text(encoding="utf-8"))
                   if lang == "json")
    shutil.copytree(BASE, tmp_path / "repo")
    (tmp_path / "repo" / "programmes" / "qw-1.yaml").write_text("id: X\nfundng: 1\n", encoding="utf-8")
    result = validate(tmp_path / "repo")
    real = json.loads(render_report("json", Report("validate", result.diagnostics, result.repo.root,
                                                   files_checked=len(result.repo.files), prefix="repo")))
    assert list(example) == list(real)
    assert list(example["diagnostics"][0]) == list(real["diagnostics"][0])
    assert list(example["summary"]) == list(real["summary"])
