"""KC125: every dimension of the pinned taxonomy has its readiness analysis."""

from __future__ import annotations

from ...i18n import N_, _

from ._base import finding, taxonomy_anchor

CODE = "KC125"
NAME = "dimension-without-analysis"
SEVERITY = "warning"
SUMMARY = N_("A dimension of the pinned taxonomy has no file under dimensions/ (goals, strategy, readiness).")
RATIONALE = (
    N_("Bimtek I produces, for every dimension, a readiness analysis (struktur, infrastruktur, suprastruktur "
    "with SWOT and gaps), goals and strategy; Buku I is built from them. A dimension with programmes but "
    "no analysis has nothing to justify its programmes.")
)
BAD = """\
# dimensions/ holds governance.yaml … but no file with dimension: environment
"""
GOOD = """\
# dimensions/environment.yaml
dimension: environment
goals: [Lingkungan yang bersih dan lestari]
"""
OPTIONS = ()


def check(mp, options, as_of):
    present = {d.item.dimension for d in mp.dimensions}
    for code, dim in mp.taxonomy.dimensions.items():
        if code not in present:
            yield finding(CODE, SEVERITY, taxonomy_anchor(mp), _("dimension '{code}' has no readiness analysis")
                                                               .format(code=code),
                          found=_("no file under dimensions/ with dimension: {code}").format(code=code),
                          expected=_("dimensions/{code}.yaml").format(code=code),
                          hint=_("Add dimensions/{code}.yaml with goals, strategy and readiness ({value}).")
                               .format(code=code, value=dim.name.en or dim.name.id))
