"""The registry of lint rules: an explicit dict from code to rule module, in code order.

No import magic: adding a rule means writing its module and adding one line here. Configuration is
checked against this dict, `kotacerdas rules` lists it, and docs/lint.md is generated from it.
"""

from __future__ import annotations

from ...i18n import _

from types import ModuleType

from . import (
    completed_stage_record,
    dana_desa_coordination,
    data_owed,
    dimension_quick_win,
    dimension_without_analysis,
    element_programme,
    empty_narrative,
    evaluation_evidence,
    funding_outside_years,
    future_realisation,
    giffinger_names,
    idle_opd,
    indicator_incomplete,
    missed_target_follow_up,
    near_duplicate_names,
    opd_quick_win_share,
    owner_in_supporting,
    placeholder_text,
    plan_covers_rpjmd,
    programme_facts_missing,
    programme_without_funding,
    programme_without_indicator,
    quick_win_horizon,
    quick_win_too_long,
    realisation_missing,
    recommendation_follow_up,
    stage_iv_commitment,
    status_progress,
    target_direction,
    unused_indicator,
    unused_suppression,
)

RULES: dict[str, ModuleType] = {
    m.CODE: m
    for m in (
        unused_suppression,
        dimension_quick_win,
        element_programme,
        quick_win_too_long,
        owner_in_supporting,
        programme_without_indicator,
        indicator_incomplete,
        target_direction,
        realisation_missing,
        missed_target_follow_up,
        dana_desa_coordination,
        plan_covers_rpjmd,
        idle_opd,
        opd_quick_win_share,
        completed_stage_record,
        stage_iv_commitment,
        programme_without_funding,
        funding_outside_years,
        placeholder_text,
        empty_narrative,
        giffinger_names,
        near_duplicate_names,
        quick_win_horizon,
        status_progress,
        unused_indicator,
        dimension_without_analysis,
        future_realisation,
        recommendation_follow_up,
        evaluation_evidence,
        data_owed,
        programme_facts_missing,
    )
}

UNUSED_SUPPRESSION = unused_suppression.CODE
BY_NAME: dict[str, str] = {m.NAME: code for code, m in RULES.items()}


def resolve(name_or_code: str) -> str | None:
    """The rule code for a code (any case) or a rule name, or None when there is no such rule."""
    code = name_or_code.strip().upper()
    if code in RULES:
        return code
    return BY_NAME.get(name_or_code.strip().lower())


def unknown(name: str) -> tuple[str, str, str]:
    """(message, expected, hint) for a name `resolve` does not know: a validate check's code (those cannot
    be turned off), or an unknown rule with the closest code or name as a did-you-mean. For kotacerdas.yaml
    and the command line alike."""
    import difflib

    from ...codes import lookup

    other = lookup(name)
    if other is not None and other.command != "lint":
        return (_("'{name}' is a {command} check, not a lint rule").format(name=name, command=other.command),
                _("a lint rule code KC1xx or its name"),
                _("{command} findings cannot be turned off in lint's settings.")
                .format(command=other.command.capitalize()))
    close = difflib.get_close_matches(name, [*RULES, *BY_NAME], n=1, cutoff=0.6)
    return (_("unknown lint rule '{name}'").format(name=name), _("a rule code or name listed by `kotacerdas rules`"),
            _("Did you mean '{close}'?").format(close=close[0]) if close
            else _("Run `kotacerdas rules` to list the rules."))
