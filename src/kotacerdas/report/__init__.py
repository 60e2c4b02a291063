"""`kotacerdas report`: the Laporan Monitoring dan Evaluasi of one year, the yearly evaluation record
(evaluations/<year>.yaml), its charts, the dashboard page of the HTML site and a province's roll-up.

    build_report(masterplan, 2025, ["md", "html"], lang="id")  -> ReportResult(files, diagnostics)

Modules: evaluation.py (official and computed figures, outcome per dimension), context.py (what the
templates see), charts.py (Mermaid and SVG charts), build.py (the files), dashboard.py (the dashboard
page), rollup.py (a province over its kab/kota). Described in docs/report.md.
"""

from __future__ import annotations

from .build import ReportResult, build_report

__all__ = ["ReportResult", "build_report"]
