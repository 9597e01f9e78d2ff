"""Shared pytest fixtures. Each helper appends its own clearly named section."""

from __future__ import annotations

# ---------------------------------------------------------------------------------------------
# Excel I/O fixtures (opening, reader, filler): workbooks made with openpyxl at the positions
# cba_xl.spec.layout gives, with the cba_meta marker, Excel Tables, a dropdown and sheet
# protection like the template's, so the reader and the filler can be tested on their own.
# ---------------------------------------------------------------------------------------------
import datetime as dt
import os
import shutil
import zipfile
from collections.abc import Callable, Generator, Mapping
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from cba_xl.excel.build_vision import word_count_formula
from cba_xl.spec.cells import a1, split
from cba_xl.spec.layout import (
    LAYOUT,
    LISTS,
    META,
    TEMPLATE_ID,
    TEMPLATE_VERSION,
    plan_start_absolute,
    words_ref,
)

Cells = dict[tuple[str, str], object]


def sample_cells() -> Cells:
    """A filled workbook's input cells: (sheet, A1 ref) -> value."""
    lay = LAYOUT
    cells: Cells = {}
    profile = {
        "cluster_name": "Silesia Food Cluster",
        "region": "Lower Silesia",
        "country": "PL - Poland",
        "ecosystem": "Agri-food",
        "members": 42,
        "founding_year": 2009,
        "manager_name": "Anna Nowak",
        "manager_email": "anna@food-cluster.eu",
        "staff_fte": 3.5,
        "budget_eur": 250000,
        "share_public": 40,
        "share_fees": 30,
        "share_services": 20,
        "share_projects": 10,
    }
    for key, value in profile.items():
        c = lay.profile_cell(key)
        cells[(c.sheet, c.ref)] = value
    cells[(lay.plan_start.sheet, lay.plan_start.ref)] = dt.date(2025, 1, 6)

    def rows(key: str, data: list[dict[str, object]], first: int | None = None) -> None:
        t = lay.tables[key]
        for i, values in enumerate(data):
            row = (first or t.first_row) + i
            for k, v in values.items():
                cells[(t.sheet, t.cell(k, row))] = v

    rows(
        "challenges",
        [
            {"rank": 1, "theme": "Digitalization", "note": "Members lag behind"},
            {"rank": 2, "theme": "Service innovation", "note": ""},
            {"rank": 3, "theme": "Financial sustainability", "note": "Fees too low"},
        ],
    )
    rows(
        "changes",
        [
            {
                "change": "Paid matchmaking",
                "block": "Cluster activities",
                "priority": 1,
                "short_term": "Yes",
                "feedback": "Peers liked it",
            }
        ],
    )
    rows(
        "services",
        [
            {
                "service": "Matchmaking",
                "field": "Innovation",
                "financing": "Fee-based",
                "effort": 5,
                "value": 1,
                "rating": 4,
                "decision": "Keep",
            },
            {
                "service": "Newsletter",
                "financing": "Included in membership fee",
                "effort": 1,
                "value": 4,
                "decision": "Keep",
            },
        ],
    )
    rows(
        "actions",
        [
            {"action": "Launch newsletter", "impact": "High", "effort": "Low", "status": "Done"},
            {"action": "New website", "impact": "High", "effort": "High", "status": "Not started"},
        ],
    )
    rows(
        "goals",
        [
            {
                "goal_id": "G1",
                "goal": "Grow to 60 members",
                "metric": "Members",
                "target": 60,
                "owner": "Anna",
                "deadline": dt.date(2026, 6, 30),
            },
            {"goal_id": "G2", "goal": "Improve visibility", "parent": "G1"},
        ],
    )
    rows(
        "plan",
        [
            {
                "action": "Survey members",
                "responsible": "Anna",
                "outcome": "Needs list",
                "deadline": dt.date(2025, 2, 1),
                "duration": 20,
            },
            {
                "action": "Design service",
                "responsible": "Piotr",
                "outcome": "Offer",
                "deadline": dt.date(2025, 3, 7),
                "duration": 30,
                "after": "1",
            },
        ],
    )
    # A step added below the template's capacity, as a participant would.
    rows(
        "plan",
        [
            {
                "action": "Launch",
                "responsible": "Anna",
                "outcome": "First clients",
                "deadline": dt.date(2025, 4, 6),
                "duration": 25,
                "after": "2",
            }
        ],
        first=lay.tables["plan"].last_row + 1,
    )
    canvas = lay.canvases["current"]
    for block_key, items in {"partners": ["University", "Region"], "members": ["SMEs"]}.items():
        block = canvas.block(block_key)
        for i, item in enumerate(items):
            loc = canvas.item_loc(block, i)
            cells[(loc.sheet, loc.cell)] = item
    future = lay.canvases["future"]
    loc = future.item_loc(future.block("value_proposition"), 0)
    cells[(loc.sheet, loc.cell)] = "One-stop shop for food SMEs"
    raci = lay.raci
    cells[(raci.sheet, a1(raci.people_row, raci.person_col(0)))] = "Anna"
    cells[(raci.sheet, a1(raci.people_row, raci.person_col(4)))] = "Board"
    cells[(raci.sheet, a1(raci.first_row, raci.deliverable_col))] = "Survey"
    cells[(raci.sheet, a1(raci.first_row, raci.person_col(0)))] = "A/R"
    cells[(raci.sheet, a1(raci.first_row, raci.person_col(4)))] = "I"
    return cells


def write_layout_workbook(
    path: Path,
    cells: Mapping[tuple[str, str], object] | None = None,
    *,
    marker: tuple[object, object] | None = (TEMPLATE_ID, TEMPLATE_VERSION),
    rename: Mapping[str, str] | None = None,
    drop: tuple[str, ...] = (),
    macro: bool = False,
) -> Path:
    """A workbook shaped like the template; `cells` maps (sheet, ref) to values."""
    lay = LAYOUT
    wb = openpyxl.Workbook()
    assert wb.active is not None
    wb.remove(wb.active)
    for name in (*lay.sheets, *lay.hidden_sheets):
        if name not in drop:
            wb.create_sheet(name)

    def sheet(name: str) -> Worksheet | None:
        return wb[name] if name in wb.sheetnames else None  # type: ignore[return-value]

    start_ref = plan_start_absolute(lay)
    for t in lay.tables.values():
        ws = sheet(t.sheet)
        if ws is None:
            continue
        for key in t.columns:
            ws.cell(t.header_row, t.col(key) + 1, t.header(key))
        for row in range(t.first_row, t.last_row + 1):
            for d in t.derived:
                if d.formula:
                    ws[t.cell(d.key, row)] = t.formula(d, row, start_ref)
        ref = f"{a1(t.header_row, t.first_col)}:{a1(t.last_row, t.last_col)}"
        table = Table(displayName=t.name, ref=ref)
        table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
        ws.add_table(table)
    actions = lay.tables["actions"]
    ws = sheet(actions.sheet)
    if ws is not None:
        dv = DataValidation(type="list", formula1='"High,Low"', allow_blank=True)
        dv.add(
            f"{actions.letter('impact')}{actions.first_row}:"
            f"{actions.letter('effort')}{actions.last_row}"
        )
        ws.add_data_validation(dv)
        ws.protection.sheet = True
        ws.protection.formatColumns = False
        quadrant = (
            f"{actions.letter('quadrant')}{actions.first_row}:"
            f"{actions.letter('quadrant')}{actions.last_row}"
        )
        ws.conditional_formatting.add(
            quadrant,
            CellIsRule(
                operator="equal", formula=['"Quick win"'], fill=PatternFill("solid", "C6EFCE")
            ),
        )
        ws.cell(actions.first_row, actions.col("action") + 1).style = "Good"
    raci = lay.raci
    ws = sheet(raci.sheet)
    if ws is not None:
        for row in range(raci.first_row, raci.last_row + 1):
            ws[a1(row, raci.check_col)] = raci.check_formula(row)
    ws = sheet(lay.share_total.sheet)
    if ws is not None:
        ws[lay.share_total.ref] = lay.share_total_formula
    for key in ("vision", "mission"):
        statement = lay.cell(key)
        ws = sheet(statement.sheet)
        if ws is not None:
            ws[words_ref(statement)] = word_count_formula(statement.ref)
    meta = sheet(META)
    if meta is not None:
        meta.sheet_state = "veryHidden"
        if marker is not None:
            meta[lay.meta_id_cell], meta[lay.meta_version_cell] = marker
    lists = sheet(LISTS)
    if lists is not None:
        lists.sheet_state = "hidden"
    for (name, ref), value in (cells or {}).items():
        ws = sheet(name)
        if ws is not None:
            row, col = split(ref)
            ws.cell(row, col + 1, value)
    for old, new in (rename or {}).items():
        ws = sheet(old)
        assert ws is not None
        ws.title = new
    wb.save(path)
    if macro:
        _make_macro_enabled(path)
    return path


FAKE_VBA = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1not-really-vba"


def _make_macro_enabled(path: Path) -> None:
    """Turn a saved .xlsx into an .xlsm package holding a (dummy) VBA project part."""
    with zipfile.ZipFile(path) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    parts["[Content_Types].xml"] = (
        parts["[Content_Types].xml"]
        .replace(b"spreadsheetml.sheet.main+xml", b"PLACEHOLDER")
        .replace(
            b"application/vnd.openxmlformats-officedocument.PLACEHOLDER",
            b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
        )
        .replace(
            b"</Types>",
            b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
            b"</Types>",
        )
    )
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/'
        b'vbaProject" Target="vbaProject.bin"/></Relationships>',
    )
    parts["xl/vbaProject.bin"] = FAKE_VBA
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)


@pytest.fixture
def make_workbook(tmp_path: Path) -> Callable[..., Path]:
    """make_workbook(name="hw.xlsx", cells=None, **write_layout_workbook options) -> path."""

    def make(
        name: str = "hw.xlsx",
        cells: Mapping[tuple[str, str], object] | None = None,
        **options: object,
    ) -> Path:
        return write_layout_workbook(tmp_path / name, cells, **options)  # type: ignore[arg-type]

    return make


@pytest.fixture
def filled_workbook(make_workbook: Callable[..., Path]) -> Path:
    return make_workbook("filled.xlsx", sample_cells())


# ---------------------------------------------------------------------------------------------
# LibreOffice: tests marked `libreoffice` (and the corpus cases that need soffice to be made)
# skip on a machine without it, and the run says so in one line. CI sets
# CBA_XL_REQUIRE_LIBREOFFICE=1, which turns each such skip into a failure.
# ---------------------------------------------------------------------------------------------
REQUIRE_LIBREOFFICE = "CBA_XL_REQUIRE_LIBREOFFICE"
_TOOLS = {  # program -> (what it is, the Debian packages that bring it)
    "soffice": ("LibreOffice", "libreoffice-calc libreoffice-impress"),
    "pdftotext": ("pdftotext (poppler)", "poppler-utils"),
}
_SKIPPED = pytest.StashKey[list[str]]()  # the reasons of the skipped tests


def _missing_tools() -> list[str]:
    return [tool for tool in _TOOLS if shutil.which(tool) is None]


def _requires_libreoffice() -> bool:
    return os.environ.get(REQUIRE_LIBREOFFICE, "") == "1"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    config.stash[_SKIPPED] = []
    for item in items:
        case = getattr(item, "callspec", None) and item.callspec.params.get("case")
        if getattr(case, "needs", "") == "soffice":
            item.add_marker(pytest.mark.libreoffice)
    if "soffice" in _missing_tools():
        for item in items:
            if item.get_closest_marker("libreoffice"):
                item.add_marker(pytest.mark.skip(reason="LibreOffice (soffice) not installed"))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if report.skipped and item.get_closest_marker("pyodide"):
        _pyodide_skip(item, report)
    elif report.skipped and item.get_closest_marker("libreoffice"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else ""
        reason = reason.removeprefix("Skipped: ")
        if _requires_libreoffice():
            report.outcome = "failed"
            report.longrepr = f"{REQUIRE_LIBREOFFICE}=1, but this test was skipped: {reason}"
        else:
            item.config.stash.setdefault(_SKIPPED, []).append(reason)
    return report


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    pyodide = config.stash.get(_PYODIDE_SKIPPED, [])
    if pyodide:
        count = f"{len(pyodide)} Pyodide test{'s' if len(pyodide) != 1 else ''}"
        terminalreporter.write_line(
            f"{count} skipped: {'; '.join(dict.fromkeys(pyodide))}; set {REQUIRE_PYODIDE}=1 "
            "to make this an error"
        )
    skipped = config.stash.get(_SKIPPED, [])
    if not skipped:
        return
    missing = _missing_tools()
    count = f"{len(skipped)} test{'s' if len(skipped) != 1 else ''}"
    if missing:
        what = " and ".join(_TOOLS[t][0] for t in missing) + " not installed"
        how = "install " + " ".join(_TOOLS[t][1] for t in missing)
    else:  # the programs are there, something else they need is not (e.g. python3-uno)
        what = "; ".join(dict.fromkeys(skipped))
        how = "see the reasons with pytest -rs"
    terminalreporter.write_line(
        f"{count} skipped: {what}; {how}, or set {REQUIRE_LIBREOFFICE}=1 to make this an error"
    )


# ---------------------------------------------------------------------------------------------
# Pyodide (the xlwings Lite edition): tests marked `pyodide` skip where Node.js is missing or
# its package or the wheels cannot be fetched, and the run says so in one line. CI sets
# CBA_XL_REQUIRE_PYODIDE=1, which turns each such skip into a failure.
# ---------------------------------------------------------------------------------------------
REQUIRE_PYODIDE = "CBA_XL_REQUIRE_PYODIDE"
_PYODIDE_SKIPPED = pytest.StashKey[list[str]]()


def _pyodide_skip(item: pytest.Item, report: pytest.TestReport) -> None:
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else ""
    reason = reason.removeprefix("Skipped: ")
    if os.environ.get(REQUIRE_PYODIDE, "") == "1":
        report.outcome = "failed"
        report.longrepr = f"{REQUIRE_PYODIDE}=1, but this test was skipped: {reason}"
    else:
        item.config.stash.setdefault(_PYODIDE_SKIPPED, []).append(reason)
