"""The diagnostic codes of `kotacerdas sheet` (KC300-KC349). Stable: never renumber, only add.

Their metadata lives here, as a lint rule's lives in its module; the central registry (kotacerdas.codes)
reads it, and docs/sheets.md lists them."""

from __future__ import annotations

from ..codes import Code
from ..i18n import N_



def _e(code: str, name: str, title: str) -> Code:
    return Code(code, name, "sheet", "error", title)


def _w(code: str, name: str, title: str) -> Code:
    return Code(code, name, "sheet", "warning", title)


SHEET_CODES: dict[str, Code] = {
    c.code: c
    for c in [
        _e("KC300", "not-a-workbook", N_("The file is not an .xlsx workbook (or a CSV folder) that can be read.")),
        _e("KC301", "not-from-kotacerdas", N_("The workbook has no kotacerdas metadata sheet: it was not exported "
                                             "by `kotacerdas sheet export`, or that sheet was deleted.")),
        _e("KC302", "other-repository", N_("The workbook was exported from another region or repository.")),
        _e("KC303", "format-version", N_("The workbook's sheet format version is not one this kotacerdas reads.")),
        _e("KC304", "too-large", N_("The workbook exceeds the size or cell limits.")),
        _w("KC305", "sheet-missing", N_("A data sheet of the export is missing (deleted); its rows are not imported.")),
        _w("KC306", "sheet-renamed", N_("A data sheet was found under another name, by its headings.")),
        _e("KC307", "column-missing", N_("A column of the export is missing; its values are not imported.")),
        _e("KC308", "unknown-id", N_("A row names an id that does not exist in the repository (a row added?).")),
        _e("KC309", "row-without-id", N_("A row has values but no id or year.")),
        _e("KC310", "duplicate-row", N_("Two rows name the same id and year with different values.")),
        _e("KC311", "invalid-cell", N_("A cell's value has the wrong type or is outside what is allowed.")),
        _w("KC312", "formula", N_("A cell holds a formula: its calculated value was imported.")),
        _e("KC313", "formula-without-value", N_("A cell holds a formula that was never calculated.")),
        _e("KC314", "merged-cells", N_("Cells are merged.")),
        _e("KC315", "conflict", N_("The value was changed in the YAML files after the workbook was exported.")),
        _w("KC316", "cleared-cell", N_("A value was deleted in the sheet; values are not deleted through a sheet.")),
        _e("KC317", "workbook-conflict", N_("Two workbooks give one value two different values.")),
        _e("KC318", "invalid-after-import", N_("The repository would not be valid with the imported values.")),
        _e("KC319", "repository-invalid", N_("The repository has errors already; fix them before importing.")),
        _e("KC320", "empty-workbook", N_("The workbook holds no data rows to import.")),
        _e("KC321", "internal", N_("kotacerdas could not write a value exactly; nothing was written.")),
        _w("KC322", "protected-cell", N_("A protected cell (a name or a target) was changed; it is not imported.")),
    ]
}
