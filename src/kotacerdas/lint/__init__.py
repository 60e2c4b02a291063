"""`lint`: is the masterplan a good one, by the method of the Bimtek guidance?

`validate` says whether the files are well-formed; `lint` runs quality rules over the resolved
masterplan, the way a senior technical-guidance consultant would review it. One module per rule under
`rules/` (registry in `rules/__init__.py`), configuration in `config.py`, inline suppressions in
`suppress.py`, and the run itself in `engine.py`. See docs/lint.md.
"""

from __future__ import annotations

from .engine import LintResult, lint

__all__ = ["LintResult", "lint"]
