"""The lint engine: validate, resolve the configuration, run the enabled rules, apply severities,
per-path overrides and inline suppressions, and report suppressions that suppress nothing.

Validate's diagnostics are part of lint's result unchanged (they cannot be configured or suppressed);
rules see only the files that loaded, through the resolved `Masterplan`.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostic, Severity, sort_diagnostics
from ..editions import select_edition
from ..repository import CONFIG_FILE
from ..validate import Validation, validate
from .config import Settings, resolve_settings
from .rules import RULES, UNUSED_SUPPRESSION
from .suppress import Suppression, parse_suppressions, unused_findings


@dataclass
class LintResult:
    validation: Validation
    settings: Settings
    as_of: _dt.date
    diagnostics: list[Diagnostic]  # validate's, config problems and active rule findings, sorted
    suppressed: list[Diagnostic]  # rule findings silenced by a comment; `suppressed_by` holds the comment

    @property
    def ok(self) -> bool:
        return self.fails(Severity.ERROR) is False

    def fails(self, fail_on: Severity) -> bool:
        """Whether any finding is at or above `fail_on` (what decides lint's exit code)."""
        return any(d.severity.rank >= fail_on.rank for d in self.diagnostics)


def lint(path: Path, as_of: _dt.date | None = None, loader=None, *, select: tuple[str, ...] | None = None,
         ignore: tuple[str, ...] = ()) -> LintResult:
    """Lint one masterplan repository. Raises repository.UsageError if `path` is not one.

    `select` and `ignore` (rule codes, as the command line's --select/--ignore give them) override the
    configuration: `select` replaces its `select:` list, `ignore` adds to its `ignore:` list."""
    return run_rules(validate(Path(path), loader=loader), as_of or _dt.date.today(), select=select, ignore=ignore)


def run_rules(validation: Validation, as_of: _dt.date, *, select: tuple[str, ...] | None = None,
              ignore: tuple[str, ...] = ()) -> LintResult:
    """The rules over an already validated repository (what lint adds to validate)."""
    mp = validation.masterplan
    settings, config_problems = resolve_settings(mp.config.lint, mp.repo.doc(CONFIG_FILE), select=select,
                                                 ignore=ignore)

    suppressions: list[Suppression] = []
    for f in mp.repo.files:
        if f.model is not None and f.doc is not None:
            suppressions.extend(parse_suppressions(f.rel, f.doc.text))
    by_path: dict[str, list[Suppression]] = {}
    for s in suppressions:
        by_path.setdefault(s.path, []).append(s)

    active: list[Diagnostic] = []
    suppressed: list[Diagnostic] = []
    in_force = select_edition(mp)  # rules marked CURRENT_EDITION judge the edition in force (issue 14)
    for code in settings.enabled:
        if code == UNUSED_SUPPRESSION:
            continue
        rule = RULES[code]
        for d in rule.check(in_force if getattr(rule, "CURRENT_EDITION", False) else mp, settings.options[code],
                            as_of):
            severity = settings.severity_for(code, d.path)
            if severity is None:
                continue
            if d.severity.rank < Severity(rule.SEVERITY).rank and d.severity.rank < severity.rank:
                severity = d.severity  # a missing-data note of the rule stays a note (unknown is not wrong)
            if severity is not d.severity:
                d = dataclasses.replace(d, severity=severity)
            hit = next((s for s in by_path.get(d.path, ()) if s.covers(d)), None)
            if hit is not None:
                hit.used.add(code)
                suppressed.append(dataclasses.replace(d, suppressed_by=hit.reason or ""))
            else:
                active.append(d)

    if UNUSED_SUPPRESSION in settings.enabled:
        active += unused_findings(
            suppressions,
            runs_in=settings.runs_in,
            severity_for=lambda p: settings.severity_for(UNUSED_SUPPRESSION, p),
            require_reason=settings.options[UNUSED_SUPPRESSION]["require_reason"],
        )
    diagnostics = sort_diagnostics([*validation.diagnostics, *config_problems, *active])
    return LintResult(validation, settings, as_of, diagnostics, sorted(suppressed, key=Diagnostic.sort_key))

