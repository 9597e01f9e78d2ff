"""What participants and cba-xl rely on in the template, read back with openpyxl."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet
from template_homework import FORMULA_LIKE, sample_homework

from cba_xl.core import schema, vocab
from cba_xl.core.schema import Field, Kind
from cba_xl.excel.build_canvas import block_name
from cba_xl.excel.builder import TEMPLATE_PATH, build_workbook
from cba_xl.spec import layout
from cba_xl.spec.cells import a1, col_letter, split
from cba_xl.spec.layout import LAYOUT, TEMPLATE_ID, TEMPLATE_VERSION

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wb(tmp_path_factory: pytest.TempPathFactory) -> Workbook:
    # The committed template; the golden test holds it equal to a fresh build.
    path = ROOT / TEMPLATE_PATH
    if not path.is_file():
        path = build_workbook(tmp_path_factory.mktemp("tpl") / "cba_academy.xlsx")
    return openpyxl.load_workbook(path)


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Workbook:
    path = build_workbook(tmp_path_factory.mktemp("filled") / "filled.xlsx", sample_homework())
    return openpyxl.load_workbook(path)


def _sheet(wb: Workbook, name: str) -> Worksheet:
    ws = wb[name]
    assert isinstance(ws, Worksheet)
    return ws


def _locked(wb: Workbook, sheet: str, ref: str) -> bool:
    return bool(_sheet(wb, sheet)[ref].protection.locked)


def _input_cells() -> list[tuple[str, str, Field]]:
    """A sample of every kind of input cell: each profile cell, the first and last row of
    every table column, the ends of every canvas block, the RACI names and roles."""
    cells = [(c.sheet, c.ref, c.field) for c in (*LAYOUT.profile, LAYOUT.plan_start, *LAYOUT.cells)]
    for t in LAYOUT.tables.values():
        for f in t.inputs:
            cells += [(t.sheet, t.cell(f.key, row), f) for row in (t.first_row, t.last_row)]
    for canvas in LAYOUT.canvases.values():
        for b in canvas.blocks:
            for row in (b.item_rows[0], b.item_rows[-1]):
                cells.append((canvas.sheet, a1(row, b.col), schema.CANVAS_ITEM))
    r = LAYOUT.raci
    for i in (0, r.people - 1):
        cells.append((r.sheet, a1(r.people_row, r.person_col(i)), schema.RACI_PERSON))
        for row in (r.first_row, r.last_row):
            cells.append((r.sheet, a1(row, r.person_col(i)), schema.RACI_ROLE))
    if r.step_col is not None:
        for row in (r.first_row, r.last_row):
            cells.append((r.sheet, a1(row, r.step_col), schema.RACI_STEP))
        cells.append((r.sheet, a1(r.first_row, r.deliverable_col), schema.RACI_SUBTASK))
    else:
        cells.append((r.sheet, a1(r.first_row, r.deliverable_col), schema.RACI_DELIVERABLE))
    return cells


def _source(sheet: str, ref: str) -> str:
    """The defined name of the dropdown an input takes from the workbook's own entries."""
    row, col = split(ref)
    for t in LAYOUT.tables.values():
        for f in t.inputs:
            if t.sheet == sheet and t.source(f.key) and col == t.col(f.key) and row >= t.first_row:
                return t.source(f.key)
    r = LAYOUT.raci
    if sheet == r.sheet and col == r.step_col and row >= r.first_row:
        return layout.PLAN_STEPS
    return ""


def _fixed_cells() -> list[tuple[str, str]]:
    """Labels, headers, numbering and computed cells: none of them may be typed over."""
    cells = [(c.sheet, a1(c.row, c.col - 1)) for c in LAYOUT.profile]
    for key in ("vision", "mission"):
        statement = LAYOUT.cell(key)
        cells += [(statement.sheet, a1(statement.row, statement.col + d)) for d in (-1, 1)]
    cells.append((LAYOUT.share_total.sheet, LAYOUT.share_total.ref))
    for t in LAYOUT.tables.values():
        cells += [(t.sheet, a1(t.header_row, col)) for col in range(t.first_col, t.last_col + 1)]
        if t.lead:
            cells.append((t.sheet, t.cell(t.lead.key, t.first_row)))
        cells += [(t.sheet, t.cell(d.key, t.first_row)) for d in t.derived]
    for canvas in LAYOUT.canvases.values():
        cells += [(canvas.sheet, a1(b.header_row, b.col)) for b in canvas.blocks]
    r = LAYOUT.raci
    cells += [(r.sheet, a1(r.first_row, r.check_col)), (r.sheet, a1(r.group_row, r.person_col(0)))]
    cells += [(s, "B1") for s in LAYOUT.sheets]
    return cells


def test_every_sheet_is_present_in_order_and_the_helpers_are_hidden(wb: Workbook) -> None:
    assert wb.sheetnames == [*LAYOUT.sheets, *LAYOUT.hidden_sheets]
    assert all(_sheet(wb, s).sheet_state == "visible" for s in LAYOUT.sheets)
    assert _sheet(wb, layout.LISTS).sheet_state == "hidden"
    assert _sheet(wb, layout.META).sheet_state == "veryHidden"


def test_every_sheet_is_protected_without_a_password(wb: Workbook) -> None:
    for name in wb.sheetnames:
        protection = _sheet(wb, name).protection
        assert protection.sheet, name
        assert not protection.password, name
        assert protection.selectUnlockedCells is False  # False means "not forbidden"


@pytest.mark.parametrize(("sheet", "ref", "field"), _input_cells())
def test_input_cells_are_unlocked(wb: Workbook, sheet: str, ref: str, field: Field) -> None:
    assert not _locked(wb, sheet, ref), f"{sheet}!{ref} ({field.key}) is locked"


@pytest.mark.parametrize(("sheet", "ref"), _fixed_cells())
def test_labels_headers_and_computed_cells_are_locked(wb: Workbook, sheet: str, ref: str) -> None:
    assert _locked(wb, sheet, ref), f"{sheet}!{ref} can be typed over"


def _validation(wb: Workbook, sheet: str, ref: str) -> tuple[str, str, object, object, str]:
    for dv in _sheet(wb, sheet).data_validations.dataValidation:
        if ref in dv.sqref:
            return dv.type or "", dv.formula1 or "", dv.formula2, dv.errorStyle, dv.prompt or ""
    return "", "", None, None, ""


def _list_values(wb: Workbook, name: str) -> list[str]:
    ((sheet, area),) = list(wb.defined_names[name].destinations)
    assert sheet == layout.LISTS
    return [str(c.value) for (c,) in _sheet(wb, sheet)[area.replace("$", "")]]


@pytest.mark.parametrize(("sheet", "ref", "field"), _input_cells())
def test_every_input_has_the_right_validation(
    wb: Workbook, sheet: str, ref: str, field: Field
) -> None:
    kind, source, maximum, style, _ = _validation(wb, sheet, ref)
    own = _source(sheet, ref)
    needs = LAYOUT.tables["needs"]
    picks = {needs.col(k): t for k, t in (("service", "services"), ("change", "changes"))}
    if own:
        # a dropdown of the workbook's own goal IDs, top-3 changes or steps, which only warns
        assert (kind, source.lstrip("="), style) == ("list", own, "warning"), f"{sheet}!{ref}"
        assert own in wb.defined_names
    elif sheet == needs.sheet and split(ref)[1] in picks:
        # The participant's own services and changes, from their sheets' tables; another name
        # is allowed with a warning (the check names the cell).
        listed = LAYOUT.tables[picks[split(ref)[1]]]
        column = listed.letter(listed.inputs[0].key)
        assert kind == "list" and style == "warning"
        assert (
            source == f"'{listed.sheet}'!${column}${listed.first_row}:${column}${listed.last_row}"
        )
    elif field.allowed:
        assert kind == "list", f"{sheet}!{ref}: no dropdown for {field.key}"
        assert _list_values(wb, source.lstrip("=")) == list(field.allowed)
        assert style == ("warning" if field.kind is Kind.RACI else None)  # None = stop
    elif field.kind in (Kind.INT, Kind.YEAR, Kind.SCORE):
        assert kind == "whole"
        if field.maximum is not None:
            assert float(str(maximum)) == field.maximum
    elif field.kind in (Kind.NUMBER, Kind.PERCENT):
        assert kind == "decimal"
    elif field.kind is Kind.DATE:
        assert kind == "date"
    elif sheet == layout.TRENDS and field.key == "change":
        # The changes of the Changes sheet as the dropdown; other text allowed (information).
        changes = LAYOUT.tables["changes"]
        letter = changes.letter("change")
        assert kind == "list" and style == "information"
        assert (
            source
            == f"'{changes.sheet}'!${letter}${changes.first_row}:${letter}${changes.last_row}"
        )
    else:
        assert kind in ("", "any")


def test_dropdowns_show_the_field_prompt(wb: Workbook) -> None:
    country = LAYOUT.profile_cell("country")
    assert _validation(wb, country.sheet, country.ref)[4] == country.field.prompt


def test_tables_have_their_names_ranges_and_headers(wb: Workbook) -> None:
    for spec in LAYOUT.tables.values():
        ws = _sheet(wb, spec.sheet)
        assert spec.name in ws.tables, spec.name
        top_left = a1(spec.header_row, spec.first_col)
        ref = f"{top_left}:{col_letter(spec.last_col)}{spec.last_row}"
        assert ws.tables[spec.name].ref == ref
        headers = [ws.cell(spec.header_row, spec.col(k) + 1).value for k in spec.columns]
        assert headers == [spec.header(k) for k in spec.columns]


def test_derived_columns_hold_the_layouts_formulas(wb: Workbook) -> None:
    start = layout.plan_start_absolute()
    for spec in LAYOUT.tables.values():
        ws = _sheet(wb, spec.sheet)
        for d in spec.derived:
            for row in (spec.first_row, spec.last_row):
                value = ws[spec.cell(d.key, row)].value
                assert value == (spec.formula(d, row, start) if d.formula else None)
    r = LAYOUT.raci
    assert _sheet(wb, r.sheet)[a1(r.last_row, r.check_col)].value == r.check_formula(r.last_row)
    total = _sheet(wb, LAYOUT.share_total.sheet)[LAYOUT.share_total.ref].value
    assert total == LAYOUT.share_total_formula


def test_guide_questions_sit_above_the_plan_header(wb: Workbook) -> None:
    plan = LAYOUT.tables["plan"]
    assert plan.guide_row is not None
    ws = _sheet(wb, plan.sheet)
    assert ws[plan.cell("action", plan.guide_row)].value == "What will be done?"
    assert ws[plan.cell("action", plan.guide_row)].font.i


def test_defined_names_for_single_cells_blocks_and_meta(wb: Workbook) -> None:
    for cell in (*LAYOUT.profile, LAYOUT.plan_start, LAYOUT.share_total):
        ((sheet, ref),) = list(wb.defined_names[cell.name].destinations)
        assert (sheet, ref.replace("$", "")) == (cell.sheet, cell.ref)
    for canvas in LAYOUT.canvases.values():
        for b in canvas.blocks:
            ((sheet, area),) = list(wb.defined_names[block_name(canvas, b)].destinations)
            first, last = a1(b.item_rows[0], b.col), a1(b.item_rows[-1], b.col)
            assert (sheet, area.replace("$", "")) == (canvas.sheet, f"{first}:{last}")
    assert "cba_current_partners" in wb.defined_names
    meta = _sheet(wb, layout.META)
    assert meta[LAYOUT.meta_id_cell].value == TEMPLATE_ID
    assert meta[LAYOUT.meta_version_cell].value == TEMPLATE_VERSION
    ((_, ref),) = list(wb.defined_names["cba_template_version"].destinations)
    assert ref.replace("$", "") == LAYOUT.meta_version_cell
    assert "cba_template_id" in wb.defined_names


def test_print_setup_is_a4_landscape_one_page_wide(wb: Workbook) -> None:
    for name in LAYOUT.sheets:
        ws = _sheet(wb, name)
        assert ws.page_setup.orientation == "landscape", name
        assert ws.page_setup.paperSize == 9, name
        assert ws.sheet_properties.pageSetUpPr.fitToPage, name
        assert ws.page_setup.fitToWidth in (None, 1), name  # absent means 1 in OOXML


def test_panes_are_frozen_below_the_headers(wb: Workbook) -> None:
    for key, spec in LAYOUT.tables.items():
        if key == "objectives":
            # below the statements and the success factors: frozen, it would fill the screen
            assert _sheet(wb, spec.sheet).freeze_panes is None
            continue
        assert _sheet(wb, spec.sheet).freeze_panes == f"A{spec.header_row + 1}"
    r = LAYOUT.raci
    assert _sheet(wb, r.sheet).freeze_panes == a1(r.people_row + 1, r.deliverable_col + 1)
    assert _sheet(wb, layout.PROFILE).freeze_panes == f"A{LAYOUT.profile[0].row}"


def test_canvas_blocks_carry_their_group_colour(wb: Workbook) -> None:
    canvas = LAYOUT.canvases["current"]
    ws = _sheet(wb, canvas.sheet)
    colours = {b.group: ws[a1(b.header_row, b.col)].fill.fgColor.rgb for b in canvas.blocks}
    assert colours[vocab.BUSINESS_DEVELOPMENT].endswith("003399")
    assert colours[vocab.FINANCING_GROUP] != colours[vocab.BUSINESS_DEVELOPMENT]
    cost = canvas.block("cost_structure")
    merged = {str(m) for m in ws.merged_cells.ranges}
    row = cost.item_rows[0]
    assert f"{a1(row, cost.col)}:{a1(row, cost.col + 1)}" in merged


def test_missing_required_input_is_marked_only_where_the_row_is_used(wb: Workbook) -> None:
    actions = LAYOUT.tables["actions"]
    ws = _sheet(wb, actions.sheet)
    rules = [
        rule.formula[0]
        for cf in ws.conditional_formatting
        for rule in cf.rules
        if actions.letter("impact") in str(cf.sqref) and rule.formula
    ]
    assert any("COUNTA(" in f and "LEN(TRIM(" in f for f in rules), rules


def test_a_filled_workbook_keeps_participant_text_as_text(filled: Workbook) -> None:
    challenges = LAYOUT.tables["challenges"]
    cell = _sheet(filled, challenges.sheet)[challenges.cell("note", challenges.first_row + 2)]
    assert cell.value == FORMULA_LIKE
    assert cell.data_type == "s"


def test_a_filled_workbook_holds_typed_values(filled: Workbook) -> None:
    hw = sample_homework()
    ws = _sheet(filled, layout.PROFILE)
    assert ws[LAYOUT.profile_cell("country").ref].value == "PL - Poland"
    assert ws[LAYOUT.profile_cell("members").ref].value == hw.profile.members
    start = _sheet(filled, LAYOUT.plan_start.sheet)[LAYOUT.plan_start.ref].value
    assert start == dt.datetime.combine(hw.plan_start or dt.date.min, dt.time())
    plan = LAYOUT.tables["plan"]
    ws = _sheet(filled, plan.sheet)
    assert ws[plan.cell("after", plan.first_row + 1)].value == "1"
    assert ws[plan.cell("milestone", plan.first_row)].value == "Yes"
    canvas = LAYOUT.canvases["future"]
    block = canvas.block("value_proposition")
    items = [_sheet(filled, canvas.sheet)[a1(r, block.col)].value for r in block.item_rows]
    assert items[:4] == hw.canvas_future.blocks["value_proposition"]


def test_after_steps_cells_are_text_so_2_3_stays_2_3(wb: Workbook, filled: Workbook) -> None:
    # Formatted as text, "2,3" is not turned into the number 2.3 where the comma is the decimal
    # mark, nor "2/3" into a date; a filled workbook's steps are text too.
    plan = LAYOUT.tables["plan"]
    for book in (wb, filled):
        ws = _sheet(book, plan.sheet)
        for row in range(plan.first_row, plan.last_row + 1):
            assert ws[plan.cell("after", row)].number_format == "@"
    ws = _sheet(filled, plan.sheet)
    assert ws[plan.cell("after", plan.first_row + 1)].value == "1"


def test_share_cells_stay_general_so_40_is_40_in_libreoffice(wb: Workbook) -> None:
    # LibreOffice shows 40 typed into a percent-formatted cell as 4000 %: the share cells are
    # General, and the total counts a cell that typing "40 %" made percent as percent.
    ws = _sheet(wb, LAYOUT.share_total.sheet)
    for key in schema.SHARE_KEYS:
        assert ws[LAYOUT.profile_cell(key).ref].number_format == "General"
    assert 'CELL("format",' in LAYOUT.share_total_formula


def test_a_finish_after_its_deadline_shows_red_once_filled(wb: Workbook) -> None:
    plan = LAYOUT.tables["plan"]
    ws = _sheet(wb, plan.sheet)
    finish, deadline = plan.cell("finish", plan.first_row), plan.cell("deadline", plan.first_row)
    rules = [
        (str(cf.sqref), rule)
        for cf in ws.conditional_formatting
        for rule in cf.rules
        if any(f"{finish}>{deadline}" in f for f in rule.formula)
    ]
    column = plan.letter("finish")
    assert [ref for ref, _ in rules] == [f"{column}{plan.first_row}:{column}{plan.last_row}"]
    assert rules[0][1].dxf.fill is not None
