"""Writing rendered files into --out, and `--check`ing that --out holds exactly what render would write.

Files are written atomically (fsutil) and only when their content changes. Render keeps a small manifest
per output kind in --out (`.kotacerdas-render-md`, `.kotacerdas-render-html`, with `-single` for --single)
listing the files it wrote with the SHA-256 of the content it wrote, so a file it wrote last time and
would not write now (a chapter renamed or dropped) is removed on the next full render, and reported by
--check. The manifest is not trusted (a rendered book kept in git carries it, and anyone can edit it): a
listed file is removed only when it is a regular file directly reached inside --out (no symbolic link on
the way, nothing outside --out) whose content still has the recorded hash, i.e. exactly what render
wrote. A file edited since, a link, or a line without a hash (older manifests) is left alone. Files
render did not write are never touched, and render never writes through a symbolic link inside --out.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..fsutil import atomic_write_bytes, read_regular
from ..i18n import _

_LINE = re.compile(r"([0-9a-f]{64})  (.+)\Z")


def manifest_name(fmt: str, single: bool) -> str:
    return f".kotacerdas-render-{fmt}{'-single' if single else ''}"


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _manifest_bytes(files: dict[str, bytes]) -> bytes:
    header = ("# Files written by `kotacerdas render` (SHA-256 of what it wrote); render removes those it no\n"
              "# longer writes, and only while they still hold exactly what it wrote.\n")
    return (header + "".join(f"{_digest(files[name])}  {name}\n" for name in sorted(files))).encode("utf-8")


def _read_manifest(out: Path, name: str) -> dict[str, str]:
    """name -> recorded SHA-256, for the manifest's well-formed lines that stay inside --out."""
    raw = _read_regular(out, name)
    if raw is None:
        return {}
    names: dict[str, str] = {}
    for line in raw.decode("utf-8", errors="replace").splitlines():
        m = _LINE.match(line.strip())
        if m is None:
            continue  # a comment, an older manifest's bare name, or anything render did not write
        p = PurePosixPath(m.group(2))
        if p.is_absolute() or ".." in p.parts or "\\" in m.group(2) or any(part.startswith(".") for part in p.parts):
            continue  # never trust a manifest to point outside --out
        names[m.group(2)] = m.group(1)
    return names


def _no_link_on_the_way(out: Path, name: str) -> bool:
    """Whether every folder between --out and `name` is a real folder (not a symbolic link)."""
    place = out
    for part in PurePosixPath(name).parts[:-1]:
        place = place / part
        try:
            if not stat.S_ISDIR(os.lstat(place).st_mode):
                return False
        except FileNotFoundError:
            return True  # created by the write, as a real folder
        except OSError:
            return False
    return True


def _read_regular(out: Path, name: str) -> bytes | None:
    """The content of out/name when it is a regular file reached without a symbolic link, else None."""
    if not _no_link_on_the_way(out, name):
        return None
    return read_regular(out / name, follow_links=False)


class UnsafeOutput(OSError):
    """A file render would write lies behind a symbolic link inside --out."""


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
    _hashes: dict[str, str] = field(default_factory=dict)  # of the files to remove, as recorded


def plan_output(out: Path, files: dict[str, bytes], fmt: str, single: bool, partial: bool) -> Plan:
    out = Path(out)
    wanted = dict(files)
    if not partial:
        wanted[manifest_name(fmt, single)] = _manifest_bytes(files)
    plan = Plan()
    for name, data in sorted(wanted.items()):
        current = _read_regular(out, name)
        plan._existed[name] = os.path.lexists(out / name)
        if current == data:
            plan.unchanged.append(name)
        else:
            plan.write[name] = data
    if not partial:
        for name, digest in sorted(_read_manifest(out, manifest_name(fmt, single)).items()):
            if name in wanted:
                continue
            current = _read_regular(out, name)
            if current is not None and _digest(current) == digest:
                plan.remove.append(name)
                plan._hashes[name] = digest
    return plan


def apply_plan(out: Path, plan: Plan) -> None:
    out = Path(out)
    for name in plan.write:
        if not _no_link_on_the_way(out, name):
            raise UnsafeOutput(0, _("{value} lies behind a symbolic link; render does not write through links")
                                  .format(value=out / name))
    for name, data in plan.write.items():
        atomic_write_bytes(out / name, data)
    for name in plan.remove:
        current = _read_regular(out, name)  # checked again just before: only what render wrote goes
        if current is None or _digest(current) != plan._hashes.get(name):
            continue
        with contextlib.suppress(FileNotFoundError):
            os.unlink(out / name)
