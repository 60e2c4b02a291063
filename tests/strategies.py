"""Hypothesis strategies that generate whole, valid masterplan repositories.

Each value is a dict of repository-relative path -> bytes, built from the format's models: ids follow
the models' patterns, references point at generated OPDs, indicators and taxonomy elements, years stay
inside the plan period, stages are dated in order. The YAML is written by PyYAML's safe_dump, which
quotes anything a YAML 1.1 reader would mistake, and the loader must read it back as written.
"""

from __future__ import annotations

import datetime as dt

import yaml
from hypothesis import strategies as st

from kotacerdas.models import FUNDING_SOURCES, STAGE_ORDER
from kotacerdas.reference import builtin_taxonomies

TAXONOMY = builtin_taxonomies()["kominfo-2017"]
DIMENSIONS = {d.code: [e.code for e in d.elements] for d in TAXONOMY.dimensions}

# Any text a person might type, including YAML's special characters; never blank.
text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff\x85\u2028\u2029"),
    min_size=1, max_size=40,
).filter(lambda s: s.strip() and s == s.strip())
words = st.sampled_from(["Garut", "no", "yes", "1.10", "32.05", "null", "true", "~", "0o17", "#hash", "a: b",
                         "- item", "&anchor", "*alias", "Smart Kota", "Rp1.250.000", "100%"]) | text
ident = st.from_regex(r"[A-Z][A-Z0-9]{0,5}(-[0-9]{1,3}){0,2}", fullmatch=True)
opd_id = st.from_regex(r"[A-Z][A-Za-z]{1,10}", fullmatch=True)


def _dump(data) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000).encode("utf-8")


@st.composite
def repositories(draw) -> dict[str, bytes]:
    start = draw(st.integers(2015, 2030))
    end = start + draw(st.integers(0, 10))
    years = st.integers(start, end)
    opds = draw(st.lists(opd_id, min_size=1, max_size=6, unique_by=str.lower))
    files: dict[str, bytes] = {}
    files["kotacerdas.yaml"] = _dump({"format_version": 1, "taxonomy": "kominfo-2017",
                                      "language": draw(st.sampled_from(["id", "en"]))})
    level = draw(st.sampled_from(["kabupaten", "kota"]))
    number = draw(st.integers(1, 69) if level == "kabupaten" else st.integers(71, 99))
    plan = {
        "region": {"code": f"32.{number:02d}", "level": level, "name": draw(words), "province": "Jawa Barat"},
        "title": draw(words),
        "period": {"start": start, "end": end},
        "visi": draw(words),
        "misi": draw(st.lists(words, min_size=1, max_size=3)),
    }
    if draw(st.booleans()):
        plan["rpjmd"] = {"title": draw(words), "period": {"start": start, "end": end}}
    files["plan.yaml"] = _dump(plan)
    files["opd.yaml"] = _dump({"opd": [{"id": o, "name": draw(words)} for o in opds]})

    indicator_ids = draw(st.lists(ident.map(lambda s: "IND-" + s), max_size=4, unique=True))
    for iid in indicator_ids:
        target_years = draw(st.lists(years, max_size=4, unique=True))
        files[f"indicators/{iid.lower()}.yaml"] = _dump({
            "id": iid, "name": draw(words), "unit": draw(words), "direction": draw(st.sampled_from(["up", "down"])),
            "baseline": {"year": start, "value": draw(st.integers(0, 1000))},
            "targets": [{"year": y, "target": draw(st.integers(0, 1000) | st.floats(0, 100, allow_nan=False))}
                        for y in sorted(target_years)],
        })
    programme_ids = draw(st.lists(ident.map(lambda s: "PRG-" + s), max_size=6, unique=True))
    for pid in programme_ids:
        dimension = draw(st.sampled_from(sorted(DIMENSIONS)))
        p_start = draw(years)
        p_end = draw(st.integers(p_start, end))
        programme = {
            "id": pid, "name": draw(words), "dimension": dimension,
            "element": draw(st.sampled_from(DIMENSIONS[dimension])),
            "innovation": draw(st.sampled_from(["program", "produk", "metode", "konseptual", "teknologi"])),
            "quick_win": draw(st.booleans()), "problem": draw(words), "description": draw(words),
            "owner": draw(st.sampled_from(opds)),
            "supporting": draw(st.lists(st.sampled_from(opds), max_size=2, unique=True)),
            "horizon": draw(st.sampled_from(["pendek", "menengah", "panjang"])),
            "start": p_start, "end": p_end,
            "funding": [{"source": draw(st.sampled_from(FUNDING_SOURCES)), "year": draw(st.integers(p_start, p_end)),
                         "amount": draw(st.integers(0, 10**13))} for _ in range(draw(st.integers(0, 3)))],
            "progress": draw(st.integers(0, 100)),
            "indicators": draw(st.lists(st.sampled_from(indicator_ids), max_size=2, unique=True))
            if indicator_ids else [],
        }
        files[f"programmes/{dimension}/{pid.lower()}.yaml"] = _dump(programme)
    for code in draw(st.lists(st.sampled_from(sorted(DIMENSIONS)), max_size=3, unique=True)):
        readiness = {part: {"swot": {"strengths": draw(st.lists(words, max_size=2))},
                            "gaps": [{"aspect": draw(words), "current": draw(words), "desired": draw(words)}]}
                     for part in ("struktur", "infrastruktur", "suprastruktur")}
        files[f"dimensions/{code}.yaml"] = _dump({"dimension": code, "goals": [draw(words)],
                                                  "strategy": [draw(words)], "readiness": readiness})
    day = dt.date(start - 1, 1, 1)
    for stage in draw(st.lists(st.sampled_from(STAGE_ORDER), max_size=5, unique=True).map(
            lambda s: sorted(s, key=STAGE_ORDER.index))):
        day += dt.timedelta(days=draw(st.integers(1, 60)))
        files[f"stages/{stage.lower()}.yaml"] = _dump({
            "stage": stage, "title": draw(words), "status": draw(st.sampled_from(["planned", "completed"])),
            "dates": {"start": day.isoformat(), "end": day.isoformat()},
        })
    return files
