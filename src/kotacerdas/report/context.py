"""What the report templates see: render's context (programmes, indicators with achievement, labels) plus
`report`, the figures of one evaluation year. Plain data (dicts, lists, text, numbers, dates), as for render.

Unknown is not zero: every figure that is not recorded is None here and the templates print "belum
diketahui" / "not known" for it."""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import cache
from importlib import resources

from ..render.context import build_context
from ..render.formatting import Formatter
from ..render.markdown import MdText
from ..source import load_bytes
from . import charts
from .evaluation import (
    EVAL_DIMENSIONS,
    evaluation_of,
    index_series,
    data_owed as owed_data,
    indicator_opds,
    outcome,
    plan_end,
    planned_in,
    weights_of,
    year_entry,
    year_status,
)


@cache
def formatter(lang: str) -> Formatter:
    """One Formatter per language for the run (it keeps the figures it has written)."""
    return Formatter(lang)


@cache
def report_labels(lang: str) -> dict:
    raw = (resources.files("kotacerdas.report") / "labels" / f"{lang}.yaml").read_bytes()
    return load_bytes(raw, f"{lang}.yaml").data


def _dims_of(ind: dict, by_id: dict) -> list[str]:
    return sorted({by_id[p["id"]]["dimension"] for p in ind["programmes"] if p["id"] in by_id
                   and by_id[p["id"]]["dimension"]})


def _tally(rows: list[dict]) -> dict:
    c = Counter(r["status"] for r in rows)
    known = c["achieved"] + c["missed"]
    return {"achieved": c["achieved"], "missed": c["missed"], "no_data": c["no-data"],
            "rate": round(c["achieved"] / known * 100, 1) if known else None}


def report_context(mp, year: int, lang: str, base: dict | None = None, rollup: dict | None = None) -> dict:
    """The context of the report of `year`. `base`: render's build_context, when the caller has it."""
    base = base if base is not None else build_context(mp, lang)
    R = report_labels(lang)
    L = base["labels"]
    fmt = formatter(lang)
    unknown = R["unknown"]
    by_id = base["programme_by_id"]
    dim_names = {d["code"]: d["name"] for d in base["dimensions"]}
    src_by_id = {s.item.id: s.item for s in mp.programmes}
    opd_names = {o["id"]: o["name"] for o in base["opds"]}
    end = plan_end(mp)
    answerable = {s.item.id: indicator_opds(mp, s.item) for s in mp.indicators}

    def _owners(ind: dict, by_id: dict) -> list[str]:
        return answerable.get(ind["id"], [""])

    # the index over the years, and this year's evaluation
    series = index_series(mp, up_to=year)
    current = evaluation_of(mp, year)
    e = current.item if current is not None else None
    weights = weights_of(mp, e)
    point = next((p for p in series if p.year == year), None)
    index_rows = [{"year": p.year, "value": p.value, "official": p.official is not None,
                   "computed": p.computed is not None, "change": p.change, "change_computed": p.change_computed,
                   "rank_province": p.rank_province, "rank_national": p.rank_national} for p in series]
    index_chart = charts.bars("chart-index", R["index_chart"], [str(p.year) for p in series],
                              [(R["index"], [p.value for p in series])], unknown=unknown, y_label=R["index"],
                              y_max=4.0, fmt=lambda v: fmt.number(v, 2))

    scores = []
    for k in EVAL_DIMENSIONS:
        value = getattr(e.scores, k) if e is not None and e.scores is not None else None
        scores.append({"code": k, "name": R["eval_dims"][k], "score": value, "weight": weights[k]})
    smart = [{"dimension": d.dimension, "name": dim_names.get(d.dimension, d.dimension), "score": d.score,
              "note": d.note} for d in (e.dimension_scores if e is not None else [])]

    # execution: programmes running per dimension
    out_rows = []
    outcome_rows = [r for r in outcome(mp, year) if r.planned]
    for r in outcome_rows:
        out_rows.append({"dimension": r.dimension, "name": dim_names.get(r.dimension, r.dimension) or unknown,
                         "planned": r.planned, "running": r.running, "partly": r.partly,
                         "not_running": r.not_running, "unknown": r.unknown, "known": r.known, "rate": r.rate})
    total_run = {k: sum(r[k] for r in out_rows) for k in ("planned", "running", "partly", "not_running", "unknown",
                                                          "known")}
    total_run["rate"] = round(total_run["running"] / total_run["known"] * 100, 1) if total_run["known"] else None
    outcome_chart = charts.bars("chart-outcome", R["outcome_chart"], [r["name"] for r in out_rows],
                                [(R["rate"], [r["rate"] for r in out_rows])], unknown=unknown, y_max=100.0,
                                fmt=lambda v: fmt.percent(v, 0))

    # targets of the year, per dimension and per OPD (an indicator counts for each programme's dimension/OPD)
    indicators = base["monitoring"]["indicators"]
    year_rows = [(i, t) for i in indicators for t in i["targets"] if t["year"] == year and t["status"] != "no-target"]
    per_dim: dict[str, list] = defaultdict(list)
    per_opd: dict[str, list] = defaultdict(list)
    for i, t in year_rows:
        for d in _dims_of(i, by_id) or [""]:
            per_dim[d].append(t)
        for o in _owners(i, by_id):
            per_opd[o].append(t)
    targets_by_dim = [dict(_tally(per_dim[c]), code=c, name=dim_names.get(c, c) or unknown)
                      for c in [*dim_names, ""] if per_dim.get(c)]
    targets_by_opd = [dict(_tally(per_opd[o]), opd=o, name=opd_names.get(o, o) if o else R["no_opd"])
                      for o in sorted(per_opd, key=lambda o: (o == "", o))]
    year_tally = _tally([t for _, t in year_rows])
    achievement_chart = charts.bars("chart-achievement", R["achievement_chart"], [r["name"] for r in targets_by_dim],
                                    [(R["achieved_rate"], [r["rate"] for r in targets_by_dim])], unknown=unknown,
                                    y_max=100.0, fmt=lambda v: fmt.percent(v, 0))

    # quick wins in the year
    qw_rows = []
    for p in base["quick_wins"]:
        item = src_by_id[p["id"]]
        h = year_entry(item, year)
        status = year_status(item, year)
        label = L["programme_status"].get(status) or _year_status_label(R, L, status)
        progress = h.progress if h is not None else None
        done_before = item.end is not None and year > item.end and item.status == "completed"
        if status is None and done_before:  # completed before this year: known
            label, progress = R["completed_in"].format(year=item.end), 100.0
        elif status is None and item.start is not None and year < item.start:
            label = R["not_started"]
        qw_rows.append({"programme": p, "status": status, "status_label": label, "progress": progress,
                        "obstacle": h.obstacle if h is not None else None,
                        "follow_up": h.follow_up if h is not None else None,
                        "active": planned_in(item, year, end)})
    qw_counts = Counter(r["status_label"] for r in qw_rows)
    qw_chart = charts.stacked("chart-quick-wins", R["quick_win_chart"].format(year=year),
                              sorted(qw_counts.items(), key=lambda kv: (kv[0] == unknown, kv[0])),
                              total_word=R["total"])

    # target against realisation per indicator, up to the year
    ind_rows = []
    for i in indicators:
        rows = [t for t in i["targets"] if t["year"] <= year]
        if not rows:
            continue
        chart = charts.bars(f"chart-{i['anchor']}", R["indicator_chart"].format(id=i["id"]),
                            [str(t["year"]) for t in rows],
                            [(R["target"], [t["target"] for t in rows]),
                             (R["realisation"], [t["realisation"] for t in rows])],
                            unknown=unknown, y_label=i["unit"], fmt=lambda v: fmt.number(v, 2))
        ind_rows.append({"indicator": i, "rows": rows, "owners": [o for o in _owners(i, by_id) if o],
                         "chart": MdText(chart.markdown), "chart_obj": chart})

    # missed targets up to the year; explanations owed; data owed in past years
    missed = [{"indicator": i, "row": t, "owners": [o for o in _owners(i, by_id) if o]}
              for i in indicators for t in i["targets"] if t["year"] <= year and t["status"] == "missed"]
    missed.sort(key=lambda m: (m["row"]["year"], m["indicator"]["id"]))
    explanation_owed = [m for m in missed if not m["row"]["obstacle"] or not m["row"]["follow_up"]]
    unexplained: dict[str, list[str]] = defaultdict(list)
    for m in explanation_owed:
        for o in m["owners"] or [""]:
            unexplained[o].append(f"{m['indicator']['id']} ({m['row']['year']})")
    explanation_by_opd = [{"opd": o, "name": opd_names.get(o, o) if o else R["no_opd"], "entries": unexplained[o]}
                          for o in sorted(unexplained, key=lambda o: (o == "", o))]
    data_owed = [{"opd": o, "name": opd_names.get(o, o) if o else R["no_opd"],
                  "targets": [f"{i} ({y})" for i, y in v.targets],
                  "programmes": [f"{i} ({y})" for i, y in v.programmes]}
                 for o, v in owed_data(mp, year - 1).items()]

    previous = evaluation_of(mp, year - 1)
    report = {
        "year": year, "labels": R, "unknown": unknown,
        "evaluation": _evaluation(e, R, opd_names, dim_names) if e is not None else None,
        "previous": _evaluation(previous.item, R, opd_names, dim_names) if previous is not None else None,
        "index": point.value if point else None, "index_computed": bool(point and point.computed is not None),
        "change": point.change if point else None, "change_computed": bool(point and point.change_computed),
        "index_rows": index_rows, "index_series": series, "outcome_rows": outcome_rows,
        "any_computed": any(r["computed"] for r in index_rows),
        "weights_text": "/".join(fmt.number(weights[k], 0) for k in EVAL_DIMENSIONS),
        "scores": scores, "smart_scores": smart,
        "outcome": out_rows, "outcome_total": total_run,
        "targets_by_dimension": targets_by_dim, "targets_by_opd": targets_by_opd, "targets_year": year_tally,
        "quick_wins": qw_rows, "indicators": ind_rows, "missed": missed, "explanation_owed": explanation_owed,
        "explanation_by_opd": explanation_by_opd,
        "data_owed": data_owed,
        "charts": {"index": MdText(index_chart.markdown), "outcome": MdText(outcome_chart.markdown),
                   "achievement": MdText(achievement_chart.markdown), "quick_wins": MdText(qw_chart.markdown)},
        "rollup": rollup,
    }
    figures = {c.mermaid: c for c in [index_chart, outcome_chart, achievement_chart, qw_chart]
               + [r["chart_obj"] for r in ind_rows]}
    for row in ind_rows:
        del row["chart_obj"]
    if rollup is not None:
        rollup = dict(rollup)
        chart = rollup.pop("_chart")
        figures[chart.mermaid] = chart
        report["rollup"] = rollup
    return dict(base, report=report, _figures=figures)


def _year_status_label(R: dict, L: dict, status: str | None) -> str:
    if status is None:
        return R["unknown"]
    return {"partly-running": R["partly"], "stopped": R["not_running"]}.get(status, status)


def _evaluation(e, R: dict, opd_names: dict, dim_names: dict) -> dict:
    recs = []
    for n, r in enumerate(e.recommendations, 1):
        f = r.follow_up
        recs.append({"id": r.id or f"{e.year}-{n}", "text": r.text, "dimension": dim_names.get(r.dimension or "", ""),
                     "opd": r.opd, "opd_name": opd_names.get(r.opd or "", r.opd or ""),
                     "status": f.status if f else None,
                     "status_label": R["follow_status"][f.status] if f else R["no_follow_up"],
                     "action": f.action if f else None, "date": f.date if f else None,
                     "evidence": f.evidence if f else None})
    sa = e.self_assessment
    return {
        "year": e.year, "evaluator": e.evaluator,
        "letter": ({"number": e.letter.number, "date": e.letter.date, "subject": e.letter.subject}
                   if e.letter else None),
        "rank": ({"province": e.rank.province, "province_of": e.rank.province_of, "national": e.rank.national,
                  "national_of": e.rank.national_of} if e.rank else None),
        "assessors": [{"name": a.name, "organisation": a.organisation, "role": a.role} for a in e.assessors],
        "events": [{"kind": x.kind, "label": R["event_kind"][x.kind], "date": x.date, "note": x.note}
                   for x in sorted(e.events, key=lambda x: (x.date is None, x.date or 0, x.kind))],
        "strengths": list(e.strengths), "weaknesses": list(e.weaknesses), "findings": list(e.findings),
        "recommendations": recs,
        "self_assessment": ({"submitted": sa.submitted, "account": sa.account,
                             "evidence": [{"kind": x.kind, "kind_label": R["evidence_kind"][x.kind], "title": x.title,
                                           "path": x.path, "url": x.url} for x in sa.evidence]} if sa else None),
        "survey": ({"respondents": e.survey.respondents, "score": e.survey.score, "summary": e.survey.summary,
                    "dimensions": [{"dimension": d.dimension, "name": dim_names.get(d.dimension, d.dimension),
                                    "respondents": d.respondents, "score": d.score, "programme": d.programme}
                                   for d in e.survey.dimensions]} if e.survey else None),
        "note": e.note,
    }
