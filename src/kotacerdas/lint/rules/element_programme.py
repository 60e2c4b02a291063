"""KC102: every element of the pinned taxonomy has at least one programme."""

from __future__ import annotations

from ...i18n import N_, _

from collections import Counter

from ._base import dimension_anchor, finding

CODE = "KC102"
NAME = "element-without-programme"
SEVERITY = "warning"
SUMMARY = N_("An element of the pinned taxonomy has no programme.")
RATIONALE = (
    N_("Each dimension is assessed through its elements (for example Smart Living: tata ruang, kesehatan, "
    "sarana transportasi). An element with no programme is a gap the evaluators will see; either plan a "
    "programme for it or record why the region leaves it out (and suppress this finding with that reason). "
    "Cancelled programmes do not count."
    " With editions, the edition in force is judged (programmes of an earlier edition that ended do not count).")
)
BAD = """\
# no programme has dimension: living, element: mobility
"""
GOOD = """\
id: PRG-LIV-03
dimension: living
element: mobility
"""
CURRENT_EDITION = True  # the engine passes the masterplan as its edition in force sees it
OPTIONS = ()


def check(mp, options, as_of):
    covered = {(p.item.dimension, p.item.element) for p in mp.programmes
               if p.item.status != "cancelled" and p.item.element is not None}
    unplaced = Counter(p.item.dimension for p in mp.programmes
                       if p.item.status != "cancelled" and p.item.element is None)
    for code, dim in mp.taxonomy.dimensions.items():
        for element in dim.elements:
            if (code, element.code) not in covered:
                name = element.name.id
                if unplaced[code]:  # a programme of this dimension may serve it: its element is not known
                    yield finding(CODE, "info", dimension_anchor(mp, code),
                                  _("element '{code}' ({name}) of dimension '{code2}' has no programme that names "
                                    "it; {unplaced} programme(s) of '{code2}' have no element written")
                                  .format(code=element.code, name=name, code2=code, unplaced=unplaced[code]),
                                  found=_("no programme with element: {code}").format(code=element.code),
                                  expected=_("the element of each programme, where the record gives it"),
                                  hint=_("Write `element:` on the programmes of this dimension when it is known."))
                    continue
                yield finding(CODE, SEVERITY, dimension_anchor(mp, code),
                              _("element '{code}' ({name}) of dimension '{code2}' has no programme")
                              .format(code=element.code, name=name, code2=code),
                              found=_("no programme with element: {code}").format(code=element.code),
                              expected=_("at least one programme per element"),
                              hint=_("Add a programme for {name}, or suppress this with the reason it is left out.")
                                   .format(name=name))
