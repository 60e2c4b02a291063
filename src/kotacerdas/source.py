"""The one module that parses YAML for reading.

Why this design (measured in benchmarks/loader.py): ruamel.yaml's round-trip loader keeps positions but
is about ten times slower than libyaml. We compose the node graph with libyaml's C parser (through
PyYAML) and build plain Python values ourselves, with YAML 1.2 core-schema rules:
`no`/`yes`/`on` stay text, only `true`/`false` are booleans, `0777` is decimal, no timestamps. Plain
scalars that look like numbers keep the text the user wrote (`SourceInt.source`, `SourceFloat.source`),
so a code written `32.10` is read as "32.10", never as 32.1.

Positions are not stored while loading (that would cost memory on a national tree). A `Document` keeps
its text and re-composes the node graph on first demand, which only happens when a diagnostic needs a
line and column. ruamel.yaml stays the tool for anything that writes YAML back (`fmt`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml._yaml import CParser
from yaml.nodes import MappingNode, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

from .diagnostics import Diagnostic, Severity

STR = "tag:yaml.org,2002:str"
_CORE_TAGS = {
    STR,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


@dataclass(frozen=True)
class Limits:
    """Bounds that keep a hostile or broken file from costing unbounded time or memory."""

    max_file_bytes: int = 1_048_576
    max_nodes: int = 100_000  # values built from one file, aliases expanded
    max_depth: int = 64
    max_files: int = 50_000
    max_total_bytes: int = 512 * 1_048_576


DEFAULT_LIMITS = Limits()


class SourceInt(int):
    """An integer that remembers how it was written."""

    source: str


class SourceFloat(float):
    """A float that remembers how it was written (`1.10` stays recoverable)."""

    source: str


def source_text(value: Any) -> Any:
    """The text a scalar was written as, for fields that hold codes and ids."""
    return getattr(value, "source", value)


class _Composer(CParser, BaseResolver):
    # No implicit resolvers: every plain scalar arrives tagged str and we apply YAML 1.2 ourselves.
    yaml_implicit_resolvers: dict = {}
    yaml_path_resolvers: dict = {}

    def __init__(self, text: str) -> None:
        CParser.__init__(self, text)
        BaseResolver.__init__(self)


_INT10 = re.compile(r"[-+]?[0-9]+\Z")
_INT8 = re.compile(r"0o[0-7]+\Z")
_INT16 = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_INF = re.compile(r"[-+]?\.(inf|Inf|INF)\Z")
_NAN = re.compile(r"\.(nan|NaN|NAN)\Z")
_NULLS = frozenset(["", "~", "null", "Null", "NULL"])
_TRUE = frozenset(["true", "True", "TRUE"])
_FALSE = frozenset(["false", "False", "FALSE"])


def resolve_plain(text: str) -> Any:
    """A plain scalar by the YAML 1.2 core schema."""
    if text in _NULLS:
        return None
    first = text[0]
    if first in _TRUE_FIRST:
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
    if first in _NUMBER_FIRST:
        if _INT10.match(text):
            v = SourceInt(text)
        elif _INT16.match(text):
            v = SourceInt(int(text, 16))
        elif _INT8.match(text):
            v = SourceInt(int(text[2:], 8))
        elif _FLOAT.match(text):
            v = SourceFloat(text)
        elif _INF.match(text):
            v = SourceFloat("-inf" if text[0] == "-" else "inf")
        elif _NAN.match(text):
            v = SourceFloat("nan")
        else:
            return text
        v.source = text
        return v
    return text


_TRUE_FIRST = frozenset("tTfF")
_NUMBER_FIRST = frozenset("0123456789-+.")


class LoadError(Exception):
    """A file could not be loaded; carries the diagnostic that says why."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


@dataclass
class Document:
    """One loaded YAML file: its data, and positions on demand."""

    path: str  # repository-relative, POSIX
    text: str
    data: Any
    warnings: list[Diagnostic] = field(default_factory=list)
    _root: Any = field(default=None, repr=False)

    def _node(self):
        if self._root is None:
            self._root = _Composer(self.text).get_single_node()
        return self._root

    def locate(self, loc: tuple, key: bool = False) -> tuple[int, int]:
        """(line, column), 1-based, of the value at `loc` (or of its key with key=True).

        When `loc` goes deeper than the document (a missing field), the position of the deepest
        existing ancestor's key is returned, which is where a user would add the field.
        """
        node = self._node()
        if node is None:
            return (1, 1)
        key_node = None
        for part in loc:
            child = None
            if isinstance(node, MappingNode):
                for k, v in node.value:
                    if isinstance(k, ScalarNode) and _key_matches(k.value, part):
                        key_node, child = k, v
                        break
            elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                child = node.value[part]
                key_node = None
            if child is None:
                mark = (key_node or node).start_mark
                return (mark.line + 1, mark.column + 1)
            node = child
        mark = (key_node if key and key_node is not None else node).start_mark
        return (mark.line + 1, mark.column + 1)

    def line_text(self, line: int) -> str:
        lines = self.text.splitlines()
        return lines[line - 1] if 0 < line <= len(lines) else ""


def _key_matches(text: str, part) -> bool:
    if isinstance(part, str):
        return text == part
    return text == str(part) or (_INT10.match(text) is not None and int(text) == part)


def _position_of(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, col


def _diag(code, path, line, col, message, *, severity=Severity.ERROR, **kw) -> Diagnostic:
    return Diagnostic(code, severity, path, line, col, message, **kw)


def decode(raw: bytes, path: str) -> tuple[str, list[Diagnostic]]:
    """Strict UTF-8. A byte-order mark is a warning (the file still loads)."""
    warnings = []
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
        warnings.append(
            _diag(
                "KC003",
                path,
                1,
                1,
                "file starts with a byte-order mark (BOM)",
                severity=Severity.WARNING,
                found="UTF-8 with BOM",
                expected="UTF-8 without BOM",
                hint="Save the file as 'UTF-8' (not 'UTF-8 with BOM') in your editor.",
            )
        )
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LoadError(
            _diag("KC003", path, 1, 1, "file is encoded as UTF-16", found="UTF-16", expected="UTF-8",
                  hint="Save the file as UTF-8 in your editor.")
        )
    try:
        return raw.decode("utf-8"), warnings
    except UnicodeDecodeError as exc:
        good = raw[: exc.start].decode("utf-8", errors="replace")
        line, col = _position_of(good, len(good))
        raise LoadError(
            _diag(
                "KC003",
                path,
                line,
                col,
                f"invalid UTF-8 byte 0x{raw[exc.start]:02x}",
                found="bytes that are not UTF-8 (often a file saved as Windows-1252 or Latin-1)",
                expected="UTF-8 text",
                hint="Re-save the file as UTF-8 in your editor.",
            )
        ) from None


def load_bytes(raw: bytes, path: str, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Parse one file. Raises LoadError with a diagnostic for anything that is not a loadable mapping."""
    if len(raw) > limits.max_file_bytes:
        raise LoadError(
            _diag("KC006", path, 1, 1, "file is too large",
                  found=f"{len(raw):,} bytes", expected=f"at most {limits.max_file_bytes:,} bytes",
                  hint="Split the file, or move long prose into a Markdown file (see docs/format.md); "
                       "the limit is limits.max_file_bytes in kotacerdas.yaml.")
        )
    text, warnings = decode(raw, path)
    return load_text(text, path, limits, warnings)


def load_text(text: str, path: str, limits: Limits = DEFAULT_LIMITS, warnings=None) -> Document:
    if not text.strip():
        raise LoadError(_diag("KC004", path, 1, 1, "file is empty", found="an empty file",
                              expected="a mapping of keys to values",
                              hint="Fill the file in (see docs/format.md) or delete it."))
    try:
        composer = _Composer(text)
        try:
            root = composer.get_single_node()
        finally:
            composer.dispose()
    except yaml.YAMLError as exc:
        raise LoadError(_syntax_diagnostic(exc, text, path)) from None
    if root is None:  # only comments
        raise LoadError(_diag("KC004", path, 1, 1, "file has no content, only comments",
                              found="no data", expected="a mapping of keys to values"))
    builder = _Builder(path, limits)
    data = builder.build(root, 0)
    if builder.problems:
        raise LoadError(builder.problems[0])
    if not isinstance(data, dict):
        m = root.start_mark
        raise LoadError(_diag("KC005", path, m.line + 1, m.column + 1, "top level of the file is not a mapping",
                              found="a list" if isinstance(data, list) else "a single value",
                              expected="a mapping of keys to values (key: value)"))
    doc = Document(path, text, data, list(warnings or []) + builder.warnings)
    doc._root = None  # the node graph is rebuilt on demand; do not keep it
    return doc


def _syntax_diagnostic(exc: yaml.YAMLError, text: str, path: str) -> Diagnostic:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    if mark is not None:
        line, col = mark.line + 1, mark.column + 1
    elif getattr(exc, "position", None) is not None:
        line, col = _position_of(text, exc.position)
    else:
        line, col = 1, 1
    hint = None
    char = text.splitlines()[line - 1][col - 1 : col] if 0 < line <= len(text.splitlines()) else ""
    if char == "\t" or "\t" in (text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""):
        return _diag("KC001", path, line, col, "tab character used for indentation",
                     found="a tab", expected="spaces for indentation",
                     hint="Replace tabs with spaces (two spaces per level is the convention).")
    if "control characters" in problem or "unacceptable character" in problem:
        return _diag("KC003", path, line, col, f"unreadable character in the file: {problem}",
                     found="a control character", expected="printable text",
                     hint="Remove the character; it is often pasted in from a PDF or a Word document.")
    if "found duplicate anchor" in problem or "found undefined alias" in problem:
        return _diag("KC009", path, line, col, f"YAML anchor/alias problem: {problem}")
    context = getattr(exc, "context", None)
    message = f"YAML syntax error: {problem}" + (f" ({context})" if context else "")
    if "mapping values are not allowed" in problem:
        hint = "A value containing ': ' must be quoted, e.g. title: \"Buku I: Analisis\"."
    elif "did not find expected" in problem or "could not find expected" in problem:
        hint = "Check indentation and that every bracket or quote that opens is closed."
    return _diag("KC001", path, line, col, message, found="text that is not valid YAML",
                 expected="valid YAML", hint=hint)


class _Builder:
    """Node graph -> Python values, with YAML 1.2 rules, duplicate-key and resource checks."""

    __slots__ = ("path", "limits", "count", "problems", "warnings", "_active")

    def __init__(self, path: str, limits: Limits) -> None:
        self.path = path
        self.limits = limits
        self.count = 0
        self.problems: list[Diagnostic] = []
        self.warnings: list[Diagnostic] = []
        self._active: set[int] = set()

    def _fail(self, code, node, message, **kw):
        m = node.start_mark
        self.problems.append(_diag(code, self.path, m.line + 1, m.column + 1, message, **kw))
        raise _Stop

    def build(self, node, depth: int) -> Any:
        try:
            return self._build(node, depth)
        except _Stop:
            return None

    def _build(self, node, depth: int) -> Any:
        self.count += 1
        if self.count > self.limits.max_nodes:
            self._fail("KC006", node, "too many values in one file (alias expansion or size)",
                       found=f"more than {self.limits.max_nodes:,} values",
                       expected=f"at most {self.limits.max_nodes:,} (limits.max_nodes)",
                       hint="Remove YAML aliases (*name) that repeat large blocks.")
        if depth > self.limits.max_depth:
            self._fail("KC006", node, "values nested too deeply",
                       found=f"more than {self.limits.max_depth} levels",
                       expected=f"at most {self.limits.max_depth} levels (limits.max_depth)")
        tag = node.tag
        if tag not in _CORE_TAGS:
            self._fail("KC009", node, f"unsupported YAML tag {tag}", found=tag,
                       expected="plain YAML without tags", hint="Remove the tag (the text starting with '!').")
        if isinstance(node, ScalarNode):
            value = node.value
            if not node.style:  # plain (unquoted)
                if tag == STR:
                    return resolve_plain(value) if value else None
                return _explicit(tag, value, node, self)
            if tag != STR:
                return _explicit(tag, value, node, self)
            return value
        key = id(node)
        if key in self._active:
            self._fail("KC009", node, "recursive YAML alias", found="an alias inside its own anchor",
                       expected="plain YAML without recursive aliases")
        self._active.add(key)
        try:
            if isinstance(node, SequenceNode):
                return [self._build(child, depth + 1) for child in node.value]
            result: dict = {}
            seen: dict = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, ScalarNode):
                    self._fail("KC009", key_node, "a key that is a list or mapping",
                               found="complex key", expected="a simple key such as name:")
                k = self._build(key_node, depth + 1)
                if isinstance(k, float) or k is None or isinstance(k, bool):
                    k = key_node.value
                k = int(k) if isinstance(k, int) else k
                if k in seen:
                    first = seen[k]
                    self._fail("KC002", key_node, f"duplicate key '{key_node.value}'",
                               found=f"'{key_node.value}' again (first at line {first.line + 1})",
                               expected="each key once per mapping",
                               hint="Merge the two entries or rename one; YAML keeps only the last.")
                seen[k] = key_node.start_mark
                result[k] = self._build(value_node, depth + 1)
            return result
        finally:
            self._active.discard(key)


class _Stop(Exception):
    pass


def _explicit(tag: str, value: str, node, builder: _Builder) -> Any:
    if tag == STR:
        return value
    resolved = resolve_plain(value)
    expected_type = {"tag:yaml.org,2002:int": int, "tag:yaml.org,2002:float": float,
                     "tag:yaml.org,2002:bool": bool, "tag:yaml.org,2002:null": type(None)}[tag]
    if expected_type is float and isinstance(resolved, int) and not isinstance(resolved, bool):
        return float(resolved)
    if not isinstance(resolved, expected_type) or (expected_type is int and isinstance(resolved, bool)):
        builder._fail("KC009", node, f"value '{value}' does not match its tag {tag}", found=value,
                      expected=f"a value of type {tag.rsplit(':', 1)[-1]}")
    return resolved
