"""Rules as text: the `kotacerdas rules` listing and explanations, and the rules reference of docs/lint.md
(generated from the registry, so the documentation cannot drift from the code)."""

from __future__ import annotations

import textwrap

from ..i18n import _
from .rules import RULES, resolve


def rule_list() -> str:
    """Every code of every command (the registry), lint's rules first, since those are configurable."""
    from ..codes import COMMANDS, of_command

    order = ["lint", *[c for c in COMMANDS if c != "lint"]]
    entries = [c for command in order for c in of_command(command).values()]
    width = max(len(c.name) for c in entries)
    lines = [f"{'code':<6} {'name':<{width}} {'command':<8} {'severity':<8} summary"]
    lines += [f"{c.code:<6} {c.name:<{width}} {c.command:<8} {c.severity:<8} {c.title}" for c in entries]
    lines.append("")
    lines.append(_("`kotacerdas rules CODE` explains one code. Only lint's rules (KC1xx) can be configured or "
                   "suppressed."))
    return "\n".join(lines) + "\n"


def _options(m) -> list[str]:
    return [f"  {o.name}: {o.default!r}  ({o.type_name}) ".replace("True", "true").replace("False", "false") + _(o.help)
            for o in m.OPTIONS]


def explain(name: str) -> str | None:
    code = resolve(name)
    if code is None:
        from ..codes import lookup

        c = lookup(name)
        if c is None:
            return None
        out = [_("{code} {name} ({command}, default severity: {severity})")
               .format(code=c.code, name=c.name, command=c.command, severity=c.severity), "", c.title]
        if c.explanation:
            out += ["", *textwrap.wrap(c.explanation, 100)]
        return "\n".join(out) + "\n"
    m = RULES[code]
    out = [_("{code} {name} ({command}, default severity: {severity})")
           .format(code=code, name=m.NAME, command="lint", severity=m.SEVERITY), "", _(m.SUMMARY), ""]
    out += textwrap.wrap(_(m.RATIONALE), 100) + [""]
    if m.OPTIONS:
        out += [_("Options (kotacerdas.yaml, lint: options: {code}:):").format(code=code), *_options(m), ""]
    else:
        out += [_("Options: none."), ""]
    out += [_("Bad:"), textwrap.indent(m.BAD.rstrip("\n"), "  "), "", _("Good:"),
            textwrap.indent(m.GOOD.rstrip("\n"), "  "), "",
            _("Suppress one finding with `# kotacerdas: disable-line {code} -- reason`.").format(code=code)]
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
