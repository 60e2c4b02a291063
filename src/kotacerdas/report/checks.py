"""validate's checks of evaluations/<year>.yaml: one file per year, and the dimensions, OPDs and
programmes it names exist (KC020, KC021), like every other cross-reference of the format."""

from __future__ import annotations

from ..i18n import _


def check_evaluations(mp) -> list:
    from ..checks import _error, _unresolved

    out = []
    seen: dict[int, str] = {}
    dims = mp.taxonomy.dimensions
    opds = mp.opds
    programmes = {p.item.id for p in mp.programmes}
    for src in mp.evaluations:
        e = src.item
        if e.year in seen:
            out.append(_error("KC020", src.at("year"), _("a second evaluation of {year}").format(year=e.year),
                              field="year", found=_("{year} also in {path}").format(year=e.year, path=seen[e.year]),
                              expected=_("one file per evaluation year"),
                              hint=_("Keep one file per year, e.g. evaluations/2025.yaml.")))
        seen.setdefault(e.year, src.path)
        refs: list[tuple[tuple, str]] = [(("dimension_scores", i, "dimension"), d.dimension)
                                         for i, d in enumerate(e.dimension_scores)]
        refs += [(("recommendations", i, "dimension"), r.dimension) for i, r in enumerate(e.recommendations)
                 if r.dimension]
        if e.survey:
            refs += [(("survey", "dimensions", i, "dimension"), d.dimension) for i, d in enumerate(e.survey.dimensions)]
        for loc, code in refs:
            if code not in dims:
                out.append(_unresolved(src, loc, "dimension", code, dims,
                                       _("the taxonomy {id}").format(id=mp.taxonomy.taxonomy.id)))
        if mp.opd_file is not None:
            for i, r in enumerate(e.recommendations):
                if r.opd and r.opd not in opds:
                    out.append(_unresolved(src, ("recommendations", i, "opd"), "OPD", r.opd, opds, "opd.yaml"))
        if e.survey:
            for i, d in enumerate(e.survey.dimensions):
                if d.programme and d.programme not in programmes:
                    out.append(_unresolved(src, ("survey", "dimensions", i, "programme"), "programme", d.programme,
                                           programmes, "programmes/"))
    return out
