"""Random values of every type in the template's input cells: the reader and the check turn
whatever is there into findings, never an exception."""

from __future__ import annotations

import datetime as dt
import math
import tempfile
from pathlib import Path
from typing import Any

import xlsxwriter
from corpus import input_cells
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cba_xl import api
from cba_xl.spec.cells import split
from cba_xl.spec.layout import LAYOUT, META, TEMPLATE_ID, TEMPLATE_VERSION


def positions() -> list[tuple[str, str]]:
    """Every input cell of the first rows, and rows a participant added below each table."""
    cells = [(c.sheet, c.ref) for c in input_cells(rows=2)]
    for table in LAYOUT.tables.values():
        for row in (table.last_row, table.last_row + 1, table.last_row + 7):
            cells += [(table.sheet, table.cell(f.key, row)) for f in table.inputs]
    return cells


POSITIONS = positions()
EDGE_DATES = [
    dt.datetime(1900, 1, 1),
    dt.datetime(1900, 2, 28),
    dt.datetime(1900, 3, 1),
    dt.datetime(1904, 1, 1),
    dt.datetime(1999, 12, 31, 23, 59, 59),
    dt.datetime(2024, 2, 29),
    dt.datetime(9999, 12, 31),
    dt.datetime(9999, 12, 31, 23, 59, 59, 999000),
]
FORMULAS = ["=1/0", "=NA()", '="x"&"y"', "=SUM(A1:A3)", "=Lists!A1", "=[1]Sheet1!A1", "=A1"]
# Text of every kind: any script, control characters (XlsxWriter escapes them as _xHHHH_), no
# lone surrogates (no XML or Excel file can hold them).
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200)
NUMBER_TEXT = st.from_regex(r"[-+]?[0-9., '€%\u00a0]{1,20}", fullmatch=True)
DATE_TEXT = st.from_regex(r"[0-9]{1,4}[./ -][0-9]{1,2}[./ -][0-9]{1,4}", fullmatch=True)

Value = tuple[str, Any]
VALUES: st.SearchStrategy[Value] = st.one_of(
    st.tuples(st.just("text"), TEXT),
    st.tuples(st.just("text"), st.text(min_size=1000, max_size=3000)),
    st.tuples(st.just("text"), NUMBER_TEXT),
    st.tuples(st.just("text"), DATE_TEXT),
    st.tuples(st.just("text"), st.sampled_from(["=cmd|' /C calc'!A0", "@SUM(1)", "+1", "-1"])),
    st.tuples(st.just("number"), st.integers(min_value=-(2**63), max_value=2**63)),
    st.tuples(st.just("number"), st.floats()),  # NaN and infinities become error cells
    st.tuples(st.just("number"), st.sampled_from([1e308, -1e308, 5e-324, 0.0, -0.0, 2958466.0])),
    st.tuples(st.just("date"), st.sampled_from(EDGE_DATES)),
    st.tuples(
        st.just("date"),
        st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(9999, 12, 31)),
    ),
    st.tuples(st.just("bool"), st.booleans()),
    st.tuples(st.just("formula"), st.tuples(st.sampled_from(FORMULAS), TEXT | st.floats())),
    st.tuples(st.just("blank"), st.just(None)),
)
CELLS = st.dictionaries(st.sampled_from(POSITIONS), VALUES, max_size=60)


def write(path: Path, cells: dict[tuple[str, str], Value]) -> Path:
    """A workbook with the template's sheets and marker and `cells` at their input positions."""
    book = xlsxwriter.Workbook(str(path), {"nan_inf_to_errors": True})
    sheets = {name: book.add_worksheet(name) for name in (*LAYOUT.sheets, *LAYOUT.hidden_sheets)}
    meta = sheets[META]
    meta.write_string(LAYOUT.meta_id_cell, TEMPLATE_ID)
    meta.write_string(LAYOUT.meta_version_cell, TEMPLATE_VERSION)
    date_format = book.add_format({"num_format": "dd.mm.yyyy hh:mm"})
    for (sheet, ref), (kind, value) in cells.items():
        row, col = split(ref)
        ws, row = sheets[sheet], row - 1
        if kind == "text":
            ws.write_string(row, col, value)
        elif kind == "number":
            ws.write_number(row, col, value if math.isnan(value) else float(value))
        elif kind == "date":
            ws.write_datetime(row, col, value, date_format)
        elif kind == "bool":
            ws.write_boolean(row, col, value)
        elif kind == "formula":
            formula, cached = value
            ws.write_formula(row, col, formula, None, cached)
        else:
            ws.write_blank(row, col, None, date_format)
    book.close()
    return path


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(CELLS)
def test_random_values_in_input_cells_give_findings_never_an_exception(
    cells: dict[tuple[str, str], Value],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder) / "fuzz.xlsx", cells)
        result = api.check(path, today=dt.date(2025, 6, 1))
    assert result.unusable is None
    assert result.homework is not None
    sheets = {*LAYOUT.sheets, ""}
    for finding in result.findings:
        assert finding.sheet in sheets
        assert finding.message
