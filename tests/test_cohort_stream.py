"""The cohort workbook's big lists are streamed as sheet XML, not written cell by cell with
XlsxWriter: what Excel readers get back must be what XlsxWriter would have written, the Excel
Tables must cover exactly the rows, and participant text must stay text."""

from __future__ import annotations

import datetime as dt
import io
import math
import zipfile
from collections.abc import Sequence
from pathlib import Path

import openpyxl
import pytest
import python_calamine as calamine
import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from cba_xl import api
from cba_xl.cohort import consolidate
from cba_xl.cohort import tables as tb
from cba_xl.cohort.record import Row, Value
from cba_xl.cohort.sheet_stream import (
    MAX_UTF16,
    SheetBody,
    Splice,
    column_letter,
    inflate,
    render_rows,
    splice_package,
    text_element,
)
from cba_xl.cohort.tables import Kind, ListSheet
from cba_xl.sample import demo_cohort

ODD_TEXT = (
    '=HYPERLINK("http://evil.example","x")',
    "+1+1",
    "-2",
    "@SUM(A1)",
    "bell\x07and\x1fnull\x00",
    "_x0041_ looks like an escape",
    "  leading and trailing  ",
    "tab\tand\nnew line",
    "a & b < c > d \" quote ' apostrophe",
    "emoji 🎉 and ümlauts",
    "not\ufffea character",
    "x" * 40_000,
)


def test_text_is_escaped_the_way_excel_reads_it() -> None:
    assert text_element("a & b < c") == "<t>a &amp; b &lt; c</t>"
    assert text_element("bell\x07") == "<t>bell_x0007_</t>"
    assert text_element("_x0041_") == "<t>_x005F_x0041_</t>"
    assert text_element(" padded") == '<t xml:space="preserve"> padded</t>'
    assert text_element("\ufffe") == "<t>_xFFFE_</t>"
    assert text_element("=1+1") == "<t>=1+1</t>"
    long = text_element("y" * 40_000)
    assert long == f"<t>{'y' * MAX_UTF16}</t>"
    # A character beyond U+FFFF counts twice and is never cut in half.
    assert text_element("🎉" * 20_000) == f"<t>{'🎉' * (MAX_UTF16 // 2)}</t>"


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]


def _plan_rows() -> list[Row]:
    """Rows of the Action plan list, `(sheet, cell, *values)`, with every kind of value."""
    n = len(tb.PLAN.values)
    values: list[Value] = [
        3,
        ODD_TEXT[0],
        "G1.2",
        ODD_TEXT[1],
        ODD_TEXT[4],
        ODD_TEXT[5],
        ODD_TEXT[6],
        ODD_TEXT[7],
        12,
        "1, 2",
        "Yes",
        dt.date(2026, 3, 1),
        dt.datetime(2026, 4, 2, 13, 30),
        dt.date(2026, 4, 14),
        "2026-04",
        2.5,
        "Yes",
    ]
    assert len(values) == n
    rows: list[Row] = [("Action plan", "B12", *values)]
    for i, text in enumerate(ODD_TEXT):
        odd: list[Value] = [None] * n
        odd[0], odd[1], odd[2] = i, text, ""
        odd[11] = "not a date"  # text in a date column keeps the column's style
        odd[6] = [float("nan"), float("inf"), -0.1, 0.1 + 0.2, 12345678901234567890, True][i % 6]
        odd[13] = 1e-7 if i % 2 else -3
        rows.append(("Action plan", f"C{13 + i}", *odd))
    return rows


def _book(
    out: Path | io.BytesIO, spec: ListSheet
) -> tuple[xlsxwriter.Workbook, Worksheet, dict[str, Format]]:
    wb = xlsxwriter.Workbook(out, {"constant_memory": True, "strings_to_formulas": False})
    formats = {
        "date": wb.add_format({"num_format": "yyyy-mm-dd"}),
        "datetime": wb.add_format({"num_format": "yyyy-mm-dd hh:mm"}),
    }
    ws = wb.add_worksheet(spec.sheet)
    for i, col in enumerate(spec.columns):
        ws.set_column(i, i, col.width, formats["date"] if col.kind is Kind.DATE else None)
    # As on the cohort workbook's Participants sheet: the date-and-time format is in use.
    ws.set_column(len(spec.columns), len(spec.columns), 17, formats["datetime"])
    return wb, ws, formats


def _xlsxwriter_reference(
    path: Path, spec: ListSheet, rows: Sequence[Row], label: str, file: str, sha: str
) -> None:
    """The rows written cell by cell with XlsxWriter, as the cohort workbook used to be."""
    wb, ws, formats = _book(path, spec)
    for i, col in enumerate(spec.columns):
        ws.write_string(0, i, col.header)
    n = len(spec.values)
    for r, row in enumerate(rows, start=1):
        for c, v in enumerate((label, *row[2 : 2 + n], file, sha, row[0], row[1])):
            if v is None or v == "":
                continue
            if isinstance(v, str):
                ws.write_string(r, c, v)
            elif isinstance(v, bool):
                ws.write_string(r, c, "Yes" if v else "No")
            elif isinstance(v, int | float):
                if math.isfinite(v):
                    ws.write_number(r, c, v)
                else:
                    ws.write_string(r, c, str(v))
            elif isinstance(v, dt.datetime):
                ws.write_datetime(r, c, v, formats["datetime"])
            else:
                ws.write_datetime(r, c, v, formats["date"])
    wb.close()


def _streamed(
    path: Path, spec: ListSheet, rows: Sequence[Row], label: str, file: str, sha: str
) -> None:
    skeleton = io.BytesIO()
    wb, ws, formats = _book(skeleton, spec)
    for i, col in enumerate(spec.columns):
        ws.write_string(0, i, col.header)
    wb.close()
    styles = {key: fmt.xf_index for key, fmt in formats.items()}
    rendered, _ = render_rows(spec, rows)

    def chunks() -> object:
        body = SheetBody(2, styles, spec)
        yield body.add(label, file, sha, inflate(rendered), len(rows))

    splice = Splice(len(rows) + 1, len(spec.columns) - 1, chunks)  # type: ignore[arg-type]
    skeleton.seek(0)
    splice_package(skeleton, path, {spec.sheet: splice})


def _openpyxl_cells(path: Path, sheet: str) -> list[tuple[object, str, str]]:
    ws = openpyxl.load_workbook(path)[sheet]
    return [
        (c.value, c.data_type, c.number_format if c.value is not None else "")
        for row in ws.iter_rows()
        for c in row
    ]


def _calamine_cells(path: Path, sheet: str) -> list[list[object]]:
    book = calamine.CalamineWorkbook.from_path(path)
    return [list(row) for row in book.get_sheet_by_name(sheet).to_python()]


def test_streamed_rows_read_back_like_xlsxwriter_cells(tmp_path: Path) -> None:
    rows = _plan_rows()
    label, file, sha = " Cluster & Co =1 ", "/in/=cmd\x01 v2.xlsx", "ab" * 32
    reference, streamed = tmp_path / "reference.xlsx", tmp_path / "streamed.xlsx"
    _xlsxwriter_reference(reference, tb.PLAN, rows, label, file, sha)
    _streamed(streamed, tb.PLAN, rows, label, file, sha)

    assert _calamine_cells(streamed, tb.PLAN.sheet) == _calamine_cells(reference, tb.PLAN.sheet)
    assert _openpyxl_cells(streamed, tb.PLAN.sheet) == _openpyxl_cells(reference, tb.PLAN.sheet)
    values = _calamine_cells(streamed, tb.PLAN.sheet)
    assert len(values) == len(rows) + 1
    assert values[1][12] == dt.date(2026, 3, 1)  # a date, in the date style
    assert values[1][13] == dt.datetime(2026, 4, 2, 13, 30)
    # Formula-looking text is text, and no cell holds a formula.
    ws = openpyxl.load_workbook(streamed)[tb.PLAN.sheet]
    assert ws["C2"].value == ODD_TEXT[0] and ws["C2"].data_type == "s"
    assert ws["A2"].value == label
    with zipfile.ZipFile(streamed) as z:
        sheet = z.read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet and b"<f " not in sheet
    last = f"{column_letter(len(tb.PLAN.columns) - 1)}{len(rows) + 1}"
    assert f'<dimension ref="A1:{last}"/>'.encode() in sheet


def test_text_that_xlsxwriter_would_take_for_rich_text_stays_literal(tmp_path: Path) -> None:
    """XlsxWriter copies a string framed by <r> and </r> into the sheet unescaped; streamed
    rows escape it like any text."""
    n = len(tb.CHALLENGES.values)
    text = "<r><t>x</t></r>"
    row: Row = ("Challenges", "C5", 1, text, *([None] * (n - 2)))
    out = tmp_path / "rich.xlsx"
    _streamed(out, tb.CHALLENGES, [row], "P", "f.xlsx", "0" * 64)
    assert _calamine_cells(out, tb.CHALLENGES.sheet)[1][2] == text
    assert openpyxl.load_workbook(out)[tb.CHALLENGES.sheet]["C2"].value == text


@pytest.fixture(scope="module")
def cohort_book(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("stream")
    inputs = root / "in"
    inputs.mkdir()
    for i, hw in enumerate(demo_cohort()[:5]):
        # Odd file names travel into every row's provenance.
        name = f"=cmd\x01 {i}.xlsx" if i == 0 else f"{i:02d}.xlsx"
        api.write_homework(inputs / name, hw)
    out = root / "cohort.xlsx"
    consolidate([inputs], out, jobs=2)
    return out, inputs


def test_every_list_is_a_table_over_exactly_its_rows(cohort_book: tuple[Path, Path]) -> None:
    out, _ = cohort_book
    wb = openpyxl.load_workbook(out)
    book = calamine.CalamineWorkbook.from_path(out)
    for spec in (*tb.LISTS, tb.FINDINGS):
        ws = wb[spec.sheet]
        (table,) = ws.tables.values()
        values = book.get_sheet_by_name(spec.sheet).to_python()
        assert values[0] == [c.header for c in spec.columns]
        n = max(len(values) - 1, 1)  # an empty list keeps one empty data row
        assert table.ref == f"A1:{column_letter(len(spec.columns) - 1)}{1 + n}", spec.sheet
        assert ws.max_row == len(values)
        for row in values[1:]:
            assert row[0], spec.sheet  # every row names its participant
            assert len(str(row[-3])) == 64  # and the file's SHA-256


def test_provenance_of_an_odd_file_name_reads_back_like_the_participants_sheet(
    cohort_book: tuple[Path, Path],
) -> None:
    out, inputs = cohort_book
    odd = str(inputs / "=cmd\x01 0.xlsx")
    book = calamine.CalamineWorkbook.from_path(out)
    participants = book.get_sheet_by_name("Participants").to_python()
    assert any(row[0] == odd for row in participants)
    canvas = book.get_sheet_by_name(tb.CANVAS.sheet).to_python()
    file_col = len(tb.CANVAS.values) + 1
    assert any(row[file_col] == odd for row in canvas[1:])
    wb = openpyxl.load_workbook(out)
    files = {row[0].value for row in wb["Participants"].iter_rows(min_row=5)}
    streamed = {row[file_col].value for row in wb[tb.CANVAS.sheet].iter_rows(min_row=2)}
    assert streamed <= files  # openpyxl spells the control character the same way in both
