"""workbook/cba_academy.xlsm inspected as a package: the VBA project, the xlwings.conf sheet,
the buttons and the cells with live functions; and the committed file is not stale."""

from __future__ import annotations

import importlib
import inspect
import os
import posixpath
import shutil
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import openpyxl
import pytest
import soffice
from openpyxl.worksheet.formula import ArrayFormula
from python_calamine import CalamineWorkbook

from cba_xl import api
from cba_xl.addin import macros
from cba_xl.addin.book import config_value
from cba_xl.excel.build_xlsm import (
    CONFIG_SHEET,
    CRITICAL_RESULT,
    NEEDS_ADDIN,
    UDF_MODULES,
    XLSM_PATH,
    build_addin_workbook,
    build_xlsm,
    buttons,
    critical_helper_col,
    vba_project,
)
from cba_xl.sample import demo_cohort
from cba_xl.spec import LAYOUT
from cba_xl.spec import layout as spec
from cba_xl.spec.cells import col_letter, split

ROOT = Path(__file__).resolve().parents[1]
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
VML_X = "{urn:schemas-microsoft-com:office:excel}"


@pytest.fixture(scope="module")
def xlsm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_xlsm(tmp_path_factory.mktemp("xlsm"))


def _rels(zf: zipfile.ZipFile, part: str) -> dict[str, str]:
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", name + ".rels")
    if rels not in zf.namelist():
        return {}
    root = ET.fromstring(zf.read(rels))
    return {
        r.get("Id", ""): posixpath.normpath(posixpath.join(folder, r.get("Target", "")))
        for r in root.iter(f"{REL}Relationship")
    }


def sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its part, as workbook.xml and its relationships say."""
    rels = _rels(zf, "xl/workbook.xml")
    root = ET.fromstring(zf.read("xl/workbook.xml"))
    return {s.get("name", ""): rels[s.get(R_ID, "")] for s in root.iter(f"{MAIN}sheet")}


def button_macros(path: Path) -> set[tuple[str, str, str]]:
    """(sheet, caption-less macro name, raw FmlaMacro) of every form button in the package."""
    found: set[tuple[str, str, str]] = set()
    with zipfile.ZipFile(path) as zf:
        for sheet, part in sheet_parts(zf).items():
            for target in _rels(zf, part).values():
                if not target.startswith("xl/drawings/vmlDrawing"):
                    continue
                root = ET.fromstring(zf.read(target))
                for macro in root.iter(f"{VML_X}FmlaMacro"):
                    raw = macro.text or ""
                    found.add((sheet, raw.split("!")[-1], raw))
    return found


def test_vba_project_is_xlwings_quickstart_and_the_package_is_macro_enabled(xlsm: Path) -> None:
    with zipfile.ZipFile(xlsm) as zf:
        assert zf.read("xl/vbaProject.bin") == vba_project()
        types = ET.fromstring(zf.read("[Content_Types].xml"))
        overrides = {o.get("PartName"): o.get("ContentType") for o in types.iter(f"{CT}Override")}
        defaults = {d.get("Extension"): d.get("ContentType") for d in types.iter(f"{CT}Default")}
    assert overrides["/xl/workbook.xml"] == "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
    assert defaults["bin"] == "application/vnd.ms-office.vbaProject"
    # The project references the xlwings add-in (its name is in the project's reference list).
    assert b"xlwings" in vba_project()


def test_config_sheet_names_importable_modules_as_xlwings_reads_it(xlsm: Path) -> None:
    wb = openpyxl.load_workbook(xlsm, keep_vba=True)
    rows = [list(r) for r in wb[CONFIG_SHEET].iter_rows(values_only=True)]
    assert config_value(rows, "UDF MODULES") == UDF_MODULES  # the add-in asks in upper case
    modules = [importlib.import_module(name) for name in UDF_MODULES.split(";")]
    assert [m.__name__ for m in modules] == ["cba_xl.addin.udfs", "cba_xl.addin.macros"]
    # Keys run from A1 down without a gap (GetConfigFromSheet stops at the first empty cell).
    keys = [r[0] for r in rows if r and r[0] is not None]
    assert [r[0] for r in rows[: len(keys)]] == keys


def test_every_button_calls_a_parameterless_macro_of_the_add_in(xlsm: Path) -> None:
    found = button_macros(xlsm)
    assert {(s, m) for s, m, _ in found} == {(b.sheet, b.macro) for b in buttons()}
    for _, name, raw in found:
        assert raw == f"[0]!{name}"  # a macro of this workbook
        macro = getattr(macros, name)
        assert name in macros.BUTTON_MACROS
        assert inspect.signature(macro).parameters == {}


def test_start_has_all_four_buttons_and_every_tool_sheet_a_check(xlsm: Path) -> None:
    found = {(s, m) for s, m, _ in button_macros(xlsm)}
    assert {m for s, m in found if s == spec.START} == set(macros.BUTTON_MACROS)
    for sheet in LAYOUT.input_sheets:
        assert (sheet, "cba_check") in found
    assert (spec.PLAN, "cba_fill") in found and (spec.GOALS, "cba_fill") in found


def test_live_function_cells_fall_back_to_a_clear_text(xlsm: Path) -> None:
    wb = openpyxl.load_workbook(xlsm, keep_vba=True)
    goals, plan = LAYOUT.tables["goals"], LAYOUT.tables["plan"]
    smart = wb[goals.sheet][goals.cell("smart", goals.first_row)].value
    critical = wb[plan.sheet][plan.cell("critical", plan.last_row)].value
    for formula, name in ((smart, "CBA_SMART("), (critical, f"INDEX({CRITICAL_RESULT},")):
        assert isinstance(formula, str)
        assert name in formula
        assert "IFERROR(" in formula and formula.endswith(f'"{NEEDS_ADDIN}"))')


def _formulas(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as zf:
        return [
            f.text or ""
            for name in zf.namelist()
            if name.startswith("xl/worksheets/") and name.endswith(".xml")
            for f in ET.fromstring(zf.read(name)).iter(f"{MAIN}f")
        ]


def test_the_critical_path_is_one_call_for_the_whole_plan(xlsm: Path) -> None:
    """One CBA_CRITICAL per recalculation, not one per row (each passing the whole plan)."""
    calls = [f for f in _formulas(xlsm) if "CBA_CRITICAL(" in f.upper()]
    assert len(calls) == 1
    wb = openpyxl.load_workbook(xlsm, keep_vba=True)
    plan = LAYOUT.tables["plan"]
    ws = wb[plan.sheet]
    # A classic array formula of one cell per plan row, outside the Excel Table (no #SPILL!).
    helper = col_letter(critical_helper_col(plan))
    first = ws[f"{helper}{plan.first_row}"].value
    assert isinstance(first, ArrayFormula)
    assert first.ref == f"{helper}{plan.first_row}:{helper}{plan.last_row}"
    table = ws.tables[plan.name]
    assert split(table.ref.split(":")[1])[1] < critical_helper_col(plan)
    assert ws.column_dimensions[helper].hidden
    name = wb.defined_names[CRITICAL_RESULT]
    assert name.attr_text == f"'{plan.sheet}'!${helper}${plan.first_row}:${helper}${plan.last_row}"
    for row in range(plan.first_row, plan.last_row + 1):
        cell = ws[plan.cell("critical", row)].value
        assert f"INDEX({CRITICAL_RESULT},{row - plan.first_row + 1})" in cell


def test_the_xlsm_reads_and_checks_like_the_xlsx(xlsm: Path, tmp_path: Path) -> None:
    xlsx = api.new_workbook(tmp_path / "plain.xlsx")
    plain = api.check(xlsx)
    macro = api.check(xlsm)
    assert macro.unusable is None and plain.unusable is None
    assert [(f.code, f.sheet, f.cell) for f in macro.findings] == [
        (f.code, f.sheet, f.cell) for f in plain.findings
    ]


def test_the_same_code_builds_the_same_bytes(xlsm: Path, tmp_path: Path) -> None:
    assert build_xlsm(tmp_path).read_bytes() == xlsm.read_bytes()


def test_golden_committed_xlsm_equals_a_fresh_build(xlsm: Path) -> None:
    if os.environ.get("CBA_XL_UPDATE_GOLDEN"):
        build_xlsm(ROOT)
    committed = ROOT / XLSM_PATH
    assert committed.is_file(), f"{committed} is missing: run `cba-xl build-templates`"
    with zipfile.ZipFile(committed) as old, zipfile.ZipFile(xlsm) as new:
        stale = sorted(
            name
            for name in {*old.namelist(), *new.namelist()}
            if name not in old.namelist()
            or name not in new.namelist()
            or old.read(name) != new.read(name)
        )
    assert not stale, f"stale parts {stale}: run `cba-xl build-templates` and review the diff"


@pytest.mark.skipif(
    not os.environ.get("XLWINGS_LICENSE_KEY"),
    reason="xlwings PRO reader (calamine engine) needs XLWINGS_LICENSE_KEY",
)
def test_xlwings_reads_the_config_sheet_itself(xlsm: Path) -> None:
    import xlwings as xw
    from xlwings.utils import read_config_sheet

    book = xw.Book(xlsm, mode="r")
    try:
        config = read_config_sheet(book)
    finally:
        book.close()
    assert config["UDF Modules"] == UDF_MODULES


# A fresh LibreOffice profile that recalculates every formula on load, whatever the file says.
RECALC_ALWAYS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
           xmlns:xs="http://www.w3.org/2001/XMLSchema"
           xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


@pytest.mark.libreoffice
@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not found")
def test_without_the_add_in_the_cells_say_so(tmp_path: Path) -> None:
    """A spreadsheet program that knows no CBA_ function (LibreOffice here, Excel before Import
    Functions) shows 'needs the add-in' in filled rows and nothing in empty ones."""
    hw = demo_cohort()[0]
    path = build_addin_workbook(tmp_path / "hw.xlsm", hw)
    profile = tmp_path / "lo-profile"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(RECALC_ALWAYS, encoding="utf-8")
    soffice.convert(path, "xlsx", tmp_path / "out", profile, timeout=180)
    book = CalamineWorkbook.from_path(tmp_path / "out" / "hw.xlsx")
    goals, plan = LAYOUT.tables["goals"], LAYOUT.tables["plan"]

    def shown(sheet: str, ref: str) -> object:
        row, col = split(ref)
        rows = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
        return rows[row - 1][col] if row <= len(rows) and col < len(rows[row - 1]) else ""

    filled_goal, filled_step = hw.goals[0].row, hw.plan[0].row
    assert shown(goals.sheet, goals.cell("smart", filled_goal)) == NEEDS_ADDIN
    assert shown(goals.sheet, goals.cell("smart", goals.last_row)) == ""
    assert shown(plan.sheet, plan.cell("critical", filled_step)) == NEEDS_ADDIN
    assert shown(plan.sheet, plan.cell("critical", plan.last_row)) == ""
