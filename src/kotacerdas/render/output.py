"""Writing rendered files into --out, and `--check`ing that --out holds exactly what render would write.

Files are written atomically (fsutil) and only when their content changes. Render keeps a small manifest
per output kind in --out (`.kotacerdas-render-md`, `.kotacerdas-render-html`, with `-single` for --single)
listing the files it wrote, so a file it wrote last time and would not write now (a chapter renamed or
dropped) is removed on the next full render, and reported by --check. Files render did not write are
never touched.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..fsutil import atomic_write_bytes
import contextlib


def manifest_name(fmt: str, single: bool) -> str:
    return f".kotacerdas-render-{fmt}{'-single' if single else ''}"


def _manifest_bytes(files: dict[str, bytes]) -> bytes:
    header = "# Files written by `kotacerdas render`; render removes those it no longer writes.\n"
    return (header + "".join(f"{name}\n" for name in sorted(files))).encode("utf-8")


def _read_manifest(out: Path, name: str) -> list[str]:
    try:
        text = (out / name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    names = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        p = PurePosixPath(line)
        if p.is_absolute() or ".." in p.parts or line.startswith("."):
            continue  # never trust a manifest to point outside --out
        names.append(line)
    return names


@dataclass
class Plan:
    """What a render would do to --out."""

    write: dict[str, bytes] = field(default_factory=dict)  # new or changed
    unchanged: list[str] = field(default_factory=list)
    remove: list[str] = field(default_factory=list)  # written by an earlier render, not any more

    def differences(self) -> list[tuple[str, str]]:
        out = []
        for name in sorted(self.write):
            out.append((name, "differs" if self._existed.get(name) else "missing"))
        for name in sorted(self.remove):
            out.append((name, "no longer rendered (would be removed)"))
        return out

    _existed: dict[str, bool] = field(default_factory=dict)


def plan_output(out: Path, files: dict[str, bytes], fmt: str, single: bool, partial: bool) -> Plan:
    out = Path(out)
    wanted = dict(files)
    if not partial:
        wanted[manifest_name(fmt, single)] = _manifest_bytes(files)
    plan = Plan()
    for name, data in sorted(wanted.items()):
        path = out / name
        try:
            current = path.read_bytes() if path.is_file() else None
        except OSError:
            current = None
        plan._existed[name] = path.exists()
        if current == data:
            plan.unchanged.append(name)
        else:
            plan.write[name] = data
    if not partial:
        for name in _read_manifest(out, manifest_name(fmt, single)):
            if name not in wanted and (out / name).is_file():
                plan.remove.append(name)
    return plan


def apply_plan(out: Path, plan: Plan) -> None:
    out = Path(out)
    for name, data in plan.write.items():
        atomic_write_bytes(out / name, data)
    for name in plan.remove:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(out / name)
