"""Repository-wide checks of `validate`: what no single file can know.

Unique ids, references that resolve (OPD, dimension, element, indicator, book, taxonomy), elements that
belong to their dimension, years inside the plan period, starts not after ends, Bimtek stages in date
order, region codes that fit the level, and Markdown prose files that exist inside the repository.
"""

from __future__ import annotations

import difflib
from functools import cache
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, get_args

from pydantic import BaseModel

from .diagnostics import Diagnostic, Severity, field_path
from .masterplan import Masterplan, Sourced
from .models import ProseFile
from .reference import builtin_taxonomies, check_region_code, provinces
from .repository import CONFIG_FILE
from .i18n import N_, _

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .models import Book, Indicator, Programme, Sasaran

REQUIRED_FILES = {"plan": "plan.yaml", "opd": "opd.yaml"}


def _error(code: str, where: tuple[str, int, int], message: str, **kw) -> Diagnostic:
    path, line, col = where
    return Diagnostic(code, Severity.ERROR, path, line, col, message, **kw)


def _did_you_mean(value: str, options) -> str | None:
    close = difflib.get_close_matches(value, list(options), n=1, cutoff=0.6)
    return _("Did you mean '{close}'?").format(close=close[0]) if close else None


# What a reference names -> (message, expected), whole sentences for each kind (translated as a whole);
# an element's names its dimension too.
_UNRESOLVED = {
    "dimension": (N_("unknown dimension '{value}'"), N_("a dimension defined in {where}")),
    "element": (N_("unknown element '{value}' of dimension '{dimension}'"),
                N_("an element of dimension '{dimension}' defined in {where}")),
    "edition": (N_("unknown edition '{value}'"), N_("an edition defined in {where}")),
    "book": (N_("unknown book '{value}'"), N_("a book defined in {where}")),
    "OPD": (N_("unknown OPD '{value}'"), N_("an OPD defined in {where}")),
    "indicator": (N_("unknown indicator '{value}'"), N_("an indicator defined in {where}")),
    "sasaran": (N_("unknown sasaran '{value}'"), N_("a sasaran defined in {where}")),
    "programme": (N_("unknown programme '{value}'"), N_("a programme defined in {where}")),
}
_ANY = (N_("unknown {what} '{value}'"), N_("{what} defined in {where}"))  # a kind not in the table


def _unresolved(src: Sourced, loc: tuple, what: str, value: str, options, where_defined: str,
                of: str = "") -> Diagnostic:
    hint = _did_you_mean(value, options) or _("Add it to {where}, or correct the reference.") \
        .format(where=where_defined)
    message, expected = _UNRESOLVED.get(what, _ANY)
    return _error("KC021", src.at(*loc), _(message).format(value=value, dimension=of, what=what), field=_fp(loc),
                  found=f"'{value}'", expected=_(expected).format(dimension=of, where=where_defined, what=what),
                  hint=hint)


def _fp(loc: tuple) -> str:
    return field_path(loc)


def check_masterplan(mp: Masterplan) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    repo = mp.repo
    present = {f.kind for f in repo.files}
    for kind, name in REQUIRED_FILES.items():
        if kind not in present and not repo.exists(name):
            out.append(Diagnostic("KC013", Severity.ERROR, name, 1, 1, _("required file {name} is missing")
                                                                       .format(name=name),
                                  found=_("no file"), expected=_("{name} at the repository root")
                                                            .format(name=name),
                                  hint=_("See docs/format.md for an example, or run `kotacerdas init`.")))
    for kind in ("plan", "opd"):
        extra = repo.of_kind(kind)[1:]
        for f in extra:
            out.append(Diagnostic("KC020", Severity.ERROR, f.rel, 1, 1, _("second {kind} file")
                                                                        .format(kind=kind),
                                  found=f.rel, expected=_("one {required_files}")
                                                        .format(required_files=REQUIRED_FILES[kind])))
    out += _check_taxonomy(mp)
    out += _check_plan(mp)
    out += _check_opds(mp)
    out += _check_ids(mp)
    out += _check_dimensions(mp)
    out += _check_programmes(mp)
    out += _check_indicators(mp)
    out += _check_stages(mp)
    out += _check_prose(mp)
    out += _check_settings(mp)
    out += _check_evaluations(mp)
    return out


def _check_evaluations(mp: Masterplan) -> list[Diagnostic]:
    from .report.checks import check_evaluations  # evaluations/<year>.yaml (issue 15)

    return check_evaluations(mp)


def _check_settings(mp: Masterplan) -> list[Diagnostic]:
    """The lint and diff settings of kotacerdas.yaml, checked as lint and diff check them, so that validate,
    lint and diff agree on whether kotacerdas.yaml is valid (KC028)."""
    from .diff.sources import config_diagnostics
    from .lint.config import resolve_settings

    doc = mp.repo.doc(CONFIG_FILE)
    if doc is None:
        return []
    return resolve_settings(mp.config.lint, doc)[1] + config_diagnostics(mp.repo)


def _check_taxonomy(mp: Masterplan) -> list[Diagnostic]:
    out = []
    wanted = mp.config.taxonomy
    own = {t.item.id for t in mp.taxonomies}
    known = own | set(builtin_taxonomies())
    if wanted not in known:
        config = mp.repo.doc(CONFIG_FILE)
        line, col = config.locate(("taxonomy",)) if config else (1, 1)
        out.append(_error("KC021", (CONFIG_FILE, line, col), _("unknown taxonomy '{wanted}'")
                                                             .format(wanted=wanted), field="taxonomy",
                          found=f"'{wanted}'",
                          expected=_("a built-in taxonomy ({names}) or one defined under taxonomies/")
                          .format(names=", ".join(sorted(builtin_taxonomies()))), hint=_did_you_mean(wanted, known)))
    seen: dict[str, Sourced] = {}
    for t in mp.taxonomies:
        if t.item.id in seen:
            out.append(_error("KC020", t.at("id"), _("taxonomy id '{id}' is defined twice")
                                                   .format(id=t.item.id), field="id",
                              found=_("'{id}' again").format(id=t.item.id), expected=_("a unique id (first in {path})")
                                                                     .format(path=seen[t.item.id].path)))
        seen.setdefault(t.item.id, t)
        dims: set[str] = set()
        elements: set[str] = set()
        for i, d in enumerate(t.item.dimensions):
            if d.code in dims:
                out.append(_error("KC020", t.at("dimensions", i, "code"), _("dimension code '{code}' repeats")
                                                                          .format(code=d.code),
                                  field=f"dimensions[{i}].code", found=d.code, expected=_("unique dimension codes")))
            dims.add(d.code)
            for j, e in enumerate(d.elements):
                if e.code in elements:
                    out.append(_error("KC020", t.at("dimensions", i, "elements", j, "code"),
                                      _("element code '{code}' repeats").format(code=e.code), found=e.code,
                                      field=f"dimensions[{i}].elements[{j}].code",
                                      expected=_("element codes unique across the taxonomy")))
                elements.add(e.code)
    return out


def _period_problem(src: Sourced, loc: tuple, start: int, end: int, what: str) -> list[Diagnostic]:
    if start > end:
        return [_error("KC024", src.at(*loc, "start"), _("{what} starts after it ends").format(what=what),
                       field=_fp(loc + ("start",)),
                       found=_("start {start}, end {end}").format(start=start, end=end),
                       expected=_("start not after end"))]
    return []


def _check_plan(mp: Masterplan) -> list[Diagnostic]:
    if mp.plan is None:
        return []
    p, src = mp.plan.item, mp.plan
    out = _period_problem(src, ("period",), p.period.start, p.period.end, _("the plan period"))
    if p.rpjmd:
        out += _period_problem(src, ("rpjmd", "period"), p.rpjmd.period.start, p.rpjmd.period.end,
                               _("the RPJMD period"))
    problem = check_region_code(p.region.code, p.region.level)
    if problem:
        found, expected = problem
        out.append(_error("KC026", src.at("region", "code"), _("region code does not fit the region's level"),
                          field="region.code", found=found, expected=expected,
                          hint=_("Kemendagri codes: provinsi PP, kabupaten PP.01–PP.69, kota PP.71–PP.99.")))
    elif p.region.province:
        code = p.region.code.split(".")[0]
        official = provinces().get(code)
        if official and official.lower() != p.region.province.lower():
            out.append(_error("KC026", src.at("region", "province"), _("province does not match the region code"),
                              field="region.province", found=f"'{p.region.province}'",
                              expected=_("'{official}' (code {code})").format(official=official, code=code)))
    if p.members and p.region.level != "provinsi":
        out.append(_error("KC012", src.at("members", key=True), _("only a provinsi lists member kab/kota"),
                          field="members", found=_("members in a {level} plan").format(level=p.region.level),
                          expected=_("no members field"), hint=_("Remove `members`, or set region.level: provinsi.")))
    seen: set[str] = set()
    for i, m in enumerate(p.members):
        level = "kota" if m.code[-2:].isdigit() and int(m.code[-2:]) >= 71 else "kabupaten"
        problem = check_region_code(m.code, level)
        if problem or (p.region.level == "provinsi" and not m.code.startswith(p.region.code + ".")):
            found, expected = problem or (f"'{m.code}'", _("a kab/kota code of province {code}")
                                          .format(code=p.region.code))
            out.append(_error("KC026", src.at("members", i, "code"), _("member region code is not valid"),
                              field=f"members[{i}].code", found=found, expected=expected))
        if m.code in seen:
            out.append(_error("KC020", src.at("members", i, "code"), _("member '{code}' is listed twice")
                                                                     .format(code=m.code),
                              field=f"members[{i}].code", found=m.code, expected=_("each kab/kota once")))
        seen.add(m.code)
    lists: tuple[tuple[str, Sequence[Sasaran | Book]], ...] = (("sasaran", p.sasaran), ("books", p.books))
    for key, items in lists:
        ids: dict[str, int] = {}
        for i, item in enumerate(items):
            if item.id in ids:  # reported at the second occurrence, naming the first
                first_line = src.at(key, ids[item.id], "id")[1]
                out.append(_error("KC020", src.at(key, i, "id"), _("{key} id '{id}' is used twice")
                                                                 .format(key=key, id=item.id),
                                  field=f"{key}[{i}].id", found=_("'{id}' again").format(id=item.id),
                                  expected=_("unique ids (first used in {path}:{first_line})")
                                           .format(path=src.path, first_line=first_line)))
            ids.setdefault(item.id, i)
    edition_ids: dict[str, int] = {}
    book_ids = {b.id for b in p.books}
    for i, e in enumerate(p.editions):
        if e.id in edition_ids:
            out.append(_error("KC020", src.at("editions", i, "id"), _("edition id '{id}' is used twice")
                                                                    .format(id=e.id),
                              field=f"editions[{i}].id", found=_("'{id}' again").format(id=e.id),
                              expected=_("unique ids (first used in {path}:{at})")
                                       .format(path=src.path, at=src.at('editions', edition_ids[e.id], 'id')[1])))
        edition_ids.setdefault(e.id, i)
        out += _period_problem(src, ("editions", i, "period"), e.period.start, e.period.end, f"edition {e.id}")
        for j, b in enumerate(e.books):
            if b not in book_ids:
                out.append(_unresolved(src, ("editions", i, "books", j), "book", b, book_ids, "plan.yaml books"))
    opds = mp.opds
    if mp.opd_file is not None:
        for i, body in enumerate(p.governance):
            for j, member in enumerate(body.members):
                if member.opd and member.opd not in opds:
                    out.append(_unresolved(src, ("governance", i, "members", j, "opd"), "OPD", member.opd, opds,
                                           "opd.yaml"))
    return out


def _check_opds(mp: Masterplan) -> list[Diagnostic]:
    if mp.opd_file is None:
        return []
    out = []
    seen: dict[str, int] = {}
    for i, o in enumerate(mp.opd_file.item.opd):
        key = o.id.lower()
        if key in seen:
            out.append(_error("KC020", mp.opd_file.at("opd", i, "id"), _("OPD '{id}' is listed twice")
                                                                       .format(id=o.id),
                              field=f"opd[{i}].id", found=_("'{id}' again").format(id=o.id),
                              expected=_("each OPD once (first as item {value}, opd.yaml:{at})")
                                       .format(value=seen[key] + 1, at=mp.opd_file.at('opd', seen[key], 'id')[1])))
        seen.setdefault(key, i)
    return out


def _check_ids(mp: Masterplan) -> list[Diagnostic]:
    """Programme and indicator ids share one namespace across the repository."""
    out = []
    first: dict[str, Sourced] = {}
    identified: list[Sourced[Programme] | Sourced[Indicator]] = [*mp.programmes, *mp.indicators]
    for src in identified:
        key = src.item.id
        if key in first:
            other = first[key]
            line = other.at("id")[1]
            out.append(_error("KC020", src.at("id"), _("id '{key}' is already used").format(key=key), field="id",
                              found=_("'{key}' again").format(key=key),
                              expected=_("a unique id (first used in {path}:{line})")
                                                               .format(path=other.path, line=line),
                              hint=_("Give this item a new id; ids must never be reused, since diff matches items "
                                     "by id.")))
        else:
            first[key] = src
    return out


def _check_dimensions(mp: Masterplan) -> list[Diagnostic]:
    out = []
    seen: dict[str, Sourced] = {}
    for d in mp.dimensions:
        code = d.item.dimension
        if code not in mp.taxonomy.dimensions:
            out.append(_unresolved(d, ("dimension",), "dimension", code, mp.taxonomy.dimensions,
                                   _("the taxonomy {id}").format(id=mp.taxonomy.taxonomy.id)))
        elif code in seen:
            out.append(_error("KC020", d.at("dimension"), _("dimension '{code}' already has a file")
                                                          .format(code=code),
                              field="dimension", found=_("'{code}' again").format(code=code),
                              expected=_("one file per dimension (first: {path})")
                                       .format(path=seen[code].path)))
        seen.setdefault(code, d)
    return out


def _within_period(mp: Masterplan, src: Sourced, loc: tuple, year: int, what: str,
                   programme=None) -> list[Diagnostic]:
    if mp.plan is None:
        return []
    from .editions import allowed_years

    period = mp.plan.item.period
    if period.start > period.end:  # an inverted period is KC024
        return []
    spans = allowed_years(mp.plan.item, programme)
    if any(start <= year <= end for start, end in spans):
        return []
    if not mp.plan.item.editions:
        return [_error("KC023", src.at(*loc), _("{what} {year} is outside the plan period")
                                              .format(what=what, year=year), field=_fp(loc),
                       found=str(year), expected=_("a year from {start} to {end} (plan.yaml period)")
                                                 .format(start=period.start, end=period.end))]
    shown = ", ".join(f"{a}-{b}" for a, b in spans)
    return [_error("KC023", src.at(*loc), _("{what} {year} is outside the periods of its editions")
                                          .format(what=what, year=year), field=_fp(loc),
                   found=str(year), expected=_("a year within an edition's period ({shown}) or the plan period "
                                               "({start}-{end})")
                                             .format(shown=shown, start=period.start, end=period.end))]


def _known_ids(repo, kind: str, items: list[Sourced]) -> tuple[set[str], bool]:
    """Ids of the items of one kind, including those of files that failed the schema but still name an id
    (so one broken file does not also make every reference to it "unknown"); and whether the set is
    complete (False when a file of that kind could not be read at all)."""
    ids = {s.item.id for s in items}
    complete = True
    for f in repo.files:
        if f.kind != kind or f.model is not None:
            continue
        data = f.doc.data if f.doc is not None else None
        if isinstance(data, dict) and isinstance(data.get("id"), str):
            ids.add(data["id"])
        else:
            complete = False
    return ids, complete


def _check_programmes(mp: Masterplan) -> list[Diagnostic]:
    out = []
    opds = mp.opds
    indicators, all_known = _known_ids(mp.repo, "indicator", mp.indicators)
    tax = mp.taxonomy
    for src in mp.programmes:
        p = src.item
        if p.dimension is None:
            pass  # not known: KC130 (lint) asks for it; an element alone cannot be checked against it
        elif p.dimension not in tax.dimensions:
            out.append(_unresolved(src, ("dimension",), "dimension", p.dimension, tax.dimensions,
                                   _("the taxonomy {id}").format(id=tax.taxonomy.id)))
        elif p.element is not None and p.element not in tax.elements(p.dimension):
            owner = tax.dimension_of_element(p.element)
            if owner:
                # A region may file a programme under another dimension than the taxonomy puts its element in
                # (real masterplans do): a warning that names the taxonomy's choice, not an error.
                line, col = src.at("element")[1:]
                out.append(Diagnostic("KC022", Severity.WARNING, src.path, line, col,
                                      _("element '{element}' belongs to dimension '{owner}' in {id}, not "
                                        "'{dimension}'")
                                      .format(element=p.element, owner=owner, id=tax.taxonomy.id,
                                              dimension=p.dimension), field="element",
                                      found=_("'{element}' under '{dimension}'")
                                            .format(element=p.element, dimension=p.dimension),
                                      expected=_("dimension '{owner}' (the taxonomy's choice), or an element of "
                                                 "'{dimension}': {elements}")
                                      .format(owner=owner, dimension=p.dimension,
                                              elements=", ".join(tax.elements(p.dimension))),
                                      hint=_("If the region files it under '{dimension}' on purpose, keep it; else "
                                             "change the dimension to '{owner}'.")
                                           .format(dimension=p.dimension, owner=owner)))
            else:
                out.append(_unresolved(src, ("element",), "element", p.element, tax.elements(p.dimension),
                                       _("the taxonomy {id}").format(id=tax.taxonomy.id), of=p.dimension))
        if mp.plan is not None:
            editions = {e.id for e in mp.plan.item.editions}
            for i, eid in enumerate(p.editions):
                if eid not in editions:
                    out.append(_unresolved(src, ("editions", i), "edition", eid, editions, "plan.yaml editions"))
        for i, extra in enumerate(p.secondary_dimensions):
            if extra not in tax.dimensions:
                out.append(_unresolved(src, ("secondary_dimensions", i), "dimension", extra, tax.dimensions,
                                       _("the taxonomy {id}").format(id=tax.taxonomy.id)))
        if mp.opd_file is not None:
            if p.owner is not None and p.owner not in opds:
                out.append(_unresolved(src, ("owner",), "OPD", p.owner, opds, "opd.yaml"))
            for i, o in enumerate(p.supporting):
                if o not in opds:
                    out.append(_unresolved(src, ("supporting", i), "OPD", o, opds, "opd.yaml"))
        for i, ind in enumerate(p.indicators):
            if ind not in indicators and all_known:
                out.append(_unresolved(src, ("indicators", i), "indicator", ind, indicators, "indicators/"))
        if p.start is not None and p.end is not None and p.start > p.end:
            out += _period_problem(src, (), p.start, p.end, f"programme {p.id}")
        if p.start is not None:
            out += _within_period(mp, src, ("start",), p.start, _("start year"), p)
        if p.end is not None:
            out += _within_period(mp, src, ("end",), p.end, _("end year"), p)
        for i, funding in enumerate(p.funding):
            out += _within_period(mp, src, ("funding", i, "year"), funding.year, _("funding year"), p)
    return out


def _check_indicators(mp: Masterplan) -> list[Diagnostic]:
    out = []
    opds = mp.opds
    sasaran = {s.id for s in mp.plan.item.sasaran} if mp.plan else set()
    for src in mp.indicators:
        ind = src.item
        if ind.opd is not None and mp.opd_file is not None and ind.opd not in opds:
            out.append(_unresolved(src, ("opd",), "OPD", ind.opd, opds, "opd.yaml"))
        for i, sid in enumerate(ind.sasaran):
            if mp.plan is not None and sid not in sasaran:
                out.append(_unresolved(src, ("sasaran", i), "sasaran", sid, sasaran, "plan.yaml sasaran"))
        seen: dict[int, int] = {}
        for i, t in enumerate(src.item.targets):
            if t.year in seen:
                first_line = src.at("targets", seen[t.year], "year")[1]
                out.append(_error("KC020", src.at("targets", i, "year"), _("year {year} appears twice in targets")
                                                                         .format(year=t.year),
                                  field=f"targets[{i}].year", found=str(t.year),
                                  expected=_("each year once (first in {path}:{first_line})")
                                           .format(path=src.path, first_line=first_line)))
            seen.setdefault(t.year, i)
            out += _within_period(mp, src, ("targets", i, "year"), t.year, _("target year"))
    return out


def _check_stages(mp: Masterplan) -> list[Diagnostic]:
    out = []
    seen: dict[str, Sourced] = {}
    opds = mp.opds
    books = {b.id for b in mp.plan.item.books} if mp.plan else set()
    previous = None
    for src in mp.stages:
        s = src.item
        if s.stage in seen:
            out.append(_error("KC020", src.at("stage"), _("stage '{stage}' has two files")
                                                        .format(stage=s.stage), field="stage",
                              found=_("'{stage}' again").format(stage=s.stage),
                              expected=_("one file per stage (first: {path})")
                                                                   .format(path=seen[s.stage].path)))
            continue
        seen[s.stage] = src
        if s.dates and s.dates.end and s.dates.end < s.dates.start:
            out.append(_error("KC024", src.at("dates", "end"), _("stage ends before it starts"), field="dates.end",
                              found=_("start {start}, end {end}")
                                    .format(start=s.dates.start, end=s.dates.end), expected=_("end on or after start")))
        if s.dates:
            if previous is not None and previous[1] > s.dates.start:
                out.append(_error("KC025", src.at("dates", "start"),
                                  _("stage {stage} is dated before stage {previous}")
                                  .format(stage=s.stage, previous=previous[0]), field="dates.start",
                                  found=_("{start} (stage {previous} ends {previous2})")
                                        .format(start=s.dates.start, previous=previous[0], previous2=previous[1]),
                                  expected=_("a date after stage {previous}").format(previous=previous[0]),
                                  hint=_("Bimtek stages run in order: pra-bimtek, I, II, III, IV.")))
            previous = (s.stage, s.dates.end or s.dates.start)
        for i, d in enumerate(s.deliverables):
            if d.book and books and d.book not in books:
                out.append(_unresolved(src, ("deliverables", i, "book"), "book", d.book, books, "plan.yaml books"))
        if s.commitment and mp.opd_file is not None:
            for i, sig in enumerate(s.commitment.signatories):
                if sig.opd and sig.opd not in opds:
                    out.append(_unresolved(src, ("commitment", "signatories", i, "opd"), "OPD", sig.opd, opds,
                                           "opd.yaml"))
    return out


def prose_fields(model, loc=()):
    """Every (loc, ProseFile) inside a model, recursively."""
    if isinstance(model, ProseFile):
        yield loc, model
        return
    if isinstance(model, list):
        for i, v in enumerate(model):
            yield from prose_fields(v, loc + (i,))
        return
    if not isinstance(model, BaseModel):
        return
    for name in _fields_with_models(type(model)):
        value = getattr(model, name)
        if value is not None and not isinstance(value, (str, int, float, bool)):
            yield from prose_fields(value, loc + (name,))


@cache
def _fields_with_models(cls: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a model class whose declared type can hold a model (a ProseFile or a model that may
    contain one); the others (text, numbers, dates, enums) need no look."""
    return tuple(name for name, f in cls.model_fields.items() if _may_hold_model(f.annotation))


def _may_hold_model(tp) -> bool:
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return True
    return any(_may_hold_model(arg) for arg in get_args(tp))


def resolve_prose_path(doc_path: str, ref: str) -> str | None:
    """The repository-relative path a prose reference names (relative to the YAML file's folder), or None
    when it leaves the repository."""
    parts: list[str] = []
    for part in (PurePosixPath(doc_path).parent / ref).parts:
        if part in ("", "."):
            continue
        if part == "..":
            if not parts:
                return None
            parts.pop()
        elif part.startswith("/"):
            return None
        else:
            parts.append(part)
    return "/".join(parts) if parts else None


class _LazyWhere:
    """(line, column) of a value, located only when unpacked into a diagnostic."""

    def __init__(self, doc, loc: tuple) -> None:
        self.doc, self.loc = doc, loc

    def __iter__(self):
        return iter(self.doc.locate(self.loc))


def _check_prose(mp: Masterplan) -> list[Diagnostic]:
    out = []
    repo = mp.repo
    real_root = repo.root.resolve() if repo.blobs is None else None
    for f in repo.files:
        if f.model is None or f.kind in ("config", "taxonomy"):
            continue
        for loc, ref in prose_fields(f.model):
            rel = resolve_prose_path(f.rel, ref.file)
            where = _LazyWhere(f.doc, loc + ("file",))  # positions cost a re-parse: only when reported
            if any(ord(c) < 32 for c in ref.file):  # a NUL byte would crash the file system calls below
                out.append(_error("KC027", (f.rel, *where), _("prose file name contains a control character"),
                                  field=_fp(loc + ("file",)), found=repr(ref.file),
                                  expected=_("a file name of printable characters")))
                continue
            if rel is not None and real_root is not None:
                try:
                    inside = (repo.root / rel).resolve().is_relative_to(real_root)
                except (OSError, RuntimeError):  # a link that loops: reported below as missing
                    inside = True
                if not inside:
                    rel = None  # a symbolic link that leads out
            if rel is None:
                out.append(_error("KC027", (f.rel, *where), _("prose file lies outside the repository"),
                                  field=_fp(loc + ("file",)), found=ref.file,
                                  expected=_("a Markdown file inside the repository")))
            elif (problem := _prose_file_problem(repo, rel)) is not None:
                out.append(_error(problem[0], (f.rel, *where), _(problem[1]).format(file=ref.file),
                                  field=_fp(loc + ("file",)), found=problem[2], expected=problem[3]))
            elif not repo.exists(rel):
                out.append(_error("KC027", (f.rel, *where), _("prose file '{file}' does not exist")
                                                            .format(file=ref.file),
                                  field=_fp(loc + ("file",)), found=ref.file, expected=_("a Markdown file at {rel}")
                                                                                       .format(rel=rel),
                                  hint=_("Paths are relative to the folder of this YAML file.")))
            elif PurePosixPath(rel).suffix.lower() not in (".md", ".markdown"):
                out.append(_error("KC027", (f.rel, *where), _("prose file is not Markdown"),
                                  field=_fp(loc + ("file",)), found=ref.file, expected=_("a .md file")))
    return out


def _prose_file_problem(repo, rel: str) -> tuple[str, str, str, str] | None:
    """(code, message, found, expected) when a prose file on disk is there but may not be read: not a
    regular file (a named pipe would block every reader), or above limits.max_file_bytes (the bound the
    YAML has). Checked from its metadata only; nothing is read."""
    import os
    import stat as stat_

    from .repository import UnreadBlob, limits_of

    limit = limits_of(repo.config).max_file_bytes
    if repo.blobs is not None:
        raw = repo.blobs.get(rel)
        if isinstance(raw, UnreadBlob):
            return ("KC006", N_("prose file '{file}' is too large"), _("{size:,} bytes").format(size=raw.size),
                    _("at most {limit:,} bytes (limits.max_file_bytes)").format(limit=limit))
        return None
    try:
        st = os.stat(repo.root / rel)
    except OSError:
        return None  # missing or unreadable: the existence check says so
    if not stat_.S_ISREG(st.st_mode):
        return ("KC027", N_("prose file '{file}' is not a regular file"), _("a device, named pipe or socket"),
                _("a Markdown file"))
    if st.st_size > limit:
        return ("KC006", N_("prose file '{file}' is too large"), _("{size:,} bytes").format(size=st.st_size),
                _("at most {limit:,} bytes (limits.max_file_bytes)").format(limit=limit))
    return None
