"""Minimal edits of a YAML file's text: set fields of one year's entry in a yearly list (an indicator's
`targets`, a programme's `history`), adding the entry or the list when it is not there yet.

Only the characters of the values that change are replaced, and new keys and entries are inserted as
new lines at the place the format's field order gives them, indented like their neighbours. Every other
byte (comments, blank lines, quoting, key order, folded text) stays as it was. The caller checks the
result by loading it again (importer.py); this module never writes a file."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

import yaml
from pydantic import BaseModel

from ..models import FILE_MODELS, ProgrammeYear, YearTarget
from ..source import resolve_plain
from ..i18n import _
from ..yaml_problems import yaml_error_text

ENTRY_MODEL: dict[str, type[BaseModel]] = {"targets": YearTarget, "history": ProgrammeYear}


class EditError(Exception):
    """The text has a shape these edits do not handle (the caller reports it; nothing is written)."""


@dataclass
class _Op:
    start: int
    end: int
    text: str
    order: tuple = ()


# Plain only when safe in block and flow context alike (no flow indicators anywhere).
_PLAIN_SAFE = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n\t,\[\]{}]*$")


def scalar_text(value: Any) -> str:
    """One YAML scalar, on one line, that reads back as exactly `value`."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 2**53 else repr(value)
    text = str(value)
    if (_PLAIN_SAFE.match(text) and not text.endswith((" ", ":")) and ": " not in text and " #" not in text
            and isinstance(resolve_plain(text), str) and not re.match(r"^\d{4}-\d\d?-\d\d?", text)
            and text.lower() not in ("yes", "no", "on", "off", "y", "n") and _reads_back(text)):
        return text
    out = json.dumps(text, ensure_ascii=False)
    return re.sub(r"[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]", lambda m: f"\\u{ord(m.group()):04x}", out)


def _reads_back(text: str) -> bool:
    try:
        return yaml.safe_load(f"k: {text}\n") == {"k": text}
    except yaml.YAMLError:
        return False


def _key_of(pair) -> str:
    return pair[0].value if isinstance(pair[0], yaml.ScalarNode) else ""


def _last_leaf_end(text: str, node) -> int:
    """Index just after the node's last character of content (block scalars: of their last line)."""
    while isinstance(node, yaml.MappingNode | yaml.SequenceNode) and not node.flow_style and node.value:
        node = node.value[-1][1] if isinstance(node, yaml.MappingNode) else node.value[-1]
    end = node.end_mark.index
    if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
        while end > node.start_mark.index and text[end - 1] in "\r\n ":
            end -= 1
    return end


def _line_after(text: str, index: int) -> int:
    """The start of the line after the one holding `index - 1`."""
    nl = text.find("\n", max(index - 1, 0))
    return len(text) if nl < 0 else nl + 1


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _before_comments(text: str, start: int) -> int:
    """Move a line start up over the comment lines directly above it (they describe what follows)."""
    while start > 0:
        prev = _line_start(text, start - 1)
        if text[prev:start].strip().startswith("#"):
            start = prev
        else:
            break
    return start


class _File:
    def __init__(self, text: str, kind: str) -> None:
        self.text = text
        self.nl = "\r\n" if "\r\n" in text else "\n"
        self.model = FILE_MODELS[kind]
        try:
            root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except yaml.YAMLError as exc:
            raise EditError(_("cannot read the file: {exc}").format(exc=yaml_error_text(exc))) from None
        if not isinstance(root, yaml.MappingNode):
            raise EditError(_("the file's top level is not a mapping"))
        self.root = root
        self.ops: list[_Op] = []

    # --- inserting a key into a mapping, at its place in the field order ---------------------------------

    def insert_keys(self, mapping, model, items: list[tuple[str, str]]) -> None:
        """Insert `key: text` lines (already rendered) into `mapping`, which lacks them."""
        order = list(model.model_fields)
        present = {_key_of(p): p for p in mapping.value}
        if mapping.flow_style:
            close = mapping.end_mark.index - 1
            sep = ", " if mapping.value else ""
            body = ", ".join(f"{k}: {v}" for k, v in items)
            self.ops.append(_Op(close, close, sep + body, (0,)))
            return
        col = mapping.value[0][0].start_mark.column
        for key, value in items:
            pos = self._after_predecessor(mapping, order, present, key)
            self.ops.append(_Op(pos, pos, f"{' ' * col}{key}: {value}{self.nl}", (0, order.index(key))))

    def _after_predecessor(self, mapping, order: list[str], present: dict, key: str) -> int:
        before = order[: order.index(key)] if key in order else order
        prior = [present[k] for k in before if k in present]
        if prior:
            last = max(prior, key=lambda p: p[1].end_mark.index)
            return _line_after(self.text, _last_leaf_end(self.text, last[1]))
        first = mapping.value[0][0]
        return _line_start(self.text, first.start_mark.index)

    def insert_block(self, pos: int, lines: list[str], order: tuple) -> None:
        self.ops.append(_Op(pos, pos, "".join(line + self.nl for line in lines), order))

    def apply(self) -> str:
        text = self.text
        ops = self.ops
        if text and not text.endswith("\n") and any(op.start >= len(text) for op in ops):
            # a last line without its newline: give it one, and insert after it
            n, text = len(text), text + self.nl
            ops = [_Op(o.start + len(self.nl), o.end + len(self.nl), o.text, o.order) if o.start >= n else o
                   for o in ops]
        for op in sorted(ops, key=lambda o: (o.start, o.order), reverse=True):
            text = text[: op.start] + op.text + text[op.end:]
        return text


def set_year_fields(text: str, kind: str, list_key: str, year: int, fields: dict[str, Any]) -> str:
    """The text with `list_key`'s entry for `year` holding `fields` (others kept); adds what is missing."""
    return set_many(text, kind, list_key, {year: fields})


def set_many(text: str, kind: str, list_key: str, years: dict[int, dict[str, Any]]) -> str:
    f = _File(text, kind)
    entry_model = ENTRY_MODEL[list_key]
    entry_order = list(entry_model.model_fields)
    pairs = {_key_of(p): p for p in f.root.value}
    seq = pairs[list_key][1] if list_key in pairs else None
    if isinstance(seq, yaml.ScalarNode) and seq.tag.endswith(":null"):
        raise EditError(_("`{list_key}` has no list (it is empty or null); write `{list_key}: []` or remove it")
                        .format(list_key=list_key))
    if seq is not None and not isinstance(seq, yaml.SequenceNode):
        raise EditError(_("`{list_key}` is not a list").format(list_key=list_key))
    found: dict[int, Any] = {}
    if seq is not None:
        for item in seq.value:
            if not isinstance(item, yaml.MappingNode):
                raise EditError(_("an entry of `{list_key}` is not a mapping").format(list_key=list_key))
            ys = [p[1].value for p in item.value if _key_of(p) == "year" and isinstance(p[1], yaml.ScalarNode)]
            if ys and re.fullmatch(r"\d{4}", ys[0]):
                found[int(ys[0])] = item
    new_entries: dict[int, list[tuple[str, str]]] = {}
    for year, values in sorted(years.items()):
        rendered = [(k, scalar_text(values[k])) for k in entry_order if k in values and values[k] is not None]
        item = found.get(year)
        if item is None:
            new_entries[year] = [("year", str(year)), *rendered]
            continue
        present = {_key_of(p): p for p in item.value}
        missing = []
        for key, value in rendered:
            if key in present:
                node = present[key][1]
                if not isinstance(node, yaml.ScalarNode):
                    raise EditError(_("`{list_key}` {year} `{key}` is not a single value")
                                    .format(list_key=list_key, year=year, key=key))
                end = _last_leaf_end(text, node)
                f.ops.append(_Op(node.start_mark.index, end, value))
            else:
                missing.append((key, value))
        if missing:
            f.insert_keys(item, entry_model, missing)
    if new_entries:
        _add_entries(f, seq, list_key, new_entries, found)
    return f.apply()


def _add_entries(f: _File, seq, list_key: str, entries: dict[int, list[tuple[str, str]]], found: dict) -> None:
    text = f.text
    if seq is not None and seq.flow_style:
        close = seq.end_mark.index - 1
        parts = ["{" + ", ".join(f"{k}: {v}" for k, v in kv) + "}" for kv in entries.values()]
        sep = ", " if seq.value else ""
        f.ops.append(_Op(close, close, sep + ", ".join(parts), (0,)))
        return
    if seq is None:
        root_col = f.root.value[0][0].start_mark.column
        dash, content = root_col + 2, root_col + 4
        lines = [f"{' ' * root_col}{list_key}:"]
        for kv in entries.values():
            lines.extend(_entry_lines(kv, dash, content))
        present = {_key_of(p): p for p in f.root.value}
        pos = f._after_predecessor(f.root, list(f.model.model_fields), present, list_key)
        f.insert_block(pos, lines, (1,))
        return
    dash = seq.start_mark.column
    first = seq.value[0] if seq.value else None
    content = first.value[0][0].start_mark.column if first is not None and first.value else dash + 2
    for n, (year, kv) in enumerate(entries.items()):
        later = [item for y, item in sorted(found.items()) if y > year]
        if later:
            pos = _before_comments(text, _line_start(text, later[0].start_mark.index))
        else:
            pos = _line_after(text, _last_leaf_end(text, seq))
        f.insert_block(pos, _entry_lines(kv, dash, content), (2, n))


def _entry_lines(kv: list[tuple[str, str]], dash: int, content: int) -> list[str]:
    (k0, v0), rest = kv[0], kv[1:]
    return [f"{' ' * dash}- {k0}: {v0}", *(f"{' ' * content}{k}: {v}" for k, v in rest)]
