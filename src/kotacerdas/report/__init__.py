"""`kotacerdas report`: the Laporan Monitoring dan Evaluasi of one year, the yearly evaluation record
(evaluations/<year>.yaml), its charts, the dashboard page of the HTML site and a province's roll-up.

Modules: run.py (what kotacerdas.api's Repo.report and Tree.report call), evaluation.py (official and
computed figures, outcome per dimension, data owed), context.py (what the templates see), build.py (the
files), charts.py (Mermaid and SVG charts), dashboard.py (the dashboard page), coverage.py (the rule by
which a kab/kota counts for its province), rollup.py (a province over its kab/kota), checks.py
(validate's checks of the evaluation files). Described in docs/report.md. Nothing is imported here, so
that a module of this package can be used alone (the tree's workers read coverage.py).
"""
