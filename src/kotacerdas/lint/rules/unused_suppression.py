"""KC100: a suppression comment that suppresses nothing. Checked by the engine after every rule ran."""

from __future__ import annotations

from ...i18n import N_

from ._base import Option

CODE = "KC100"
NAME = "unused-suppression"
SEVERITY = "warning"
SUMMARY = N_("A `# kotacerdas: disable…` comment suppresses nothing, or names an unknown rule.")
RATIONALE = (
    N_("Suppressions are promises that a finding was looked at and accepted. When the data changes and the "
    "finding goes away, a forgotten comment would silently hide the next, different problem on that line. "
    "Remove suppressions that no longer suppress anything, and keep each one's reason after `--`.")
)
BAD = """\
# the target was since fixed, the comment stayed behind
  - year: 2025
    target: 60  # kotacerdas: disable-line KC107 -- target revised in APBD-P
"""
GOOD = """\
  - year: 2025
    target: 60
"""
OPTIONS = (
    Option("require_reason", False, N_("Also report a suppression that gives no reason after `--`.")),
)


def check(mp, options, as_of):
    return ()
