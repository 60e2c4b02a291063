"""The template context: the masterplan as plain data a chapter template can print.

Everything here is a dict, a list, a string, a number, a date, `None` or `MdText` (Markdown prose), so
templates run in Jinja's sandbox with nothing that reaches the file system. Every list is in a fixed
order (taxonomy order for dimensions and elements, ids for programmes and indicators, registry order
for OPDs, Bimtek order for stages, ascending years), so the same repository always gives the same
output. Raw values stay raw (`budget` is an int, `date` a date); templates format them with the filters
`money`, `number`, `percent`, `date`, `daterange` (see docs/templates.md, which documents every key).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import cache
from importlib import resources
from typing import Any

from ..checks import resolve_prose_path
from ..masterplan import Masterplan, Sourced
from ..models import FUNDING_SOURCES, ProseFile
from ..source import load_bytes
from . import gantt
from .books import flagship_context, publication_context
from .markdown import MdText
from .prose_safety import neutralise
from ..fsutil import os_problem
from ..i18n import _

READINESS_KEYS = ("struktur", "infrastruktur", "suprastruktur", "nature", "budaya")
SWOT_KEYS = ("strengths", "weaknesses", "opportunities", "threats")


def _plain(value):
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return str(value)


@cache
def labels_for(lang: str) -> dict:
    """The label catalogue of one language (render/labels/<lang>.yaml)."""
    raw = (resources.files("kotacerdas.render") / "labels" / f"{lang}.yaml").read_bytes()
    return _plain(load_bytes(raw, f"{lang}.yaml").data)


class ProseError(Exception):
    def __init__(self, path: str, loc: tuple, message: str) -> None:
        super().__init__(message)
        self.path, self.loc, self.message = path, loc, message


class _Builder:
    def __init__(self, mp: Masterplan, lang: str) -> None:
        self.mp = mp
        self.lang = lang
        self.L = labels_for(lang)
        self.tax = mp.taxonomy
        # Looked up once per programme: dictionaries, so the context grows linearly with programmes × OPDs
        # (mp.opds builds its dictionary anew on every call, mp.indicator scans the list)
        self.opds = mp.opds
        self.indicators: dict[str, Any] = {}
        for i in mp.indicators:
            self.indicators.setdefault(i.item.id, i)

    # --- small helpers -----------------------------------------------------------------------------------

    def prose(self, src: Sourced, value, loc: tuple) -> MdText | None:
        """A Prose field as Markdown: the text itself, or the content of the Markdown file it names."""
        if value is None:
            return None
        if isinstance(value, ProseFile):
            rel = resolve_prose_path(src.path, value.file)
            try:
                if rel is None or not self.mp.repo.exists(rel):
                    raise OSError(_("the file does not exist"))
                raw = self.mp.repo.read(rel)
            except OSError as exc:
                raise ProseError(src.path, loc, _("cannot read the Markdown file '{file}': {problem}")
                                 .format(file=value.file, problem=os_problem(exc))) from None
            text = raw.decode("utf-8", errors="replace").lstrip("\ufeff").replace("\r\n", "\n")
            return MdText(neutralise(text.strip() + "\n"))
        return MdText(neutralise(str(value).strip() + "\n"))  # raw HTML and unsafe links made inert

    def name(self, local) -> str:
        if local is None:
            return ""
        return (local.en if self.lang == "en" and local.en else local.id)

    def dimension_name(self, code: str) -> str:
        d = self.tax.dimensions.get(code)
        return self.name(d.name) if d else code

    def element_name(self, dim: str, code: str) -> str:
        e = self.tax.elements(dim).get(code)
        return self.name(e.name) if e else code

    def opd_name(self, oid: str | None) -> str:
        if oid is None:
            return ""
        o = self.opds.get(oid)
        return o.name if o else oid

    def cite(self, reg) -> dict | None:
        if reg is None:
            return None
        kind = self.L["regulation"].get(reg.kind, reg.kind)
        pattern = self.L["regulation_cite"] if reg.number is not None else self.L["regulation_cite_no_number"]
        return {
            "kind": reg.kind, "kind_label": kind, "number": reg.number, "year": reg.year, "title": reg.title,
            "citation": pattern.format(kind=kind, number=reg.number, year=reg.year, title=reg.title),
        }

    def years_label(self, p) -> str:
        """"2024-2025", "2024", "2018-sekarang" (an open end on a running programme), or with "belum
        diketahui" for the year that is not written."""
        unknown = self.L["unknown"]
        if p.start is None and p.end is None:
            return unknown
        if p.start is None:
            return f"{unknown}–{p.end}"
        if p.end is None:
            done = p.status in ("completed", "cancelled", "suspended")
            return f"{p.start}–{unknown if done else self.L['now']}"
        return str(p.start) if p.start == p.end else f"{p.start}–{p.end}"

    # --- parts ----------------------------------------------------------------------------------------------

    def plan(self) -> dict:
        src = self.mp.plan
        assert src is not None, "render runs on a repository that validated, which has a plan.yaml"
        p = src.item
        period_years = list(range(p.period.start, p.period.end + 1))
        profile = None
        if p.profile is not None:
            pr = p.profile
            profile = {
                "area_km2": pr.area_km2, "population": pr.population, "population_year": pr.population_year,
                "districts": pr.districts, "villages": pr.villages,
                "description": self.prose(src, pr.description, ("profile", "description")),
            }
        rpjmd = None
        if p.rpjmd is not None:
            r = p.rpjmd
            overlap = [y for y in range(r.period.start, r.period.end + 1) if y in period_years]
            rpjmd = {"title": r.title, "period": {"start": r.period.start, "end": r.period.end},
                     "regulation": self.cite(r.regulation), "overlap_years": overlap}
        region = p.region
        return {
            "title": p.title,
            "region": {"name": region.name, "code": region.code, "level": region.level,
                       "level_label": self.L["level"][region.level], "province": region.province},
            "period": {"start": p.period.start, "end": p.period.end, "years": period_years,
                       "length": len(period_years)},
            "profile": profile,
            "background": self.prose(src, p.background, ("background",)),
            "visi": self.prose(src, p.visi, ("visi",)),
            "misi": list(p.misi),
            "sasaran": [{"id": s.id, "text": s.text} for s in p.sasaran],
            "rpjmd": rpjmd,
            "legal_basis": [self.cite(r) for r in p.legal_basis],
            "books": [{"id": b.id, "number": b.number, "title": b.title, "stage": b.stage,
                       "stage_label": self.L["stage_name"].get(b.stage, "") if b.stage else "",
                       "status": b.status, "status_label": self.L["book_status"][b.status]}
                      for b in sorted(p.books, key=lambda b: (b.number, b.id))],
            "governance": [self.body(g) for g in p.governance],
            "members": [{"code": m.code, "name": m.name} for m in p.members],
            "indicative_budget": p.indicative_budget,
            "edition": self.edition(),
        }

    def edition(self) -> dict | None:
        """The edition rendered (plan.yaml `editions:`, as editions.select_edition chose it), None for a plan
        without editions. `label` is what a cover prints ("Edisi 2019–2023")."""
        e = self.mp.edition
        if e is None:
            return None
        from ..editions import current_edition

        start, end = e.period.start, e.period.end
        years = str(start) if start == end else f"{start}–{end}"
        in_force = current_edition(self.mp.plan.item) if self.mp.plan is not None else None
        return {"id": e.id, "title": e.title, "period": {"start": start, "end": end},
                "regulation": self.cite(e.regulation), "current": in_force is not None and in_force.id == e.id,
                "label": f"{self.L['book']['edition']} {years}"}

    def body(self, g) -> dict:
        return {
            "body": g.body, "body_label": self.L["body"][g.body], "name": g.name or self.L["body"][g.body],
            "decree": self.cite(g.decree),
            "members": [{"role": m.role, "opd": m.opd, "opd_name": self.opd_name(m.opd) if m.opd else "",
                         "name": m.name, "organisation": m.organisation} for m in g.members],
        }

    def programme(self, src: Sourced) -> dict:
        p = src.item
        funding = sorted(p.funding, key=lambda f: (f.year, FUNDING_SOURCES.index(f.source),
                                                   -1 if f.amount is None else f.amount))
        known = [f.amount for f in p.funding if f.amount is not None]
        # an open end ("2018 - sekarang"): the programme runs on to the end of the plan period at least
        plan_end = self.mp.plan.item.period.end if self.mp.plan else p.start
        shown_end = p.end if p.end is not None or p.start is None else max(p.start, plan_end or p.start)
        sources = sorted({f.source for f in p.funding}, key=FUNDING_SOURCES.index)
        return {
            "id": p.id, "name": p.name, "anchor": p.id.lower(),
            "dimension": p.dimension,
            "dimension_name": self.dimension_name(p.dimension) if p.dimension is not None else None,
            "secondary_dimensions": [{"code": c, "name": self.dimension_name(c)} for c in p.secondary_dimensions],
            "element": p.element,
            "element_name": self.element_name(p.dimension, p.element) if p.element is not None else None,
            "theme": p.theme, "innovation": p.innovation,
            "innovation_label": self.L["innovation"][p.innovation] if p.innovation else None,
            "quick_win": p.quick_win,
            "problem": self.prose(src, p.problem, ("problem",)),
            "description": self.prose(src, p.description, ("description",)),
            "owner": p.owner, "owner_name": self.opd_name(p.owner) if p.owner is not None else None,
            "supporting": [{"id": o, "name": self.opd_name(o)} for o in p.supporting],
            "partners": [{"name": x.name, "kind": x.kind, "kind_label": self.L["partner"][x.kind]}
                         for x in p.partners],
            "rpjmd_programme": p.rpjmd_programme,
            "horizon": p.horizon, "horizon_label": self.L["horizon"][p.horizon] if p.horizon else self.L["unknown"],
            "start": p.start, "end": p.end, "open_end": p.end is None and p.start is not None,
            "period_label": self.years_label(p),
            "years": list(range(p.start, shown_end + 1)) if p.start is not None else [],
            "duration_months": p.duration_months,
            "funding": [{"source": f.source, "source_label": self.L["funding"][f.source], "year": f.year,
                         "amount": f.amount, "note": f.note} for f in funding],
            "funding_sources": [{"source": s, "label": self.L["funding"][s]} for s in sources],
            "budget": sum(known) if known else None, "budget_unknown": len(p.funding) - len(known),
            "status": p.status, "status_label": self.L["programme_status"][p.status] if p.status else None,
            "progress": p.progress,
            "indicators": [{"id": i, "name": (self.indicators[i].item.name if i in self.indicators else i)}
                           for i in p.indicators],
            "milestones": [{"title": m.title, "date": m.date, "kind": m.kind,
                            "kind_label": self.L["milestone"][m.kind], "done": m.done}
                           for m in sorted(p.milestones, key=lambda m: (m.date, m.title))],
            # what monitoring recorded per year (kendala / penyelesaian); status "unknown" reads as not written
            "history": [{"year": h.year, "status": h.status if h.status != "unknown" else None,
                         "status_label": self.L["programme_status"][h.status]
                         if h.status is not None and h.status != "unknown" else None,
                         "progress": h.progress, "obstacle": h.obstacle, "follow_up": h.follow_up,
                         "budget_realisation": h.budget_realisation, "note": h.note}
                        for h in sorted(p.history, key=lambda h: h.year)],
            "outputs": list(p.outputs), "outcome": p.outcome, "impact": p.impact,
            "source_file": src.path,
        }

    def readiness(self, src: Sourced, ra) -> list[dict]:
        out = []
        for key in READINESS_KEYS:
            r = getattr(ra, key)
            if r is None:
                continue
            swot = {k: list(getattr(r.swot, k)) for k in SWOT_KEYS}
            depth = max((len(v) for v in swot.values()), default=0)
            rows = [[swot[k][i] if i < len(swot[k]) else "" for k in SWOT_KEYS] for i in range(depth)]
            out.append({
                "key": key, "label": self.L["readiness"][key],
                "summary": self.prose(src, r.summary, ("readiness", key, "summary")),
                "swot": swot, "swot_rows": rows,
                "gaps": [{"aspect": g.aspect, "current": g.current, "desired": g.desired, "action": g.action}
                         for g in r.gaps],
            })
        return out

    def indicator(self, src: Sourced, served_by: dict[str, list]) -> dict:
        ind = src.item
        rows = []
        for t in sorted(ind.targets, key=lambda t: t.year):
            status, achievement = target_status(ind.direction, t.target, t.realisation)
            rows.append({"year": t.year, "target": t.target, "realisation": t.realisation,
                         "achievement": achievement, "status": status,
                         "status_label": self.L["target_status"][status],
                         "status_mark": self.L["target_status_mark"][status],
                         "obstacle": t.obstacle, "follow_up": t.follow_up})
        return {
            "id": ind.id, "name": ind.name, "unit": ind.unit, "anchor": ind.id.lower(),
            "direction": ind.direction, "direction_label": self.L["direction_value"][ind.direction],
            "level": ind.level, "level_label": self.L["indicator_level"][ind.level] if ind.level else "",
            "definition": ind.definition, "data_source": ind.data_source,
            "opd": ind.opd, "opd_name": self.opd_name(ind.opd) if ind.opd else None,
            "sasaran": list(ind.sasaran), "cumulative": ind.cumulative,
            "baseline": {"year": ind.baseline.year, "value": ind.baseline.value} if ind.baseline else None,
            "targets": rows,
            "programmes": served_by.get(ind.id, []),
        }


def quick_win_months(mp: Masterplan) -> int:
    """The longest delivery time of a quick win: KC103's max_months as kotacerdas.yaml sets it (by code or
    name), so BAB I, BAB V and lint state one horizon."""
    from ..lint.rules import quick_win_too_long as kc103

    options = mp.config.lint.options
    chosen = {**options.get(kc103.NAME, {}), **options.get(kc103.CODE, {})}
    value = chosen.get("max_months", kc103.OPTIONS[0].default)
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 1 else kc103.OPTIONS[0].default


def known_sum(values) -> int | None:
    """The sum of the values that are known; None when none is (unknown is not zero)."""
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def target_status(direction: str, target, realisation) -> tuple[str, float | None]:
    """(status, achievement %) of one year: achieved, missed, no-data (no realisation yet) or no-target.
    Achievement is R/T×100 when higher is better and (2T−R)/T×100 when lower is better (Permendagri 86/2017
    style), None when the target is zero or either value is missing."""
    if target is None:
        return "no-target", None
    if realisation is None:
        return "no-data", None
    met = realisation >= target if direction == "up" else realisation <= target
    achievement = None
    if target != 0:
        achievement = (realisation / target if direction == "up" else (2 * target - realisation) / target) * 100
        achievement = round(achievement, 1)
    return ("achieved" if met else "missed"), achievement


def build_context(mp: Masterplan, lang: str) -> dict:
    """The context every template sees (before the chapter-specific keys `chapter` and `chapters`)."""
    b = _Builder(mp, lang)
    L = b.L
    plan = b.plan()
    programmes = [b.programme(s) for s in mp.programmes]
    by_id = {p["id"]: p for p in programmes}
    plan["publication"] = publication_context(b, mp, by_id)  # the books' content (render/books.py)
    plan["program_unggulan"] = flagship_context(b, mp, by_id)

    # dimensions in taxonomy order, with their elements and programmes
    dim_plans = {d.item.dimension: d for d in mp.dimensions}
    dim_codes = list(mp.taxonomy.dimensions)
    dimensions: list[dict] = []
    for code in dim_codes:
        tax_dim = mp.taxonomy.dimensions[code]
        own = [p for p in programmes if p["dimension"] == code]
        elements = []
        for e in tax_dim.elements:
            elements.append({"code": e.code, "name": b.name(e.name),
                             "programmes": [p for p in own if p["element"] == e.code]})
        src = dim_plans.get(code)
        dplan = None
        if src is not None:
            dp = src.item
            dplan = {"goals": list(dp.goals), "strategy": list(dp.strategy),
                     "narrative": b.prose(src, dp.narrative, ("narrative",)),
                     "readiness": b.readiness(src, dp.readiness) if dp.readiness is not None else []}
        dimensions.append({
            "code": code, "name": b.name(tax_dim.name), "anchor": code, "plan": dplan, "elements": elements,
            "programmes": own, "quick_wins": [p for p in own if p["quick_win"]],
            # programmes whose element is not known (or not of this dimension): a table of their own
            "unplaced": [p for p in own if p["element"] not in {e.code for e in tax_dim.elements}],
            "budget": known_sum(p["budget"] for p in own),
        })

    quick_wins = [p for d in dimensions for p in d["quick_wins"]]  # the dimension order, as every table
    quick_wins += [p for p in programmes if p["quick_win"] and p["dimension"] not in mp.taxonomy.dimensions]
    # programmes whose dimension is not known (issue 14): listed after the dimensions, never dropped
    undimensioned = [p for p in programmes if p["dimension"] not in mp.taxonomy.dimensions]

    # roadmap
    years = list(plan["period"]["years"])
    extra_years = sorted({y for p in programmes for y in p["years"]} - set(years))
    roadmap_years = sorted(set(years) | set(extra_years))
    def dated(progs):  # a programme whose start year is not known has no place on a timeline
        return sorted((p for p in progs if p["years"]), key=lambda p: (p["start"], p["id"]))

    groups = [gantt.Group(d["name"], tuple(gantt.Bar(p["id"], p["name"] or "", p["years"][0], p["years"][-1],
                                                     bool(p["quick_win"]), p["progress"], p["owner"],
                                                     p["duration_months"])
                                           for p in dated(d["programmes"])))
              for d in [*dimensions, *([{"name": L["dimension_unknown"], "programmes": undimensioned}]
                                       if dated(undimensioned) else [])]]
    gantt_title = f"{L['roadmap']['gantt_title']} – {plan['region']['name']}"
    mermaid = gantt.mermaid(groups, gantt_title)
    svg = gantt.svg(groups, roadmap_years, title=gantt_title,
                    labels={"programme": L["roadmap"]["legend_programme"],
                            "quick_win": L["roadmap"]["legend_quick_win"],
                            "progress": L["roadmap"]["legend_progress"],
                            "progress_word": L["strategy"]["progress"], "unknown": L["unknown"]})
    roadmap_rows = []
    for d in [*dimensions, {"name": L["dimension_unknown"], "programmes": undimensioned}]:
        for p in dated(d["programmes"]):
            mark = L["roadmap"]["active_quick_win"] if p["quick_win"] else L["roadmap"]["active"]
            roadmap_rows.append({"programme": p, "dimension_name": d["name"],
                                 "cells": [{"year": y, "active": y in p["years"],
                                            "mark": mark if y in p["years"] else ""}
                                           for y in roadmap_years]})
    undated = [p for d in dimensions for p in d["programmes"] if not p["years"]]
    undated += [p for p in undimensioned if not p["years"]]
    roadmap = {"years": roadmap_years, "rows": roadmap_rows, "undated": undated, "mermaid": mermaid,
               "gantt": MdText("```mermaid\n" + mermaid + "```\n"), "svg": svg, "title": gantt_title}

    # monitoring and evaluation
    served_by: dict[str, list] = defaultdict(list)
    for p in programmes:
        for i in p["indicators"]:
            served_by[i["id"]].append({"id": p["id"], "name": p["name"]})
    indicators = [b.indicator(s, served_by) for s in mp.indicators]
    missed = [{"indicator": i, "row": r} for i in indicators for r in i["targets"] if r["status"] == "missed"]
    missed.sort(key=lambda m: (m["row"]["year"], m["indicator"]["id"]))
    per_year: dict[int, Counter] = defaultdict(Counter)
    for i in indicators:
        for r in i["targets"]:
            per_year[r["year"]][r["status"]] += 1
    summary = [{"year": y, "achieved": c["achieved"], "missed": c["missed"], "no_data": c["no-data"],
                "no_target": c["no-target"], "total": sum(c.values()),
                "rate": round(c["achieved"] / (c["achieved"] + c["missed"]) * 100, 1)
                if c["achieved"] + c["missed"] else None}
               for y, c in sorted(per_year.items())]
    monitoring = {"indicators": indicators, "missed": missed, "by_year": summary}

    # OPD registry and responsibility matrix
    opd_list = list(mp.opd_file.item.opd) if mp.opd_file else []
    registry = [{"id": o.id, "name": o.name, "skpd_code": o.skpd_code} for o in opd_list]
    known = {o["id"] for o in registry}
    matrix_rows = []
    # grouped once (programmes × OPDs was quadratic: 5,000 of each took render 39 s)
    owned_by: dict[str, list] = {}
    for p in programmes:
        owned_by.setdefault(p["owner"], []).append(p)
    owned_in: dict[tuple[str, str], list] = {}
    for d in dimensions:
        for p in d["programmes"]:
            owned_in.setdefault((d["code"], p["owner"]), []).append(p)
    supported: Counter[str] = Counter()
    for p in programmes:
        supported.update({s["id"] for s in p["supporting"]})
    for o in registry + [{"id": x, "name": x, "skpd_code": None}
                         for x in sorted({p["owner"] for p in programmes if p["owner"] is not None} - known)]:
        cells = []
        for d in dimensions:
            owned = owned_in.get((d["code"], o["id"]), [])
            cells.append({"dimension": d["code"], "programmes": len(owned),
                          "quick_wins": sum(1 for p in owned if p["quick_win"])})
        owned_all = owned_by.get(o["id"], [])
        matrix_rows.append({
            "opd": o, "cells": cells, "programmes": len(owned_all),
            "quick_wins": sum(1 for p in owned_all if p["quick_win"]),
            "supporting": supported[o["id"]],
            "budget": known_sum(p["budget"] for p in owned_all),
        })
    first_row: dict[Any, dict] = {}
    for r in matrix_rows:
        first_row.setdefault(r["opd"]["id"], r)
    for o in registry:
        row = first_row[o["id"]]
        o.update({"programmes": row["programmes"], "quick_wins": row["quick_wins"], "supporting": row["supporting"]})
    opd_matrix = {"dimensions": [{"code": d["code"], "name": d["name"]} for d in dimensions], "rows": matrix_rows,
                  "unowned": [p for p in programmes if p["owner"] is None],
                  "totals": [{"programmes": len(d["programmes"]), "quick_wins": len(d["quick_wins"])}
                             for d in dimensions]}

    # budget
    lines = [(p, f) for p in programmes for f in p["funding"]]
    total = known_sum(f["amount"] for _, f in lines)
    budget_years = sorted({f["year"] for _, f in lines})

    def share(x):
        return round(x / total * 100, 1) if total and x is not None else None

    by_year = [{"year": y, "amount": known_sum(f["amount"] for _, f in lines if f["year"] == y),
                "programmes": len({p["id"] for p, f in lines if f["year"] == y})} for y in budget_years]
    by_dimension = [{"code": d["code"], "name": d["name"], "programmes": len(d["programmes"]),
                     "quick_wins": len(d["quick_wins"]), "amount": d["budget"], "share": share(d["budget"]),
                     "per_year": [known_sum(f["amount"] for p, f in lines
                                            if p["dimension"] == d["code"] and f["year"] == y)
                                  for y in budget_years]}
                    for d in dimensions]
    by_source = []
    for s in FUNDING_SOURCES:
        amount = known_sum(f["amount"] for _, f in lines if f["source"] == s)
        count = sum(1 for _, f in lines if f["source"] == s)
        if count:
            by_source.append({"source": s, "label": L["funding"][s], "lines": count, "amount": amount,
                              "share": share(amount),
                              "per_year": [known_sum(f["amount"] for _, f in lines
                                                     if f["source"] == s and f["year"] == y)
                                           for y in budget_years]})
    budget = {"total": total, "years": budget_years, "by_year": by_year, "by_dimension": by_dimension,
              "by_source": by_source, "lines": len(lines),
              # sums count only known amounts: say how many were left out, and which programmes have no plan
              "unknown_lines": sum(1 for _, f in lines if f["amount"] is None),
              "unfunded": [p for p in programmes if not p["funding"]]}

    # stages and the joint commitment
    stages = []
    commitments = []
    for stage_src in mp.stages:
        st = stage_src.item
        stage = {
            "stage": st.stage, "label": L["stage_name"][st.stage], "title": st.title, "status": st.status,
            "status_label": L["stage_status"][st.status] if st.status else None,
            "start": st.dates.start if st.dates else None, "end": st.dates.end if st.dates else None,
            "venue": st.venue,
            "participants": ({"count": st.participants.count, "institutions": list(st.participants.institutions)}
                             if st.participants else None),
            "facilitators": [{"name": f.name, "organisation": f.organisation, "role": f.role}
                             for f in st.facilitators],
            "agenda": [{"topic": a.topic, "day": a.day, "speaker": a.speaker} for a in st.agenda],
            "deliverables": [{"title": d.title, "book": d.book, "done": d.done} for d in st.deliverables],
            "notes": b.prose(stage_src, st.notes, ("notes",)),
        }
        stages.append(stage)
        if st.commitment is not None:
            c = st.commitment
            commitments.append({
                "stage": st.stage, "stage_label": stage["label"], "title": c.title, "date": c.date,
                "place": c.place,
                "signatories": [{"position": x.position, "name": x.name, "opd": x.opd,
                                 "opd_name": b.opd_name(x.opd) if x.opd else "", "signed": x.signed}
                                for x in c.signatories],
            })

    return {
        "lang": lang,
        "labels": L,
        "plan": plan,
        "dimensions": dimensions,
        "programmes": programmes,
        "programme_by_id": by_id,
        "quick_wins": quick_wins,
        "undimensioned": undimensioned,
        "quick_win_months": quick_win_months(mp),
        "roadmap": roadmap,
        "monitoring": monitoring,
        "opds": registry,
        "opd_matrix": opd_matrix,
        "budget": budget,
        "stages": stages,
        "commitments": commitments,
        "taxonomy": {"id": mp.taxonomy.taxonomy.id, "name": b.name(mp.taxonomy.taxonomy.name),
                     "version": mp.taxonomy.taxonomy.version},
    }


def monitoring_charts(monitoring: dict, L: dict, lang: str) -> None:
    """The charts of BAB VII (drawn by kotacerdas.report.charts, as in `kotacerdas report`): the achievement
    rate per year as `monitoring.chart`, target against realisation as each indicator's `chart` (Markdown:
    a Mermaid block; HTML: the SVG, through `monitoring.figures`)."""
    from ..report.charts import bars
    from .formatting import Formatter

    fmt = Formatter(lang)
    unknown = L["monitoring"]["chart_unknown"]
    figures = {}
    years = [str(y["year"]) for y in monitoring["by_year"]]
    rate = bars("chart-achievement-years", L["monitoring"]["chart_rate"], years,
                [(L["monitoring"]["rate"], [y["rate"] for y in monitoring["by_year"]])], unknown=unknown, y_max=100.0,
                fmt=lambda v: fmt.percent(v, 0))
    monitoring["chart"] = MdText(rate.markdown)
    figures[rate.mermaid] = rate
    for i in monitoring["indicators"]:
        rows = i["targets"]
        c = bars(f"chart-{i['anchor']}", L["monitoring"]["chart_indicator"].format(id=i["id"]),
                 [str(t["year"]) for t in rows],
                 [(L["monitoring"]["target"], [t["target"] for t in rows]),
                  (L["monitoring"]["realisation"], [t["realisation"] for t in rows])],
                 unknown=unknown, y_label=i["unit"], fmt=lambda v: fmt.number(v, 2))
        i["chart"] = MdText(c.markdown)
        figures[c.mermaid] = c
    monitoring["figures"] = figures
