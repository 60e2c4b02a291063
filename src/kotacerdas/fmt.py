"""`fmt`: normalise how masterplan YAML files are written, keeping every comment and every value.

What changes: keys follow the field order of the file kind's model (the order docs/format.md documents;
unknown keys keep their place after the known ones), two-space indentation with sequences indented under
their key, codes and ids quoted when YAML would otherwise read them as numbers (`code: 32.10` becomes
`code: "32.10"`), `\\n` line endings and one final newline. What never changes: values (checked by
loading the result with the same loader `validate` uses) and comments (checked by counting them).

How, in two passes:
1. Key order, on the text. A block mapping's entries are contiguous lines; each entry takes along the
   comment lines just above it, so a comment stays with the key it describes. Comments at the top of a
   mapping (e.g. the `# yaml-language-server` line) and at its end stay where they are.
2. Layout and quoting, with ruamel.yaml's round-trip loader and dumper (the only code that writes YAML).

A file that does not load (syntax error, duplicate key, bad encoding …) is never touched: it is reported
with the loader's diagnostic. If a result would ever differ in data or comments from its input, the file
is left unchanged and reported too; that would be a bug in fmt, and it fails safe.
"""

from __future__ import annotations

import functools
import io
import re
import typing
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import BaseModel

from .diagnostics import Diagnostic, Severity
from .models import FILE_MODELS, _as_text, _prose
from .source import DEFAULT_LIMITS, Limits, LoadError, SourceFloat, load_bytes, load_text, source_text
from .i18n import _
from .yaml_problems import yaml_problem

# --- what the models say: field order, and which fields hold text ----------------------------------------

_TEXT_VALIDATORS = (_as_text, _prose)


@dataclass(frozen=True)
class _Shape:
    """What a value should be: a model (mapping with ordered fields), a list of something, text, or other."""

    kind: str  # "model", "list", "text", "other"
    model: type[BaseModel] | None = None
    item: _Shape | None = None


_OTHER = _Shape("other")
_TEXT = _Shape("text")


def _is_text(metadata) -> bool:
    for m in metadata:
        func = getattr(m, "func", None)
        if func in _TEXT_VALIDATORS:
            return True
    return False


def shape_of(tp: Any, metadata: tuple = ()) -> _Shape:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        args = typing.get_args(tp)
        return shape_of(args[0], tuple(metadata) + tuple(tp.__metadata__))
    if _is_text(metadata):
        return _TEXT
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        args = tuple(a for a in typing.get_args(tp) if a is not type(None))
        shapes = [shape_of(a) for a in args]
        for s in shapes:
            if s.kind != "other":
                return s
        return _OTHER
    if origin is list:
        return _Shape("list", item=shape_of(typing.get_args(tp)[0]))
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return _Shape("model", model=tp)
    return _OTHER


def field_order(model: type[BaseModel]) -> list[str]:
    return list(model.model_fields)


def field_shape(model: type[BaseModel], name: str) -> _Shape:
    info = model.model_fields.get(name)
    if info is None:
        return _OTHER
    return shape_of(info.annotation, tuple(info.metadata))


# --- errors ------------------------------------------------------------------------------------------------


class FormatError(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def _internal(path: str, what: str) -> FormatError:
    return FormatError(Diagnostic(
        "KC090", Severity.ERROR, path, 1, 1, _("fmt left this file unchanged: formatting would have {what}")
                                             .format(what=what),
        found=_("a result that differs from the input"), expected=_("the same values and comments"),
        hint=_("This is a bug in kotacerdas fmt, not in your file; please report it with the file.")))


class _RuamelCannotRead(Exception):
    def __init__(self, cause: Exception) -> None:
        super().__init__(str(cause))
        self.cause = cause


def _rt_load(y, text: str):
    """ruamel.yaml's round-trip load of text our loader accepted. ruamel.yaml reads some valid YAML
    differently from libyaml: it refuses a tab inside a key, and turns a plain `2023-02-30` into a date
    (which then fails). Those become _RuamelCannotRead, for a diagnostic; nothing is written."""
    import warnings

    from ruamel.yaml.error import ReusedAnchorWarning, YAMLError

    try:
        with warnings.catch_warnings():  # an anchor name used twice is legal YAML (the latest wins), and
            warnings.simplefilter("ignore", ReusedAnchorWarning)  # its warning printed to the terminal
            return y.load(text)
    except (YAMLError, ValueError, TypeError, OverflowError) as exc:
        raise _RuamelCannotRead(exc) from None


def _unreadable(path: str, exc: Exception) -> FormatError:
    """The file loads (libyaml accepts it) but ruamel.yaml, which fmt writes with, cannot read it back."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = getattr(exc, "problem", None) or (str(exc).splitlines() or [type(exc).__name__])[0]
    if getattr(exc, "not_a_time", False):
        hint = _("Correct the date or time, or quote it if it is meant as text.")
    elif mark is not None:
        hint = _("A tab inside a key or a value is the usual cause: replace it with a space.")
    else:
        hint = _("Please report this file: fmt could not read it.")
    return FormatError(Diagnostic(
        "KC091", Severity.ERROR, path, line, col, _("fmt left this file unchanged: it cannot rewrite this line"),
        found=yaml_problem(problem), expected=_("YAML that both of kotacerdas' YAML readers accept"), hint=hint))


@functools.cache
def _round_trip_constructor():
    """ruamel.yaml's round-trip constructor, except that a plain value shaped like a timestamp that is no
    real date or time (2023-02-30, 25:00) fails with its position instead of a bare ValueError. (Our
    loader reads such values as text, as YAML 1.2 does; ruamel.yaml makes dates of them.)"""
    from ruamel.yaml.constructor import ConstructorError, RoundTripConstructor

    class Constructor(RoundTripConstructor):
        pass

    class NotATime(ConstructorError):
        not_a_time = True  # read by the diagnostic for its hint

    def timestamp(constructor, node):
        try:
            return RoundTripConstructor.construct_yaml_timestamp(constructor, node)
        except (ValueError, OverflowError, TypeError) as exc:
            raise NotATime(None, None, _("'{value}' is not a real date or time ({exc})")
                           .format(value=node.value, exc=exc), node.start_mark) from None

    Constructor.add_constructor("tag:yaml.org,2002:timestamp", timestamp)
    return Constructor


# --- pass 1: key order, on the text -------------------------------------------------------------------------

_COMMENT_OR_BLANK = re.compile(r"^\s*(#.*)?$")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _rt_yaml():
    from ruamel.yaml import YAML

    y = YAML(typ="rt")
    y.Constructor = _round_trip_constructor()
    y.preserve_quotes = True
    y.indent(mapping=2, sequence=4, offset=2)
    y.width = 4096
    y.allow_duplicate_keys = False
    y.representer.add_representer(SourceFloat, lambda r, v: r.represent_scalar("tag:yaml.org,2002:float", v.source))
    return y


def _reorder_text(text: str, kind: str) -> str:
    lines = text.splitlines(keepends=True)
    root = _rt_load(_rt_yaml(), text)
    edits: list[tuple[int, int, list[str]]] = []  # (start, end, replacement lines), non-overlapping
    _plan_map(root, FILE_MODELS[kind], lines, 0, len(lines), edits)
    if not edits:
        return text
    for start, end, new in sorted(edits, key=lambda e: e[0], reverse=True):
        lines[start:end] = new
    return "".join(lines)


def _is_block(node) -> bool:
    fa = getattr(node, "fa", None)
    return fa is not None and not fa.flow_style()


def _plan_map(node, model, lines, start: int, end: int, edits) -> None:
    """Plan the edits for a block mapping whose entries lie within lines[start:end]."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq, merge_attrib

    if not isinstance(node, CommentedMap) or not _is_block(node) or not node:
        return
    if getattr(node, merge_attrib, None):  # `<<: *anchor` (a YAML 1.1 merge): its keys are not its own lines
        return
    keys = list(node.keys())
    key_lines = [node.lc.key(k)[0] for k in keys]
    col = node.lc.key(keys[0])[1]
    # Entry i spans [bounds[i], bounds[i+1]); bounds[i] starts at the comments just above key i.
    bounds = [key_lines[0]]
    for kl in key_lines[1:]:
        b = kl
        while b - 1 > bounds[-1] and _COMMENT_OR_BLANK.match(lines[b - 1]) and (
                not lines[b - 1].strip() or _indent(lines[b - 1]) <= col):
            b -= 1
        bounds.append(b)
    # The last entry ends before the comments that close the mapping (they stay at its end).
    last_end = end
    while last_end - 1 > key_lines[-1] and _COMMENT_OR_BLANK.match(lines[last_end - 1]) and (
            not lines[last_end - 1].strip() or _indent(lines[last_end - 1]) <= col):
        last_end -= 1
    bounds.append(last_end)
    # Recurse first (children lie inside their entry, so their edits never overlap ours if we build ours
    # from the already-edited child text).
    child_edits: list[tuple[int, int, list[str]]] = []
    for i, k in enumerate(keys):
        shape = field_shape(model, k) if model is not None and isinstance(k, str) else _OTHER
        value = node[k]
        entry_start, entry_end = key_lines[i], bounds[i + 1]
        if shape.kind == "model":
            _plan_map(value, shape.model, lines, entry_start, entry_end, child_edits)
        elif (shape.kind == "list" and shape.item is not None and shape.item.kind == "model"
              and isinstance(value, CommentedSeq) and _is_block(value) and value):
            item_lines = [value.lc.item(j)[0] for j in range(len(value))]
            for j, item in enumerate(value):
                item_end = item_lines[j + 1] if j + 1 < len(value) else entry_end
                _plan_map(item, shape.item.model, lines, item_lines[j], item_end, child_edits)
    order = field_order(model) if model is not None else []
    rank = {name: i for i, name in enumerate(order)}
    wanted = sorted(range(len(keys)), key=lambda i: (rank.get(keys[i], len(order)), i))
    if wanted == list(range(len(keys))):
        edits.extend(child_edits)
        return
    # Apply the children's edits to a copy of our span, then move whole entries.
    span_start, span_end = bounds[0], bounds[-1]
    local = list(lines[span_start:span_end])
    offsets = [b - span_start for b in bounds]
    for cs, ce, new in sorted(child_edits, key=lambda e: e[0], reverse=True):
        local[cs - span_start:ce - span_start] = new
        delta = len(new) - (ce - cs)
        offsets = [o + delta if o >= ce - span_start else o for o in offsets]
    entries = [local[offsets[i]:offsets[i + 1]] for i in range(len(keys))]
    entries = [_with_newline(e) for e in entries]
    dash = _dash_prefix(entries[0][_first_key_index(entries[0])], col)
    if dash is not None:  # a mapping that is a sequence item: "- " sits on its first key's line
        first = entries[0]
        i = _first_key_index(first)
        first[i] = " " * col + first[i][col:]
    new = [line for i in wanted for line in entries[i]]
    if dash is not None:
        i = _first_key_index(new)
        new[i] = dash + new[i][col:]
    edits.append((span_start, span_end, new))


def _with_newline(entry: list[str]) -> list[str]:
    if entry and not entry[-1].endswith("\n"):
        entry = entry[:-1] + [entry[-1] + "\n"]
    return entry


def _first_key_index(entry: list[str]) -> int:
    for i, line in enumerate(entry):
        if not _COMMENT_OR_BLANK.match(line):
            return i
    return 0


def _dash_prefix(line: str, col: int) -> str | None:
    prefix = line[:col]
    return prefix if "-" in prefix else None


# --- pass 2: layout and quoting with ruamel.yaml --------------------------------------------------------------


def _quote_numbers(node, data, shape: _Shape) -> None:
    """Quote plain numbers in text fields, keeping the characters written (from our loader's data), and put
    the keys of one-line flow mappings (`{end: 2028, start: 2024}`) in field order too."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    def fix(container, key, value, original, s: _Shape):
        if s.kind == "text" and isinstance(value, (int, float)) and not isinstance(value, bool):
            container[key] = DoubleQuotedScalarString(str(source_text(original)))
        elif isinstance(value, float) and isinstance(original, SourceFloat):
            container[key] = original  # ruamel re-spells some floats (5.0e-324, 1e400): keep the characters
        else:
            _quote_numbers(value, original, s)

    if shape.kind == "model" and shape.model is not None and isinstance(node, CommentedMap) and isinstance(data, dict):
        for k in list(node.keys()):
            if isinstance(k, str) and k in data:
                fix(node, k, node[k], data[k], field_shape(shape.model, k))
        if not _is_block(node) and not node.ca.items and not _has_comment(node.ca.comment):
            rank = {name: i for i, name in enumerate(field_order(shape.model))}
            keys = list(node.keys())
            wanted = sorted(keys, key=lambda k: (rank.get(k, len(rank)), keys.index(k)))
            if wanted != keys:
                values = [(k, node.pop(k)) for k in wanted]
                for k, v in values:
                    node[k] = v
    elif shape.kind == "list" and shape.item is not None and isinstance(node, CommentedSeq) and isinstance(data, list):
        for j in range(min(len(node), len(data))):
            fix(node, j, node[j], data[j], shape.item)


def _has_comment(comment) -> bool:
    if comment is None:
        return False
    if isinstance(comment, (list, tuple)):
        return any(_has_comment(c) for c in comment)
    return True


def _layout(text: str, kind: str, path: str, limits: Limits = DEFAULT_LIMITS) -> str:
    y = _rt_yaml()
    root = _rt_load(y, text)
    data = load_text(text, path, limits).data
    _quote_numbers(root, data, _Shape("model", model=FILE_MODELS[kind]))
    buf = io.StringIO()
    y.dump(root, buf)
    return _indent_comments(buf.getvalue())


_BLOCK_SCALAR_START = re.compile(r"(^|[:\-])\s+[|>][-+0-9]*\s*(#.*)?$")


def _indent_comments(text: str) -> str:
    """Give each full-line comment the indentation of the line it precedes (the key it describes).
    Lines inside block scalars (`|`, `>`) are text, never comments, and are left alone."""
    lines = text.split("\n")
    is_comment = [False] * len(lines)
    block_indent = None
    for i, line in enumerate(lines):
        if block_indent is not None:
            if not line.strip() or _indent(line) > block_indent:
                continue
            block_indent = None
        stripped = line.strip()
        if stripped.startswith("#"):
            is_comment[i] = True
        elif _BLOCK_SCALAR_START.search(line.split(" #")[0] if " #" in line else line) or \
                _BLOCK_SCALAR_START.search(line):
            block_indent = _indent(line)
    target = 0
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i]
        if is_comment[i]:
            lines[i] = " " * target + line.strip()
        elif line.strip():
            target = _indent(line)
    return "\n".join(lines)


# --- checks that make fmt fail safe ----------------------------------------------------------------------------


def _normal(value: Any, shape: _Shape) -> Any:
    """Data as fmt must preserve it. In text fields a number equals the text of its characters (quoting it
    keeps exactly those); elsewhere numbers must stay numbers written the same way. Mappings compare key
    by key, in any order."""
    if isinstance(value, dict):
        model = shape.model if shape.kind == "model" else None
        return {k: _normal(v, field_shape(model, k) if model is not None and isinstance(k, str) else _OTHER)
                for k, v in value.items()}
    if isinstance(value, list):
        item = shape.item if shape.kind == "list" and shape.item is not None else _OTHER
        return [_normal(v, item) for v in value]
    if hasattr(value, "source"):
        return value.source if shape.kind == "text" else ("number", type(value).__name__, value.source)
    return value


def comments_of(text: str) -> Counter:
    """Every comment's text (without surrounding spaces), counted, found with the YAML scanner."""
    from ruamel.yaml.comments import CommentedBase  # noqa: F401 - keeps the import local to ruamel users
    from ruamel.yaml.main import YAML

    found: Counter = Counter()
    y = YAML(typ="rt")
    for token in y.scan(text):
        for c in _token_comments(token):
            for line in c.splitlines():
                if line.strip():
                    found[line.strip()] += 1
    return found


def _token_comments(token) -> list[str]:
    out = []
    comment = getattr(token, "_comment", None) or getattr(token, "comment", None)
    stack = [comment]
    while stack:
        c = stack.pop()
        if c is None:
            continue
        if isinstance(c, (list, tuple)):
            stack.extend(c)
        elif hasattr(c, "value"):
            out.append(c.value)
    return out


# --- the public functions -------------------------------------------------------------------------------------------


def format_text(text: str, kind: str, path: str = "<text>", limits: Limits = DEFAULT_LIMITS) -> str:
    """The formatted text of one file of `kind`. Raises FormatError (with a diagnostic) when the file does
    not load, or when formatting could not keep every value and comment (the input is then left alone)."""
    try:
        before = load_text(text, path, limits)
    except LoadError as exc:
        raise FormatError(exc.diagnostic) from None
    text = text.replace("\r\n", "\n")
    try:
        reordered = _reorder_text(text, kind)
        try:
            out = _layout(reordered, kind, path, limits)
        except _RuamelCannotRead:
            if reordered == text:
                raise
            out = _layout(text, kind, path, limits)  # the new key order would put an alias before its anchor: keep it
    except _RuamelCannotRead as exc:  # valid YAML that ruamel.yaml's round-trip loader reads differently
        raise _unreadable(path, exc.cause) from None
    except (KeyError, TypeError, AttributeError, IndexError, ValueError, RecursionError) as exc:
        raise _internal(path, f"failed ({type(exc).__name__}: {exc})") from None
    try:
        after = load_text(out, path, limits)
    except LoadError:
        raise _internal(path, _("produced YAML that does not load")) from None
    shape = _Shape("model", model=FILE_MODELS[kind])
    if _normal(after.data, shape) != _normal(before.data, shape):
        raise _internal(path, _("changed a value"))
    if comments_of(out) != comments_of(text):
        raise _internal(path, _("lost or changed a comment"))
    return out


def format_bytes(raw: bytes, kind: str, path: str = "<bytes>", limits: Limits = DEFAULT_LIMITS) -> str:
    try:
        doc = load_bytes(raw, path, limits)
    except LoadError as exc:
        raise FormatError(exc.diagnostic) from None
    return format_text(doc.text, kind, path, limits)


@dataclass
class FileResult:
    rel: str  # as displayed
    changed: bool = False
    diagnostic: Diagnostic | None = None


@dataclass
class FmtRun:
    results: list[FileResult] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # files given that are not masterplan files

    @property
    def changed(self) -> list[FileResult]:
        return [r for r in self.results if r.changed]

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.diagnostic is not None]


class FmtUsageError(Exception):
    """Wrong usage (exit 2): a path that does not exist or lies outside any masterplan repository."""


def _repository_root(path: Path) -> Path | None:
    from .repository import CONFIG_FILE

    here = path.resolve()
    for candidate in [here, *here.parents]:
        if (candidate / CONFIG_FILE).is_file():
            return candidate
    return None


def collect(paths: list[Path]) -> tuple[list[tuple[Path, str, str]], list[str]]:
    """(file on disk, displayed path, kind) for every masterplan YAML file named or found under the paths;
    plus the displayed paths of named files that are not masterplan files."""
    from .repository import discover, kind_of

    found: dict[Path, tuple[Path, str, str]] = {}
    skipped: list[str] = []
    for given in paths:
        if not given.exists():
            raise FmtUsageError(_("no such file or folder: {given}").format(given=given))
        start = given if given.is_dir() else given.parent
        root = _repository_root(start)
        if given.is_dir():
            roots = [root] if root is not None else _repositories_below(given)
            if not roots:
                raise FmtUsageError(_("not inside a masterplan repository: {given} (no kotacerdas.yaml here, above "
                                      "or below; run `kotacerdas init` to start one)").format(given=given))
            inside = given.resolve()
            for repo_root in roots:
                files = discover(repo_root)[0]
                for file_rel, file_kind in files:
                    full = repo_root / file_rel
                    if full.is_symlink():
                        continue  # formatted under its real name; writing here would replace the link by a copy
                    if full.resolve().is_relative_to(inside):
                        shown = full if given.is_absolute() else _relative_display(full)
                        found[full.resolve()] = (full, str(shown), file_kind)
            continue
        kind = None
        if root is not None:
            rel = PurePosixPath(given.resolve().relative_to(root).as_posix())
            if not any(p.startswith(".") for p in rel.parts):
                kind = kind_of(rel)
        if kind is None:
            skipped.append(str(given))
            continue
        found[given.resolve()] = (given, str(given), kind)
    return sorted(found.values(), key=lambda t: t[1]), skipped


def _repositories_below(folder: Path) -> list[Path]:
    """Masterplan repositories inside a folder that is not one (e.g. examples/), skipping hidden folders."""
    from .repository import CONFIG_FILE

    found = []
    for config in sorted(folder.rglob(CONFIG_FILE)):
        rel = config.relative_to(folder)
        if not any(part.startswith(".") for part in rel.parts[:-1]):
            found.append(config.parent)
    return found


def _relative_display(path: Path) -> str:
    import os

    try:
        return os.path.relpath(path, Path.cwd())
    except ValueError:
        return str(path)


def run(paths: list[Path], check: bool = False) -> FmtRun:
    """Format (or, with check, only inspect) every masterplan YAML file under `paths`."""
    from .fsutil import os_problem, rewrite_file
    from .repository import limits_of, load_config, read_bytes

    files, skipped = collect(paths)
    outcome = FmtRun(skipped=skipped)
    limits_by_root: dict[Path | None, Limits] = {None: DEFAULT_LIMITS}
    root_of_folder: dict[Path, Path | None] = {}

    def limits_for(file: Path) -> Limits:
        """The resource limits of the repository holding `file` (kotacerdas.yaml `limits:`), as validate uses."""
        if file.parent not in root_of_folder:
            root_of_folder[file.parent] = _repository_root(file.parent)
        root = root_of_folder[file.parent]
        if root is not None and root not in limits_by_root:  # None: outside a repository, DEFAULT_LIMITS
            config, _loaded, problems = load_config(root)
            limits_by_root[root] = DEFAULT_LIMITS if problems else limits_of(config)
        return limits_by_root[root]

    for full, shown, kind in files:
        result = FileResult(shown)
        outcome.results.append(result)
        if full.is_symlink():
            result.diagnostic = Diagnostic("KC007", Severity.ERROR, shown, 1, 1, _("a symbolic link is not formatted"),
                                           found=_("a symbolic link"), expected=_("a regular file"),
                                           hint=_("Format the file it points to; fmt never replaces a link."))
            continue
        # refuses a pipe (it would block) and a file above the size limit before reading it
        limits = limits_for(full)
        raw, problem = read_bytes(full, shown, limits)
        if problem is not None:
            result.diagnostic = problem
            continue
        assert raw is not None  # read_bytes gives the bytes or the problem
        try:
            new = format_bytes(raw, kind, shown, limits)
        except FormatError as exc:
            d = exc.diagnostic
            result.diagnostic = Diagnostic(d.code, d.severity, shown, d.line, d.column, d.message, d.field,
                                           d.found, d.expected, d.hint)
            continue
        if new.encode("utf-8") != raw:
            result.changed = True
            if not check:
                try:
                    rewrite_file(full, new.encode("utf-8"))
                except OSError as exc:  # a full disk, a read-only folder: the old file is still there, whole
                    result.changed = False
                    result.diagnostic = Diagnostic(
                        "KC007", Severity.ERROR, shown, 1, 1, _("cannot write the file: {value}")
                                                              .format(value=os_problem(exc)),
                        found=_("a failed write"), expected=_("a writable file with free disk space"),
                        hint=_("The file was left as it was. Free some disk space or fix the permissions, then run "
                               "fmt again."))
    return outcome
