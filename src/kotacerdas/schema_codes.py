"""A repository's own codes as enumerations in its JSON Schemas (schema_export.build_schema's vocabulary).

Where a file refers to a dimension (`dimension`, `secondary_dimensions`), an element (`element`) or an OPD
(`owner`, `supporting`, `opd`, ...: every field whose values are OPD ids), the string schema gains an
`enum` of the repository's codes, with `markdownEnumDescriptions` (the names) that yaml-language-server
shows beside each completion. A programme also gets, per dimension, the elements of that dimension only
(`allOf` of `if`/`then`). A vocabulary part that is not known (an empty tuple) adds nothing: the field
keeps its pattern, so an unreadable opd.yaml never makes every OPD reference red.
"""

from __future__ import annotations

from typing import Any

from .vocabulary import Vocabulary

_OPD_FIELD = "an OPD abbreviation from opd.yaml"  # models.OpdId's x-expected text


def _string_parts(node: dict[str, Any]) -> list[dict[str, Any]]:
    """The string schemas inside one property schema: itself, its anyOf options, its array items."""
    if "anyOf" in node:
        return [part for option in node["anyOf"] if isinstance(option, dict) for part in _string_parts(option)]
    if node.get("type") == "array" and isinstance(node.get("items"), dict):
        return _string_parts(node["items"])
    kind = node.get("type")
    return [node] if kind == "string" or (isinstance(kind, list) and "string" in kind) else []


def _enumerate(node: dict[str, Any], pairs: tuple[tuple[str, str], ...]) -> None:
    for part in _string_parts(node):
        part["enum"] = [code for code, _ in pairs]
        part["markdownEnumDescriptions"] = [name for _, name in pairs]


def _walk(node: Any, vocabulary: Vocabulary) -> None:
    if isinstance(node, dict):
        properties = node.get("properties")
        if isinstance(properties, dict):
            for key, prop in properties.items():
                if not isinstance(prop, dict):
                    continue
                if key in ("dimension", "secondary_dimensions") and vocabulary.dimensions:
                    _enumerate(prop, vocabulary.dimensions)
                elif key == "element" and vocabulary.elements:
                    _enumerate(prop, vocabulary.all_elements())
                elif vocabulary.opds and any(_OPD_FIELD in str(p.get("x-expected", "")) for p in _string_parts(prop)):
                    _enumerate(prop, vocabulary.opds)
        for value in node.values():
            _walk(value, vocabulary)
    elif isinstance(node, list):
        for value in node:
            _walk(value, vocabulary)


def add_codes(schema: dict[str, Any], vocabulary: Vocabulary) -> None:
    """Constrain `schema` (one file kind's, changed in place) to the vocabulary's codes."""
    _walk(schema, vocabulary)
    properties = schema.get("properties", {})
    if "dimension" in properties and "element" in properties and vocabulary.elements:
        schema["allOf"] = [
            {"if": {"properties": {"dimension": {"const": dim}}, "required": ["dimension"]},
             "then": {"properties": {"element": {"anyOf": [{"enum": [code for code, _ in pairs]}, {"type": "null"}]}}}}
            for dim, pairs in vocabulary.elements
        ]
