"""Reference data shipped with kotacerdas: built-in taxonomies and the Kemendagri province codes.

Taxonomies are data, not enums: the 2017 Kominfo taxonomy ships in kotacerdas/data/taxonomies, and a
repository may add its own under taxonomies/ (which then wins over a built-in one of the same id).
"""

from __future__ import annotations

from .i18n import _

import re
from functools import cache
from importlib import resources

from .models import Taxonomy
from .source import load_bytes

DEFAULT_TAXONOMY = "kominfo-2017"


@cache
def builtin_taxonomies() -> dict[str, Taxonomy]:
    out = {}
    folder = resources.files("kotacerdas") / "data" / "taxonomies"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            doc = load_bytes(entry.read_bytes(), entry.name)
            tax = Taxonomy.model_validate(doc.data)
            out[tax.id] = tax
    return out


@cache
def provinces() -> dict[str, str]:
    raw = (resources.files("kotacerdas") / "data" / "provinces.yaml").read_bytes()
    return {str(k): v for k, v in load_bytes(raw, "provinces.yaml").data.items()}


class TaxonomyIndex:
    """Fast look-ups into one taxonomy."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self.dimensions = {d.code: d for d in taxonomy.dimensions}
        self._elements = {d.code: {e.code: e for e in d.elements} for d in taxonomy.dimensions}
        self._owner = {e.code: d.code for d in taxonomy.dimensions for e in d.elements}

    def elements(self, dimension: str) -> dict:
        return self._elements.get(dimension, {})

    def dimension_of_element(self, element: str) -> str | None:
        return self._owner.get(element)


_PROVINCE = re.compile(r"^\d{2}$")
_KABKOTA = re.compile(r"^(\d{2})\.(\d{2})$")


def check_region_code(code: str, level: str) -> tuple[str, str] | None:
    """None when the code fits the level; else (what is wrong, what is expected)."""
    if level == "provinsi":
        if not _PROVINCE.match(code):
            return (_("code '{code}' for a provinsi").format(code=code), _("a two-digit province code such as 32"))
        if code not in provinces():
            return (_("unknown province code '{code}'").format(code=code),
                    _("one of the 38 Kemendagri province codes (11–96)"))
        return None
    m = _KABKOTA.match(code)
    if not m:
        found = _("code '{code}' (BPS writes 3205; Kemendagri writes 32.05)") if re.fullmatch(r"\d{4}", code) \
            else _("code '{code}'")
        return (found.format(code=code), _("a kabupaten/kota code PP.KK such as 32.05"))
    province, number = m.group(1), int(m.group(2))
    if province not in provinces():
        return (_("unknown province code '{province}' in '{code}'").format(province=province, code=code),
                _("one of the 38 Kemendagri province codes"))
    if level == "kabupaten" and not 1 <= number <= 69:
        return (_("kabupaten with number {number:02d}").format(number=number),
                _("a kabupaten number from 01 to 69 (71–99 are kota)"))
    if level == "kota" and not 71 <= number <= 99:
        return (_("kota with number {number:02d}").format(number=number),
                _("a kota number from 71 to 99 (01–69 are kabupaten)"))
    return None
