"""Every CBA_ function and every button macro called the way Excel calls them on Windows: the
VBA wrapper Import Functions writes calls `XLPython.CallUDF` (xlwings/com_server.py), which runs
xlwings' own `call_udf` (argument conversion, `caller`, return conversion) and, for the macros,
`xw.Book.caller()` and xlwings' Windows implementation of the workbook. Only pywin32 and Excel's
COM objects are faked (tests/fake_com.py). The results must be what the plain functions give
and what the buttons' work gives on a file (tests/test_addin_macros.py)."""

from __future__ import annotations

import datetime as dt
import random
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import fake_com
import openpyxl
import pytest

from cba_xl import api
from cba_xl.addin import macros, udfs
from cba_xl.addin.book import MARK_FILL, Formula
from cba_xl.addin.cell_changes import cell_changes
from cba_xl.addin.checks_sheet import CHECKS_SHEET
from cba_xl.addin.file_book import FileBook
from cba_xl.addin.runs import COHORT_FOLDER_KEY, run_check, run_consolidate, run_fill
from cba_xl.core.models import Homework
from cba_xl.sample import demo_cohort
from cba_xl.sample.mistakes import plant
from cba_xl.spec import LAYOUT
from cba_xl.spec.cells import split

UDFS, MACROS = fake_com.ADDIN_MODULES
BUTTON = "Button 3"  # Application.Caller of a macro started from a form button: its name
STARTED_FROM = {"button": BUTTON, "Alt+F8": fake_com.XL_ERR_REF}


@pytest.fixture
def excel(monkeypatch: pytest.MonkeyPatch) -> Iterator[fake_com.FakeExcel]:
    fake = fake_com.install(monkeypatch)
    yield fake
    monkeypatch.undo()
    fake_com.uninstall(fake)


def with_mistakes(hw: Homework) -> Homework:
    rng = random.Random(5)
    for kind in ("raci-two-a", "deadline-before-start", "missing-responsible"):
        assert plant(hw, kind, rng), kind
    return hw


@pytest.fixture
def homework(tmp_path: Path) -> Path:
    return api.write_homework(tmp_path / "cluster.xlsx", with_mistakes(demo_cohort()[0]))


def click(
    excel: fake_com.FakeExcel, macro: str, book: fake_com.FakeWorkbook, caller: object
) -> object:
    """What the Sub of the VBA module does: XLPy.CallUDF "...macros", "name", Array(),
    ThisWorkbook, Application.Caller. An exception here is a VBA run-time error dialog."""
    return excel.call(MACROS, macro, (), book, caller)


def file_run(path: Path, work: Any, copy_to: Path, **kwargs: Any) -> tuple[Path, list[str]]:
    """The button's work on a copy of the file, through the file implementation."""
    copy = Path(shutil.copy(path, copy_to))
    book = FileBook(copy, **kwargs)
    work(book)
    return copy, book.messages


# ---------------------------------------------------------------------------------------------
# The button macros
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("started_from", STARTED_FROM)
def test_check_button_runs_through_xlwings_without_a_vba_error(
    excel: fake_com.FakeExcel, homework: Path, tmp_path: Path, started_from: str
) -> None:
    book = excel.open(homework)
    click(excel, "cba_check", book, STARTED_FROM[started_from])
    expected, messages = file_run(homework, run_check, tmp_path / "file.xlsx")
    assert [text for _, text in excel.messages] == messages
    ws = openpyxl.load_workbook(expected)[CHECKS_SHEET]
    want = [list(r) for r in ws.iter_rows(values_only=True)]
    got = book.sheet(CHECKS_SHEET).rows()
    assert [r + [None] * (len(want[0]) - len(r)) for r in got] == want
    findings = api.check(homework).findings
    assert any(f.cell for f in findings)
    red = int(MARK_FILL[5:7] + MARK_FILL[3:5] + MARK_FILL[1:3], 16)  # Excel's BGR
    for f in findings:
        if f.cell:
            row, col = split(f.cell)
            sheet = book.sheet(f.sheet)
            assert sheet.fills[(row, col + 1)] == red, f
            assert sheet.notes[(row, col + 1)].startswith("cba-xl: ")
    # Marked through lifted protection, and the protection is back.
    for sheet in book.sheets:
        assert sheet.writes_while_protected == 0, sheet.Name
    assert all(s.ProtectContents for s in book.sheets if s.Name in LAYOUT.input_sheets)


@pytest.mark.parametrize("started_from", STARTED_FROM)
def test_fill_button_writes_what_the_file_fill_writes(
    excel: fake_com.FakeExcel, homework: Path, tmp_path: Path, started_from: str
) -> None:
    book = excel.open(homework)
    click(excel, "cba_fill", book, STARTED_FROM[started_from])
    expected, messages = file_run(homework, run_fill, tmp_path / "file.xlsx")
    assert [text for _, text in excel.messages] == messages
    changes = cell_changes(homework, expected, LAYOUT.input_sheets)
    assert changes
    for loc, value in changes:
        row, col = split(loc.cell)
        shown = book.sheet(loc.sheet).cells.get((row, col + 1))
        if isinstance(shown, dt.datetime):
            # pywin32 hands COM dates over as UTC; the cell itself holds a plain serial.
            shown = shown.replace(tzinfo=None)
        assert shown == (value.text if isinstance(value, Formula) else value), loc


def test_slides_button_writes_the_deck_beside_the_workbook(
    excel: fake_com.FakeExcel, homework: Path
) -> None:
    book = excel.open(homework)
    click(excel, "cba_slides", book, BUTTON)
    deck = homework.with_suffix(".pptx")
    assert excel.messages == [("cba-xl", f"Slides written: {deck}")]
    assert deck.stat().st_size > 0


@pytest.fixture
def cohort(tmp_path: Path) -> Path:
    folder = tmp_path / "submissions"
    folder.mkdir()
    for i, hw in enumerate(demo_cohort()[:3]):
        api.write_homework(folder / f"participant{i}.xlsx", hw)
    return folder


@pytest.mark.parametrize("started_from", STARTED_FROM)
def test_consolidate_button_asks_for_the_folder_and_writes_the_cohort(
    excel: fake_com.FakeExcel, cohort: Path, tmp_path: Path, started_from: str
) -> None:
    from cba_xl.excel.build_xlsm import build_xlsm

    trainer = build_xlsm(tmp_path / "trainer")
    excel.app.folder_answer = cohort
    book = excel.open(trainer)
    click(excel, "cba_consolidate", book, STARTED_FROM[started_from])
    _, messages = file_run(trainer, run_consolidate, tmp_path / "t.xlsm", folder_answer=cohort)
    assert excel.messages == [("cba-xl", messages[-1])]  # FileBook also records its question
    assert "3 participant(s)" in messages[-1]
    assert (cohort / "cohort.xlsx").is_file()


def test_consolidate_button_without_a_folder_says_where_to_put_it(
    excel: fake_com.FakeExcel, tmp_path: Path
) -> None:
    from cba_xl.excel.build_xlsm import build_xlsm

    book = excel.open(build_xlsm(tmp_path / "trainer"))
    click(excel, "cba_consolidate", book, BUTTON)
    assert COHORT_FOLDER_KEY in excel.messages[-1][1]


def test_every_button_macro_is_tested_here() -> None:
    tested = {"cba_check", "cba_fill", "cba_slides", "cba_consolidate"}
    assert set(macros.BUTTON_MACROS) == tested


# ---------------------------------------------------------------------------------------------
# The functions
# ---------------------------------------------------------------------------------------------

START = dt.date(2025, 1, 6)


def as_excel(value: object) -> object:
    """A plain function's result as Excel receives it from CallUDF: 1x1 as the value, one row
    as a list; dates travel as datetimes (pywin32 adds UTC)."""
    rows = value if isinstance(value, list) else [[value]]
    if len(rows) == 1 and len(rows[0]) == 1:
        return rows[0][0]
    return rows[0] if len(rows) == 1 else rows


def received(value: object) -> object:
    if isinstance(value, list):
        return [received(v) for v in value]
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def python_value(v: object) -> object:
    """How xlwings hands a cell to the plain function: numbers as floats, dates as datetimes."""
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return v
    if isinstance(v, dt.date):
        return dt.datetime(v.year, v.month, v.day)
    return float(v)  # type: ignore[arg-type]


class Grid:
    """Values put into a fake sheet, handed over as ranges (COM) and as lists (plain)."""

    def __init__(self, book: fake_com.FakeWorkbook) -> None:
        self.sheet = book.sheets[0]
        self.next_col = 30

    def range(self, rows: list[list[object]]) -> tuple[fake_com.FakeRange, list[list[object]]]:
        c1 = self.next_col
        self.next_col += len(rows[0]) + 1
        for i, row in enumerate(rows):
            for j, v in enumerate(row):
                self.sheet.put((100 + i, c1 + j), v)
        rng = fake_com.FakeRange(self.sheet, 100, c1, 100 + len(rows) - 1, c1 + len(rows[0]) - 1)
        return rng, [[python_value(v) for v in row] for row in rows]


def col(*values: object) -> list[list[object]]:
    return [[v] for v in values]


def cases(grid: Grid) -> dict[str, list[tuple[dict[str, object], dict[str, object]]]]:
    """For each function: (arguments as Excel passes them, the same as the plain function gets)."""

    def r(rows: list[list[object]]) -> tuple[object, object]:
        return grid.range(rows)

    def scalar(v: object) -> tuple[object, object]:
        com = fake_com.TimeType(v.year, v.month, v.day) if isinstance(v, dt.date) else v
        return com, python_value(v)

    def split_args(**kw: tuple[object, object]) -> tuple[dict[str, object], dict[str, object]]:
        return {k: a for k, (a, _) in kw.items()}, {k: b for k, (_, b) in kw.items()}

    steps = col(1, 2, 3, 4, None)
    durations = col(5, 3, 2, 4, None)
    after = col(None, "1", "1", "2, 3", None)
    deadlines = col(None, None, dt.date(2025, 3, 1), None, None)
    days = col(10, None, 20, 30, None)
    return {
        "CBA_QUADRANT": [
            split_args(impact=scalar("High"), effort=scalar("Low")),
            split_args(impact=scalar("Hihg"), effort=scalar("Low")),
        ],
        "CBA_QUADRANTS": [
            split_args(
                impacts=r(col("High", "Low", None, "x")), efforts=r(col("Low", "Low", None, "Low"))
            ),
        ],
        "CBA_SERVICE_DECISION": [
            split_args(effort=scalar(5), value=scalar(1)),
            split_args(effort=scalar(2.5), value=scalar(4)),
        ],
        "CBA_SERVICE_DECISIONS": [split_args(efforts=r(col(5, 1, 3)), values=r(col(1, 5, None)))],
        "CBA_SMART": [
            split_args(
                goal=scalar("Grow to 60 members"),
                metric=scalar("Members"),
                target=scalar(60),
                owner=scalar("Anna"),
                deadline=scalar(dt.date(2026, 6, 30)),
                plan_start=scalar(START),
            ),
            split_args(
                goal=scalar("Improve visibility"),
                metric=scalar(None),
                target=scalar(None),
                owner=scalar(None),
                deadline=scalar(None),
            ),
        ],
        "CBA_SMARTS": [
            split_args(
                goals=r(col("Grow to 60 members", None)),
                metrics=r(col("Members", None)),
                targets=r(col(60, None)),
                owners=r(col("Anna", None)),
                deadlines=r(col(dt.date(2024, 6, 30), None)),
                plan_start=scalar(START),
            ),
        ],
        "CBA_RACI": [
            split_args(roles=r([["R", "A/C", None, "C"]]), deliverable=scalar("Report")),
            split_args(roles=r([["R", "A", "A", None]])),
            split_args(roles=r([["R", None, None, None]]), deliverable=scalar(None)),
        ],
        "CBA_RACIS": [
            split_args(
                deliverables=r(col("Report", "Plan", None)),
                roles=r([["R", "A"], ["A", "A"], [None, None]]),
            ),
        ],
        "CBA_DUE": [
            split_args(deadline=scalar(None), days=scalar(30), plan_start=scalar(START)),
            split_args(
                deadline=scalar(dt.date(2025, 5, 1)), days=scalar(None), plan_start=scalar(START)
            ),
        ],
        "CBA_DUES": [split_args(deadlines=r(deadlines), days=r(days), plan_start=scalar(START))],
        "CBA_CRITICAL_PATH": [
            split_args(steps=r(steps), durations=r(durations), after=r(after)),
            split_args(
                steps=r(steps),
                durations=r(durations),
                after=r(after),
                deadlines=r(deadlines),
                days=r(days),
                plan_start=scalar(START),
            ),
        ],
        "CBA_CRITICAL": [
            split_args(steps=r(steps), durations=r(durations), after=r(after)),
            split_args(
                steps=r(steps), durations=r(durations), after=r(col(None, "3", "2", None, None))
            ),
        ],
        "CBA_TOP_CHALLENGES": [
            split_args(
                picks=r(
                    [
                        ["Digitalization", "Service innovation", None],
                        ["digitalization", None, "Internationalisation"],
                    ]
                ),
                n=scalar(2),
            ),
        ],
        "CBA_TREND_RADAR": [
            split_args(influence=scalar(5), competence=scalar(2)),
            split_args(influence=scalar(None), competence=scalar(4)),
            split_args(influence=scalar(7), competence=scalar(4)),
        ],
        "CBA_TREND_RADARS": [
            split_args(influences=r(col(5, 3, None, "x")), competences=r(col(4, 4, 1, 2)))
        ],
        "CBA_NEED_PRIORITIES": [split_args(relevances=r(col(3, 5, None, 3, 9)))],
        "CBA_NEED_SERVED": [
            split_args(need=scalar("Partners"), service=scalar("fairs"), listed=r(col("Fairs"))),
            split_args(need=scalar("Partners"), service=scalar(None), listed=r(col("Fairs"))),
        ],
        "CBA_NEEDS_SERVED": [
            split_args(
                needs=r(col("Partners", "Funding", None)),
                services=r(col("Fairs", "Grants", None)),
                listed=r(col("Fairs", None)),
            )
        ],
        "CBA_COMPETENCE_GAP": [
            split_args(current=scalar(2), target=scalar(5)),
            split_args(current=scalar(4), target=scalar(None)),
        ],
        "CBA_COMPETENCE_GAPS": [split_args(currents=r(col(1, 5, 3)), targets=r(col(3, 2, "x")))],
        "CBA_WORDS": [split_args(statement=scalar("Ocean tech\nfor  the region"))],
        "CBA_MISSION_TOO_LONG": [
            split_args(mission=scalar(" ".join(["word"] * 26))),
            split_args(mission=scalar("We connect ocean tech firms")),
        ],
    }


def test_every_function_through_call_udf_gives_what_the_plain_function_gives(
    excel: fake_com.FakeExcel, homework: Path
) -> None:
    book = excel.open(homework)
    caller = book.sheets[0].Cells(1, 60)
    windows = sys.modules[UDFS]
    table = cases(Grid(book))
    for name, calls in table.items():
        for com_args, plain_args in calls:
            func = getattr(windows, name)
            got = excel.call(UDFS, name, fake_com.vba_args(func, com_args), book, caller)
            want = getattr(udfs, name)(**plain_args)
            assert received(got) == received(as_excel(want)), (name, com_args)


def test_findings_gets_its_workbook_from_the_calling_cell(
    excel: fake_com.FakeExcel, homework: Path
) -> None:
    book = excel.open(homework)
    caller = book.sheets[0].Cells(12, 6)
    func = sys.modules[UDFS].CBA_FINDINGS
    plain = SimpleNamespace(sheet=SimpleNamespace(book=SimpleNamespace(fullname=str(homework))))
    for severity in (fake_com.MISSING, "error", "fatal"):
        got = excel.call(UDFS, "CBA_FINDINGS", (None, severity), book, caller)
        want = udfs.CBA_FINDINGS(plain, None if severity == fake_com.MISSING else severity)
        assert got == want, severity
    assert func.__xlfunc__["volatile"]


def test_every_function_is_tested_through_call_udf(
    excel: fake_com.FakeExcel, homework: Path
) -> None:
    names = {n for n in dir(udfs) if n.startswith("CBA_")}
    assert names == {*cases(Grid(excel.open(homework))), "CBA_FINDINGS"}


def test_the_mission_verdict_reaches_excel_as_true_or_false(
    excel: fake_com.FakeExcel, homework: Path
) -> None:
    book = excel.open(homework)
    caller = book.sheets[0].Cells(1, 60)
    long = " ".join(["word"] * 26)
    for mission, verdict in ((long, True), ("We connect ocean tech firms", False), (None, False)):
        got = excel.call(UDFS, "CBA_MISSION_TOO_LONG", (mission,), book, caller)
        assert got is verdict, mission  # a bool is Excel's TRUE/FALSE, not 1/0


def test_the_workbooks_one_critical_call_gives_the_column_cba_xl_fill_writes(
    excel: fake_com.FakeExcel, tmp_path: Path
) -> None:
    """The .xlsm's single CBA_CRITICAL array formula, called as Excel calls it (the whole
    hidden block as the caller), gives row for row what `cba-xl fill` writes."""
    from cba_xl.excel.build_xlsm import build_addin_workbook, critical_helper_col

    hw = demo_cohort()[0]
    assert any(step.after for step in hw.plan)
    book = excel.open(build_addin_workbook(tmp_path / "cluster.xlsm", hw))
    plan = LAYOUT.tables["plan"]
    sheet = book.sheet(plan.sheet)
    col = critical_helper_col(plan) + 1
    formula = str(sheet.cells[(plan.first_row, col)])
    inner = formula.removeprefix("=CBA_CRITICAL(").removesuffix(")")
    # An empty argument (1.1 has no days column) reaches VBA as an omitted Optional one.
    args = tuple(
        sheet.Range(ref.split("!")[-1]) if ref else fake_com.MISSING for ref in inner.split(",")
    )
    block = fake_com.FakeRange(sheet, plan.first_row, col, plan.last_row, col)
    got = excel.call(UDFS, "CBA_CRITICAL", args, book, block)

    filled = api.fill(
        api.write_homework(tmp_path / "plain.xlsx", hw), tmp_path / "filled.xlsx", force=True
    )
    ws = openpyxl.load_workbook(filled)[plan.sheet]
    want = [
        [ws[plan.cell("critical", row)].value or ""]
        for row in range(plan.first_row, plan.last_row + 1)
    ]
    assert got == want
    assert any(row == ["Yes"] for row in want)


class AppscriptProp:
    """An appscript property reference: `.get()` gives its value."""

    def __init__(self, value: object) -> None:
        self.value = value

    def get(self) -> object:
        return self.value


class AppscriptSheet:
    """A worksheet as appscript shows it on macOS, with the terms of xlwings' mac_dict.py."""

    def __init__(self, log: list[str]) -> None:
        self.log = log
        self.protected = True
        self.protect_contents = AppscriptProp(True)
        self.protection_object = AppscriptProp(
            SimpleNamespace(
                allow_formatting_cells=AppscriptProp(True),
                allow_formatting_columns=AppscriptProp(False),
                allow_formatting_rows=AppscriptProp(False),
                allow_inserting_rows=AppscriptProp(True),
                allow_deleting_rows=AppscriptProp(True),
                allow_sorting=AppscriptProp(False),
                allow_filtering=AppscriptProp(True),
            )
        )
        self.protected_with: dict[str, object] = {}

    def unprotect(self) -> None:
        self.log.append("unprotect")
        self.protected = False

    def protect_worksheet(self, **kwargs: object) -> None:
        self.log.append("protect")
        self.protected = True
        self.protected_with = kwargs


def test_on_macos_a_write_lifts_the_protection_and_puts_it_back() -> None:
    from cba_xl.addin.excel_book import XlwingsBook
    from cba_xl.core.findings import Loc

    log: list[str] = []
    api_sheet = AppscriptSheet(log)

    class Cell:
        def __setattr__(self, name: str, value: object) -> None:
            assert not api_sheet.protected, "wrote to a protected sheet"
            log.append(f"{name}={value}")

    sheet = SimpleNamespace(api=api_sheet, range=lambda ref: Cell())
    mac_book = SimpleNamespace(impl=SimpleNamespace(), sheets={"Plan": sheet})
    XlwingsBook(mac_book).write(Loc("Plan", "B8"), 3)
    assert log == ["unprotect", "value=3", "protect"]
    assert api_sheet.protected_with == {
        "worksheet_contents": True,
        "allow_formatting_cells": True,
        "allow_formatting_columns": False,
        "allow_formatting_rows": False,
        "allow_inserting_rows": True,
        "allow_deleting_rows": True,
        "allow_sorting": False,
        "allow_filtering": True,
    }
