"""KC120: Giffinger dimension names in a plan that pins a Kominfo taxonomy."""

from __future__ import annotations

from ...i18n import N_, _

import re

from ._base import finding, text_values

CODE = "KC120"
NAME = "giffinger-names"
SEVERITY = "warning"
SUMMARY = N_('Giffinger dimension names ("Smart People", "Smart Mobility") in a plan that pins a Kominfo taxonomy.')
RATIONALE = (
    N_("The Kominfo guidance uses six dimensions of its own (Governance, Branding, Economy, Living, Society, "
    "Environment). Giffinger's European model names two that Kominfo does not have, Smart People and Smart "
    "Mobility; using them in a Kominfo masterplan is a common mistake that confuses the evaluation. Only "
    "names that are not dimensions of the pinned taxonomy are reported (a newer taxonomy with a mobility "
    "dimension accepts Smart Mobility), and a name that is the name or theme of one of the plan's own "
    "programmes (a region's initiative called \"Smart Mobility\") is not reported. Applies when the pinned "
    "taxonomy's id starts with kominfo or komdigi.")
)
BAD = """\
description: Mendukung Smart People melalui pelatihan digital.
"""
GOOD = """\
description: Mendukung Smart Society melalui pelatihan digital.
"""
OPTIONS = ()

_GIFFINGER = {"people": "Smart Society", "mobility": "Smart Living (element Sarana transportasi)"}
_PATTERN = re.compile(r"\bsmart[\s\-_]*(people|mobility)\b", re.IGNORECASE)


def check(mp, options, as_of):
    tax = mp.taxonomy.taxonomy
    if not tax.id.lower().startswith(("kominfo", "komdigi")):
        return
    own = " ".join(f"{d.code} {d.name.id} {d.name.en or ''}" for d in tax.dimensions).lower()
    wanted = {w for w in _GIFFINGER if w not in own}
    if not wanted:
        return
    own_names = " ".join(f"{p.item.name or ''} {p.item.theme or ''}" for p in mp.programmes).lower()
    for word in list(wanted):  # a region's own initiative named "Smart Mobility" is a name, not a dimension
        if re.search(rf"\bsmart[\s\-_]*{word}\b", own_names):
            wanted.discard(word)
    for doc, loc, text in text_values(mp):
        if "smart" not in text.lower():
            continue
        for m in _PATTERN.finditer(text):
            word = m.group(1).lower()
            if word in wanted:
                line, col = doc.locate(loc)
                yield finding(CODE, SEVERITY, (doc.path, line, col),
                              _("'{group}' is a Giffinger dimension, not one of {id}")
                              .format(group=m.group(0), id=tax.id), loc=loc,
                              found=f"'{m.group(0)}'",
                              expected=_("a dimension name of {taxonomy}").format(taxonomy=tax.id),
                              hint=_("The nearest {id} dimension is {giffinger}.")
                                   .format(id=tax.id, giffinger=_GIFFINGER[word]))
                break
