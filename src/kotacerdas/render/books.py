"""The books a region delivers (Buku I Analisis Strategis, II Masterplan, III Ringkasan Eksekutif / Quick
Win, IV Peta Jalan): which chapters each holds, as data, and the book content of `plan.yaml`'s
`publication:` block as template context.

    books_of(renderer)                     -> [BookSpec]   (the plan's books, or the four defaults)
    restrict(renderer, chapters)           -> Renderer     (the same prepared plan, chapters renumbered BAB I…)
    publication_context(builder, mp, ids)  -> dict | None  (plan.publication for templates)
    flagship_context(builder, mp, ids)     -> list          (plan.program_unggulan for templates)

A book's chapters are named by slug (`peta-jalan`); `plan.books[].chapters` replaces the default list
of its number; a book whose number has no default holds every chapter. Chapters are numbered within
the book (each book starts at BAB I), as printed books are.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from .formatting import letter, roman

# Default contents per book number. "*" = every chapter and appendix (the masterplan itself); slugs not
# rendered (a chapter dropped by an empty title, a new chapter without data) are skipped.
DEFAULT_CONTENTS: dict[int, tuple[str, ...]] = {
    1: ("pendahuluan", "arah-pembangunan", "analisis-strategis", "penutup", "tahapan-bimtek"),
    2: ("*",),
    3: ("arah-pembangunan", "program-unggulan", "quick-win", "anggaran", "penutup", "komitmen-bersama"),
    4: ("peta-jalan", "anggaran", "monitoring-evaluasi", "koordinasi-penganggaran", "penutup"),
}


@dataclass
class BookSpec:
    number: int
    id: str
    title: str
    status: str | None
    slugs: tuple[str, ...]

    @property
    def file_stem(self) -> str:
        return f"buku-{self.number}"


class EngineMissing(Exception):
    """The typesetting engine (typst) or python-docx is not installed; the message says what to install."""

    def diagnostic(self):
        from ..diagnostics import Diagnostic, Severity
        from ..i18n import _

        return Diagnostic("KC204", Severity.ERROR, "kotacerdas.yaml", 1, 1, str(self), found=str(self),
                          expected=_("the Python package named, installed in kotacerdas' environment"))


class BookNotFound(Exception):
    def __init__(self, wanted: int, available: list[int]) -> None:
        from ..i18n import _

        super().__init__(_("no book {wanted}; the plan has books {books}").format(
            wanted=wanted, books=", ".join(str(n) for n in available)))


def books_of(renderer) -> list[BookSpec]:
    """The plan's books in number order (plan.yaml `books:`), else the four default ones."""
    plan = renderer.mp.plan.item if renderer.mp.plan is not None else None
    words = renderer.base["labels"]["book"]
    region = renderer.base["plan"]["region"]["name"]
    if plan is not None and plan.books:
        return [BookSpec(b.number, b.id, b.title, b.status,
                         tuple(b.chapters) if b.chapters is not None else DEFAULT_CONTENTS.get(b.number, ("*",)))
                for b in sorted(plan.books, key=lambda b: (b.number, b.id))]
    return [BookSpec(n, f"buku-{n}", f"{words['word']} {roman(n)} {words['default_titles'][str(n)]} {region}", None,
                     DEFAULT_CONTENTS[n]) for n in sorted(DEFAULT_CONTENTS)]


def select_book(books: list[BookSpec], number: int) -> BookSpec:
    for b in books:
        if b.number == number:
            return b
    raise BookNotFound(number, [b.number for b in books])


def restrict(renderer, slugs: tuple[str, ...] | list[str]):
    """A copy of the renderer that holds only these chapters (in the order of the whole book), numbered
    afresh: BAB I, II, … and Lampiran A, B, …. "*" keeps every chapter. Chapter bodies are rendered
    again (their section numbers follow the chapter number)."""
    wanted = set(slugs)
    keep = [c for c in renderer.chapters if "*" in wanted or c.slug in wanted]
    out = copy.copy(renderer)
    out.bodies = {}
    labels = renderer.base["labels"]
    counters = [0, 0]
    chapters = []
    for c in keep:
        counters[c.group] += 1
        n = counters[c.group]
        word = labels["chapter_word"] if c.group == 0 else labels["appendix_word"]
        chapters.append(dataclasses.replace(c, number=n, label=f"{word} {roman(n) if c.group == 0 else letter(n)}"))
    out.chapters = chapters
    return out


# --- plan.publication as template context ------------------------------------------------------------------


def publication_context(b, mp, programme_by_id: dict) -> dict | None:
    """`plan.publication` for templates, None when plan.yaml has no `publication:`. Values stay raw and
    None stays None (a template prints "belum diketahui", never 0)."""
    if mp.plan is None or mp.plan.item.publication is None:
        return None
    src = mp.plan
    pub = mp.plan.item.publication
    base = ("publication",)

    def prose(value, *loc):
        return b.prose(src, value, base + loc)

    def foreword(f, key):
        if f is None:
            return None
        return {"text": prose(f.text, key, "text"), "name": f.name, "position": f.position, "place": f.place,
                "date": f.date}

    def programme_refs(ids):
        return [{"id": i, "name": programme_by_id[i]["name"] if i in programme_by_id else None} for i in ids]

    sasaran = {s.id: s.text for s in mp.plan.item.sasaran}
    approval = None
    if pub.approval is not None:
        a = pub.approval
        approval = {"title": a.title, "regulation": b.cite(a.regulation), "place": a.place, "date": a.date,
                    "signatories": [{"position": s.position, "name": s.name, "opd": s.opd,
                                     "opd_name": b.opd_name(s.opd) if s.opd else "", "signed": s.signed}
                                    for s in a.signatories]}
    infra = None
    if pub.infrastructure is not None:
        i = pub.infrastructure
        infra = {k: prose(getattr(i, k), "infrastructure", k)
                 for k in ("integration", "network", "data_centre", "command_centre")}
        if not any(infra.values()):
            infra = None
    lanes = []
    for lane in pub.roadmap_lanes:
        years = sorted(lane.years, key=lambda y: y.year)
        known = [y.amount for y in years if y.amount is not None]
        lanes.append({"id": lane.id, "name": lane.name, "programmes": programme_refs(lane.programmes),
                      "years": [{"year": y.year, "amount": y.amount, "note": y.note} for y in years],
                      "total": sum(known) if known else None, "complete": len(known) == len(years)})
    lane_years = sorted({y["year"] for lane in lanes for y in lane["years"]})
    return {
        "logo": pub.logo, "edition": pub.edition, "year": pub.year,
        "sambutan": foreword(pub.sambutan, "sambutan"),
        "kata_pengantar": foreword(pub.kata_pengantar, "kata_pengantar"),
        "approval": approval,
        "maksud": prose(pub.maksud, "maksud"), "tujuan": list(pub.tujuan),
        "metodologi": prose(pub.metodologi, "metodologi"), "sistematika": prose(pub.sistematika, "sistematika"),
        "iku": [{"sasaran": k.sasaran, "sasaran_text": sasaran.get(k.sasaran), "name": k.name, "unit": k.unit,
                 "baseline": k.baseline, "target": k.target, "formula": k.formula, "opd": k.opd,
                 "opd_name": b.opd_name(k.opd) if k.opd else None} for k in pub.iku],
        "infrastructure": infra,
        "sdm": prose(pub.sdm, "sdm"), "pola_pikir": prose(pub.pola_pikir, "pola_pikir"),
        "koordinasi": prose(pub.koordinasi, "koordinasi"), "penganggaran": prose(pub.penganggaran, "penganggaran"),
        "roadmap_lanes": lanes, "lane_years": lane_years,
        "penutup": prose(pub.penutup, "penutup"),
    }


def flagship_context(b, mp, programme_by_id: dict) -> list[dict]:
    """plan.yaml `program_unggulan` for templates: each with `name`, `description` (prose or None) and
    `programmes` (`id`, `name`: None for an id that names no programme)."""
    if mp.plan is None:
        return []
    return [{"name": f.name, "description": b.prose(mp.plan, f.description, ("program_unggulan", n, "description")),
             "programmes": [{"id": i, "name": programme_by_id[i]["name"] if i in programme_by_id else None}
                            for i in f.programmes]}
            for n, f in enumerate(mp.plan.item.program_unggulan)]


# --- one entry point for every format ------------------------------------------------------------------------

BOOK_FORMATS = ("pdf", "docx")


def render_books(renderer, fmt: str, *, book: int | None = None,
                 chapter: str | Sequence[str] | None = None,
                 single: bool = False):
    """`render --format FMT [--book N] [--single]`: md and html as before (with `book`: only that book's
    chapters, numbered within it); pdf and docx: one file per book (`buku-N.pdf`), or with `single` the
    whole masterplan as one (`masterplan.pdf`). Raises BookNotFound for an unknown `book`."""
    books = books_of(renderer)
    chosen = [select_book(books, book)] if book is not None else books
    if fmt not in BOOK_FORMATS:
        target = restrict(renderer, chosen[0].slugs) if book is not None else renderer
        return target.render(fmt, chapter=chapter, single=single)
    if fmt == "pdf":
        from .pdf import pdf_files

        return pdf_files(renderer, chosen, single=single and book is None)
    from .docx import docx_files

    return docx_files(renderer, chosen, single=single and book is None)
