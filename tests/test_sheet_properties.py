"""Property: over generated repositories and random valid edits of a workbook, import changes exactly
the edited values (and nothing else), and a second export-import round changes no byte."""

from __future__ import annotations

import tempfile
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from kotacerdas.sheets.layout import SHEETS, STATUS_LABELS, status_label
from kotacerdas.sheets.loading import load
from kotacerdas.sheets.rows import rows_of
from tests.sheets.support import run, snapshot
from tests.strategies import repositories, words

VALUES = {
    "number": st.integers(-10**6, 10**9) | st.floats(0, 10**6, allow_nan=False).map(lambda x: round(x, 3)),
    "percent": st.integers(0, 100) | st.floats(0, 100).map(lambda x: round(x, 2)),
    "rupiah": st.integers(0, 10**13),
    "status": st.sampled_from(list(STATUS_LABELS)),
    "text": words,
}


def _write(root: Path, files: dict[str, bytes]) -> None:
    for rel, data in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)


def _state(repo: Path) -> dict:
    mp = load(repo).masterplan
    return {(spec.item, r.item_id, r.year, c.key): r.values[c.key]
            for spec in SHEETS for r in rows_of(mp, spec, None, None, "id") for c in spec.editable}


def _cell_value(kind: str, value):
    if kind == "status":
        return status_label(value, "id")
    if kind == "percent":
        return f"{value}%".replace(".", ",")  # typed as text, Indonesian style
    return value


def _norm(v):
    return int(v) if isinstance(v, float) and v.is_integer() else v


@settings(max_examples=40, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(files=repositories(), data=st.data())
def test_random_valid_edits_change_exactly_those_values(files, data):
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "repo"
        _write(repo, files)
        book = Path(tmp) / "book.xlsx"
        assert run("sheet", "export", repo, "--out", book).exit_code == 0
        before_state, before_bytes = _state(repo), snapshot(repo)
        wb = openpyxl.load_workbook(book)
        wanted = {}
        for spec in SHEETS:
            ws = wb[spec.name("id")]
            if ws.max_row < 2:
                continue
            for _ in range(data.draw(st.integers(0, 3))):
                r = data.draw(st.integers(2, ws.max_row))
                col_n, col = data.draw(st.sampled_from([(n, c) for n, c in enumerate(spec.columns, 1) if c.editable]))
                value = data.draw(VALUES[col.kind])
                ws.cell(row=r, column=col_n, value=_cell_value(col.kind, value))
                key = (spec.item, ws.cell(row=r, column=1).value, ws.cell(row=r, column=spec.columns.index(
                    spec.column("year")) + 1).value, col.key)
                wanted[key] = value.strip() if isinstance(value, str) else value
        wb.save(book)
        res = run("sheet", "import", repo, book)
        assert res.exit_code == 0, res.output
        after = _state(repo)
        for key, value in before_state.items():
            expect = wanted.get(key, value)
            assert _norm(after[key]) == _norm(expect), (key, res.output)
        touched = {rel for rel, data_ in snapshot(repo).items() if before_bytes.get(rel) != data_}
        assert all(rel.endswith(".yaml") for rel in touched)
        assert run("validate", repo).exit_code == 0
        again = Path(tmp) / "again.xlsx"
        assert run("sheet", "export", repo, "--out", again).exit_code == 0
        settled = snapshot(repo)
        assert run("sheet", "import", repo, again).exit_code == 0
        assert snapshot(repo) == settled
