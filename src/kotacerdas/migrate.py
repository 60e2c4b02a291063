"""`migrate`: upgrade a repository written for an older format version, in place and losslessly.

Format 2 (issue 14) reads numbers strictly: a quoted number (`amount: "1250000000"`, `target: "40"`) is
text, and text is refused where the format says number. Format 1 accepted it. Migration 1 -> 2 unquotes
every quoted number that stands where the format wants a number and that reads unambiguously (digits,
with at most one decimal point outside whole-number fields), and sets `format_version: 2`. Nothing else
changes: a value that is not a plain number (`"Rp 1.250.000"`, `"1.250"`) is left for `validate` to
report, since only the officer knows what it means. A field that moved (models.MOVED_FIELDS: issue 17's
`publication.program_unggulan`, now plan.yaml `program_unggulan`) is moved, in any format version.

Files are rewritten through fmt's round-trip machinery (ruamel.yaml; comments kept, layout as fmt writes
it), only when something changes, atomically; the result is loaded again and checked to hold the same data
apart from the unquoted numbers and the version, and the same comments (fail safe, as fmt does). Running it
twice changes nothing the second time.
"""

from __future__ import annotations

import io
import re
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .diagnostics import Diagnostic, Severity
from .fmt import _indent_comments, _rt_load, _rt_yaml, comments_of
from .fsutil import atomic_write_bytes, os_problem
from .models import FILE_MODELS, FORMAT_VERSION
from .repository import CONFIG_FILE, discover, is_repository
from .source import LoadError, load_text
from .i18n import _

_WHOLE = re.compile(r"[-+]?\d+")
_DECIMAL = re.compile(r"[-+]?\d+\.\d+")


class MigrateUsageError(Exception):
    """The path is not a masterplan repository (exit 2)."""


@dataclass
class FileChange:
    rel: str
    changes: list[str]  # "funding[0].amount: "250000000" -> 250000000"
    diagnostic: Diagnostic | None = None  # when the file could not be migrated


@dataclass
class Migration:
    root: Path
    version_from: int | None
    version_to: int = FORMAT_VERSION
    files: list[FileChange] = field(default_factory=list)

    @property
    def changed(self) -> list[FileChange]:
        return [f for f in self.files if f.changes and f.diagnostic is None]

    @property
    def failed(self) -> list[FileChange]:
        return [f for f in self.files if f.diagnostic is not None]


def _number_kind(tp: Any) -> str | None:
    """"whole" or "number" when a field's type is a number (through Annotated, Optional and lists), else
    None. Booleans are not numbers."""
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _number_kind(typing.get_args(tp)[0])
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        kinds = {_number_kind(a) for a in typing.get_args(tp) if a is not type(None)}
        kinds.discard(None)
        return "number" if "number" in kinds else (kinds.pop() if kinds else None)
    if tp is int:
        return "whole"
    if tp is float:
        return "number"
    return None


def _model_of(tp: Any) -> type[BaseModel] | None:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _model_of(typing.get_args(tp)[0])
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None), list):
        for a in typing.get_args(tp):
            m = _model_of(a)
            if m is not None:
                return m
        return None
    return tp if isinstance(tp, type) and issubclass(tp, BaseModel) else None


def _is_list(tp: Any) -> bool:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _is_list(typing.get_args(tp)[0])
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        return any(_is_list(a) for a in typing.get_args(tp))
    return origin is list


def _plain_number(text: str, kind: str) -> int | float | None:
    t = text.strip()
    if _WHOLE.fullmatch(t):
        return int(t)
    if kind == "number" and _DECIMAL.fullmatch(t):
        return float(t)
    return None


def _unquote(node, model: type[BaseModel], path: str, changes: list[str]) -> None:
    """Unquote, in place in the ruamel node, every quoted plain number in a number field of `model`."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if not isinstance(node, CommentedMap):
        return
    for key in list(node.keys()):
        info = model.model_fields.get(key) if isinstance(key, str) else None
        if info is None:
            continue
        value = node[key]
        where = f"{path}.{key}" if path else str(key)
        kind = _number_kind(info.annotation)
        sub = _model_of(info.annotation)
        if kind is not None and isinstance(value, str):
            number = _plain_number(value, kind)
            if number is not None:
                node[key] = number
                changes.append(f'{where}: "{value}" -> {number}')
        elif kind is not None and _is_list(info.annotation) and isinstance(value, CommentedSeq):
            for i, item in enumerate(value):
                number = _plain_number(item, kind) if isinstance(item, str) else None
                if number is not None:
                    value[i] = number
                    changes.append(f'{where}[{i}]: "{item}" -> {number}')
        elif sub is not None and isinstance(value, CommentedSeq):
            for i, item in enumerate(value):
                _unquote(item, sub, f"{where}[{i}]", changes)
        elif sub is not None:
            _unquote(value, sub, where, changes)


def _move_flagships(root, changes: list[str] | None = None) -> None:
    """plan.yaml: `publication.program_unggulan` (issue 17's first home) moves to `program_unggulan`, the one
    home of the flagship programmes (models.MOVED_FIELDS). Items already there come first, each replaced by
    the described item of the same name; described items not there follow. Works on the ruamel node (its
    comments travel with the items) and on plain data (the check that nothing else changed)."""
    publication = root.get("publication") if isinstance(root, dict) else None
    if not isinstance(publication, dict) or "program_unggulan" not in publication:
        return
    old_moved = publication.pop("program_unggulan")
    moved = list(old_moved) if isinstance(old_moved, list) else [old_moved]
    old_existing = root.get("program_unggulan")
    existing = list(old_existing) if isinstance(old_existing, list) else [] if old_existing is None else [old_existing]

    def name(item):
        return item.get("name") if isinstance(item, dict) else item

    by_name = {name(m): i for i, m in enumerate(moved)}
    # (item, where its end-of-line comment is: (old list, index)), the existing items first
    merged = [(moved[by_name.pop(name(e))] if name(e) in by_name else e, (old_existing, i))
              for i, e in enumerate(existing)]
    merged += [(m, (old_moved, i)) for i, m in enumerate(moved) if name(m) in by_name]
    ruamel = hasattr(root, "insert")
    if not ruamel:
        root["program_unggulan"] = [item for item, _ in merged]
    else:
        from ruamel.yaml.comments import CommentedSeq

        seq = CommentedSeq(item for item, _ in merged)
        for i, (_, (source, at)) in enumerate(merged):
            if isinstance(source, CommentedSeq) and at in source.ca.items:
                seq.ca.items[i] = source.ca.items[at]
        if "program_unggulan" in root:
            root["program_unggulan"] = seq
        else:  # a new key after the misi (else before the publication block), where BAB II reads it
            keys = list(root.keys())
            root.insert(keys.index("misi") + 1 if "misi" in keys else keys.index("publication"), "program_unggulan",
                        seq)
    if not publication:
        del root["publication"]
    if changes is not None:
        changes.append(f"publication.program_unggulan -> program_unggulan ({len(moved)})")


def migrate_text(text: str, kind: str, rel: str, *, set_version: bool = False) -> tuple[str, list[str]]:
    """The migrated text of one file and what changed (empty: the text is returned as it was).
    Raises LoadError when the file does not load."""
    before = load_text(text, rel)
    y = _rt_yaml()
    root = _rt_load(y, text.replace("\r\n", "\n"))
    changes: list[str] = []
    if kind == "plan":
        _move_flagships(root, changes)
    _unquote(root, FILE_MODELS[kind], "", changes)
    if set_version and root.get("format_version") != FORMAT_VERSION:
        changes.append(f"format_version: {root.get('format_version')} -> {FORMAT_VERSION}")
        root["format_version"] = FORMAT_VERSION
    if not changes:
        return text, []
    buf = io.StringIO()
    y.dump(root, buf)
    out = _indent_comments(buf.getvalue())
    after = load_text(out, rel)
    expected = before.data
    if kind == "plan":
        expected = _plain_copy(before.data)
        _move_flagships(expected)
    if comments_of(out) != comments_of(text) or _strip(after.data) != _strip(expected):
        raise LoadError(Diagnostic("KC001", Severity.ERROR, rel, 1, 1,
                                   _("migrate would change more than the quoted numbers; file left unchanged"),
                                   hint=_("Please report this file: it is a bug in kotacerdas migrate.")))
    return out, changes


def _plain_copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain_copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain_copy(v) for v in value]
    return value


def _strip(value: Any) -> Any:
    """Data with numbers and number-like text made equal (what migration may change), for the check."""
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k != "format_version"}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str) and (_WHOLE.fullmatch(value.strip()) or _DECIMAL.fullmatch(value.strip())):
        return float(value)
    return value


def migrate(root: Path, check: bool = False) -> Migration:
    """Migrate the repository at `root` to FORMAT_VERSION (with check=True: only say what would change)."""
    root = Path(root)
    if not root.is_dir() or not is_repository(root):
        raise MigrateUsageError(_("not a masterplan repository: {root} has no {config_file}")
                                .format(root=root, config_file=CONFIG_FILE))
    config_text = (root / CONFIG_FILE).read_text(encoding="utf-8")
    try:
        version = load_text(config_text, CONFIG_FILE).data.get("format_version")
    except LoadError as exc:
        return Migration(root, None, files=[FileChange(CONFIG_FILE, [], exc.diagnostic)])
    run = Migration(root, version if isinstance(version, int) and not isinstance(version, bool) else None)
    if run.version_from is not None and run.version_from > FORMAT_VERSION:
        raise MigrateUsageError(_("{root} is written for format {version_from}, newer than this kotacerdas "
                                  "({format_version}): upgrade kotacerdas instead")
                                .format(root=root, version_from=run.version_from, format_version=FORMAT_VERSION))
    paths, _problems = discover(root)
    for rel, kind in paths:
        try:
            text = (root / rel).read_text(encoding="utf-8")
            out, changes = migrate_text(text, kind, rel, set_version=(rel == CONFIG_FILE))
        except LoadError as exc:
            run.files.append(FileChange(rel, [], exc.diagnostic))
            continue
        except (OSError, UnicodeDecodeError) as exc:
            why = os_problem(exc) if isinstance(exc, OSError) else exc
            run.files.append(FileChange(rel, [], Diagnostic("KC007", Severity.ERROR, rel, 1, 1,
                                                            _("cannot read the file: {exc}").format(exc=why))))
            continue
        run.files.append(FileChange(rel, changes))
        if changes and not check:
            atomic_write_bytes(root / rel, out.encode("utf-8"))
    return run
