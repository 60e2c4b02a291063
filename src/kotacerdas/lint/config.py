"""The `lint:` section of kotacerdas.yaml, checked against the rule registry and resolved into `Settings`.

The format (models.LintConfig) only says which keys exist; whether `KC999` is a rule, whether
`max_month` is an option of KC103 and whether `"24"` is a number is known only here. Every problem is a
KC028 diagnostic pointing at the line and column in kotacerdas.yaml. Rules may be named by code (KC103)
or by name (quick-win-too-long).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from fnmatch import fnmatchcase

from ..diagnostics import Diagnostic, Severity, describe, field_path
from ..models import LintConfig
from ..repository import CONFIG_FILE
from ..source import Document
from .rules import RULES, resolve, unknown
from ..i18n import _

CONFIG_CODE = "KC028"


@dataclass
class PathRule:
    patterns: list[str]
    ignore: set[str]
    severity: dict[str, Severity]

    def matches(self, path: str) -> bool:
        return any(path_matches(path, p) for p in self.patterns)


@dataclass
class Settings:
    enabled: list[str]  # rule codes, in registry order
    severity: dict[str, Severity]
    options: dict[str, dict]  # code -> every option, defaults filled in
    per_path: list[PathRule] = field(default_factory=list)

    def severity_for(self, code: str, path: str) -> Severity | None:
        """The effective severity of a rule's finding in `path`, or None when it is ignored there."""
        severity = self.severity[code]
        for rule in self.per_path:
            if rule.matches(path):
                if code in rule.ignore:
                    return None
                severity = rule.severity.get(code, severity)
        return severity

    def runs_in(self, code: str, path: str) -> bool:
        return code in self.enabled and self.severity_for(code, path) is not None


def path_matches(path: str, pattern: str) -> bool:
    """Glob match of a repository-relative POSIX path. `*` also crosses folders; `**/` may match nothing,
    so `programmes/**/*.yaml` matches programmes/a.yaml too; a pattern ending in `/` matches a folder."""
    pattern = pattern.strip()
    if pattern.startswith("./"):
        pattern = pattern[2:]
    if pattern.endswith("/"):
        return path.startswith(pattern)
    return fnmatchcase(path, pattern) or ("**/" in pattern and fnmatchcase(path, pattern.replace("**/", "")))


def default_options(code: str) -> dict:
    return {o.name: o.default for o in RULES[code].OPTIONS}


def resolve_settings(config: LintConfig, doc: Document | None, *, select: tuple[str, ...] | None = None,
                     ignore: tuple[str, ...] = ()) -> tuple[Settings, list[Diagnostic]]:
    """The configuration's `lint:` section as settings, and its problems as diagnostics. `select` and
    `ignore` are rule codes from the command line (--select/--ignore): `select` replaces the
    configuration's `select:` list (whose names are still checked), `ignore` adds to its `ignore:` list."""
    problems: list[Diagnostic] = []

    def where(loc: tuple, key: bool = False) -> tuple[int, int]:
        if doc is None:
            return (1, 1)
        return doc.locate(("lint", *loc), key=key)

    def bad(loc: tuple, message: str, *, key: bool = False, found: str, expected: str, hint: str | None = None):
        line, col = where(loc, key)
        problems.append(Diagnostic(CONFIG_CODE, Severity.ERROR, CONFIG_FILE, line, col, message,
                                   field=field_path(("lint", *loc)), found=found, expected=expected, hint=hint))

    def rule_code(name: str, loc: tuple, key: bool = False) -> str | None:
        code = resolve(name)
        if code is None:
            message, expected, hint = unknown(name)
            bad(loc, message, key=key, found=f"'{name}'", expected=expected, hint=hint)
        return code

    enabled = list(RULES)
    if config.select is not None:
        chosen = {c for i, n in enumerate(config.select) if (c := rule_code(n, ("select", i)))}
        if select is None:
            enabled = [c for c in enabled if c in chosen]
    if select is not None:
        enabled = [c for c in enabled if c in select]
    ignored = {c for i, n in enumerate(config.ignore) if (c := rule_code(n, ("ignore", i)))} | set(ignore)
    enabled = [c for c in enabled if c not in ignored]

    severity = {code: Severity(m.SEVERITY) for code, m in RULES.items()}
    for name, value in config.severity.items():
        code = rule_code(name, ("severity", name), key=True)
        if code:
            severity[code] = Severity(value)

    options = {code: default_options(code) for code in RULES}
    for name, given in config.options.items():
        code = rule_code(name, ("options", name), key=True)
        if code is None:
            continue
        known = {o.name: o for o in RULES[code].OPTIONS}
        if not isinstance(given, dict):
            bad(("options", name), _("options of {code} must be a mapping").format(code=code), found=describe(given),
                expected=_("option: value pairs"), hint=_("Write e.g. `{name}: {{option: value}}`; `kotacerdas rules "
                                                       "{code}` lists the options.")
                                                     .format(name=name, code=code))
            continue
        for opt, value in given.items():
            option = known.get(opt)
            if option is None:
                names = ", ".join(known) if known else "none"
                close = difflib.get_close_matches(str(opt), list(known), n=1, cutoff=0.6)
                bad(("options", name, opt), _("rule {code} has no option '{opt}'")
                                            .format(code=code, opt=opt), key=True, found=f"'{opt}'",
                    expected=_("one of its options: {names}").format(names=names),
                    hint=_("Did you mean '{close}'?").format(close=close[0]) if close
                    else _("See `kotacerdas rules {code}`.").format(code=code))
                continue
            expected = option.problem(value)
            if expected is not None:
                bad(("options", name, opt), _("invalid value for option '{opt}' of {code}")
                                            .format(opt=opt, code=code), found=describe(value),
                    expected=expected, hint=_("{help} Default: {default!r}.")
                                            .format(help=option.help, default=option.default))
                continue
            options[code][opt] = float(value) if isinstance(option.default, float) else value

    per_path = []
    for i, override in enumerate(config.per_path):
        ign = {c for j, n in enumerate(override.ignore) if (c := rule_code(n, ("per_path", i, "ignore", j)))}
        sev = {}
        for name, value in override.severity.items():
            code = rule_code(name, ("per_path", i, "severity", name), key=True)
            if code:
                sev[code] = Severity(value)
        per_path.append(PathRule(list(override.paths), ign, sev))
    return Settings(enabled, severity, options, per_path), problems
