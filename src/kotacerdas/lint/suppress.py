"""Inline suppressions: comments next to the data that silence one lint finding, with the reason kept.

    target: 25  # kotacerdas: disable-line KC107 -- target lowered after APBD-P cut
    # kotacerdas: disable-next-line KC118 -- nama program diputuskan di Bimtek IV
    # kotacerdas: disable-file KC112,KC124 -- registry shared with the RPJMD team

Codes are separated by commas or spaces; rule names work too. The reason is everything after `--`.
Only lint rules (KC1xx) can be suppressed: validate findings mean a file cannot be read as intended.
Comments are read from each YAML file's text (a `#` at the start of a line or after a space).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..codes import lookup
from ..diagnostics import Diagnostic
from .rules import RULES, resolve
from ..i18n import _

_DIRECTIVE = re.compile(r"(?:^|\s)#\s*kotacerdas:\s*(disable-line|disable-next-line|disable-file)\b(.*)$")


@dataclass
class Suppression:
    path: str
    line: int  # where the comment is
    column: int
    kind: str
    names: list[str]  # as written
    codes: list[str | None]  # resolved rule codes (None: unknown)
    reason: str | None
    used: set[str] = field(default_factory=set)

    @property
    def target_line(self) -> int | None:
        if self.kind == "disable-file":
            return None
        return self.line + (1 if self.kind == "disable-next-line" else 0)

    def covers(self, d: Diagnostic) -> bool:
        return d.path == self.path and d.code in self.codes and self.target_line in (None, d.line)

    @property
    def label(self) -> str:
        text = f"{self.kind} {','.join(self.names)}"
        return f"{text} -- {self.reason}" if self.reason else text


def parse_suppressions(path: str, text: str) -> list[Suppression]:
    if "kotacerdas:" not in text:
        return []
    out = []
    for number, line in enumerate(text.splitlines(), start=1):
        if "kotacerdas:" not in line:
            continue
        m = _DIRECTIVE.search(line)
        if m is None:
            continue
        rest = m.group(2)
        codes_part, sep, reason = rest.partition("--")
        names = [n for n in re.split(r"[,\s]+", codes_part.strip()) if n]
        column = line.index("#", m.start()) + 1
        out.append(Suppression(path, number, column, m.group(1), names, [resolve(n) for n in names],
                               reason.strip() or None if sep else None))
    return out


def unused_findings(suppressions: list[Suppression], runs_in, severity_for, require_reason: bool) -> list[Diagnostic]:
    """KC100 findings for suppressions that suppressed nothing, name no or unknown rules, or give no reason.
    `runs_in(code, path)` says whether a rule ran on that file (a suppression of a rule that was not run
    is not reported); `severity_for(path)` is KC100's severity there (None when KC100 is off)."""
    code = "KC100"
    out = []
    for s in suppressions:
        sev = severity_for(s.path)
        if sev is None:
            continue

        def report(message, found, expected, hint, s=s, sev=sev):
            out.append(Diagnostic(code, sev, s.path, s.line, s.column, message, field="", found=found,
                                  expected=expected, hint=hint))

        if not s.names:
            report(_("suppression '{kind}' names no rule").format(kind=s.kind), found=_("# kotacerdas: {kind}")
                                                                  .format(kind=s.kind),
                   expected=_("# kotacerdas: {kind} KC1xx -- reason").format(kind=s.kind),
                   hint=_("Name the rule codes to suppress; `kotacerdas rules` lists them."))
        for name, resolved in zip(s.names, s.codes, strict=False):
            if resolved is None:
                other = lookup(name)
                validate_code = other is not None and other.command != "lint"
                report((_("suppression names a validate check '{name}'") if validate_code
                        else _("suppression names an unknown rule '{name}'")).format(name=name),
                       found=f"'{name}'", expected=_("a lint rule code (KC1xx) or rule name"),
                       hint=_("Validate findings cannot be suppressed; fix the file.") if validate_code
                       else _("Run `kotacerdas rules` to list the rules."))
            elif resolved not in s.used and runs_in(resolved, s.path):
                nothing = _("no {code} finding in this file") if s.kind == "disable-file" \
                    else _("no {code} finding on line {line}")
                report(_("suppression of {resolved} ({name}) suppresses nothing")
                       .format(resolved=resolved, name=RULES[resolved].NAME),
                       found=nothing.format(code=resolved, line=s.target_line),
                       expected=_("a suppression that is needed"),
                       hint=_("Remove the comment (or the code from it); the finding it was for is gone."))
        if require_reason and s.names and not s.reason:
            report(_("suppression gives no reason"), found=_("# kotacerdas: {label}").format(label=s.label),
                   expected=_("# kotacerdas: {label} -- why this is acceptable").format(label=s.label),
                   hint=_("Write the reason after `--`, so reviewers know why the finding is accepted."))
    return out

