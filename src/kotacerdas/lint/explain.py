"""Rules as text: the `kotacerdas rules` listing and explanations, and the rules reference of docs/lint.md
(generated from the registry, so the documentation cannot drift from the code)."""

from __future__ import annotations

import textwrap

from ..diagnostics import CODES
from .rules import RULES, resolve


def rule_list() -> str:
    width = max(len(m.NAME) for m in RULES.values())
    lines = [f"{'code':<6} {'name':<{width}} {'severity':<8} summary"]
    for code, m in RULES.items():
        lines.append(f"{code:<6} {m.NAME:<{width}} {m.SEVERITY:<8} {m.SUMMARY}")
    lines.append("")
    lines.append("`kotacerdas rules CODE` explains one rule. Validate's checks (KC001-KC028) are always errors.")
    return "\n".join(lines) + "\n"


def _options(m) -> list[str]:
    return [f"  {o.name}: {o.default!r}  ({o.type_name}) {o.help}".replace("True", "true").replace("False", "false")
            for o in m.OPTIONS]


def explain(name: str) -> str | None:
    code = resolve(name)
    if code is None:
        upper = name.strip().upper()
        if upper in CODES:
            c = CODES[upper]
            return f"{c.code} {c.name} (validate, error)\n\n{c.summary}\n\nValidate findings cannot be " \
                   f"configured or suppressed: they mean a file cannot be read as intended.\n"
        return None
    m = RULES[code]
    out = [f"{code} {m.NAME} (default severity: {m.SEVERITY})", "", m.SUMMARY, ""]
    out += textwrap.wrap(m.RATIONALE, 100) + [""]
    if m.OPTIONS:
        out += ["Options (kotacerdas.yaml, lint: options: " + code + ":):", *_options(m), ""]
    else:
        out += ["Options: none.", ""]
    out += ["Bad:", textwrap.indent(m.BAD.rstrip("\n"), "  "), "", "Good:", textwrap.indent(m.GOOD.rstrip("\n"), "  "),
            "", f"Suppress one finding with `# kotacerdas: disable-line {code} -- reason`."]
    return "\n".join(out) + "\n"


def rules_markdown() -> str:
    """The rules reference section of docs/lint.md."""
    out = ["| Code | Name | Severity | Summary |", "|---|---|---|---|"]
    for code, m in RULES.items():
        out.append(f"| [{code}](#{code.lower()}-{m.NAME}) | {m.NAME} | {m.SEVERITY} | {m.SUMMARY.replace('|', '/')} |")
    out.append("")
    for code, m in RULES.items():
        out += [f"### {code} {m.NAME}", "", f"Default severity: **{m.SEVERITY}**. {m.SUMMARY}", "", m.RATIONALE, ""]
        if m.OPTIONS:
            out += ["Options:", ""]
            for o in m.OPTIONS:
                default = repr(o.default).replace("True", "true").replace("False", "false")
                out.append(f"- `{o.name}` ({o.type_name}, default `{default}`): {o.help}")
            out.append("")
        out += ["Bad:", "", "```yaml", m.BAD.rstrip("\n"), "```", "", "Good:", "", "```yaml", m.GOOD.rstrip("\n"),
                "```", ""]
    return "\n".join(out)
