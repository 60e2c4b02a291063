"""What the machine formats (sarif, github, junit, markdown) share: a finding in one line of prose,
and the registry's entry of a code."""

from __future__ import annotations

from ..diagnostics import Diagnostic
from ..i18n import _


def full_text(d: Diagnostic) -> str:
    """Message, then what was found and expected, then the hint: `msg (found X; expected Y). Hint.`"""
    parts = []
    if d.found:
        parts.append(_("found {found}").format(found=d.found))
    if d.expected:
        parts.append(_("expected {expected}").format(expected=d.expected))
    text = d.message + (f" ({'; '.join(parts)})" if parts else "")
    if d.hint:
        text += f". {d.hint}" if not d.hint[:1].islower() else f"; {d.hint}"
    return text
