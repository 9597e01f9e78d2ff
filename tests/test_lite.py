"""The xlwings Lite edition under CPython: its scripts run on a stand-in for the `book: xw.Book`
Lite passes (tests/lite_fake.py, holding a real workbook's sheets), its custom functions called
the way Lite calls them, and the main.py `cba-xl lite` writes. The same findings, filled cells,
deck and cohort as the command line."""

from __future__ import annotations

import asyncio
import inspect
import random
import runpy
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import python_calamine
from lite_fake import FakeBook, _excel_value, _split, book_from_file

from cba_xl import api
from cba_xl.addin import udfs
from cba_xl.addin.book import MARK_FILL, Formula
from cba_xl.addin.cell_changes import cell_changes, live_function
from cba_xl.addin.checks_sheet import CHECKS_SHEET, HEADER
from cba_xl.addin.file_book import FileBook
from cba_xl.addin.lite_book import LiteBook
from cba_xl.addin.runs import COHORT_DECK, COHORT_WORKBOOK, run_fill
from cba_xl.cli.main import main as cli
from cba_xl.core.models import Homework
from cba_xl.lite import functions, scripts
from cba_xl.lite.generate import WHEEL
from cba_xl.sample import demo_cohort
from cba_xl.sample.mistakes import plant
from cba_xl.spec import LAYOUT, TEMPLATE_VERSION


def with_mistakes(hw: Homework) -> Homework:
    rng = random.Random(5)
    for kind in ("raci-two-a", "deadline-before-start", "missing-responsible"):
        assert plant(hw, kind, rng), kind
    return hw


@pytest.fixture
def homework_file(tmp_path: Path) -> Path:
    return api.write_homework(tmp_path / "cluster.xlsx", with_mistakes(demo_cohort()[0]))


def excel_holding(path: Path) -> FakeBook:
    return book_from_file(path, openpyxl, python_calamine)


def run(script: Callable[..., Any], book: FakeBook) -> None:
    assert inspect.iscoroutinefunction(script)  # Lite awaits async scripts
    asyncio.run(script(book))


def checks_rows(book: FakeBook) -> list[list[object]]:
    rows = book.sheets[CHECKS_SHEET].used_range.options(ndim=2).value
    head = next(i for i, r in enumerate(rows) if tuple(r[: len(HEADER)]) == HEADER)
    return rows[head + 1 :]


def test_check_script_lists_the_findings_of_the_cli(homework_file: Path, tmp_path: Path) -> None:
    expected = api.check(homework_file).findings
    assert any(f.severity.value == "error" for f in expected)
    book = excel_holding(homework_file)
    run(scripts.cba_check, book)
    rows = checks_rows(book)
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [
        (f.severity.value, f.sheet, f.cell or None, f.message) for f in expected
    ]
    marked = {(f.sheet, f.cell) for f in expected if f.cell}
    for sheet, cell in marked:
        assert book.sheets[sheet].cells[_rc(cell)]["color"] == MARK_FILL


def test_a_second_check_puts_the_cells_own_fill_back(homework_file: Path) -> None:
    book = excel_holding(homework_file)
    finding = next(f for f in api.check(homework_file).findings if f.cell)
    own = book.sheets[finding.sheet].cells.get(_rc(finding.cell), {}).get("color")
    run(scripts.cba_check, book)
    # The participant fixes nothing and the red fill must not be taken for the cell's own.
    run(scripts.cba_check, book)
    rows = checks_rows(book)
    remembered = {(r[1], r[2]): r[5] for r in rows if r[5]}
    assert remembered[(finding.sheet, finding.cell)] == (own or "none")


def test_fill_script_writes_the_cells_the_file_button_writes(
    homework_file: Path, tmp_path: Path, capsys: Any
) -> None:
    original = tmp_path / "original.xlsx"
    original.write_bytes(homework_file.read_bytes())
    book = excel_holding(homework_file)
    run(scripts.cba_fill, book)
    lite_line = capsys.readouterr().out.strip()

    written = run_fill(FileBook(homework_file))  # the Windows button's work on the file
    changes = cell_changes(original, homework_file, LAYOUT.input_sheets, keep=live_function)
    assert written == len(changes) > 0
    # The builder leaves some cells holding "", which the file's Fill clears: Excel shows the
    # two alike and reads both as empty, so there is nothing to fill in Excel.
    before = excel_holding(original)
    changes = [
        (loc, value)
        for loc, value in changes
        if value is not None or before.sheets[loc.sheet].range(loc.cell).value is not None
    ]
    assert lite_line == f"Filled {len(changes)} cell(s)."
    for loc, value in changes:
        cell = book.sheets[loc.sheet].cells.get(_rc(loc.cell), {})
        if isinstance(value, Formula):
            assert cell.get("formula") == value.text, loc
        else:
            assert cell.get("value") == _excel_value(value), loc


def test_slides_script_writes_the_cli_deck_to_data(homework_file: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    book = excel_holding(homework_file)
    port = asyncio.run(LiteBook.load(book, data=data))
    from cba_xl.addin.runs import run_slides

    deck = run_slides(port, opener=lambda p: None)
    assert deck == data / "cluster.pptx"
    cli_deck, _ = api.make_deck(homework_file, tmp_path / "cli.pptx")
    assert _slide_texts(deck) == _slide_texts(cli_deck)


def test_consolidate_script_reads_the_workbooks_imported_into_data(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    cohort = demo_cohort()[:4]
    for i, hw in enumerate(cohort, start=1):
        api.write_homework(data / f"{i:02d}.xlsx", hw)
    trainer = excel_holding(api.write_homework(tmp_path / "trainer.xlsx", cohort[0]))
    port = asyncio.run(LiteBook.load(trainer, data=data))
    from cba_xl.addin.runs import run_consolidate

    done = run_consolidate(port, opener=lambda p: None)
    assert done is not None and done.folder == data
    assert (data / COHORT_WORKBOOK).exists() and (data / COHORT_DECK).exists()
    assert "4 participant(s)" in port.messages[-1]


def test_a_problem_reaches_the_user_as_one_line(tmp_path: Path, capsys: Any) -> None:
    book = FakeBook("Book1")
    book.sheets.add("Sheet1").range("A1").value = "not a homework"
    run(scripts.cba_slides, book)
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and "Cluster Booster Academy" in out[0], out


def _rc(cell: str) -> tuple[int, int]:
    return _split(cell)


def _slide_texts(path: Path) -> list[bytes]:
    with zipfile.ZipFile(path) as z:
        names = sorted(n for n in z.namelist() if n.startswith("ppt/slides/slide"))
        return [z.read(n) for n in names]


def lite_call(f: Callable[..., Any], *cells: object) -> Any:
    """A custom function called as xlwings Lite calls it (xlwings' custom_functions_call): an
    empty cell or a missing argument arrives as None and becomes the Python default."""
    params = list(inspect.signature(f).parameters.values())
    args = []
    for i, p in enumerate(params):
        value = cells[i] if i < len(cells) else None
        if value is None:
            value = None if p.default is inspect.Parameter.empty else p.default
        args.append(value)
    return f(*args)


def test_functions_give_the_windows_results_when_lite_calls_them() -> None:
    assert lite_call(functions.CBA_QUADRANT, "High", "Low") == udfs.CBA_QUADRANT("High", "Low")
    assert lite_call(functions.CBA_SERVICE_DECISION, 5, 1, None, None) == (
        udfs.CBA_SERVICE_DECISION(5, 1)
    )
    assert lite_call(functions.CBA_TOP_CHALLENGES, [["Funding", None, None]], None) == (
        udfs.CBA_TOP_CHALLENGES([["Funding", None, None]], None)
    )
    roles = [["R", "A", None]]
    assert lite_call(functions.CBA_RACI, roles, "Report") == udfs.CBA_RACI(roles, "Report")


# Template 2.1's functions as Lite calls them: numbers as Office.js gives them (whole numbers
# as int), empty cells (None) among the arguments, which become the Python default in Lite.
STRATEGY_CALLS: list[tuple[str, tuple[object, ...]]] = [
    ("CBA_TREND_RADAR", (5, 2)),
    ("CBA_TREND_RADAR", (None, 4)),
    ("CBA_TREND_RADARS", ([[5], [3], [None]], [[4], [4], [1]])),
    ("CBA_NEED_PRIORITIES", ([[3], [5], [None], [3]],)),
    ("CBA_NEED_SERVED", ("Partners", None, [["Fairs"]])),
    ("CBA_NEEDS_SERVED", ([["Partners"], [None]], [["fairs"], [None]], [["Fairs"], [None]])),
    ("CBA_COMPETENCE_GAP", (2, 5)),
    ("CBA_COMPETENCE_GAP", (4, None)),
    ("CBA_COMPETENCE_GAPS", ([[1], [5]], [[3], [2]])),
    ("CBA_WORDS", ("Ocean tech\nfor  the region",)),
    ("CBA_WORDS", (None,)),
    ("CBA_MISSION_TOO_LONG", (" ".join(["word"] * 26),)),
    ("CBA_MISSION_TOO_LONG", (None,)),
]


def _as_windows(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return [_as_windows(v) for v in value]
    return float(value) if isinstance(value, int) and not isinstance(value, bool) else value


@pytest.mark.parametrize(("name", "cells"), STRATEGY_CALLS)
def test_strategy_functions_give_the_windows_results_in_lite(
    name: str, cells: tuple[object, ...]
) -> None:
    got = lite_call(getattr(functions, name), *cells)
    assert got == getattr(udfs, name)(*_as_windows(cells))  # COM hands numbers over as floats
    assert not (isinstance(got, str) and got.startswith(f"{name}:")), got  # no error text


def test_raci_of_an_empty_row_is_empty_in_lite() -> None:
    # The Windows function's "not given" default is what Lite passes for the empty B6.
    empty = [[None, None, None]]
    assert lite_call(udfs.CBA_RACI, empty, None) != ""
    assert lite_call(functions.CBA_RACI, empty, None) == ""
    assert lite_call(functions.CBA_RACI, [["R", None, None]], None) == udfs.CBA_RACI(
        [["R", None, None]]
    )


def test_lite_writes_main_py_with_every_function_and_button(tmp_path: Path) -> None:
    url = f"https://example.org/{WHEEL}"
    assert cli(["lite", str(tmp_path), "--wheel-url", url]) == 0
    namespace = runpy.run_path(str(tmp_path / "main.py"))
    windows = {n for n in dir(udfs) if n.startswith("CBA_")} - set(functions.NOT_IN_LITE)
    assert {n for n in namespace if n.startswith("CBA_")} == windows
    assert all(inspect.iscoroutinefunction(namespace[s]) for s in scripts.SCRIPTS)
    lines = (tmp_path / "requirements.txt").read_text().splitlines()
    assert url in lines and "python-calamine" in lines
    # and the workbook to open in Lite: the template, its tool sheets unprotected
    book = openpyxl.load_workbook(tmp_path / "cba_academy_lite.xlsx")
    assert not book["Action plan"].protection.sheet and book["Action plan"]["B7"].value == "Step"
    assert api.read(tmp_path / "cba_academy_lite.xlsx")[0].template_version == TEMPLATE_VERSION
    assert cli(["lite", str(tmp_path), "--wheel-url", url]) != 0  # not replaced without --force


def test_check_reads_a_typed_percentage_as_the_cli_does(homework_file: Path) -> None:
    # "40 %" typed into a cell is stored as 0.4 in a percent-formatted cell: Lite must send the
    # number format along, or the shares would add up to 60.4 instead of 100.
    wb = openpyxl.load_workbook(homework_file)
    keys = ("share_public", "share_fees", "share_services", "share_projects")
    for key, value in zip(keys, (0.4, 30, 20, 10), strict=True):
        cell = LAYOUT.profile_cell(key)
        wb[cell.sheet][cell.ref].value = value
    public = LAYOUT.profile_cell("share_public")
    wb[public.sheet][public.ref].number_format = "0%"
    wb.save(homework_file)
    expected = api.check(homework_file).findings
    assert not any("share" in f.code for f in expected)
    book = excel_holding(homework_file)
    run(scripts.cba_check, book)
    assert [tuple(r[:4]) for r in checks_rows(book)] == [
        (f.severity.value, f.sheet, f.cell or None, f.message) for f in expected
    ]


def test_the_snapshot_keeps_formulas_with_their_results_in_place(tmp_path: Path) -> None:
    # One column from A1: Lite gives such a range's formulas as a flat list unless asked for
    # rows; the snapshot must still put each formula in its own cell, with its result.
    book = FakeBook("x.xlsx")
    sheet = book.sheets.add("Profile")
    sheet.range("A4").value = 5
    sheet.range("A5").formula = "=A4*2"
    sheet.cells[(5, 1)]["value"] = 10.0
    port = asyncio.run(LiteBook.load(book, data=tmp_path))
    with port.snapshot() as path:
        assert openpyxl.load_workbook(path)["Profile"]["A5"].value == "=A4*2"
        with python_calamine.CalamineWorkbook.from_path(path) as cal:
            rows = cal.get_sheet_by_name("Profile").to_python(skip_empty_area=False)
    assert [r[0] for r in rows[3:5]] == [5, 10]


def test_requirements_txt_asks_for_every_dependency_cba_xl_has_in_pyodide() -> None:
    # Lite installs what requirements.txt lists; cba-xl's wheel names its own dependencies
    # too, but a dependency Lite cannot find there fails the install with a resolver error a
    # trainer cannot read. Every dependency left for emscripten (rapidfuzz is not) is listed,
    # with the same version range.
    from importlib.metadata import requires

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    from cba_xl.lite.generate import REQUIREMENTS

    pyodide = {"sys_platform": "emscripten", "platform_system": "Emscripten", "extra": ""}
    needed = {
        canonicalize_name(r.name): r.specifier
        for r in map(Requirement, requires("cba-xl") or [])
        if r.marker is None or r.marker.evaluate(pyodide)
    }
    listed = {canonicalize_name(r.name): r.specifier for r in map(Requirement, REQUIREMENTS)}
    assert "rapidfuzz" not in needed and "rapidfuzz" not in listed
    assert set(needed) <= set(listed)
    xlwings = canonicalize_name("xlwings")
    assert listed[xlwings] == needed[xlwings]
