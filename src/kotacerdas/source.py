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
from typing import Any, NoReturn

import yaml
from yaml._yaml import CParser
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from .diagnostics import Diagnostic, Severity, describe
from .i18n import _
from .yaml_problems import yaml_problem

STR = "tag:yaml.org,2002:str"
MAP = "tag:yaml.org,2002:map"
SEQ = "tag:yaml.org,2002:seq"
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


def _compose(text: str):
    """The node graph of a document (for positions), from libyaml's events.

    PyYAML's composer refuses an anchor name used twice ("found duplicate anchor"), which YAML allows (an
    alias refers to the latest anchor of its name); this one follows YAML. Only called for a file that
    loaded already, so the events are known to be well-formed and bounded."""
    parser = CParser(text)
    try:
        anchors: dict[str, Any] = {}
        stack: list[Any] = []
        pending_key: list[Any] = []
        root = None
        while True:
            event = parser.get_event()
            # PyYAML's stubs type node marks as yaml.error.Mark; the C parser's Mark has the same fields
            if isinstance(event, ScalarEvent):
                node: Any = ScalarNode(STR, event.value, event.start_mark, event.end_mark, event.style)  # type: ignore[arg-type]
                if event.anchor:
                    anchors[event.anchor] = node
            elif isinstance(event, (MappingStartEvent, SequenceStartEvent)):
                cls = MappingNode if isinstance(event, MappingStartEvent) else SequenceNode
                node = cls(MAP if cls is MappingNode else SEQ, [], event.start_mark, None, event.flow_style)  # type: ignore[arg-type]
                if event.anchor:
                    anchors[event.anchor] = node
                stack.append(node)
                pending_key.append(_NOTHING)
                continue
            elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
                node = stack.pop()
                pending_key.pop()
                node.end_mark = event.end_mark  # anchored at its start
            elif isinstance(event, AliasEvent):
                node = anchors.get(event.anchor or "") or ScalarNode(STR, "", event.start_mark, event.end_mark)  # type: ignore[arg-type]
            elif isinstance(event, (StreamEndEvent, DocumentEndEvent)):
                if isinstance(event, StreamEndEvent) or root is not None:
                    return root
                continue
            else:
                continue
            if not stack:
                root = node
                continue
            parent = stack[-1]
            if isinstance(parent, SequenceNode):
                parent.value.append(node)
            elif pending_key[-1] is _NOTHING:
                pending_key[-1] = node
            else:
                parent.value.append((pending_key[-1], node))
                pending_key[-1] = _NOTHING
    finally:
        parser.dispose()


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
        if len(text) > MAX_NUMBER_CHARS and _looks_numeric(text):
            raise NumberTooLong(text)
        if _INT10.match(text):
            v: SourceInt | SourceFloat = SourceInt(text)
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


# Python refuses to convert integers of more than 4,300 digits (a guard against quadratic conversion,
# sys.get_int_max_str_digits), and a whole number above 10^308 cannot meet a float (a percentage, a
# comparison) without OverflowError. No figure of a masterplan needs more than a few dozen digits: one written
# longer than this is a KC012 finding at its position, in every command, instead of a ValueError.
MAX_NUMBER_CHARS = 300


class NumberTooLong(ValueError):
    """A plain scalar that is a number written with more than MAX_NUMBER_CHARS characters."""


def _looks_numeric(text: str) -> bool:
    return bool(_INT10.match(text) or _INT16.match(text) or _INT8.match(text) or _FLOAT.match(text))


def number_too_long_diagnostic(path: str, line: int, column: int, text: str) -> Diagnostic:
    return _diag("KC012", path, line, column, _("number has too many digits"),
                 found=_("a number written with {n_text:,} characters").format(n_text=len(text)),
                 expected=_("a number of at most {max_number_chars:,} characters")
                          .format(max_number_chars=MAX_NUMBER_CHARS),
                 hint=_("Check the value: no figure of a masterplan needs that many digits."))


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
            self._root = _compose(self.text)
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
    return text == str(part) or (len(text) <= MAX_NUMBER_CHARS and _INT10.match(text) is not None and int(text) == part)


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
                _("file starts with a byte-order mark (BOM)"),
                severity=Severity.WARNING,
                found=_("UTF-8 with BOM"),
                expected=_("UTF-8 without BOM"),
                hint=_("Save the file as 'UTF-8' (not 'UTF-8 with BOM') in your editor."),
            )
        )
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LoadError(
            _diag("KC003", path, 1, 1, _("file is encoded as UTF-16"), found=_("UTF-16"), expected=_("UTF-8"),
                  hint=_("Save the file as UTF-8 in your editor."))
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
                _("invalid UTF-8 byte 0x{raw:02x}").format(raw=raw[exc.start]),
                found=_("bytes that are not UTF-8 (often a file saved as Windows-1252 or Latin-1)"),
                expected=_("UTF-8 text"),
                hint=_("Re-save the file as UTF-8 in your editor."),
            )
        ) from None


def too_large(size: int, path: str, limits: Limits = DEFAULT_LIMITS) -> Diagnostic | None:
    """The KC006 diagnostic for a file of `size` bytes above limits.max_file_bytes, else None. Callers that
    read from disk check the size before reading, so a huge file never reaches memory."""
    if size <= limits.max_file_bytes:
        return None
    return _diag("KC006", path, 1, 1, _("file is too large"),
                 found=_("{size:,} bytes").format(size=size), expected=_("at most {max_file_bytes:,} bytes")
                                                   .format(max_file_bytes=limits.max_file_bytes),
                 hint=_("Split the file, or move long prose into a Markdown file (see docs/format.md); the limit "
                        "is limits.max_file_bytes in kotacerdas.yaml."))


def load_bytes(raw: bytes, path: str, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Parse one file. Raises LoadError with a diagnostic for anything that is not a loadable mapping."""
    problem = too_large(len(raw), path, limits)
    if problem:
        raise LoadError(problem)
    text, warnings = decode(raw, path)
    return load_text(text, path, limits, warnings)


def load_text(text: str, path: str, limits: Limits = DEFAULT_LIMITS, warnings=None) -> Document:
    if not text.strip():
        raise LoadError(_diag("KC004", path, 1, 1, _("file is empty"), found=_("an empty file"),
                              expected=_("a mapping of keys to values"),
                              hint=_("Fill the file in (see docs/format.md) or delete it.")))
    parser = CParser(text)
    try:
        builder = _Builder(path, limits)
        data = builder.run(parser)
    except NumberTooLong as exc:
        mark = builder.last_mark
        raise LoadError(number_too_long_diagnostic(path, mark.line + 1, mark.column + 1, str(exc))) from None
    except yaml.YAMLError as exc:
        raise LoadError(_syntax_diagnostic(exc, text, path)) from None
    finally:
        parser.dispose()
    if data is _NOTHING:  # only comments
        raise LoadError(_diag("KC004", path, 1, 1, _("file has no content, only comments"),
                              found=_("no data"), expected=_("a mapping of keys to values")))
    if not isinstance(data, dict):
        line, col = builder.root_mark
        raise LoadError(_diag("KC005", path, line, col, _("top level of the file is not a mapping"),
                              found=_("a list") if isinstance(data, list) else _("a single value ({data})")
                                                                            .format(data=describe(data)),
                              expected=_("a mapping of keys to values (key: value)")))
    return Document(path, text, data, list(warnings or []))


def _syntax_diagnostic(exc: yaml.YAMLError, text: str, path: str) -> Diagnostic:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or (str(exc).splitlines() or [""])[0]  # a ReaderError: its first line
    context_mark = getattr(exc, "context_mark", None)
    if "end of stream" in problem and context_mark is not None:
        mark = context_mark  # an unclosed quote or bracket: point where it opens, not at the file's end
    if mark is not None:
        line, col = mark.line + 1, mark.column + 1
    elif (position := getattr(exc, "position", None)) is not None:
        line, col = _position_of(text, position)
    else:
        line, col = 1, 1
    hint = None
    char = text.splitlines()[line - 1][col - 1 : col] if 0 < line <= len(text.splitlines()) else ""
    if char == "\t" or "\t" in (text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""):
        return _diag("KC001", path, line, col, _("tab character used for indentation"),
                     found=_("a tab"), expected=_("spaces for indentation"),
                     hint=_("Replace tabs with spaces (two spaces per level is the convention)."))
    if "control characters" in problem or "unacceptable character" in problem:
        return _diag("KC003", path, line, col, _("unreadable character in the file: {problem}")
                                               .format(problem=yaml_problem(problem)),
                     found=_("a control character"), expected=_("printable text"),
                     hint=_("Remove the character; it is often pasted in from a PDF or a Word document."))
    if "found duplicate anchor" in problem or "found undefined alias" in problem:
        return _diag("KC009", path, line, col, _("YAML anchor/alias problem: {problem}")
                                               .format(problem=yaml_problem(problem)))
    context = getattr(exc, "context", None)
    message = (_("YAML syntax error: {problem} ({context})") if context else _("YAML syntax error: {problem}")) \
        .format(problem=yaml_problem(problem), context=yaml_problem(context))
    opened = getattr(exc, "context_mark", None)
    if context in ("while parsing a flow sequence", "while parsing a flow mapping") and opened is not None:
        # an unclosed [ or {: report where it opens (the parser only notices lines later, or at the file's end)
        bracket = "[" if "sequence" in context else "{"
        closing = "]" if bracket == "[" else "}"
        return _diag("KC001", path, opened.line + 1, opened.column + 1,
                     _("'{bracket}' opened on line {value} is not closed")
                     .format(bracket=bracket, value=opened.line + 1),
                     found=_("no '{closing}' before line {line}").format(closing=closing, line=line),
                     expected=(_("a '{closing}' closing the list") if bracket == "[" else
                               _("a '{closing}' closing the mapping")).format(closing=closing),
                     hint=(_("Close it with '{closing}' on line {line}, or write the items as lines starting with "
                             "'- '.") if bracket == "[" else
                           _("Close it with '{closing}' on line {line}, or write the `key: value` pairs as indented "
                             "lines.")).format(closing=closing, line=opened.line + 1))
    if "mapping values are not allowed" in problem:
        before = text.splitlines()[line - 1][: col - 1] if 0 < line <= len(text.splitlines()) else ""
        if ": " in before or before.rstrip().endswith(":"):
            hint = _("A value containing ': ' must be quoted, e.g. title: \"Buku I: Analisis\".")
        else:  # `key: value` followed by a more-indented `other: …`: an indentation problem, not a colon
            message = _("YAML syntax error: this line is indented under a key that already has a value")
            hint = _("Align this key with the key above it, or, if it belongs under the line above, move that "
                     "line's value to its own indented line.")
    elif "end of stream" in problem and getattr(exc, "context_mark", None) is not None:
        hint = _("A quote or bracket that opens here is never closed.")
    elif "did not find expected" in problem or "could not find expected" in problem:
        hint = _("Check indentation and that every bracket or quote that opens is closed.")
    return _diag("KC001", path, line, col, message, found=_("text that is not valid YAML"),
                 expected=_("valid YAML"), hint=hint)


_NOTHING = object()


class _Frame:
    __slots__ = ("anchor", "count_at_start", "is_map", "key", "mark", "seen", "value")

    def __init__(self, value, is_map, anchor, count_at_start, mark):
        self.value = value
        self.is_map = is_map
        self.key = _NOTHING  # a mapping's pending key
        self.seen: dict[Any, int] = {}  # key -> line of its first occurrence (a mapping's; a sequence's stays empty)
        self.anchor = anchor
        self.count_at_start = count_at_start
        self.mark = mark


class _Builder:
    """libyaml events -> Python values, iteratively (no recursion, so no nesting can overflow the stack).

    Applies YAML 1.2 scalar rules, rejects duplicate keys, unknown tags, complex keys, recursive aliases
    and more than one document, and bounds nesting depth and alias expansion before they cost anything:
    an alias adds the size of its anchor's value to the count without copying it.
    """

    __slots__ = ("anchors", "count", "last_mark", "limits", "open_anchors", "path", "root_mark")

    def __init__(self, path: str, limits: Limits) -> None:
        self.path = path
        self.limits = limits
        self.count = 0
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.open_anchors: set[str] = set()
        self.root_mark = (1, 1)
        self.last_mark: Any = None

    def _fail(self, code, mark, message, **kw) -> NoReturn:
        raise LoadError(_diag(code, self.path, mark.line + 1, mark.column + 1, message, **kw))

    def _counted(self, n: int, mark) -> None:
        self.count += n
        if self.count > self.limits.max_nodes:
            self._too_many(mark)

    def _too_many(self, mark) -> NoReturn:
        self._fail("KC006", mark, _("too many values in one file (alias expansion or size)"),
                   found=_("more than {max_nodes:,} values").format(max_nodes=self.limits.max_nodes),
                   expected=_("at most {max_nodes:,} (limits.max_nodes)")
                            .format(max_nodes=self.limits.max_nodes),
                   hint=_("Remove YAML aliases (*name) that repeat large blocks."))

    def run(self, parser) -> Any:
        get = parser.get_event
        get()  # stream start
        event = get()
        if type(event) is StreamEndEvent:
            return _NOTHING
        stack: list[_Frame] = []
        root = _NOTHING
        max_depth = self.limits.max_depth
        max_nodes = self.limits.max_nodes
        while True:
            event = get()
            kind = type(event)
            if kind is ScalarEvent:
                self.last_mark = event.start_mark
                self.count += 1
                if self.count > max_nodes:
                    self._too_many(event.start_mark)
                if event.style or event.tag is not None:
                    value = self._scalar(event)
                else:  # the common case inlined: a plain scalar without a tag
                    value = resolve_plain(event.value) if event.value else None
                if event.anchor:
                    self.anchors[event.anchor] = (value, 1)
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                if len(stack) >= max_depth:
                    self._fail("KC006", event.start_mark, _("values nested too deeply"),
                               found=_("more than {max_depth} levels").format(max_depth=max_depth),
                               expected=_("at most {max_depth} levels (limits.max_depth)")
                                        .format(max_depth=max_depth))
                tag = event.tag
                if tag is not None and tag != "!" and tag not in _CORE_TAGS:
                    self._fail("KC009", event.start_mark, _("unsupported YAML tag {tag}").format(tag=tag), found=tag,
                               expected=_("plain YAML without tags"),
                               hint=_("Remove the tag (the text starting with '!')."))
                self._counted(1, event.start_mark)
                if not stack:
                    self.root_mark = (event.start_mark.line + 1, event.start_mark.column + 1)
                is_map = kind is MappingStartEvent
                frame = _Frame({} if is_map else [], is_map, event.anchor, self.count, event.start_mark)
                if event.anchor:
                    self.open_anchors.add(event.anchor)
                stack.append(frame)
                continue
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                frame = stack.pop()
                value = frame.value
                if frame.anchor:
                    self.open_anchors.discard(frame.anchor)
                    self.anchors[frame.anchor] = (value, self.count - frame.count_at_start + 1)
            elif kind is AliasEvent:
                name = event.anchor
                if name in self.open_anchors:
                    self._fail("KC009", event.start_mark, _("recursive YAML alias"),
                               found=_("*{name} inside its own anchor &{name}").format(name=name),
                               expected=_("plain YAML without recursive aliases"))
                if name not in self.anchors:
                    self._fail("KC009", event.start_mark, _("unknown YAML alias *{name}").format(name=name),
                               found=f"*{name}",
                               expected=_("an anchor &{name} defined earlier in the file").format(name=name))
                value, size = self.anchors[name]
                self._counted(size, event.start_mark)
            elif kind is DocumentEndEvent:
                break
            else:  # pragma: no cover - libyaml emits nothing else inside a document
                continue
            if not stack:
                if root is _NOTHING and not isinstance(value, (dict, list)):
                    self.root_mark = (event.start_mark.line + 1, event.start_mark.column + 1)
                root = value
                continue
            frame = stack[-1]
            if not frame.is_map:
                frame.value.append(value)
            elif frame.key is _NOTHING:
                if type(value) is str and value not in frame.seen:  # the common case of _key inlined
                    frame.seen[value] = event.start_mark.line + 1
                    frame.key = value
                else:
                    frame.key = self._key(value, event, frame)
            else:
                frame.value[frame.key] = value
                frame.key = _NOTHING
        event = get()
        if type(event) is DocumentStartEvent:
            self._fail("KC009", event.start_mark, _("more than one YAML document in the file"),
                       found=_("a second document (a line '---')"), expected=_("one document per file"),
                       hint=_("Split the documents into separate files."))
        return root

    def _key(self, value, event, frame: _Frame):
        if isinstance(value, (dict, list)):
            self._fail("KC009", event.start_mark, _("a key that is a list or mapping"),
                       found=_("complex key"), expected=_("a simple key such as name:"))
        if isinstance(value, bool) or value is None or isinstance(value, float):
            value = event.value if kind_is_scalar(event) else str(value)
        elif isinstance(value, int):
            value = int(value)
        first = frame.seen.get(value)
        if first is not None:
            shown = event.value if kind_is_scalar(event) else value
            self._fail("KC002", event.start_mark, _("duplicate key '{shown}'").format(shown=shown),
                       found=_("'{shown}' again (first at line {first})").format(shown=shown, first=first),
                       expected=_("each key once per mapping"),
                       hint=_("Merge the two entries or rename one; YAML keeps only the last."))
        frame.seen[value] = event.start_mark.line + 1
        return value

    def _scalar(self, event) -> Any:
        value = event.value
        tag = event.tag
        if event.style:  # quoted or block: text, unless explicitly tagged
            if tag is None or tag == "!" or tag == STR:
                return value
            return _explicit(tag, value, event, self)
        if tag is None:
            return resolve_plain(value) if value else None
        if tag == "!" or tag == STR:
            return value
        return _explicit(tag, value, event, self)


def kind_is_scalar(event) -> bool:
    return type(event) is ScalarEvent


def _explicit(tag: str, value: str, node, builder: _Builder) -> Any:
    if tag == STR:
        return value
    resolved = resolve_plain(value)
    expected_type = {"tag:yaml.org,2002:int": int, "tag:yaml.org,2002:float": float,
                     "tag:yaml.org,2002:bool": bool, "tag:yaml.org,2002:null": type(None)}.get(tag, object)
    if expected_type is float and isinstance(resolved, int) and not isinstance(resolved, bool):
        return float(resolved)
    if tag not in _CORE_TAGS or tag in (MAP, SEQ):
        builder._fail("KC009", node.start_mark, _("unsupported YAML tag {tag}").format(tag=tag), found=tag,
                      expected=_("plain YAML without tags"), hint=_("Remove the tag (the text starting with '!')."))
    if not isinstance(resolved, expected_type) or (expected_type is int and isinstance(resolved, bool)):
        builder._fail("KC009", node.start_mark, _("value '{value}' does not match its tag {tag}")
                                                .format(value=value, tag=tag), found=value,
                      expected=_("a value of type {rsplit}").format(rsplit=tag.rsplit(':', 1)[-1]))
    return resolved
