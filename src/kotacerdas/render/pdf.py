"""The books as PDF, typeset by Typst (the `typst` wheel: a self-contained engine, no system library).

    pdf_files(renderer, books, single=False) -> RenderResult(files={"buku-1.pdf": b"%PDF…", …})

Why Typst and not WeasyPrint (both tried on Garut, docs/books.md): all four Garut books take about 0.2 s
where WeasyPrint needed 14 s for the single 130-page book, Typst needs no Pango from the system, ships its
fonts (Libertinus Serif covers Indonesian and the ■ ★ ✔ ✘ marks) so the bytes are the same on every
machine, and gives the daftar isi with page numbers, the PDF outline, repeated table headers and the
document metadata by itself.

Each chapter is its Markdown (the same text as `--format md`) converted block by block (render/blocks.py)
into Typst markup in which every text from the repository is a Typst string literal (`#"…"`), so markup
characters, `<script>` or Typst's own `#`, `$`, `@` print as text. The page layout (cover, lembar
pengesahan, sambutan, daftar isi, running header, page numbers) is `templates/pdf/book.typ`, which a
repository can replace; cover and signature data come as data.json.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import tempfile
from pathlib import Path, PurePosixPath

from ..diagnostics import Diagnostic, Severity
from .blocks import Captions, Code, Heading, ListBlock, Para, Quote, Rule, Span, Table, columns, parse_blocks
from .books import BookSpec, EngineMissing, restrict
from .engine import RenderResult
from .environment import template_diagnostic
from .formatting import Formatter
from ..fsutil import os_problem
from ..i18n import N_, _

TEMPLATE = "pdf/book.typ"
INSTALL_HINT = N_("PDF output needs the Python package `typst` (a self-contained wheel, no system library): "
                "install it with `.venv/bin/pip install typst`, or reinstall kotacerdas "
                "(`.venv/bin/pip install -e .`), which depends on it.")


# --- Typst markup from blocks ------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def typ_str(text: str) -> str:
    """A Typst string literal: the text exactly, whatever it contains."""
    text = _CONTROL.sub("", text)
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "") + '"'


def _spans(spans: list[Span]) -> str:
    out = []
    for s in spans:
        if s.br:
            out.append("#linebreak()")
            continue
        piece = f"#raw({typ_str(s.text)})" if s.code else f"#{typ_str(s.text)}"
        if s.bold:
            piece = f"#strong[{piece}]"
        if s.italic:
            piece = f"#emph[{piece}]"
        if s.strike:
            piece = f"#strike[{piece}]"
        if s.href:
            piece = f"#link({typ_str(s.href)})[{piece}]"
        out.append(piece)
    return "".join(out)


WIDE_COLUMNS = 9  # a table with this many columns (the year-by-year roadmap grid) gets a landscape page
WIDE_PAGE = "#wide-page["


class TypstWriter:
    """One chapter's blocks as Typst markup. `figures` maps a Mermaid block's text to the SVG file drawn for
    it; tables and figures get a caption from the section they are in."""

    def __init__(self, figures: dict[str, tuple[str, str]], chapter_title: str = "") -> None:
        self.figures = figures
        self.captions = Captions(chapter_title)

    def blocks(self, blocks: list) -> str:
        out: list[str] = []
        previous = None
        for b in blocks:
            x = self.block(b)
            if not x:
                continue
            if x.startswith(WIDE_PAGE) and isinstance(previous, Heading) and out:
                # the heading over a landscape table goes onto its page, not alone at the end of the last one
                x = WIDE_PAGE + out.pop() + "\n\n" + x[len(WIDE_PAGE):]
            out.append(x)
            previous = b
        return "\n\n".join(out)

    def block(self, b) -> str:
        if isinstance(b, Heading):
            self.captions.heading(b)
            return f"#heading(level: {b.level})[{_spans(b.spans)}]"
        if isinstance(b, Para):
            return _spans(b.spans)
        if isinstance(b, Table):
            return self.table(b)
        if isinstance(b, ListBlock):
            items = ", ".join(f"[{self.blocks(item)}]" for item in b.items)
            return f"#enum(start: {b.start}, {items})" if b.ordered else f"#list({items})"
        if isinstance(b, Quote):
            return f"#quote(block: true)[{self.blocks(b.blocks)}]"
        if isinstance(b, Code):
            if b.info == "mermaid" and b.text in self.figures:
                path, caption = self.figures[b.text]
                return (f"#figure(image({typ_str(path)}, width: 100%), kind: image, "
                        f"caption: [#{typ_str(caption)}])")
            return f"#raw(block: true, {typ_str(b.text)})"
        if isinstance(b, Rule):
            return "#line(length: 100%, stroke: 0.4pt)"
        return ""

    def table(self, t: Table) -> str:
        n = max([len(t.head)] + [len(r) for r in t.rows]) or 1
        align = [a for a in t.align] + ["left"] * (n - len(t.align))
        cells = ", ".join(f"[{_spans(c)}]" for c in t.head)
        body = ", ".join(f"[{_spans(c)}]" for row in t.rows for c in (row + [[]] * (n - len(row)))[:n])
        table = (f"table(columns: {_columns(t)}, align: ({', '.join(align)},), "
                 f"table.header({cells}), {body})")
        caption = self.captions.caption()
        figure = f"#figure({table}, kind: table, caption: [#{typ_str(caption)}])"
        return f"{WIDE_PAGE}{figure}]" if n >= WIDE_COLUMNS else figure


def _columns(t: Table) -> str:
    """Typst column widths (blocks.columns): `auto` for a column of short values, else a share (fr)."""
    return "(" + ", ".join("auto" if c.natural else f"{c.share}fr" for c in columns(t)) + ",)"


# --- one book ----------------------------------------------------------------------------------------------


def source_date_epoch(root) -> int | None:
    """The creation date of the PDF: SOURCE_DATE_EPOCH, else the time of the repository's last git commit,
    else none (the PDF then has no date, and is still the same bytes every time)."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value.isdigit():
        return int(value)
    try:
        done = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%ct"], capture_output=True,
                              text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    out = done.stdout.strip()
    return int(out) if done.returncode == 0 and out.isdigit() else None


def _foreword_signer(f: dict | None, fmt: Formatter, L: dict) -> dict | None:
    if f is None:
        return None
    return {"name": f["name"], "position": f["position"] or "", "place_date": _place_date(f["place"], f["date"], fmt)}


def _place_date(place, date, fmt: Formatter) -> str | None:
    parts = [x for x in (place, fmt.date(date) if date else None) if x]
    return ", ".join(parts) if parts else None


def book_data(base: dict, title: str, subtitle: str | None, logo: str | None) -> dict:
    """data.json: what the layout prints outside the chapters (cover, signature page, labels). The PDF and
    the Word books both print it. What `publication` writes wins; else the edition rendered (plan.yaml
    `editions:`) gives the cover its edition ("Edisi 2019–2023") and year (its regulation's), and the lembar
    pengesahan its adopting regulation; what neither knows is None, printed as nothing."""
    plan = base["plan"]
    L = base["labels"]
    fmt = Formatter(base["lang"])
    pub = plan.get("publication") or {}
    edition = plan.get("edition") or {}
    edition_regulation = edition.get("regulation")
    approval = pub.get("approval")
    if approval is not None:
        signatories = approval["signatories"]
        regulation = approval["regulation"] or edition_regulation
        approval_data = {"title": approval["title"],
                         "regulation": regulation["citation"] if regulation else None,
                         "place_date": _place_date(approval["place"], approval["date"], fmt)}
    else:  # no signature page written: the joint commitment's signatories, the latest one
        commitment = base["commitments"][-1] if base["commitments"] else None
        signatories = commitment["signatories"] if commitment else []
        approval_data = {"title": commitment["title"] if commitment else None,
                         "regulation": edition_regulation["citation"] if edition_regulation else None,
                         "place_date": _place_date(commitment["place"], commitment["date"], fmt) if commitment
                         else None}
    approval_data["signatories"] = [{"position": s["position"], "name": s["name"]} for s in signatories]
    region = plan["region"]
    year = pub.get("year") or (edition_regulation["year"] if edition_regulation else None)
    return {
        "lang": base["lang"], "title": title, "subtitle": subtitle, "region": region["name"],
        "government": L["book"]["government"].format(region=region["name"]),
        "province": region["province"] if region["level"] != "provinsi" and region["province"] else None,
        "edition": pub.get("edition") or edition.get("label"), "year": str(year) if year else None, "logo": logo,
        "approval": approval_data,
        "sambutan": _foreword_signer(pub.get("sambutan"), fmt, L),
        "pengantar": _foreword_signer(pub.get("kata_pengantar"), fmt, L),
        "labels": dict(L["book"], contents=L["contents"]),
    }


def _chapter_markup(renderer, chapters, figures) -> tuple[list[str], list[Diagnostic]]:
    parts, problems = [], []
    for c in chapters:
        try:
            md = renderer._body(c)
        except Exception as exc:
            problems.append(template_diagnostic(exc, renderer.loader, c.template))
            continue
        blocks = parse_blocks(md)
        if blocks and isinstance(blocks[0], Heading) and blocks[0].level == 1:
            blocks = blocks[1:]  # the layout's "# BAB I Pendahuluan": the Typst chapter() prints it
        writer = TypstWriter(figures, c.title)
        numeral = str(c.number) if c.group == 0 else c.label.split()[-1]  # tables 4.1, A.1
        parts.append(f"#chapter({typ_str(c.label)}, {typ_str(c.title)}, {typ_str(numeral)})[\n"
                     f"{writer.blocks(blocks)}\n]\n")
    return parts, problems


def _prose_markup(text) -> str:
    if not text:
        return "none"
    from .markdown import shift_headings

    return "[" + TypstWriter({}).blocks(parse_blocks(shift_headings(str(text), 2, drop_title=True))) + "]"


def _logo(mp, base) -> tuple[str | None, bytes | None, Diagnostic | None]:
    pub = base["plan"].get("publication") or {}
    rel = pub.get("logo")
    if not rel:
        return None, None, None
    suffix = PurePosixPath(rel).suffix.lower()
    src = mp.plan
    where = src.path if src is not None else "plan.yaml"
    line, col = 1, 1
    doc = mp.repo.doc(where)
    if doc is not None:
        line, col = doc.locate(("publication", "logo"))
    if suffix not in (".png", ".jpg", ".jpeg", ".svg"):
        return None, None, Diagnostic("KC203", Severity.ERROR, where, line, col,
                                      _("the logo '{path}' is not a PNG, JPG or SVG file").format(path=rel),
                                      expected=_("a .png, .jpg or .svg file in the repository"))
    try:
        from ..checks import resolve_prose_path

        path = resolve_prose_path(where, rel)
        if path is None or not mp.repo.exists(path):
            raise OSError("the file does not exist")
        data = mp.repo.read(path)
    except OSError as exc:
        return None, None, Diagnostic("KC203", Severity.ERROR, where, line, col,
                                      _("cannot read the logo '{path}': {reason}").format(
                                          path=rel, reason=os_problem(exc)),
                                      expected=_("an image file inside the repository, relative to plan.yaml"))
    return f"logo{suffix}", data, None


def _compile(files: dict[str, bytes], timestamp: int | None) -> bytes:
    try:
        import typst
    except ImportError as exc:
        raise EngineMissing(_(INSTALL_HINT)) from exc
    with tempfile.TemporaryDirectory(prefix="kotacerdas-pdf-") as tmp:
        for name, data in files.items():
            (Path(tmp) / name).write_bytes(data)
        return typst.compile(str(Path(tmp) / "main.typ"), root=tmp, font_paths=[], ignore_system_fonts=True,
                             timestamp=timestamp)


def pdf_files(renderer, books: list[BookSpec], *, single: bool = False) -> RenderResult:
    """Every book (or, with `single`, the whole masterplan as one book) as PDF bytes."""
    result = RenderResult(diagnostics=list(renderer.diagnostics), chapters=list(renderer.chapters))
    if not result.ok:
        return result
    base = renderer.base
    try:
        layout = renderer.loader.get_source(renderer.md_env, TEMPLATE)[0]
    except Exception as exc:
        result.diagnostics.append(template_diagnostic(exc, renderer.loader, TEMPLATE))
        return result
    logo_name, logo_bytes, problem = _logo(renderer.mp, base)
    if problem is not None:
        result.diagnostics.append(problem)
        return result
    timestamp = source_date_epoch(renderer.mp.repo.root)
    roadmap = base["roadmap"]
    figures = {roadmap["mermaid"]: ("gantt.svg", roadmap["title"])}
    charts = {}  # BAB VII's charts (Mermaid in the Markdown): their SVG, as vectors
    for k, (mermaid, chart) in enumerate(sorted((base.get("monitoring") or {}).get("figures", {}).items())):
        charts[f"chart-{k}.svg"] = chart.svg.encode("utf-8")
        figures[mermaid] = (f"chart-{k}.svg", chart.title)
    pub = base["plan"].get("publication") or {}
    sambutan = _prose_markup((pub.get("sambutan") or {}).get("text"))
    pengantar = _prose_markup((pub.get("kata_pengantar") or {}).get("text"))
    jobs = ([("masterplan.pdf", renderer, base["plan"]["title"], None)] if single else
            [(f"{b.file_stem}.pdf", restrict(renderer, b.slugs), b.title, base["plan"]["title"]) for b in books])
    for name, r, title, subtitle in jobs:
        parts, problems = _chapter_markup(r, r.chapters, figures)
        if problems:
            result.diagnostics.extend(problems)
            continue
        data = book_data(base, title, subtitle if subtitle != title else None, logo_name)
        main = ('#import "book.typ": book, chapter, signature, wide-page\n'
                f'#show: book.with(data: json("data.json"), sambutan: {sambutan}, pengantar: {pengantar})\n\n'
                + "\n".join(parts))
        files = {"book.typ": layout.encode("utf-8"), "main.typ": main.encode("utf-8"),
                 "data.json": json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8"),
                 "gantt.svg": roadmap["svg"].encode("utf-8"), **charts}
        if logo_name and logo_bytes is not None:
            files[logo_name] = logo_bytes
        try:
            result.files[name] = _compile(files, timestamp)
        except EngineMissing:
            raise
        except Exception as exc:  # typst.TypstError: the layout (a repository's own book.typ) is wrong
            result.diagnostics.append(Diagnostic(
                "KC201", Severity.ERROR, renderer.loader.display.get(TEMPLATE, f"templates/{TEMPLATE}"), 1, 1,
                _("the PDF engine (Typst) failed on {file}: {reason}").format(file=name, reason=_first_line(exc)),
                expected=_("a Typst layout that exports book, chapter, signature and wide-page (see docs/books.md)")))
    return result


def _first_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:400]
