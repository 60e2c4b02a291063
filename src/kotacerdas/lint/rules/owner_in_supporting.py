"""KC104: the owner OPD is not also listed as a supporting OPD."""

from __future__ import annotations

from ...i18n import N_, _

from ._base import finding

CODE = "KC104"
NAME = "owner-also-supporting"
SEVERITY = "info"
SUMMARY = N_("A programme lists its owner OPD among its supporting OPDs.")
RATIONALE = (
    N_("Every programme and quick win has exactly one owner OPD (the schema requires `owner`, and validate "
    "checks it is in opd.yaml). Supporting OPDs are the other offices whose help it needs; listing the "
    "owner again inflates the count of offices involved and hides who actually has to coordinate.")
)
BAD = """\
owner: Diskominfo
supporting: [Diskominfo, Bappeda]
"""
GOOD = """\
owner: Diskominfo
supporting: [Bappeda]
"""
OPTIONS = ()


def check(mp, options, as_of):
    for src in mp.programmes:
        p = src.item
        for i, o in enumerate(p.supporting):
            if o == p.owner:
                yield finding(CODE, SEVERITY, src.at("supporting", i), _("owner {o} is also listed as supporting")
                                                                       .format(o=o),
                              loc=("supporting", i), found=o, expected=_("supporting OPDs other than the owner"),
                              hint=_("Remove {o} from supporting.").format(o=o))
