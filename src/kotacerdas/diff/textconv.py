"""A canonical, line-per-fact view of one masterplan file, for git's diff driver.

    # .gitattributes                      # once per clone
    *.yaml diff=kotacerdas                git config diff.kotacerdas.textconv "kotacerdas diff --textconv"

git then diffs these views instead of the raw YAML, so `git diff` and `git log -p` show planning facts:
keys sorted, list elements keyed by id/year (or sorted when they have no key), comments and layout
gone, long text one sentence per line. A file that cannot be read is passed through unchanged, so git
never fails because of the driver. Deliberately light (no schema models): git may run it once per file
per commit.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .keys import LIST_KEYS

_SENTENCE = re.compile(r"(?<=[.!?;])\s+(?=\S)")
_FIRST = ("id", "dimension", "stage", "name", "title", "code", "year", "source")


def sniff_kind(data: dict) -> str:
    if "format_version" in data:
        return "config"
    if "region" in data and "visi" in data:
        return "plan"
    if isinstance(data.get("opd"), list) and len(data) == 1:
        return "opd"
    if "version" in data and "dimensions" in data:
        return "taxonomy"
    if "readiness" in data or ("dimension" in data and "goals" in data):
        return "dimension"
    if "stage" in data:
        return "stage"
    if "direction" in data or "unit" in data:
        return "indicator"
    if "innovation" in data or "owner" in data:
        return "programme"
    return "file"


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    source = getattr(value, "source", None)
    if isinstance(source, str):
        return source
    return " ".join(str(value).split())


def _order(keys) -> list:
    return sorted(keys, key=lambda k: (_FIRST.index(k) if k in _FIRST else len(_FIRST), str(k)))


def _flat(value: Any, path: str, out: list[str]) -> None:
    if isinstance(value, dict):
        if not value:
            out.append(f"{path}: {{}}")
        for k in _order(value):
            _flat(value[k], f"{path}.{k}" if path else str(k), out)
        return
    if isinstance(value, list):
        name = path.rsplit(".", 1)[-1].split("[", 1)[0]
        spec = LIST_KEYS.get(name)
        if spec and value and all(isinstance(v, dict) for v in value):
            keyed = [(" ".join(_scalar(v[f]) for f in spec if v.get(f) is not None), v) for v in value]
            if len({k for k, _ in keyed}) == len(keyed):
                for k, v in sorted(keyed, key=lambda kv: kv[0]):
                    _flat(v, f"{path}[{k}]", out)
                return
        if not value:
            out.append(f"{path}: []")
        parts: list[list[str]] = []
        for v in value:
            sub: list[str] = []
            _flat(v, f"{path}[]", sub)
            parts.append(sub)
        for sub in sorted(parts):
            out.extend(sub)
        return
    text = _scalar(value)
    if isinstance(value, str) and len(text) > 80:
        out.append(f"{path}:")
        out.extend(f"  | {s}" for s in _SENTENCE.split(text))
    else:
        out.append(f"{path}: {text}")


def canonical_text(raw: bytes, name: str = "file") -> str:
    """The canonical view of one file's bytes; the text itself when it is not a readable mapping."""
    from ..source import LoadError, load_bytes

    try:
        doc = load_bytes(raw, name)
    except LoadError:
        return raw.decode("utf-8", errors="replace")
    if not isinstance(doc.data, dict):
        return doc.text
    kind = sniff_kind(doc.data)
    ident = doc.data.get("id") or doc.data.get("stage") or doc.data.get("dimension") or ""
    lines = [f"# kotacerdas {kind}" + (f" {_scalar(ident)}" if ident and not isinstance(ident, (dict, list)) else "")]
    _flat(doc.data, "", lines)
    return "\n".join(lines) + "\n"


def textconv(path: Path | str) -> str:
    """What git shows for `path`. Never raises: git diff fails when its driver does, so a file that cannot
    be read gives a one-line note, one above the size limit is not read (git shows it as a note too), and
    anything the canonical view cannot make sense of is passed through as text."""
    from ..repository import read_bytes
    from ..source import DEFAULT_LIMITS

    try:
        raw, problem = read_bytes(Path(path), Path(path).name, DEFAULT_LIMITS)
        if problem is not None:
            return f"# kotacerdas: {problem.message} ({problem.found})\n"
        assert raw is not None
        try:
            return canonical_text(raw, Path(path).name)
        except Exception:  # the view is a convenience: the file's own text is always a valid answer
            return raw.decode("utf-8", errors="replace")
    except Exception as exc:
        return f"# kotacerdas: cannot read the file ({type(exc).__name__})\n"
