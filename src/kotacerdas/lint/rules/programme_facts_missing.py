"""KC130: a programme leaves out a fact the Bimtek method needs (issue 14).

A programme's name, dimension, owner, problem and description may be left out: public records of a
quick win often give only some of them, and a fact left out is not known (docs/format.md). This rule
says what is missing, at the level the method needs it: the dimension and the owner OPD are a warning
(Bimtek III selects quick wins per dimension, and each programme is carried out by one OPD through its
Renstra); the name, problem and description are one note per programme (the book prints "belum
diketahui" in their place).
"""

from __future__ import annotations

from ...i18n import N_, _

from ._base import finding

CODE = "KC130"
NAME = "programme-facts-missing"
SEVERITY = "warning"
SUMMARY = N_("A programme leaves out its dimension or owner OPD (warning), or its name, problem or description (note).")
RATIONALE = (
    N_("Real records often lack some facts of a programme, and the format lets them be left out as not known "
    "rather than invented. The Bimtek method still needs two of them: Tahap III chooses programmes and quick "
    "wins per dimension, and every programme is owned by one OPD that carries it into its Renstra and "
    "reports on it in the yearly evaluation. A missing dimension or owner is therefore a warning. The name, "
    "problem and description are what Buku II prints; when they are not known the book says so, and this "
    "rule notes it once per programme.")
)
BAD = """\
id: QW-GOV-01
quick_win: true
"""
GOOD = """\
id: QW-GOV-01
name: Mal Pelayanan Publik Digital
dimension: governance
quick_win: true
problem: Layanan perizinan masih tatap muka.
description: Satu portal untuk seluruh layanan perizinan.
owner: DPMPTSP
"""
OPTIONS = ()

_NOTED = ("name", "problem", "description")


def check(mp, options, as_of):
    for src in mp.programmes:
        p = src.item
        qw = bool(p.quick_win)  # whole messages per kind: translators never join fragments
        if p.dimension is None:
            message = (_("quick win {id} has no dimension written") if qw
                       else _("programme {id} has no dimension written"))
            yield finding(CODE, SEVERITY, src.at("id"), message.format(id=p.id),
                          loc=("dimension",), found=_("no dimension"),
                          expected=_("dimension: a dimension code of the taxonomy, e.g. governance"),
                          hint=_("Write the dimension the region files it under; quick wins are chosen per "
                                 "dimension (Bimtek III)."))
        if p.owner is None:
            message = (_("quick win {id} has no owner OPD written") if qw
                       else _("programme {id} has no owner OPD written"))
            yield finding(CODE, SEVERITY, src.at("id"), message.format(id=p.id),
                          loc=("owner",), found=_("no owner"), expected=_("owner: an OPD id from opd.yaml"),
                          hint=_("Write the OPD that carries it out, when the record names it."))
        missing = [key for key in _NOTED if getattr(p, key) is None]
        if missing:
            fields = ", ".join(missing)  # field names, not words: they stay as the YAML spells them
            message = (_("quick win {id}: {fields} not recorded") if qw
                       else _("programme {id}: {fields} not recorded"))
            yield finding(CODE, "info", src.at("id"), message.format(id=p.id, fields=fields),
                          loc=(missing[0],), found=_("not written: {fields}").format(fields=fields),
                          expected=_("the name, problem and description, where the record gives them"),
                          hint=_("The book prints 'belum diketahui' in their place until they are written."))
