"""A large, valid masterplan repository for the interruption tests: examples/garut with every programme
cloned `copies` times (ids suffixed -K<n>), so that render and fmt work long enough to be interrupted.

Optionally the clones are written in a layout `fmt` changes (keys sorted alphabetically, four-space
indentation), so that `fmt` rewrites every one of them.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .util import GARUT, copy_repo

_ID = re.compile(r"^id: (\S+)$", re.M)


def make_big_repository(dest: Path, copies: int, *, unformatted: bool = False) -> Path:
    copy_repo(GARUT, dest)
    originals = sorted((dest / "programmes").rglob("*.yaml"))
    for n in range(1, copies + 1):
        for path in originals:
            text = path.read_text(encoding="utf-8")
            text = _ID.sub(lambda m, n=n: f"id: {m.group(1)}-K{n}", text, count=1)
            if unformatted:
                text = yaml.safe_dump(yaml.safe_load(text), allow_unicode=True, sort_keys=True, indent=4,
                                      width=1000)
            (path.parent / f"k{n}-{path.name}").write_text(text, encoding="utf-8")
    return dest
