"""OPD data entry through spreadsheets: export workbooks from a masterplan, import the filled cells back
into its YAML files without losing a comment (docs/sheets.md).

    layout.py   the data sheets, their columns and labels
    rows.py     one row per item and year, from a resolved masterplan
    export.py   the workbook (openpyxl), deterministic bytes
    csvio.py    the same as a folder of CSV files
    read.py     reading a workbook or CSV folder into plain tables, with cell references
    cells.py    what officers type: 3,3 · Rp 1.250.000 · 85% · dates · formulas
    importer.py matching rows and columns, conflicts, validation, the write
    yamledit.py minimal text edits of YAML files (comments and layout untouched)
    codes.py    diagnostic codes KC300-KC349
    loading.py  the one place the repository is loaded
"""
