"""Rendering the monitoring report: `build_report(mp, year, formats)` returns the files as bytes (a path
relative to --out -> content) and diagnostics; writing is render/output.py's job, as for render.

The report is one Markdown template (templates/report/report.md.j2, overridable in the repository's
templates/ folder like every render template), rendered in render's sandboxed environment; the HTML is
that Markdown through markdown-it-py (raw HTML off) with each chart's Mermaid block replaced by its SVG,
in templates/report/report.html.j2 with render's stylesheet inline."""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from ..diagnostics import Diagnostic, Severity
from ..render.engine import SectionCounter, _tidy
from ..render.environment import ChainLoader, make_environment, template_diagnostic
from ..render.markdown import HtmlPage, to_html
from .context import report_context

TEMPLATE = "report/report.md.j2"
HTML_TEMPLATE = "report/report.html.j2"


@dataclass
class ReportResult:
    files: dict[str, bytes] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(d.severity is Severity.ERROR for d in self.diagnostics)


class _Numbers(SectionCounter):
    """Section numbers 1, 2, 3 (the report is not a chapter of the book)."""

    def __call__(self) -> Markup:
        self.n += 1
        return Markup(f"{self.n}.")


def figure_html(chart) -> str:
    return (f'<figure class="chart">\n<div class="figure-scroll">\n{chart.svg}\n</div>\n'
            f'<figcaption>{Markup.escape(chart.title)}</figcaption>\n</figure>\n')


def report_stem(year: int, lang: str) -> str:
    from .context import report_labels

    return f"{report_labels(lang)['file_stem']}-{year}"


def build_report(mp, year: int, formats: list[str] | tuple[str, ...] = ("md",), *, lang: str | None = None,
                 rollup: dict | None = None) -> ReportResult:
    """The report of `year` in each of `formats` ("md", "html")."""
    lang = lang or mp.config.language
    result = ReportResult()
    loader = ChainLoader(mp.repo)
    env = make_environment(loader, lang, "md")
    try:
        ctx = report_context(mp, year, lang, rollup=rollup)
    except Exception as exc:  # a prose file that cannot be read: render's diagnostic
        result.diagnostics.append(template_diagnostic(exc, loader, TEMPLATE))
        return result
    figures = ctx.pop("_figures")
    try:
        text = _tidy(env.get_template(TEMPLATE).render(dict(ctx, section=_Numbers(""))))
    except Exception as exc:
        result.diagnostics.append(template_diagnostic(exc, loader, TEMPLATE))
        return result
    stem = report_stem(year, lang)
    if "md" in formats:
        result.files[f"{stem}.md"] = text.encode("utf-8")
    if "html" in formats:
        html_env = make_environment(loader, lang, "html")
        try:
            content = to_html(text, HtmlPage(), figures={k: figure_html(c) for k, c in figures.items()})
            css = html_env.get_template("html/style.css.j2").render(ctx)
            page = html_env.get_template(HTML_TEMPLATE).render(dict(ctx, content=Markup(content), css=Markup(css)))
        except Exception as exc:
            result.diagnostics.append(template_diagnostic(exc, loader, HTML_TEMPLATE))
            return result
        result.files[f"{stem}.html"] = (page.strip("\n") + "\n").encode("utf-8")
    return result
