"""The dashboard page of the HTML site (`dasbor.html`, `dashboard.html` in English): every programme and
innovation in one table with filters (dimension, element, OPD, status, year, quick win), a text search,
counts and a chart per dimension that follow the filters.

The page is the full table first: without JavaScript every programme is listed and the counts and chart
show all of them. A small script written inline in the template (no file or font from the network, works
from file://) hides rows that do not match and recounts; the filters are ordinary form controls, so they
work by keyboard. Repository text only ever lands in HTML-escaped attributes and cells, never in the
script."""

from __future__ import annotations

from collections import Counter

from .context import report_labels


# the filter's order: the life of a programme, then what is not known
STATUS_ORDER = ("planned", "ongoing", "partly-running", "completed", "suspended", "stopped", "cancelled", "unknown")


def dashboard_file(lang: str) -> str:
    from ..render.context import labels_for

    return f"{labels_for(lang)['dashboard_file']}.html"


def dashboard_context(base: dict) -> dict:
    """The `dashboard` key of the dashboard template: rows, filter options, initial counts."""
    L = base["labels"]
    programmes = base["programmes"]
    rows = []
    for p in programmes:
        rows.append({
            "programme": p, "years": " ".join(str(y) for y in p["years"]),
            "search": " ".join(x or "" for x in (p["id"], p["name"], p["owner"], p["owner_name"], p["dimension_name"],
                                                 p["element_name"], p["theme"])).lower(),
        })
    dims = [{"code": d["code"], "name": d["name"], "count": len(d["programmes"]),
             "elements": [{"code": e["code"], "name": e["name"]} for e in d["elements"]]} for d in base["dimensions"]]
    owners = sorted({(p["owner"], p["owner_name"]) for p in programmes if p["owner"]})
    statuses = Counter(p["status"] or "unknown" for p in programmes)
    years = sorted({y for p in programmes for y in p["years"]})
    top = max([d["count"] for d in dims] + [1])
    return {
        "rows": rows, "dimensions": dims, "owners": [{"id": o, "name": n} for o, n in owners],
        "statuses": [{"code": s, "label": L["programme_status"].get(s, L["unknown"]), "count": statuses[s]}
                     for s in [*STATUS_ORDER, *sorted(set(statuses) - set(STATUS_ORDER))] if statuses[s]],
        "years": years, "total": len(programmes), "quick_wins": sum(1 for p in programmes if p["quick_win"]),
        "top": top, "labels": report_labels(base["lang"]),
    }
