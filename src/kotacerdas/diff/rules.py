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

from dataclasses import dataclass

from .records import Flag


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    description: str
    description_id: str
    message_en: str
    message_id: str


RULES: dict[str, Rule] = {
    r.id: r
    for r in [
        Rule("quick-win-removed", "error",
             "A quick win was removed, or a programme stopped being a quick win.",
             "Quick win dihapus, atau program tidak lagi menjadi quick win.",
             "quick win {id} {how}", "quick win {id} {how}"),
        Rule("target-lowered", "warning",
             "A yearly target was lowered in the indicator's direction (raised, for an indicator that should go down).",
             "Target tahunan diturunkan menurut arah indikator (dinaikkan, untuk indikator yang semestinya turun).",
             "target for {year} {verb} from {old} to {new} (better when {direction})",
             "target {year} {verb_id} dari {old} menjadi {new} (semakin baik bila {direction_id})"),
        Rule("target-delayed", "warning",
             "A target was moved to a later year, or a year's target was removed.",
             "Target dipindah ke tahun yang lebih lambat, atau target suatu tahun dihapus.",
             "target {old} for {year} {how_en}", "target {old} untuk {year} {how_id}"),
        Rule("programme-end-later", "warning",
             "A programme's end year was moved later.",
             "Tahun selesai program dimundurkan.",
             "end year moved from {old} to {new}", "tahun selesai dimundurkan dari {old} ke {new}"),
        Rule("budget-changed", "warning",
             "A programme's budget (the sum of its funding lines) changed by more than the threshold percent.",
             "Anggaran program (jumlah seluruh baris pendanaan) berubah lebih dari ambang persen.",
             "budget changed from {old} to {new} ({pct}, threshold {threshold}%)",
             "anggaran berubah dari {old} menjadi {new} ({pct}, ambang {threshold}%)"),
        Rule("owner-changed", "warning",
             "A programme's owner OPD changed.",
             "OPD penanggung jawab program berganti.",
             "owner OPD changed from {old} to {new}", "OPD penanggung jawab berganti dari {old} ke {new}"),
        Rule("dimension-changed", "warning",
             "A programme moved to another dimension.",
             "Program dipindah ke dimensi lain.",
             "moved from dimension {old} to {new}", "dipindah dari dimensi {old} ke {new}"),
        Rule("period-changed", "error",
             "The plan period changed.",
             "Periode masterplan berubah.",
             "plan period changed from {old} to {new}", "periode masterplan berubah dari {old} menjadi {new}"),
        Rule("taxonomy-changed", "warning",
             "The taxonomy the plan pins changed (another taxonomy, or its dimensions and elements).",
             "Taksonomi yang diacu berubah (taksonomi lain, atau dimensi dan elemennya).",
             "taxonomy changed: {what}", "taksonomi berubah: {what_id}"),
    ]
}

_WORDS_ID = {"removed": "dihapus", "no longer a quick win": "tidak lagi menjadi quick win"}


def effective_severities(overrides: dict[str, str]) -> dict[str, str]:
    """Rule id -> severity after kotacerdas.yaml; unknown ids are reported by `unknown_rules`."""
    return {rid: overrides.get(rid, rule.severity) for rid, rule in RULES.items()}


def unknown_rules(overrides: dict[str, str]) -> list[str]:
    return sorted(r for r in overrides if r not in RULES)


def flag_message(flag: Flag, lang: str = "en") -> str:
    rule = RULES[flag.rule]
    p = dict(flag.params)
    if lang == "id":
        if "how" in p:
            p["how"] = _WORDS_ID.get(p["how"], p["how"])
        p.setdefault("verb_id", "diturunkan" if p.get("direction") == "up" else "dinaikkan")
        p.setdefault("direction_id", "naik" if p.get("direction") == "up" else "turun")
        return rule.message_id.format(**p)
    return rule.message_en.format(**p)


def rupiah(amount: int | float) -> str:
    """Rp1.250.000.000, the way Indonesian documents write money."""
    whole = int(round(amount))
    sign = "-" if whole < 0 else ""
    return f"{sign}Rp{abs(whole):,}".replace(",", ".")


def number(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)
