"""`--format sarif`: SARIF 2.1.0 for code-scanning tools (GitHub code scanning, Azure DevOps, IDEs).

One run; `tool.driver.rules` describes every code that has a result; each result points at
`physicalLocation.region` startLine/startColumn (columns count characters: columnKind unicodeCodePoints).
Findings silenced by an inline comment are included with `suppressions: [{kind: inSource,
justification}]`, as SARIF intends, so viewers can show them as accepted. Checked in tests against the
official OASIS schema.
"""

from __future__ import annotations

from urllib.parse import quote

from .. import __version__
from ..diagnostics import Diagnostic
from ..jsontext import dumps
from . import Report
from ..codes import info as code_info
from ._finding import full_text

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _result(report: Report, d: Diagnostic, index: dict[str, int]) -> dict:
    result = {
        "ruleId": d.code,
        "ruleIndex": index[d.code],
        "level": _LEVEL[d.severity.value],
        "message": {"text": full_text(d)},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": quote(report.display_path(d.path))},
                "region": {"startLine": max(d.line, 1), "startColumn": max(d.column, 1)},
            }
        }],
    }
    props = {k: v for k, v in (("field", d.field), ("found", d.found), ("expected", d.expected),
                               ("hint", d.hint)) if v}
    if props:
        result["properties"] = props
    if d.suppressed_by is not None:
        suppression = {"kind": "inSource", "status": "accepted"}
        if d.suppressed_by:
            suppression["justification"] = d.suppressed_by
        result["suppressions"] = [suppression]
    return result


def render(report: Report) -> str:
    findings = [*report.diagnostics, *report.suppressed]
    codes = sorted({d.code for d in findings})
    index = {code: i for i, code in enumerate(codes)}
    rules = []
    for code in codes:
        info = code_info(code)
        rules.append({
            "id": code,
            "name": info.name,
            "shortDescription": {"text": info.title},
            "fullDescription": {"text": info.description},
            "defaultConfiguration": {"level": _LEVEL[info.severity]},
            "help": {"text": f"kotacerdas rules {code}"},
        })
    results = [_result(report, d, index) for d in sorted(findings, key=Diagnostic.sort_key)]
    doc = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "kotacerdas", "version": __version__, "semanticVersion": __version__,
                                "informationUri": "https://github.com/kotacerdas/kotacerdas", "rules": rules}},
            "automationDetails": {"id": f"kotacerdas/{report.command}/"},
            "columnKind": "unicodeCodePoints",
            "invocations": [{"executionSuccessful": True, "commandLine": f"kotacerdas {report.command}"}],
            "results": results,
        }],
    }
    return dumps(doc)
