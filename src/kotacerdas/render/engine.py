"""Rendering a masterplan into chapter files: which chapters exist, in which order and with which number,
and what each output format writes. Pure: `render_masterplan` returns the files as bytes (path relative
to --out -> content) and diagnostics; writing them is `output.py`'s job.

Chapters are templates named `chapters/NN-slug.md.j2` (BAB I, II, …) and `appendices/NN-slug.md.j2`
(Lampiran A, B, …), taken from the repository's templates/ folder and the defaults together, sorted by
name; a repository template with the same name replaces the default one, a new name adds a chapter, and a
template whose `title` block is empty drops it. Extensions add chapters with `ExtraChapter` (the hook
`render --changes-since` uses for its "Riwayat Perubahan" chapter).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from ..diagnostics import Diagnostic, Severity
from ..masterplan import Masterplan
from .context import ProseError, build_context
from .environment import ChainLoader, make_environment, render_block, template_diagnostic
from .formatting import letter, roman
from .markdown import HtmlPage, MdText, md_unescape, to_html, to_html_pages
from ..i18n import _

FORMATS = ("md", "html")
_CHAPTER_NAME = re.compile(r"^(chapters|appendices)/(\d+)-([a-z0-9][a-z0-9-]*)\.md\.j2$")
EXTRA_LAYOUT = "layout/extra.md.j2"


@dataclass
class ExtraChapter:
    """A chapter supplied by code rather than by a template file (e.g. the change history of
    `render --changes-since REV`).

    Give either `markdown` (the chapter body as Markdown, without the chapter heading: it is shown as-is
    in Markdown output and through markdown-it with raw HTML disabled in HTML), or `template` (a template
    name; `templates` may supply its source, and a repository can still override it in its own
    templates/ folder). `context` is available to the template as `extra`. `order` places the chapter
    among the others by name (the default chapters are `01-…` to `09-…`; the default `99-<slug>` puts it
    last); `appendix=True` makes it a Lampiran instead of a BAB.
    """

    slug: str
    title: str
    markdown: str | None = None
    template: str | None = None
    templates: dict[str, str] = field(default_factory=dict)
    context: dict = field(default_factory=dict)
    appendix: bool = False
    order: str | None = None

    def __post_init__(self) -> None:
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", self.slug):
            raise ValueError(f"extra chapter slug must be lowercase letters, digits and '-': {self.slug!r}")
        if (self.markdown is None) == (self.template is None):
            raise ValueError("an extra chapter needs exactly one of `markdown` or `template`")


@dataclass
class Chapter:
    group: int  # 0 chapter (BAB), 1 appendix (Lampiran)
    name: str  # "01-pendahuluan"
    slug: str
    template: str
    extra: ExtraChapter | None = None
    title: str = ""
    number: int = 0
    label: str = ""
    stem: str = ""

    def as_body_context(self) -> dict:
        """What a chapter body sees of itself and the others: the same for every output format."""
        return {
            "slug": self.slug, "stem": self.stem, "title": self.title, "number": self.number,
            "numeral": roman(self.number) if self.group == 0 else letter(self.number),
            "label": self.label, "appendix": self.group == 1, "extra": self.extra is not None,
        }

    def as_context(self, fmt: str, single: bool) -> dict:
        ext = "md" if fmt == "md" else "html"
        return {
            "slug": self.slug, "stem": self.stem, "title": self.title, "number": self.number,
            "numeral": roman(self.number) if self.group == 0 else letter(self.number),
            "label": self.label, "appendix": self.group == 1, "file": f"{self.stem}.{ext}",
            "href": f"#{self.stem}" if single else f"{self.stem}.{ext}", "extra": self.extra is not None,
            "sections": [],
        }


@dataclass
class RenderResult:
    files: dict[str, bytes] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    chapters: list[Chapter] = field(default_factory=list)
    selected: list[Chapter] = field(default_factory=list)  # the chapters rendered (all, or those asked for)

    @property
    def ok(self) -> bool:
        return not any(d.severity is Severity.ERROR for d in self.diagnostics)


class ChapterNotFound(Exception):
    def __init__(self, wanted: str, available: list[str]) -> None:
        from ..i18n import _

        super().__init__(_("no chapter '{wanted}'; choose a number, a numeral or a name: {chapters}")
                         .format(wanted=wanted, chapters=", ".join(available)))


def _discover(loader: ChainLoader, extras: list[ExtraChapter]) -> list[Chapter]:
    found: dict[tuple[int, str], Chapter] = {}
    for name in loader.list_templates():
        m = _CHAPTER_NAME.match(name)
        if m:
            group = 0 if m.group(1) == "chapters" else 1
            key = f"{m.group(2)}-{m.group(3)}"
            found[(group, key)] = Chapter(group, key, m.group(3), name)
    for x in extras:
        group = 1 if x.appendix else 0
        key = x.order or f"99-{x.slug}"
        found[(group, key)] = Chapter(group, key, x.slug, x.template or EXTRA_LAYOUT, extra=x)
    return [found[k] for k in sorted(found)]


def _select(chapters: list[Chapter], wanted: str) -> Chapter:
    w = wanted.strip().lower()
    for c in chapters:
        keys = {c.slug, c.stem, c.name}
        if c.group == 0:
            keys |= {str(c.number), roman(c.number).lower()}
        else:
            keys |= {letter(c.number).lower()}
        if w in keys:
            return c
    names = [f"{c.number if c.group == 0 else letter(c.number)} ({c.slug})" for c in chapters]
    raise ChapterNotFound(wanted, names)


def render_masterplan(mp: Masterplan, fmt: str = "md", *, lang: str | None = None, chapter: str | None = None,
                      single: bool = False, extra_chapters: list[ExtraChapter] | tuple = ()) -> RenderResult:
    """Render a (valid) masterplan. Raises ChapterNotFound for an unknown `chapter`; every problem with
    templates or prose comes back as diagnostics in the result."""
    return Renderer(mp, lang=lang, extra_chapters=extra_chapters).render(fmt, chapter=chapter, single=single)


class Renderer:
    """One masterplan prepared for rendering: the context is built, the chapters are numbered and each
    chapter body is rendered once, then written out in as many formats as asked (`render("md")`,
    `render("html")`). Chapter bodies are the same Markdown for every format, so HTML is the Markdown
    rendered by markdown-it-py."""

    def __init__(self, mp: Masterplan, *, lang: str | None = None,
                 extra_chapters: list[ExtraChapter] | tuple = ()) -> None:
        self.mp = mp
        self.lang = lang or mp.config.language
        self.extras = list(extra_chapters)
        ext_templates: dict[str, str] = {}
        for x in self.extras:
            ext_templates.update(x.templates)
        self.loader = ChainLoader(mp.repo, extra=ext_templates)
        self.md_env = make_environment(self.loader, self.lang, "md")
        self._html_env: ImmutableSandboxedEnvironment | None = None
        self.diagnostics: list[Diagnostic] = []
        self.chapters: list[Chapter] = []
        self.bodies: dict[str, str] = {}
        self.base: dict = {}
        try:
            self.base = build_context(mp, self.lang)
            from .context import monitoring_charts  # BAB VII's charts (issue 15); the report draws its own

            monitoring_charts(self.base["monitoring"], self.base["labels"], self.lang)
        except ProseError as exc:
            line, col = 1, 1
            doc = mp.repo.doc(exc.path)
            if doc is not None:
                line, col = doc.locate(exc.loc)
            self.diagnostics.append(Diagnostic("KC203", Severity.ERROR, exc.path, line, col, exc.message,
                                               expected=_("a readable UTF-8 Markdown file inside the repository")))
            return
        self._number_chapters()

    @property
    def html_env(self):
        if self._html_env is None:
            self._html_env = make_environment(self.loader, self.lang, "html")
        return self._html_env

    def _number_chapters(self) -> None:
        """Titles first: the table of contents needs every chapter's number and title."""
        loader, md_env, base = self.loader, self.md_env, self.base
        chapters = []
        for c in _discover(loader, self.extras):
            if c.extra is not None:
                c.title = c.extra.title
                if c.extra.template is not None:
                    try:
                        md_env.get_template(c.template)
                    except Exception as exc:
                        self.diagnostics.append(template_diagnostic(exc, loader, c.template))
                        continue
            else:
                try:
                    tmpl = md_env.get_template(c.template)
                    if "title" not in tmpl.blocks:
                        raise _NoTitle(c.template)
                    c.title = md_unescape(str(render_block(md_env, tmpl, "title", base)).strip())
                except _NoTitle as exc:
                    self.diagnostics.append(Diagnostic(
                        "KC201", Severity.ERROR, loader.display.get(_filename(loader, md_env, exc.name), exc.name),
                        1, 1, _("chapter template has no title block"),
                        expected=_("{% block title %}…{% endblock %} with the chapter title"),
                        hint=_('Start the template with {% extends "layout/chapter.md.j2" %} and give it a title '
                               "block (see docs/templates.md).")))
                    continue
                except Exception as exc:
                    self.diagnostics.append(template_diagnostic(exc, loader, c.template))
                    continue
            if not c.title:
                continue  # an empty title drops the chapter
            chapters.append(c)
        counters = [0, 0]
        for c in chapters:
            counters[c.group] += 1
            c.number = counters[c.group]
            if c.group == 0:
                c.label = f"{base['labels']['chapter_word']} {roman(c.number)}"
                c.stem = c.name
            else:
                c.label = f"{base['labels']['appendix_word']} {letter(c.number)}"
                c.stem = f"{_appendix_prefix(base)}-{c.name}"
        self.chapters = chapters

    def _body(self, c: Chapter) -> str:
        if c.stem not in self.bodies:
            toc = [x.as_body_context() for x in self.chapters]
            ctx = dict(self.base, chapter=c.as_body_context(), chapters=toc,
                       section=SectionCounter(str(c.number) if c.group == 0 else letter(c.number)))
            if c.extra is not None:
                ctx["extra"] = dict(c.extra.context, body=MdText(c.extra.markdown or ""), title=c.extra.title)
            self.bodies[c.stem] = _tidy(self.md_env.get_template(c.template).render(ctx))
        return self.bodies[c.stem]

    def render(self, fmt: str = "md", *, chapter: str | Sequence[str] | None = None,
               single: bool = False) -> RenderResult:
        """`chapter`: one chapter (number, numeral, letter or name) or several (rendered in book order,
        each once); None: every chapter."""
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}")
        result = RenderResult(diagnostics=list(self.diagnostics), chapters=list(self.chapters))
        if not result.ok:
            return result
        chapters = self.chapters
        asked = [chapter] if isinstance(chapter, str) else list(chapter or [])
        picked = {id(_select(chapters, one)) for one in asked}
        selected = [c for c in chapters if id(c) in picked] if asked else chapters
        result.selected = list(selected)
        bodies: dict[str, str] = {}
        for c in selected:
            try:
                bodies[c.stem] = self._body(c)
            except Exception as exc:
                result.diagnostics.append(template_diagnostic(exc, self.loader, c.template))
        if not result.ok:
            return result
        toc = [c.as_context(fmt, single) for c in chapters]
        try:
            if fmt == "md":
                _markdown_files(result, self.md_env, self.base, selected, toc, bodies, single=single,
                                partial=bool(chapter))
            else:
                _html_files(result, self.html_env, self.md_env, self.base, chapters, selected, bodies, fmt=fmt,
                            single=single, partial=bool(chapter))
        except Exception as exc:
            result.diagnostics.append(template_diagnostic(exc, self.loader, "templates"))
        return result


class SectionCounter:
    """`{{ section() }}` in a chapter template: the next section number, 1.1, 1.2, … (A.1, A.2 in an
    appendix)."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.n = 0

    def __call__(self) -> Markup:
        self.n += 1
        return Markup(f"{self.prefix}.{self.n}")


class _NoTitle(Exception):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def _filename(loader, env, name):
    for filename, shown in loader.display.items():
        if shown.endswith(name):
            return filename
    return name


def _appendix_prefix(base: dict) -> str:
    return "lampiran" if base["lang"] == "id" else "appendix"


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def _tidy(text: str) -> str:
    """At most one blank line between blocks, no trailing spaces (a line break in prose is written with a
    backslash at the end of the line), one final newline; code blocks are left as they are. Templates can
    then be written for readability without their whitespace showing up in the output."""
    out: list[str] = []
    fence = None
    for line in text.replace("\r\n", "\n").split("\n"):
        m = _FENCE.match(line)
        if fence is None and m:
            fence = m.group(1)[0] * len(m.group(1))
        elif fence is not None:
            if line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence = None
            out.append(line)
            continue
        stripped = line.rstrip()
        if not stripped:
            if out and not out[-1]:
                continue
            out.append("")
            continue
        out.append(stripped)
    return "\n".join(out).strip("\n") + "\n"


def _html_tidy(text: str) -> str:
    return text.strip("\n") + "\n"


def _markdown_files(result, env, base, selected, toc, bodies, *, single, partial):
    if single:
        chapters = [dict(c, body=MdText(bodies[c["stem"]])) for c in toc if c["stem"] in bodies]
        text = env.get_template("single.md.j2").render(dict(base, chapters=chapters))
        result.files["masterplan.md"] = _tidy(text).encode("utf-8")
        return
    for c in selected:
        result.files[f"{c.stem}.md"] = bodies[c.stem].encode("utf-8")
    if not partial:
        text = env.get_template("index.md.j2").render(dict(base, chapters=toc))
        result.files["README.md"] = _tidy(text).encode("utf-8")


def _html_files(result, env, md_env, base, chapters, selected, bodies, *, fmt, single, partial):
    roadmap = base["roadmap"]
    figure = Markup(env.get_template("html/gantt.html.j2").render(dict(base, svg=Markup(roadmap["svg"]))))
    figures = {roadmap["mermaid"]: str(figure).strip() + "\n"}
    from ..report.build import figure_html  # BAB VII's charts (issue 15)

    figures.update({k: figure_html(c) for k, c in base["monitoring"].get("figures", {}).items()})
    css = env.get_template("html/style.css.j2").render(base)
    loader = env.loader

    def fragment(c: Chapter, page: HtmlPage, toc) -> str:
        override = c.template.replace(".md.j2", ".html.j2")
        if c.extra is None and override != c.template and _exists(loader, env, override):
            ctx = dict(base, chapter=c.as_context(fmt, single), chapters=toc)
            return env.get_template(override).render(ctx)
        return to_html(bodies[c.stem], page, figures=figures, first_heading_id=c.stem)

    if single:
        toc = [c.as_context(fmt, True) for c in chapters]
        page = HtmlPage()
        parts = []
        for c, t in zip(chapters, toc, strict=False):
            if c.stem not in bodies:
                continue
            start = len(page.headings)
            html = fragment(c, page, toc)
            t["sections"] = [{"id": hid, "title": text} for level, hid, text in page.headings[start:] if level == 2]
            parts.append(dict(t, html=Markup(html)))
        text = env.get_template("html/single.html.j2").render(dict(base, chapters=parts, toc=toc, css=Markup(css)))
        result.files["masterplan.html"] = _html_tidy(text).encode("utf-8")
        return
    toc = [c.as_context(fmt, False) for c in chapters]
    pages = {}
    plain = []  # chapters whose HTML is their Markdown rendered: done together (possibly in parallel)
    for c, t in zip(chapters, toc, strict=False):
        if c.stem not in bodies:
            continue
        if c.extra is None and _exists(loader, env, c.template.replace(".md.j2", ".html.j2")):
            page = HtmlPage()
            pages[c.stem] = fragment(c, page, toc)
            t["sections"] = [{"id": hid, "title": text} for level, hid, text in page.headings if level == 2]
        else:
            plain.append((c, t))
    converted = to_html_pages([(bodies[c.stem], figures, c.stem) for c, _ in plain])
    for (c, t), (html, headings) in zip(plain, converted, strict=False):
        pages[c.stem] = html
        t["sections"] = [{"id": hid, "title": text} for level, hid, text in headings if level == 2]
    for i, (c, t) in enumerate(zip(chapters, toc, strict=False)):
        if c not in selected:
            continue
        ctx = dict(base, chapter=t, chapters=toc, content=Markup(pages[c.stem]),
                   previous=toc[i - 1] if i > 0 else None, next=toc[i + 1] if i + 1 < len(toc) else None)
        result.files[f"{c.stem}.html"] = _html_tidy(env.get_template("html/page.html.j2").render(ctx)).encode("utf-8")
    result.files["style.css"] = _html_tidy(css).encode("utf-8")
    if not partial:
        text = env.get_template("html/index.html.j2").render(dict(base, chapters=toc))
        result.files["index.html"] = _html_tidy(text).encode("utf-8")
        from ..report.dashboard import dashboard_context, dashboard_file  # the dashboard page (issue 15)

        page = env.get_template("html/dashboard.html.j2").render(dict(base, dashboard=dashboard_context(base),
                                                                      chapters=toc))
        result.files[dashboard_file(base["lang"])] = _html_tidy(page).encode("utf-8")


def _exists(loader, env, name: str) -> bool:
    try:
        loader.get_source(env, name)
        return True
    except Exception:
        return False
