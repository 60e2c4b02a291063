"""What is still to fill: the `[ISI]` placeholders `init` writes, and lint's findings while they stand.

A fresh repository is not a bad masterplan, it is an unwritten one. While a file still holds `[ISI]` text,
an error that a lint rule reports on that file (a dimension without a quick win, reported on the
dimension's file whose goals are still `[ISI] Tujuan dimensi ...`) is a warning that says what to fill:
CI stays green on day one, and the finding becomes an error again as soon as the officers replace the
placeholder and leave the gap. validate's findings are never softened.

`work_list` gathers, per file, the fields that still hold `[ISI]` and the softened findings: lint prints
it after the findings (text) and carries it in its JSON report. `rule_summary` counts the findings per
code and severity: lint's report ends with it.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass, field

from ..diagnostics import Diagnostic, Severity, field_path
from ..i18n import _
from .rules._base import text_values

FILL_IN = "[ISI]"


@dataclass
class WorkItem:
    """One file's unfinished parts: the fields holding [ISI], and what lint found missing there."""

    path: str
    fields: list[str] = field(default_factory=list)
    findings: list[Diagnostic] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"path": self.path, "fields": list(self.fields),
                "findings": [{"code": d.code, "message": d.message, "line": d.line} for d in self.findings]}


def unfilled(mp) -> dict[str, list[str]]:
    """File path -> the fields whose text still holds the [ISI] placeholder, in file order."""
    out: dict[str, list[str]] = {}
    marker = FILL_IN.lower()
    for doc, loc, text in text_values(mp):
        if marker in text.lower():
            out.setdefault(doc.path, []).append(field_path(loc))
    return out


def soften(findings: list[Diagnostic], holes: dict[str, list[str]]) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """(every finding, the softened ones): errors reported on a file that still holds [ISI] text become
    warnings that say so."""
    out, softened = [], []
    for d in findings:
        if d.severity is Severity.ERROR and d.path in holes:
            note = _("A warning while {path} still holds [ISI] text; an error once it is filled in.").format(
                path=d.path)
            d = dataclasses.replace(d, severity=Severity.WARNING, hint=f"{d.hint} {note}" if d.hint else note)
            softened.append(d)
        out.append(d)
    return out, softened


def work_list(holes: dict[str, list[str]], softened: list[Diagnostic]) -> list[WorkItem]:
    """Per file, in path order: what is still to fill."""
    items: dict[str, WorkItem] = {path: WorkItem(path, list(fields)) for path, fields in holes.items()}
    for d in softened:
        items.setdefault(d.path, WorkItem(d.path)).findings.append(d)
    return [items[p] for p in sorted(items)]


@dataclass(frozen=True)
class RuleCount:
    code: str
    name: str
    counts: dict[str, int]  # severity -> number of findings

    def to_dict(self) -> dict:
        counts = {s: self.counts.get(s, 0) for s in ("error", "warning", "info")}
        return {"code": self.code, "name": self.name, **counts}


def rule_summary(diagnostics: list[Diagnostic]) -> list[RuleCount]:
    """How many findings each code gave, by severity, in code order."""
    from ..codes import lookup

    counted: dict[str, Counter] = {}
    for d in diagnostics:
        counted.setdefault(d.code, Counter())[d.severity.value] += 1
    out = []
    for code in sorted(counted):
        known = lookup(code)
        out.append(RuleCount(code, known.name if known is not None else "", dict(counted[code])))
    return out
