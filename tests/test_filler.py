"""`cba-xl fill`: derived values written, native formulas restored, and nothing else of the
workbook lost: dropdowns, protection, Tables, conditional formats, styles, the VBA project."""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from cba_xl.errors import OutputRefused
from cba_xl.excel.filler import fill_workbook
from cba_xl.excel.reader import read_homework
from cba_xl.spec.cells import a1
from cba_xl.spec.layout import LAYOUT, PRIORITY, plan_start_absolute

MakeWorkbook = Callable[..., Path]
PLAN = LAYOUT.tables["plan"]
GOALS = LAYOUT.tables["goals"]
SERVICES = LAYOUT.tables["services"]
ACTIONS = LAYOUT.tables["actions"]


def sheet(path: Path, name: str) -> Worksheet:
    ws = openpyxl.load_workbook(path)[name]
    assert isinstance(ws, Worksheet)
    return ws


def keepsakes(path: Path) -> dict[str, object]:
    """What a user's workbook must still have after filling, as openpyxl sees it."""
    wb = openpyxl.load_workbook(path)
    out: dict[str, object] = {"sheets": wb.sheetnames}
    for ws in wb.worksheets:
        out[f"{ws.title}/state"] = ws.sheet_state
        out[f"{ws.title}/validations"] = [
            (dv.type, dv.formula1, str(dv.sqref)) for dv in ws.data_validations.dataValidation
        ]
        out[f"{ws.title}/protection"] = (ws.protection.sheet, ws.protection.formatColumns)
        out[f"{ws.title}/tables"] = sorted(ws.tables.items())
        out[f"{ws.title}/conditional"] = [
            (str(cf.sqref), [r.formula for r in cf.rules]) for cf in ws.conditional_formatting
        ]
        out[f"{ws.title}/styles"] = {c.coordinate: c.style for row in ws.iter_rows() for c in row}
    return out


def test_derived_values_are_written(filled_workbook: Path, tmp_path: Path):
    out = tmp_path / "out.xlsx"
    result = fill_workbook(filled_workbook, out)
    assert result.out == out
    assert result.backup is None
    plan = sheet(out, PLAN.sheet)
    rows = [PLAN.first_row, PLAN.first_row + 1, PLAN.last_row + 1]
    assert [plan[PLAN.cell("step", r)].value for r in rows] == [1, 2, 3]
    assert [plan[PLAN.cell("critical", r)].value for r in rows] == ["Yes", "Yes", "Yes"]
    # The one schedule's dates: 20, 30 and 25 days, each after the one before, from 6 January.
    day = dt.datetime
    starts = [day(2025, 1, 6), day(2025, 1, 26), day(2025, 2, 25)]
    finishes = [day(2025, 1, 26), day(2025, 2, 25), day(2025, 3, 22)]
    assert [plan[PLAN.cell("start", r)].value for r in rows] == starts
    assert [plan[PLAN.cell("finish", r)].value for r in rows] == finishes
    assert plan[PLAN.cell("finish", rows[0])].number_format == "dd.mm.yyyy"
    goals = sheet(out, GOALS.sheet)
    assert goals[GOALS.cell("smart", GOALS.first_row)].value == "SMART"
    assert goals[GOALS.cell("smart", GOALS.first_row + 1)].value.startswith("Missing: a number")
    services = sheet(out, SERVICES.sheet)
    # Effort 5, value 1, but members rate it 4: their rating decides, only the gap is left.
    assert services[SERVICES.cell("note", SERVICES.first_row)].value == (
        "Members rate it 3 higher than you: their rating counts"
    )
    assert services[SERVICES.cell("note", SERVICES.first_row + 1)].value is None
    assert result.written["step"] == 3
    assert openpyxl.load_workbook(out).calculation.fullCalcOnLoad


def test_formulas_are_restored_never_replaced_by_values(
    make_workbook: MakeWorkbook, tmp_path: Path
):
    row = ACTIONS.first_row
    added = SERVICES.last_row + 1
    cells = {
        (ACTIONS.sheet, ACTIONS.cell("step", row)): 1,
        (ACTIONS.sheet, ACTIONS.cell("impact", row)): "High",
        (ACTIONS.sheet, ACTIONS.cell("effort", row)): "Low",
        # typed over the native formula
        (ACTIONS.sheet, ACTIONS.cell("quadrant", row)): "Quick win",
        (SERVICES.sheet, SERVICES.cell("service", added)): "Added below the table",
        (SERVICES.sheet, SERVICES.cell("effort", added)): 4,
    }
    out = tmp_path / "out.xlsx"
    result = fill_workbook(make_workbook(cells=cells), out)
    quadrant = sheet(out, ACTIONS.sheet)[ACTIONS.cell("quadrant", row)].value
    assert quadrant == ACTIONS.formula(ACTIONS.derived[0], row, plan_start_absolute())
    services = sheet(out, SERVICES.sheet)
    for d in SERVICES.derived:
        if d.formula:
            ref = SERVICES.cell(d.key, added)
            assert services[ref].value == SERVICES.formula(d, added, plan_start_absolute())
    assert result.written["formula"] == 1 + sum(1 for d in SERVICES.derived if d.formula)
    # The Excel Table now covers the row added below it.
    assert services.tables[SERVICES.name].ref.endswith(str(added))


def test_the_workbook_keeps_everything_else(filled_workbook: Path, tmp_path: Path):
    out = tmp_path / "out.xlsx"
    fill_workbook(filled_workbook, out)
    before, after = keepsakes(filled_workbook), keepsakes(out)
    plan_tables = f"{PLAN.sheet}/tables"
    before.pop(plan_tables)
    after.pop(plan_tables)  # grown over the added row: checked above
    assert after == before
    ws = sheet(out, PRIORITY)
    assert ws.protection.sheet
    assert len(ws.data_validations.dataValidation) == 1
    # Input values are left alone; what is added are the plan steps' numbers in empty rows of
    # the priority matrix and the RACI (tests/test_filler_steps.py).
    hw_before, _ = read_homework(filled_workbook)
    hw_after, _ = read_homework(out)
    added = [a for a in hw_after.actions if a.row not in {b.row for b in hw_before.actions}]
    added_raci = [r for r in hw_after.raci if r.row not in {b.row for b in hw_before.raci}]
    assert all(a.waiting for a in added) and all(r.waiting for r in added_raci)
    hw_after.actions = [a for a in hw_after.actions if a not in added]
    hw_after.raci = [r for r in hw_after.raci if r not in added_raci]
    assert hw_after == hw_before


def test_in_place_keeps_a_backup_of_the_original(filled_workbook: Path):
    original = filled_workbook.read_bytes()
    first = fill_workbook(filled_workbook, now=dt.datetime(2025, 3, 1, 9, 30))
    assert first.out == filled_workbook
    assert first.backup == filled_workbook.with_name("filled.backup-20250301-093000.xlsx")
    assert first.backup.read_bytes() == original
    assert filled_workbook.read_bytes() != original
    # Filling again changes nothing: no rewrite, no second backup.
    again = fill_workbook(filled_workbook)
    assert again.backup is None
    assert again.total == 0
    assert len(list(filled_workbook.parent.glob("*.backup-*"))) == 1


def test_an_existing_backup_is_never_overwritten(filled_workbook: Path):
    when = dt.datetime(2025, 3, 1, 9, 30)
    taken = filled_workbook.with_name("filled.backup-20250301-093000.xlsx")
    taken.write_bytes(b"an older backup")
    result = fill_workbook(filled_workbook, now=when)
    assert taken.read_bytes() == b"an older backup"
    assert result.backup == filled_workbook.with_name("filled.backup-20250301-093000-2.xlsx")


def test_refuses_while_excel_has_the_file_open(filled_workbook: Path):
    lock = filled_workbook.with_name("~$" + filled_workbook.name)
    lock.write_bytes(b"owner")
    original = filled_workbook.read_bytes()
    with pytest.raises(OutputRefused) as info:
        fill_workbook(filled_workbook)
    assert f"is open in Excel (lock file {lock.name}): close it and try again" in str(info.value)
    assert filled_workbook.read_bytes() == original
    assert list(filled_workbook.parent.glob("*.backup-*")) == []


def test_an_existing_output_needs_force(filled_workbook: Path, tmp_path: Path):
    out = tmp_path / "out.xlsx"
    out.write_bytes(b"keep me")
    with pytest.raises(OutputRefused, match="exists; use --force to replace it"):
        fill_workbook(filled_workbook, out)
    assert out.read_bytes() == b"keep me"
    fill_workbook(filled_workbook, out, force=True)
    assert zipfile.is_zipfile(out)


def test_a_macro_workbook_keeps_its_vba_project(make_workbook: MakeWorkbook, tmp_path: Path):
    cells = {(PLAN.sheet, PLAN.cell("action", PLAN.first_row)): "Survey"}
    src = make_workbook("hw.xlsm", cells=cells, macro=True)
    out = tmp_path / "out.xlsm"
    fill_workbook(src, out)
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(out) as b:
        assert b.read("xl/vbaProject.bin") == a.read("xl/vbaProject.bin")
        assert b"macroEnabled.main+xml" in b.read("[Content_Types].xml")
    assert sheet(out, PLAN.sheet)[PLAN.cell("step", PLAN.first_row)].value == 1


def test_the_built_template_survives_filling(tmp_path: Path):
    builder = pytest.importorskip("cba_xl.excel.builder")
    from template_homework import sample_homework

    src = builder.build_workbook(tmp_path / "built.xlsx", sample_homework())
    out = tmp_path / "filled.xlsx"
    result = fill_workbook(src, out)
    assert result.warnings == ()
    assert keepsakes(out) == keepsakes(src)
    raci = LAYOUT.raci
    check = sheet(out, raci.sheet)[a1(raci.first_row, raci.check_col)].value
    assert check == raci.check_formula(raci.first_row)


def test_an_output_made_by_another_run_meanwhile_is_not_replaced(
    filled_workbook: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cba_xl.excel import filler

    out = tmp_path / "out.xlsx"
    read = filler.read_raw

    def read_while_another_run_writes(path: Path) -> object:
        out.write_bytes(b"the other run's file")
        return read(path)

    monkeypatch.setattr(filler, "read_raw", read_while_another_run_writes)
    with pytest.raises(OutputRefused):
        fill_workbook(filled_workbook, out)
    assert out.read_bytes() == b"the other run's file"
