"""Rendering the monitoring report: `build_report(mp, year, formats)` returns the files as bytes (a path
relative to --out -> content) and diagnostics; writing is render/output.py's job, as for render.

The report is one Markdown template (templates/report/report.md.j2, overridable in the repository's
templates/ folder like every render template), rendered in render's sandboxed environment; the HTML is
that Markdown through markdown-it-py (raw HTML off) with each chart's Mermaid block replaced by its SVG,
in templates/report/report.html.j2 with render's stylesheet inline."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from ..diagnostics import Diagnostic, Severity
from ..render.engine import SectionCounter, _tidy
from ..render.environment import ChainLoader, make_environment, template_diagnostic
from ..render.markdown import to_html_pages
from .context import report_context

TEMPLATE = "report/report.md.j2"
HTML_TEMPLATE = "report/report.html.j2"


@dataclass
class ReportResult:
    files: dict[str, bytes] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    figures: Any = None  # run.YearFigures

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
                 rollup: Callable[[str], dict] | None = None) -> ReportResult:
    """The report of `year` in each of `formats` ("md", "html"). `rollup(ext)`: a province's roll-up, its
    links pointing at the members' files of that extension."""
    lang = lang or mp.config.language
    result = ReportResult()
    loader = ChainLoader(mp.repo)
    env = make_environment(loader, lang, "md")
    try:
        ctx = report_context(mp, year, lang, rollup=rollup("md") if rollup is not None else None)
    except Exception as exc:  # a prose file that cannot be read: render's diagnostic
        result.diagnostics.append(template_diagnostic(exc, loader, TEMPLATE))
        return result
    figures = ctx.pop("_figures")
    result.figures = year_figures(ctx["report"])
    template = env.get_template(TEMPLATE)
    try:
        text = _tidy(template.render(dict(ctx, section=_Numbers(""))))
    except Exception as exc:
        result.diagnostics.append(template_diagnostic(exc, loader, TEMPLATE))
        return result
    stem = report_stem(year, lang)
    if "md" in formats:
        result.files[f"{stem}.md"] = text.encode("utf-8")
    if "html" in formats:
        html_env = make_environment(loader, lang, "html")
        try:
            if rollup is not None:  # the same report, its links to the members' HTML files
                links = rollup("html")
                links.pop("_chart")
                ctx["report"] = dict(ctx["report"], rollup=links)
                text = _tidy(template.render(dict(ctx, section=_Numbers(""))))
            # through render's page cache: an unchanged report is not converted again
            content = to_html_pages([(text, {k: figure_html(c) for k, c in figures.items()}, "")])[0][0]
            css = html_env.get_template("html/style.css.j2").render(ctx)
            page = html_env.get_template(HTML_TEMPLATE).render(dict(ctx, content=Markup(content), css=Markup(css)))
        except Exception as exc:
            result.diagnostics.append(template_diagnostic(exc, loader, HTML_TEMPLATE))
            return result
        result.files[f"{stem}.html"] = (page.strip("\n") + "\n").encode("utf-8")
    return result


def year_figures(report: dict):
    """The report context's figures as run.YearFigures (data for kotacerdas.api callers)."""
    from .run import YearFigures

    explanation = {o["opd"]: list(o["entries"]) for o in report["explanation_by_opd"]}
    previous = report["previous"]
    return YearFigures(
        year=report["year"], index=report["index"], index_computed=report["index_computed"],
        change=report["change"], index_series=report["index_series"], outcome=report["outcome_rows"],
        targets=dict(report["targets_year"]),
        missed=[(m["indicator"]["id"], m["row"]["year"]) for m in report["missed"]],
        explanation_owed=explanation,
        data_owed={d["opd"]: {"targets": list(d["targets"]), "programmes": list(d["programmes"])}
                   for d in report["data_owed"]},
        recommendations_open=[r["id"] for r in (previous["recommendations"] if previous else [])
                              if r["status"] != "done"],
    )
