"""`sheet import`: the filled cells back into the YAML files, all or nothing.

1. Read each workbook (read.py); check it was exported from this repository (hidden metadata sheet).
2. Find each data sheet by name, or by its headings when renamed; each column by its heading; each row by
   its id and year (never by position, so sorted, filtered, inserted and deleted rows are fine).
3. Read every fillable cell (cells.py). A cell is an edit when it differs from its value at export; an
   edit of a value that was changed in the YAML since the export is a conflict (both values named).
4. Write the edits into the file texts (yamledit.py), check each result by loading it with the same
   models as validate and the whole repository with the same checks, then replace the files at once.
One bad cell, or one conflict without --partial, and nothing is written."""

from __future__ import annotations

import dataclasses
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..masterplan import Masterplan, Sourced, build_masterplan
from ..repository import LoadedFile, Repository, load_file, limits_of
from ..validate import Validation
from .cells import parse
from .layout import (
    FORMAT_NAME,
    FORMAT_VERSION,
    INSTRUCTIONS,
    LIST_OF,
    META_SHEET,
    ORIGIN_SHEET,
    SHEETS,
    Column,
    SheetSpec,
    column_by_heading,
    find_spec_by_name,
)
from .loading import file_hash
from .read import Book, Cell, ReadError, Table, read_book
from .report import SheetDiagnostic, error, warning
from .rows import current_value
from .yamledit import EditError, set_many
from ..i18n import _


@dataclass
class Edit:
    rel: str
    kind: str  # indicator | programme
    item_id: str
    year: int
    key: str
    value: Any
    old: Any
    where: tuple[str, str, str]  # workbook, sheet, cell


@dataclass
class ImportResult:
    diagnostics: list[SheetDiagnostic] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)
    new_files: dict[str, bytes] = field(default_factory=dict)
    diff_text: str = ""
    written: bool = False

    @property
    def errors(self) -> list[SheetDiagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def conflicts(self) -> list[SheetDiagnostic]:
        return [d for d in self.diagnostics if d.code == "KC315"]


def _same(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, int | float) and isinstance(b, int | float) and not isinstance(a, bool):
        return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))
    if isinstance(a, str) and isinstance(b, str):
        return a.replace("\r\n", "\n").strip() == b.replace("\r\n", "\n").strip()
    return bool(a == b)


def _show(value: Any) -> str:
    if value is None:
        return "empty (not known)"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else str(value)


def _ref(col: int, row: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(col)}{row}"


# --- metadata ---------------------------------------------------------------------------------------------


@dataclass
class Meta:
    values: dict[str, str]
    hashes: dict[str, str]
    origin: dict[tuple, Any] | None


def _meta(book: Book, mp: Masterplan, out: list[SheetDiagnostic]) -> Meta | None:
    table = book.tables.get(META_SHEET)
    if table is None:
        out.append(error("KC301", book.label, _("this workbook was not exported by kotacerdas (or its hidden sheet "
                                                "{meta_sheet} was deleted)").format(meta_sheet=META_SHEET),
                         found="no sheet " + META_SHEET,
                         expected=_("a workbook made by `kotacerdas sheet export`"),
                         hint=_("Export a new workbook and copy the values into it.")))
        return None
    values: dict[str, str] = {}
    hashes: dict[str, str] = {}
    files = False
    for row in table.rows:
        k = row[0].value if row else None
        v = row[1].value if len(row) > 1 else None
        if k == "file":
            files = True
        elif k and k != "key":
            (hashes if files else values)[str(k)] = "" if v is None else str(v)
    if values.get("format") != FORMAT_NAME or values.get("format_version") != str(FORMAT_VERSION):
        out.append(error("KC303", book.label, _("the workbook's format is not one this kotacerdas reads"),
                         sheet=META_SHEET, found=_("{get} version {get2}")
                                                 .format(get=values.get('format'), get2=values.get('format_version')),
                         expected=_("{format_name} version {format_version}")
                                  .format(format_name=FORMAT_NAME, format_version=FORMAT_VERSION)))
        return None
    plan = mp.plan.item if mp.plan else None
    here = (plan.region.code, plan.title) if plan else ("", "")
    there = (values.get("region_code", ""), values.get("plan_title", ""))
    if here != there:
        out.append(error("KC302", book.label, _("the workbook was exported from another region or masterplan"),
                         sheet=META_SHEET, found=f"{values.get('region_name')} ({there[0]}): {there[1]}",
                         expected=f"{plan.region.name if plan else ''} ({here[0]}): {here[1]}",
                         hint=_("Import it into the repository it was exported from.")))
        return None
    return Meta(values, hashes, _origin(book.tables.get(ORIGIN_SHEET)))


def _origin(table: Table | None) -> dict[tuple, Any] | None:
    if table is None:
        return None
    out: dict[tuple, Any] = {}
    for row in table.rows[1:]:
        vals = [c.value for c in row[:5]]
        if len(vals) < 5 or vals[0] is None:
            continue
        try:
            out[(str(vals[0]), str(vals[1]), int(vals[2]), str(vals[3]))] = json.loads(str(vals[4]))
        except (ValueError, TypeError):
            continue
    return out


# --- finding sheets and columns ------------------------------------------------------------------------------


def _headings(table: Table, spec: SheetSpec) -> dict[str, int]:
    found: dict[str, int] = {}
    for n, cell in enumerate(table.rows[0] if table.rows else [], start=1):
        col = column_by_heading(spec, cell.value) if cell.value is not None else None
        if col is not None and col.key not in found:
            found[col.key] = n
    return found


def _looks_like(table: Table, spec: SheetSpec) -> bool:
    found = _headings(table, spec)
    return {"id", "year"} <= set(found) and len(found) * 2 >= len(spec.columns)


def _sheets(book: Book, out: list[SheetDiagnostic]) -> list[tuple[SheetSpec, Table]]:
    skip = {META_SHEET, ORIGIN_SHEET, *INSTRUCTIONS.values()}
    tables = [t for name, t in book.tables.items() if name not in skip and not t.hidden]
    matched: list[tuple[SheetSpec, Table]] = []
    used: set[str] = set()
    for spec in SHEETS:
        t = next((t for t in tables if find_spec_by_name(t.name) is spec and t.name not in used), None)
        if t is None:
            t = next((t for t in tables if t.name not in used and find_spec_by_name(t.name) is None
                      and _looks_like(t, spec)), None)
            if t is not None:
                out.append(warning("KC306", book.label, _("sheet '{name}' read as the sheet '{id_name}' (found by "
                                                          "its headings)")
                                                        .format(name=t.name, id_name=spec.id_name), sheet=t.name,
                                   found=_("sheet '{name}'")
                                                                                  .format(name=t.name),
                                   expected=_("sheet '{id_name}' or '{en_name}'")
                                            .format(id_name=spec.id_name, en_name=spec.en_name)))
        if t is None:
            out.append(warning("KC305", book.label, _("sheet '{id_name}' is missing: none of its rows is imported")
                                                    .format(id_name=spec.id_name),
                               found=_("no such sheet"), expected=_("sheet '{id_name}' or '{en_name}'")
                                                               .format(id_name=spec.id_name, en_name=spec.en_name)))
            continue
        used.add(t.name)
        matched.append((spec, t))
    return matched


# --- reading the cells ---------------------------------------------------------------------------------------


def _unmerge(book: Book, table: Table, cols: dict[str, int], spec: SheetSpec, out: list[SheetDiagnostic]) -> None:
    """A merged block reads as its top-left value in every cell it covers, down one column; a block across
    two fillable columns is ambiguous and refused."""
    by_index = {n: spec.column(k) for k, n in cols.items()}
    for r1, c1, r2, c2 in table.merges:
        if r2 < 2:
            continue
        span = _ref(c1, r1) + ":" + _ref(c2, r2)
        touched = [by_index[c] for c in range(c1, c2 + 1)
                   if c in by_index and (by_index[c].editable or by_index[c].kind in ("key", "year"))]
        if not touched:
            continue
        if c2 > c1 and len(touched) > 1:
            out.append(error("KC314", book.label, _("merged cells {span} join two columns")
                                                  .format(span=span), sheet=table.name,
                             cell=_ref(c1, r1), found=_("one value across {span}").format(span=span),
                             expected=_("one value per cell"), hint=_("Unmerge the cells and fill each one.")))
            continue
        top = table.rows[r1 - 1][c1 - 1] if r1 - 1 < len(table.rows) and c1 - 1 < len(table.rows[r1 - 1]) else None
        if top is None:
            continue
        for r in range(r1, r2 + 1):
            row = table.rows[r - 1] if r - 1 < len(table.rows) else None
            if row is not None and c1 - 1 < len(row):
                row[c1 - 1] = Cell(top.value, top.number_format, top.formula)
        if r2 > r1:
            out.append(warning("KC314", book.label, _("merged cells {span}: the value {show} is read for each of "
                                                      "rows {r1} to {r2}")
                                                    .format(span=span, show=_show(top.value), r1=r1, r2=r2),
                               sheet=table.name, cell=_ref(c1, r1),
                               found=_("merged {span}").format(span=span), expected=_("one value per cell")))


class _Reader:
    def __init__(self, val: Validation, partial: bool, lang: str) -> None:
        self.mp = val.masterplan
        self.partial = partial
        self.lang = lang
        self.items: dict[str, dict[str, Sourced]] = {
            "indicator": {i.item.id: i for i in self.mp.indicators},
            "programme": {p.item.id: p for p in self.mp.programmes},
        }
        self.hash_now: dict[str, str] = {}
        self.seen: dict[tuple, tuple[Any, tuple[str, str, str]]] = {}
        self.edits: dict[tuple, Edit] = {}
        self.out: list[SheetDiagnostic] = []

    def now_hash(self, rel: str) -> str:
        if rel not in self.hash_now:
            self.hash_now[rel] = file_hash(self.mp.repo.read(rel))
        return self.hash_now[rel]

    def book(self, book: Book) -> None:
        if not any(c.value is not None for t in book.tables.values() for row in t.rows for c in row):
            self.out.append(error("KC320", book.label, _("the workbook is empty"), found=_("no values in any sheet"),
                                  expected=_("a workbook exported by `kotacerdas sheet export` and filled in")))
            return
        meta = _meta(book, self.mp, self.out)
        if meta is None:
            return
        for spec, table in _sheets(book, self.out):
            self.table(book, meta, spec, table)

    def table(self, book: Book, meta: Meta, spec: SheetSpec, table: Table) -> None:
        cols = _headings(table, spec)
        for key in ("id", "year"):
            if key not in cols:
                c = spec.column(key)
                self.out.append(error("KC307", book.label, _("column '{id_label}' is missing: rows cannot be "
                                                             "matched, the sheet is not imported")
                                                           .format(id_label=c.id_label), sheet=table.name, cell="1",
                                      found=_("no such heading in row 1"), expected=_("a heading '{id_label}'")
                                                                                 .format(id_label=c.id_label)))
                return
        for c in spec.editable:
            if c.key not in cols:
                self.out.append(warning("KC307", book.label, _("column '{id_label}' is missing: its values are not "
                                                               "imported").format(id_label=c.id_label),
                                        sheet=table.name, found=_("no such heading in row 1"),
                                        expected=_("a heading '{id_label}' or '{en_label}'")
                                                 .format(id_label=c.id_label, en_label=c.en_label)))
        _unmerge(book, table, cols, spec, self.out)
        for r, row in enumerate(table.rows[1:], start=2):
            self.row(book, meta, spec, table, cols, r, row)

    def _cell(self, row: list[Cell], n: int) -> Cell:
        return row[n - 1] if n - 1 < len(row) else Cell(None)

    def row(self, book: Book, meta: Meta, spec: SheetSpec, table: Table, cols: dict[str, int], r: int,
            row: list[Cell]) -> None:
        editable = [c for c in spec.editable if c.key in cols]
        filled = [c for c in editable if self._cell(row, cols[c.key]).value not in (None, "")]
        id_cell, year_cell = self._cell(row, cols["id"]), self._cell(row, cols["year"])
        item_id = parse(spec.column("id"), id_cell.value)[0]
        year, problem = parse(spec.column("year"), year_cell.value, year_cell.number_format)
        if item_id is None or year is None:
            if problem is not None:
                self._bad(book, table, _ref(cols["year"], r), "year", problem)
            elif filled:
                at = "id" if item_id is None else "year"
                self.out.append(error("KC309", book.label, _("this row has values but no id or year"),
                                      sheet=table.name, cell=_ref(cols[at], r), found=_("an empty cell"),
                                      expected=_("the id and year of the row, as exported"),
                                      hint=_("Copy the id and year from the exported row, or delete the row.")))
            return
        src = self.items[spec.item].get(item_id)
        if src is None:
            if filled or any(c.value not in (None, "") for c in row):
                sample = ", ".join(list(self.items[spec.item])[:3])
                self.out.append(error("KC308", book.label, _("no {item} '{item_id}' in this repository")
                                                           .format(item=spec.item, item_id=item_id),
                                      sheet=table.name, cell=_ref(cols["id"], r), found=_("id '{item_id}'")
                                                                                        .format(item_id=item_id),
                                      expected=_("an id of this repository's {item}s, e.g. {sample}")
                                               .format(item=spec.item, sample=sample),
                                      hint=_("A row added in the sheet cannot create a new item; add it in the "
                                             "YAML files, then export again.")))
            return
        for col in editable:
            self.cell(book, meta, spec, table, src, year, col, r, self._cell(row, cols[col.key]), cols[col.key])
        self.protected(book, spec, table, src, year, cols, r, row)

    def protected(self, book: Book, spec: SheetSpec, table: Table, src: Sourced, year: int, cols: dict[str, int],
                  r: int, row: list[Cell]) -> None:
        """A name or target changed in the sheet (after unprotecting it) is not imported: say so."""
        now = {"name": src.item.name}
        if spec.item == "indicator":
            now["target"] = current_value(src.item, "indicator", year, "target")
        for key, value in now.items():
            if key not in cols:
                continue
            col = spec.column(key)
            cell = self._cell(row, cols[key])
            typed, problem = parse(col, cell.value, cell.number_format)
            if problem is None and not _same(typed, value):
                self.out.append(warning("KC322", book.label, _("'{id_label}' is not filled through the sheet: the "
                                                               "change is not imported")
                                                             .format(id_label=col.id_label), sheet=table.name,
                                        cell=_ref(cols[key], r),
                                        field=f"{src.item.id} {year} {key}", found=_show(typed),
                                        expected=_("{show} (as in {path})")
                                                 .format(show=_show(value), path=src.path),
                                        hint=_("Change it in {path}, then export again.")
                                             .format(path=src.path)))

    def _bad(self, book: Book, table: Table, cell: str, fld: str, problem) -> None:
        self.out.append(error("KC311", book.label, _("this cell cannot be read"), sheet=table.name, cell=cell,
                              field=fld, found=problem.found, expected=problem.expected, hint=problem.hint))

    def cell(self, book: Book, meta: Meta, spec: SheetSpec, table: Table, src: Sourced, year: int, col: Column,
             r: int, cell: Cell, n: int) -> None:
        ref = _ref(n, r)
        where = (book.label, table.name, ref)
        fld = f"{src.item.id} {year} {LIST_OF[spec.item]}.{col.key}"
        value = cell.value
        if cell.formula is not None:
            if value is None:
                self.out.append(error("KC313", book.label, _("the cell holds a formula that was never calculated"),
                                      sheet=table.name, cell=ref, field=fld, found=_("formula {formula}")
                                                                                   .format(formula=cell.formula),
                                      expected=_("a value"), hint=_("Type the value, or open and save the workbook in "
                                                                 "Excel or LibreOffice so the formula is "
                                                                 "calculated.")))
                return
            self.out.append(warning("KC312", book.label, _("the cell holds a formula; its calculated value {show} "
                                                           "is imported").format(show=_show(value)), sheet=table.name,
                                    cell=ref, field=fld,
                                    found=_("formula {formula}").format(formula=cell.formula), expected=_("a value")))
        new, problem = parse(col, value, cell.number_format, self.lang)
        if problem is not None:
            self._bad(book, table, ref, fld, problem)
            return
        key = (spec.item, src.item.id, year, col.key)
        if key in self.seen:
            before, there = self.seen[key]
            if not _same(before, new):
                code = "KC310" if there[0] == book.label else "KC317"
                self.out.append(error(code, book.label, _("{there}: {there2}!{there3} gives this value {show}")
                                                        .format(there=there[0], there2=there[1], there3=there[2],
                                                                show=_show(before)), sheet=table.name, cell=ref,
                                      field=fld,
                                      found=_show(new), expected=_("one value for {id} in {year}")
                                                                 .format(id=src.item.id, year=year)))
            return
        self.seen[key] = (new, where)
        now = current_value(src.item, spec.item, year, col.key)
        fresh = meta.hashes.get(src.path) == self.now_hash(src.path)
        known = meta.origin is not None
        origin = meta.origin.get(key) if meta.origin is not None else now
        if _same(new, origin):
            return
        if new is None:
            self.out.append(warning("KC316", book.label, _("the cell was emptied: the value is kept, not deleted"),
                                    sheet=table.name, cell=ref, field=fld, found=_("an empty cell"),
                                    expected=_("the value {show}, or a new value").format(show=_show(now)),
                                    hint=_("To delete a value, edit the YAML file.")))
            return
        if not fresh and (not known or not _same(now, origin)):
            if _same(new, now):
                return
            self.out.append(error("KC315", book.label, _("{id} {year}: the value was changed in {path} after this "
                                                         "workbook was exported")
                                                       .format(id=src.item.id, year=year, path=src.path),
                                  sheet=table.name, cell=ref, field=fld,
                                  found=(_("in the workbook {new}; in the YAML now {now} (at export {origin})") if known
                                         else _("in the workbook {new}; in the YAML now {now} (at export: not "
                                                "recorded)")).format(new=_show(new), now=_show(now),
                                                                     origin=_show(origin) if known else ""),
                                  expected=_("one of the two, chosen by someone who knows"),
                                  hint=_("Agree which value is right, then fix the cell or the YAML file "
                                         "(--partial imports the other cells).")))
            return
        self.edits[key] = Edit(src.path, spec.item, src.item.id, year, col.key, new, now, where)


# --- writing -------------------------------------------------------------------------------------------------


def _apply(val: Validation, edits: list[Edit], out: list[SheetDiagnostic]) -> dict[str, bytes]:
    repo = val.repo
    grouped: dict[str, dict[int, dict[str, Any]]] = defaultdict(lambda: defaultdict(dict))
    first: dict[str, Edit] = {}
    kinds: dict[str, str] = {}
    for e in edits:
        grouped[e.rel][e.year][e.key] = e.value
        first.setdefault(e.rel, e)
        kinds[e.rel] = e.kind
    limits = limits_of(repo.config)
    new_files: dict[str, bytes] = {}
    for rel, years in grouped.items():
        e = first[rel]
        mine = [x for x in edits if x.rel == rel]
        kind, list_key = kinds[rel], LIST_OF[kinds[rel]]
        text = repo.read(rel).decode("utf-8")
        try:
            new_text = set_many(text, kind, list_key, {y: dict(v) for y, v in years.items()})
        except EditError as exc:
            out.append(error("KC321", e.where[0], _("{rel} cannot be edited automatically: {exc}")
                                                  .format(rel=rel, exc=exc), sheet=e.where[1],
                             cell=e.where[2], found=str(exc), expected=_("a file kotacerdas can edit in place"),
                             hint=_("Enter the value in {rel} by hand.").format(rel=rel)))
            continue
        loaded = load_file(new_text.encode("utf-8"), rel, kind, limits)
        problems = [d for d in loaded.diagnostics if d.severity.value == "error"]
        if loaded.model is None or problems:
            for d in problems or []:
                at = _edit_for(d.field, loaded.doc.data if loaded.doc else None, list_key, mine).where
                out.append(error("KC318", at[0], _("{rel} would not be valid: {message}")
                                                 .format(rel=rel, message=d.message), sheet=at[1],
                                 cell=at[2], field=d.field, found=d.found, expected=d.expected))
            continue
        if not _expected(repo, rel, loaded, list_key, years):
            out.append(error("KC321", e.where[0], _("kotacerdas could not write the values into {rel} exactly; "
                                                    "nothing was written").format(rel=rel), sheet=e.where[1],
                             cell=e.where[2],
                             found=_("a different value after writing"), expected=_("exactly the values of the cells"),
                             hint=_("This is a bug in kotacerdas; please report it with the file.")))
            continue
        new_files[rel] = new_text.encode("utf-8")
    return new_files


def _edit_for(fld: str, data: Any, list_key: str, edits: list[Edit]) -> Edit:
    """The edit (and so the cell) a diagnostic about `fld` (e.g. targets[5].year) of the new file is about."""
    m = re.match(rf"{list_key}\[(\d+)\](?:\.(\w+))?", fld or "")
    if m and isinstance(data, dict) and isinstance(data.get(list_key), list):
        entries = data[list_key]
        n = int(m.group(1))
        year = entries[n].get("year") if n < len(entries) and isinstance(entries[n], dict) else None
        same_year = [e for e in edits if e.year == year]
        exact = [e for e in same_year if e.key == m.group(2)]
        if exact or same_year:
            return (exact or same_year)[0]
    return edits[0]


def _expected(repo: Repository, rel: str, loaded: LoadedFile, list_key: str, years: dict) -> bool:
    """The file, loaded again, holds the old data with exactly the edited fields changed."""
    old = next(f for f in repo.files if f.rel == rel).model.model_dump(mode="json", warnings=False)
    entries = old[list_key]
    for year, values in years.items():
        entry = next((x for x in entries if x["year"] == year), None)
        if entry is None:
            entry = {"year": year}
            entries.append(entry)
        entry.update(values)
    new = loaded.model.model_dump(mode="json", warnings=False)
    key = lambda x: x["year"]  # noqa: E731
    old[list_key] = sorted((_full(list_key, x) for x in entries), key=key)
    new[list_key] = sorted(new[list_key], key=key)
    return _norm(old) == _norm(new)


def _full(list_key: str, entry: dict) -> dict:
    from .yamledit import ENTRY_MODEL

    return {k: entry.get(k) for k in ENTRY_MODEL[list_key].model_fields}


def _norm(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: _norm(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_norm(v) for v in value]
    return value


def _check_repository(val: Validation, new_files: dict[str, bytes], edits: list[Edit],
                      out: list[SheetDiagnostic]) -> Masterplan | None:
    """The repository with the new files, checked as validate checks it; None when it gains errors."""
    from ..checks import check_masterplan

    repo = val.repo
    limits = limits_of(repo.config)
    files = [load_file(new_files[f.rel], f.rel, f.kind, limits) if f.rel in new_files else f for f in repo.files]
    new_repo = dataclasses.replace(repo, files=files)
    mp = build_masterplan(new_repo)
    before = {(d.code, d.path, d.message) for d in val.diagnostics}
    fresh = [d for d in check_masterplan(mp) if d.severity.value == "error" and (d.code, d.path, d.message)
             not in before]
    docs = {f.rel: f.doc for f in files if f.rel in new_files}
    for d in fresh:
        mine = [e for e in edits if e.rel == d.path] or edits
        doc = docs.get(d.path)
        e = _edit_for(d.field, doc.data if doc else None, LIST_OF[mine[0].kind], mine)
        out.append(error("KC318", e.where[0], _("the repository would not be valid: {path}: {message}")
                                              .format(path=d.path, message=d.message),
                         sheet=e.where[1], cell=e.where[2], field=d.field, found=d.found, expected=d.expected))
    return None if fresh else mp


def _diff_text(old: Masterplan, new: Masterplan, lang: str) -> str:
    from ..diff.compare import diff_masterplans
    from ..diff.formats import render
    from ..diff.records import Side

    result = diff_masterplans(old, new, Side("directory", "YAML"), Side("directory", "YAML + sheet"))
    return render("text", result, lang=lang, color=False)


def write_all(root: Path, files: dict[str, bytes]) -> None:
    from ..fsutil import atomic_write_many

    atomic_write_many({Path(root) / rel: data for rel, data in files.items()})


def import_books(val: Validation, paths: list[Path], *, partial: bool = False, dry_run: bool = False,
                 lang: str = "id") -> ImportResult:
    result = ImportResult()
    if not val.ok:
        n = sum(1 for d in val.diagnostics if d.severity.value == "error")
        result.diagnostics.append(error("KC319", str(val.repo.root), _("the repository has {n} error(s); nothing "
                                                                       "is imported").format(n=n),
                                        found=_("{n} error(s)").format(n=n),
                                        expected=_("a valid repository"),
                                        hint=_("Run `kotacerdas validate` and fix them first.")))
        return result
    reader = _Reader(val, partial, lang)
    for path in paths:
        try:
            book = read_book(Path(path))
        except ReadError as exc:
            reader.out.append(exc.diagnostic)
            continue
        reader.book(book)
    result.diagnostics = reader.out
    result.edits = sorted(reader.edits.values(), key=lambda e: (e.rel, e.year, e.key))
    blocking = [d for d in result.errors if not (partial and d.code == "KC315")]
    if blocking or not result.edits:
        return result
    new_files = _apply(val, result.edits, result.diagnostics)
    if result.errors and [d for d in result.errors if d.code != "KC315" or not partial]:
        return result
    new_mp = _check_repository(val, new_files, result.edits, result.diagnostics)
    if new_mp is None:
        return result
    result.new_files = new_files
    result.diff_text = _diff_text(val.masterplan, new_mp, lang)
    if not dry_run:
        write_all(val.repo.root, new_files)
        result.written = True
    return result
