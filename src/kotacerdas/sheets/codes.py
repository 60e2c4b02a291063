"""The diagnostic codes of `kotacerdas sheet` (KC300-KC349). Stable: never renumber, only add.

Kept here until the central registry (diagnostics.CODES) takes them in; docs/sheets.md lists them."""

from __future__ import annotations

from ..diagnostics import Code

SHEET_CODES: dict[str, Code] = {
    c.code: c
    for c in [
        Code("KC300", "not-a-workbook", "The file is not an .xlsx workbook (or a CSV folder) that can be read."),
        Code("KC301", "not-from-kotacerdas", "The workbook has no kotacerdas metadata sheet: it was not exported "
                                             "by `kotacerdas sheet export`, or that sheet was deleted."),
        Code("KC302", "other-repository", "The workbook was exported from another region or repository."),
        Code("KC303", "format-version", "The workbook's sheet format version is not one this kotacerdas reads."),
        Code("KC304", "too-large", "The workbook exceeds the size or cell limits."),
        Code("KC305", "sheet-missing", "A data sheet of the export is missing (deleted); its rows are not imported."),
        Code("KC306", "sheet-renamed", "A data sheet was found under another name, by its headings."),
        Code("KC307", "column-missing", "A column of the export is missing; its values are not imported."),
        Code("KC308", "unknown-id", "A row names an id that does not exist in the repository (a row added?)."),
        Code("KC309", "row-without-id", "A row has values but no id or year."),
        Code("KC310", "duplicate-row", "Two rows name the same id and year with different values."),
        Code("KC311", "invalid-cell", "A cell's value has the wrong type or is outside what is allowed."),
        Code("KC312", "formula", "A cell holds a formula: its calculated value was imported."),
        Code("KC313", "formula-without-value", "A cell holds a formula that was never calculated."),
        Code("KC314", "merged-cells", "Cells are merged."),
        Code("KC315", "conflict", "The value was changed in the YAML files after the workbook was exported."),
        Code("KC316", "cleared-cell", "A value was deleted in the sheet; values are not deleted through a sheet."),
        Code("KC317", "workbook-conflict", "Two workbooks give one value two different values."),
        Code("KC318", "invalid-after-import", "The repository would not be valid with the imported values."),
        Code("KC319", "repository-invalid", "The repository has errors already; fix them before importing."),
        Code("KC320", "empty-workbook", "The workbook holds no data rows to import."),
        Code("KC321", "internal", "kotacerdas could not write a value exactly; nothing was written."),
        Code("KC322", "protected-cell", "A protected cell (a name or a target) was changed; it is not imported."),
    ]
}
