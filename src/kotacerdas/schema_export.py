"""JSON Schema (Draft 2020-12) for every file kind, generated from the Pydantic models.

Editors (VS Code with the YAML extension, anything using yaml-language-server) read these schemas to
offer completion, hover help (the bilingual field descriptions) and red squiggles while an officer
types. CI can run check-jsonschema with them too. The models in models.py stay the one definition of
the format; this module only translates them, with three deliberate adjustments:

- YAML 1.2 reads an unquoted `code: 32.05` as a number, and so do editors and check-jsonschema. Our
  loader keeps the characters the user wrote for text fields, so the validator accepts it: text and
  id fields whose pattern a number's text could match therefore accept a number too.
- Field titles are left out (they would be English words made from field names); the bilingual
  descriptions are what editors show.
- Output is deterministic: sorted keys, stable `$defs` names (the model class names), `$schema` and a
  format-versioned `$id` on every file, a trailing newline.

The schemas are slightly stricter than `validate` in one direction: Pydantic's lax mode also accepts
numbers written in quotes (`year: "2024"`) and words such as `yes` for booleans; the schema flags those,
which is what an officer should fix anyway (docs/editors.md explains it).
"""

from __future__ import annotations

from .jsontext import dumps
import re
from pathlib import Path
from typing import Any

from pydantic.json_schema import GenerateJsonSchema

from .models import FILE_MODELS, FORMAT_VERSION, _as_text

DIALECT = "https://json-schema.org/draft/2020-12/schema"

# Where each kind's files lie (docs/format.md; repository.kind_of decides), as editor glob patterns.
KIND_GLOBS: dict[str, tuple[str, ...]] = {
    "config": ("kotacerdas.yaml", "kotacerdas.yml"),
    "plan": ("plan.yaml", "plan.yml"),
    "opd": ("opd.yaml", "opd.yml"),
    "taxonomy": ("taxonomies/*.yaml", "taxonomies/*.yml"),
    "dimension": ("dimensions/*.yaml", "dimensions/*.yml"),
    "stage": ("stages/*.yaml", "stages/*.yml"),
    "programme": ("programmes/**/*.yaml", "programmes/**/*.yml"),
    "indicator": ("indicators/**/*.yaml", "indicators/**/*.yml"),
    "evaluation": ("evaluations/*.yaml", "evaluations/*.yml"),
}

_TITLES = {
    "config": "kotacerdas.yaml: pengaturan repositori / repository settings",
    "plan": "plan.yaml: daerah dan masterplan / the region and its masterplan",
    "opd": "opd.yaml: daftar perangkat daerah / the region's offices",
    "taxonomy": "taxonomies/*.yaml: taksonomi dimensi dan elemen / taxonomy of dimensions and elements",
    "dimension": "dimensions/*.yaml: analisis dan strategi satu dimensi / one dimension's analysis and strategy",
    "stage": "stages/*.yaml: satu tahap Bimtek / one Bimtek stage",
    "programme": "programmes/**/*.yaml: satu program atau inovasi / one programme or innovation",
    "indicator": "indicators/**/*.yaml: satu indikator dan targetnya / one indicator and its targets",
    "evaluation": "evaluations/*.yaml: hasil evaluasi satu tahun / one year's national evaluation",
}


def schema_file_name(kind: str) -> str:
    return f"{kind}.schema.json"


def schema_id(kind: str) -> str:
    return f"urn:kotacerdas:format-{FORMAT_VERSION}:{kind}"


class _Generator(GenerateJsonSchema):
    def field_title_should_be_set(self, schema) -> bool:
        return False

    def function_before_schema(self, schema) -> dict[str, Any]:
        inner = super().function_before_schema(schema)
        if schema.get("function", {}).get("function") is _as_text and inner.get("type") == "string":
            return {**inner, "type": ["string", "number"]}
        return inner

    def chain_schema(self, schema) -> dict[str, Any]:
        # Pydantic documents only the first step of a chain; a `pattern` placed after a validator
        # (our Id, Code and OpdId types) lives in a later step and would be lost.
        out = dict(self.generate_inner(schema["steps"][0]))
        for step in schema["steps"][1:]:
            inner = step.get("schema", {})
            if step.get("type") == "function-wrap" and inner.get("type") == "str":
                for core_key, json_key in (("pattern", "pattern"), ("min_length", "minLength"),
                                           ("max_length", "maxLength")):
                    if core_key in inner:
                        out[json_key] = inner[core_key]
        return _number_only_if_it_can_match(out)


def _number_only_if_it_can_match(node: dict[str, Any]) -> dict[str, Any]:
    """A number is allowed in a text field only when its digits could match the field's pattern."""
    pattern = node.get("pattern")
    if node.get("type") == ["string", "number"] and pattern is not None and not re.search(pattern, "1"):
        return {**node, "type": "string"}  # e.g. codes and OPD ids start with a letter
    return node


def _widen_prose(node: Any) -> None:
    """Prose fields (text or `file: x.md`) accept a number's text as well, like text fields."""
    if isinstance(node, dict):
        options = node.get("anyOf")
        if (isinstance(options, list) and {"type": "string", "minLength": 1} in options
                and any(isinstance(o, dict) and "file" in o.get("properties", {}) for o in options)
                and {"type": "number"} not in options):
            options.append({"type": "number"})
        for value in node.values():
            _widen_prose(value)
    elif isinstance(node, list):
        for value in node:
            _widen_prose(value)


def build_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of one file kind, as a dict."""
    model = FILE_MODELS[kind]
    schema = model.model_json_schema(schema_generator=_Generator, mode="validation")
    _widen_prose(schema)
    schema["title"] = _TITLES.get(kind, f"kotacerdas {kind}")
    return {"$schema": DIALECT, "$id": schema_id(kind), **schema}


def render_schema(kind: str) -> str:
    """The JSON Schema of one kind as text: sorted keys, two-space indentation, trailing newline."""
    return dumps(build_schema(kind), sort_keys=True)


def all_schemas() -> dict[str, str]:
    """File name -> schema text, for every file kind, in a stable order."""
    return {schema_file_name(kind): render_schema(kind) for kind in sorted(FILE_MODELS)}


def write_schemas(out: Path) -> list[Path]:
    """Write every schema into `out` (created if needed), atomically; returns the paths written."""
    from .fsutil import atomic_write_text

    written = []
    for name, text in all_schemas().items():
        path = Path(out) / name
        atomic_write_text(path, text)
        written.append(path)
    return written
