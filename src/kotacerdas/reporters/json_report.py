"""`--format json`: a stable, documented shape (docs/output.md). Version 1:

    {"version": 1, "command": "validate", "kotacerdas_version": "…", "root": "examples/garut",
     "ok": true, "files_checked": 14, "summary": {"error": 0, "warning": 0, "info": 0},
     "diagnostics": [{"code", "severity", "path", "line", "column", "field", "message",
                      "found", "expected", "hint"}]}
"""

from __future__ import annotations

from .. import __version__
from ..jsontext import dumps
from . import Report

SHAPE_VERSION = 1


def render(report: Report) -> str:
    counts = report.counts()
    items = []
    for d in report.diagnostics:
        item = d.to_dict()
        item["path"] = report.display_path(d.path)
        items.append(item)
    doc = {
        "version": SHAPE_VERSION,
        "command": report.command,
        "kotacerdas_version": __version__,
        "root": report.prefix or ".",
        "ok": counts.get("error", 0) == 0,
        "files_checked": report.files_checked,
        "summary": {s: counts.get(s, 0) for s in ("error", "warning", "info")},
        "diagnostics": items,
        **report.extra,
    }
    return dumps(doc)
