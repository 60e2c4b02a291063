"""The rule table: which changes a reviewer must look at, and how severe each is by default.

Each rule has a stable id, a default severity and a description. A repository changes severities in
kotacerdas.yaml:

    diff:
      severity:
        target-lowered: error
        owner-changed: info
      budget_threshold_percent: 25

`--fail-on SEVERITY` makes `kotacerdas diff` exit 1 when a flagged change reaches that severity.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .records import Flag


@dataclass(frozen=True)
class Rule:
    """A flag's message templates; its code, default severity and description are the registry's
    (kotacerdas.codes, KC4xx), found by the flag's id, which is the code's name."""

    id: str
    message_en: str
    message_id: str

    @property
    def code(self) -> str:
        return self._entry.code

    @property
    def severity(self) -> str:
        return self._entry.severity

    @property
    def description(self) -> str:
        return self._entry.title

    @property
    def description_id(self) -> str:
        return self._entry.explanation

    @property
    def _entry(self):
        from ..codes import by_name

        entry = by_name("diff", self.id)
        assert entry is not None, self.id
        return entry


RULES: dict[str, Rule] = {
    r.id: r
    for r in [
        Rule("quick-win-removed", "quick win {id} {how}", "quick win {id} {how}"),
        Rule("target-lowered", "target for {year} {verb} from {old} to {new} (better when {direction})",
             "target {year} {verb_id} dari {old} menjadi {new} (semakin baik bila {direction_id})"),
        Rule("target-delayed", "target {old} for {year} {how_en}", "target {old} untuk {year} {how_id}"),
        Rule("programme-end-later", "end year moved from {old} to {new}",
             "tahun selesai dimundurkan dari {old} ke {new}"),
        Rule("budget-changed", "budget changed from {old} to {new} ({pct}, threshold {threshold}%)",
             "anggaran berubah dari {old} menjadi {new} ({pct}, ambang {threshold}%)"),
        Rule("owner-changed", "owner OPD changed from {old} to {new}",
             "OPD penanggung jawab berganti dari {old} ke {new}"),
        Rule("dimension-changed", "moved from dimension {old} to {new}", "dipindah dari dimensi {old} ke {new}"),
        Rule("period-changed", "plan period changed from {old} to {new}",
             "periode masterplan berubah dari {old} menjadi {new}"),
        Rule("taxonomy-changed", "taxonomy changed: {what}", "taksonomi berubah: {what_id}"),
    ]
}

_WORDS_ID = {"removed": "dihapus", "no longer a quick win": "tidak lagi menjadi quick win"}


def effective_severities(overrides: Mapping[str, str]) -> dict[str, str]:
    """Rule id -> severity after kotacerdas.yaml; unknown ids are reported by `unknown_rules`."""
    return {rid: overrides.get(rid, rule.severity) for rid, rule in RULES.items()}


def unknown_rules(overrides: Mapping[str, str]) -> list[str]:
    return sorted(r for r in overrides if r not in RULES)


def flag_message(flag: Flag, lang: str = "en") -> str:
    rule = RULES[flag.rule]
    p = dict(flag.params)
    p.update(written_numbers(p.pop("numbers", None) or {}, lang))
    if lang == "id":
        if "how" in p:
            p["how"] = _WORDS_ID.get(p["how"], p["how"])
        p.setdefault("verb_id", "diturunkan" if p.get("direction") == "up" else "dinaikkan")
        p.setdefault("direction_id", "naik" if p.get("direction") == "up" else "turun")
        return rule.message_id.format(**p)
    return rule.message_en.format(**p)


def rupiah(amount: int | float) -> str:
    """Rp1.250.000.000, the way Indonesian documents write money."""
    whole = round(amount)
    sign = "-" if whole < 0 else ""
    return f"{sign}Rp{abs(whole):,}".replace(",", ".")


def written_numbers(numbers: dict, lang: str) -> dict[str, str]:
    """A flag's figures as the language writes them (Rp5.150.000.000 and 3,9 in Indonesian; Rp5,150,000,000
    and 3.9 in English): {name: (kind, value)} with kind money, number or percent (a signed change)."""
    from ..render.formatting import LOCALES, Formatter

    if lang not in LOCALES:
        return {}
    f = Formatter(lang)
    out = {}
    for name, (kind, value) in numbers.items():
        if kind == "money":
            out[name] = f.money(value)
        elif kind == "percent":
            if value is not None:
                from babel.numbers import format_decimal

                out[name] = ("+" if value >= 0 else "-") + format_decimal(abs(value), "#,##0.0", LOCALES[lang]) + "%"
            elif lang == "id":
                out[name] = "anggaran baru"
        else:
            out[name] = f.number(value, 6)
    return out


def number(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)
