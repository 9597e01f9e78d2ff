"""A row inserted (or deleted) above a table, the RACI matrix, a canvas or a labelled input cell
moves it away from where the layout puts it (the xlwings Lite workbook's sheets are unprotected,
so rows can be inserted). The check says so once, naming the cell where it was found, and reads
it from there: the participant gets the findings the unmoved workbook gives, at the cells they
are in now, not dozens of 'Need field: 'Need field' is not one of ...' about the header row. What
writes at the layout's rows (fill, upgrade) refuses the workbook instead of writing beside it."""

from __future__ import annotations

import asyncio
import shutil
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import python_calamine
from lite_fake import book_from_file

from cba_xl import api
from cba_xl.addin.checks_sheet import CHECKS_SHEET, HEADER
from cba_xl.core.findings import Finding
from cba_xl.core.interpret import MOVED
from cba_xl.errors import UnusableWorkbook
from cba_xl.excel.filler import fill_workbook
from cba_xl.excel.upgrade import upgrade_workbook
from cba_xl.lite import scripts
from cba_xl.sample import generate
from cba_xl.spec.cells import a1, split
from cba_xl.spec.layout import LAYOUT, LAYOUTS

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return api.write_homework(tmp_path_factory.mktemp("filled") / "hw.xlsx", next(generate(1, 3)))


def _edit(src: Path, out: Path, sheet: str, row: int, *, delete: bool = False) -> Path:
    """Values below `row` moved down one row (up, deleted), as Excel moves them."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        wb = openpyxl.load_workbook(src)
    ws = wb[sheet]
    ws.delete_rows(row) if delete else ws.insert_rows(row)
    wb.save(out)
    return out


def _at(f: Finding, sheet: str, row: int, by: int) -> tuple[str, str, str, str]:
    """A finding of the unmoved workbook, at the cell it is in once `by` rows moved at `row`."""
    cell = f.cell
    if f.sheet == sheet and cell:
        r, c = split(cell)
        if r >= row:
            cell = a1(r + by, c)
    return (f.severity.value, f.code, f.sheet, cell)


def _seen(findings: list[Finding]) -> list[tuple[str, str, str, str]]:
    return sorted((f.severity.value, f.code, f.sheet, f.cell) for f in findings if f.code != MOVED)


NEEDS = LAYOUT.tables["needs"]
PLAN = LAYOUT.tables["plan"]
OBJECTIVES = LAYOUT.tables["objectives"]
CANVAS = LAYOUT.canvases["current"]
PROFILE = LAYOUT.profile[0]
# (sheet, row inserted, where the moved thing is said to be now, what it is)
CASES = {
    "member needs table": (
        NEEDS.sheet,
        NEEDS.header_row,
        a1(NEEDS.header_row + 1, NEEDS.first_col),
        "the table's header",
    ),
    # above the plan start: the plan start cell and the plan's table both move, said once
    "top of the action plan": (
        PLAN.sheet,
        2,
        a1(LAYOUT.plan_start.row + 1, LAYOUT.plan_start.col),
        "the input 'Plan start'",
    ),
    "between the vision's ticks and the objectives": (
        OBJECTIVES.sheet,
        OBJECTIVES.header_row - 1,
        a1(OBJECTIVES.header_row + 1, OBJECTIVES.first_col),
        "the table's header",
    ),
    "raci header": (
        LAYOUT.raci.sheet,
        LAYOUT.raci.group_row,
        a1(LAYOUT.raci.group_row + 1, 1),
        "the RACI matrix's header",
    ),
    "between the raci's two header rows": (
        LAYOUT.raci.sheet,
        LAYOUT.raci.people_row,
        a1(LAYOUT.raci.people_row + 1, 1),
        "the RACI matrix's row of names",
    ),
    "canvas": (
        CANVAS.sheet,
        2,
        a1(CANVAS.blocks[0].header_row + 1, CANVAS.blocks[0].col),
        f"the canvas block '{CANVAS.blocks[0].title}'",
    ),
    "profile": (PROFILE.sheet, 2, a1(PROFILE.row + 1, PROFILE.col), "the input 'Cluster name'"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_row_inserted_above_is_one_error_and_the_entries_are_read_from_there(
    filled: Path, tmp_path: Path, case: str
) -> None:
    sheet, row, now, what = CASES[case]
    before = api.check(filled).findings
    result = api.check(_edit(filled, tmp_path / "moved.xlsx", sheet, row))
    [said] = [f for f in result.findings if f.code == MOVED]
    assert (said.severity.value, said.sheet, said.cell) == ("error", sheet, now)
    assert said.message.startswith(f"{what} is in row {split(now)[0]}, not row {split(now)[0] - 1}")
    assert (
        "(a row was inserted above it)" in said.message
        and "delete the row you inserted (one of rows 1 to" in said.message
    )
    assert _seen(result.findings) == sorted(_at(f, sheet, row, 1) for f in before)


def test_the_reviewers_member_needs_case_reads_no_header_as_data(
    filled: Path, tmp_path: Path
) -> None:
    moved = _edit(filled, tmp_path / "moved.xlsx", NEEDS.sheet, NEEDS.header_row)
    [result] = api.check_many([moved])
    on_needs = [f for f in result.findings if f.sheet == NEEDS.sheet]
    # the moved table's one error, and only what the unmoved workbook has there already
    before = [f.code for f in api.check(filled).findings if f.sheet == NEEDS.sheet]
    assert sorted(f.code for f in on_needs) == sorted([MOVED, *before])
    unmoved = api.check(filled).homework
    assert result.homework is not None and unmoved is not None
    assert [n.need for n in result.homework.needs] == [n.need for n in unmoved.needs]
    assert NEEDS.header("need") not in [n.need for n in result.homework.needs]


def test_a_row_deleted_above_a_table_is_said_the_other_way_round(
    filled: Path, tmp_path: Path
) -> None:
    before = api.check(filled).findings
    result = api.check(_edit(filled, tmp_path / "moved.xlsx", NEEDS.sheet, 2, delete=True))
    [said] = [f for f in result.findings if f.code == MOVED]
    assert said.cell == a1(NEEDS.header_row - 1, NEEDS.first_col)
    assert "(a row above it was deleted)" in said.message
    assert "insert the row again" in said.message
    assert _seen(result.findings) == sorted(_at(f, NEEDS.sheet, 2, -1) for f in before)


@pytest.mark.parametrize("version", ["1.0", "1.1"])
def test_an_older_workbook_is_compared_with_its_own_versions_labels(
    tmp_path: Path, version: str
) -> None:
    [old] = sorted((FIXTURES / f"v{version.replace('.', '_')}" / "demo").glob("001-*.xlsx"))
    table = LAYOUTS[version].tables["plan"]
    before = api.check(old).findings
    result = api.check(_edit(old, tmp_path / "moved.xlsx", table.sheet, table.header_row))
    [said] = [f for f in result.findings if f.code == MOVED]
    assert (said.sheet, said.cell) == (table.sheet, a1(table.header_row + 1, table.first_col))
    assert _seen(result.findings) == sorted(
        _at(f, table.sheet, table.header_row, 1) for f in before
    )


def test_fill_and_upgrade_refuse_a_moved_table_and_leave_the_file_as_it_was(
    filled: Path, tmp_path: Path
) -> None:
    moved = _edit(filled, tmp_path / "moved.xlsx", NEEDS.sheet, NEEDS.header_row)
    kept = moved.read_bytes()
    with pytest.raises(UnusableWorkbook) as refused:
        fill_workbook(moved)
    assert refused.value.reason.startswith(
        f"'{NEEDS.sheet}'!{a1(NEEDS.header_row + 1, NEEDS.first_col)}: the table's header is in "
        f"row {NEEDS.header_row + 1}, not row {NEEDS.header_row}"
    )
    assert refused.value.hint.startswith("delete the row you inserted")
    assert moved.read_bytes() == kept
    assert not list(tmp_path.glob("*backup*"))
    old_plan = LAYOUTS["1.1"].tables["plan"]
    [old] = sorted((FIXTURES / "v1_1" / "demo").glob("001-*.xlsx"))
    old_moved = _edit(old, tmp_path / "old.xlsx", old_plan.sheet, old_plan.header_row)
    with pytest.raises(UnusableWorkbook, match="upgrading would write beside its entries"):
        upgrade_workbook(old_moved, tmp_path / "new.xlsx")
    assert not (tmp_path / "new.xlsx").exists()


def test_the_lite_check_says_it_too(filled: Path, tmp_path: Path) -> None:
    """xlwings Lite checks a snapshot of the sheets' values: the same one error, no wrong
    input from the header row."""
    moved = _edit(filled, tmp_path / "moved.xlsx", NEEDS.sheet, NEEDS.header_row)
    book = book_from_file(shutil.copy(moved, tmp_path / "lite.xlsx"), openpyxl, python_calamine)
    check: Callable[..., Any] = scripts.cba_check  # Lite passes its own book: a stand-in here
    asyncio.run(check(book))
    rows = book.sheets[CHECKS_SHEET].used_range.options(ndim=2).value
    head = next(i for i, r in enumerate(rows) if tuple(r[: len(HEADER)]) == HEADER)
    on_needs = [r for r in rows[head + 1 :] if r[1] == NEEDS.sheet]
    # the same findings as the command line's on that file: the one error, and what the
    # unmoved workbook has there already, one row down
    expected = [f for f in api.check(moved).findings if f.sheet == NEEDS.sheet]
    assert [(r[0], r[2]) for r in on_needs] == [(f.severity.value, f.cell) for f in expected]
    [error] = [r for r in on_needs if r[0] == "error"]
    assert error[2] == a1(NEEDS.header_row + 1, NEEDS.first_col)
    assert str(error[3]).startswith("the table's header is in row")


def _insert_column(src: Path, out: Path, sheet: str, col: int) -> Path:
    """Values from column `col` (1-based) on moved right by one, as Excel moves them."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        wb = openpyxl.load_workbook(src)
    wb[sheet].insert_cols(col)
    wb.save(out)
    return out


@pytest.mark.parametrize("table", [NEEDS, PLAN])
def test_a_column_inserted_left_of_a_table_is_one_error_and_fill_refuses(
    filled: Path, tmp_path: Path, table: Any
) -> None:
    # the second reviewer's case: a column inserted before A drew 31 (Member needs) and 131
    # (Action plan) wrong findings, and fill wrote its formulas over the participant's entries
    moved = _insert_column(filled, tmp_path / "moved.xlsx", table.sheet, 1)
    result = api.check(moved)
    [said] = [f for f in result.findings if f.code == MOVED]
    assert said.sheet == table.sheet
    # said once per sheet, at the first thing found moved: the plan start above the plan
    start = LAYOUT.plan_start
    first = (start.row, start.col) if table is PLAN else (table.header_row, table.first_col)
    assert said.cell == a1(first[0], first[1] + 1)
    assert "not column" in said.message and "(a column was inserted left of it)" in said.message
    assert "delete the column you inserted" in said.message
    # read from where it is: the entries are the unmoved workbook's
    unmoved = api.check(filled)
    assert result.homework is not None and unmoved.homework is not None
    key = "needs" if table is NEEDS else "plan"
    assert getattr(result.homework, key) != []
    got = [
        (r.row, getattr(r, "need", None) or getattr(r, "action", None))
        for r in getattr(result.homework, key)
    ]
    want = [
        (r.row, getattr(r, "need", None) or getattr(r, "action", None))
        for r in getattr(unmoved.homework, key)
    ]
    assert got == want
    other = [f for f in result.findings if f.sheet == table.sheet and f.code != MOVED]
    assert len(other) <= len([f for f in unmoved.findings if f.sheet == table.sheet])
    before = moved.read_bytes()
    with pytest.raises(UnusableWorkbook):
        fill_workbook(moved, tmp_path / "filled.xlsx")
    assert moved.read_bytes() == before and not (tmp_path / "filled.xlsx").exists()
