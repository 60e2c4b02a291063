"""What the machine formats (sarif, github, junit, markdown) share: a finding in one line of prose,
and the name and description of a code, whether it is validate's (KC0xx) or a lint rule's (KC1xx)."""

from __future__ import annotations

from dataclasses import dataclass

from ..diagnostics import CODES, Diagnostic


def full_text(d: Diagnostic) -> str:
    """Message, then what was found and expected, then the hint: `msg (found X; expected Y). Hint.`"""
    parts = []
    if d.found:
        parts.append(f"found {d.found}")
    if d.expected:
        parts.append(f"expected {d.expected}")
    text = d.message + (f" ({'; '.join(parts)})" if parts else "")
    if d.hint:
        text += f". {d.hint}" if not d.hint[:1].islower() else f"; {d.hint}"
    return text


@dataclass(frozen=True)
class CodeInfo:
    code: str
    name: str
    summary: str
    description: str
    severity: str


def code_info(code: str) -> CodeInfo:
    if code in CODES:
        c = CODES[code]
        return CodeInfo(code, c.name, c.summary, c.summary, "error")
    from ..lint.rules import RULES

    rule = RULES.get(code)
    if rule is not None:
        return CodeInfo(code, rule.NAME, rule.SUMMARY, rule.RATIONALE, rule.SEVERITY)
    return CodeInfo(code, code.lower(), code, code, "warning")
