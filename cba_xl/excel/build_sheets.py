"""The Start sheet and the Profile sheet of the participant workbook."""

from __future__ import annotations

from xlsxwriter.workbook import Workbook

from cba_xl.core import tools
from cba_xl.core.models import Profile
from cba_xl.core.schema import SHARE_KEYS
from cba_xl.excel import build_texts as texts
from cba_xl.excel.build_common import frame, page_setup, protect, protecting, put
from cba_xl.excel.build_lists import Lists, validation
from cba_xl.excel.styles import Styles
from cba_xl.spec import layout
from cba_xl.spec.cells import a1, absolute
from cba_xl.spec.layout import CellSpec, Layout

_DAYS = (tools.DAY_1, tools.DAY_2, tools.DAY_3)


def build_start(wb: Workbook, styles: Styles, lay: Layout) -> None:
    ws = wb.add_worksheet(layout.START)
    lite = not protecting()
    instruction = texts.LITE_START_INSTRUCTION if lite else texts.START_INSTRUCTION
    frame(ws, styles, texts.START_TITLE, instruction)
    ws.set_column(1, 1, 26)
    ws.set_column(2, 2, 18)
    ws.set_column(3, 3, 84)
    row = 3
    ws.write_string(row, 1, texts.HOW_TO_HEADING, styles.heading)
    for line in texts.LITE_HOW_TO if lite else texts.HOW_TO:
        row += 1
        ws.write_string(row, 1, line, styles.text)
    row += 2
    ws.write_string(row, 1, texts.SHEETS_HEADING, styles.heading)
    for day in _DAYS:
        of_day = [tool for tool in tools.TOOLS if tool.day == day]
        for i, tool in enumerate(of_day):
            sheet = tool.sheet
            row += 1
            if i == 0:
                ws.write_string(row, 1, day, styles.get(bold=True, valign="top"))
            ws.write_url(row, 2, f"internal:'{sheet}'!A1", styles.link, sheet)
            ws.write_string(row, 3, texts.TEXTS[tool.key].purpose, styles.text)
        row += 1
    ws.activate()
    page_setup(ws, one_page=True)
    protect(ws)


def _label(cell: CellSpec) -> str:
    return cell.field.label + (" *" if cell.field.required else "")


def _notes(cell: CellSpec) -> str:
    prompt = cell.field.prompt.strip()
    if prompt and not prompt.endswith((".", "?", "!")):
        prompt += "."
    return f"{prompt} Required.".strip() if cell.field.required else prompt


def define_cell_name(wb: Workbook, cell: CellSpec) -> None:
    wb.define_name(cell.name, f"='{cell.sheet}'!{absolute(cell.ref)}")


def write_single_input(
    wb: Workbook,
    ws_name: str,
    styles: Styles,
    lists: Lists,
    cell: CellSpec,
    value: object,
) -> None:
    """A labelled input cell: label to its left, typed value, dropdown or check, defined name,
    and amber while a required value is missing."""
    ws = wb.get_worksheet_by_name(ws_name)
    assert ws is not None
    r, c = cell.row - 1, cell.col
    ws.write_string(r, c - 1, _label(cell), styles.label)
    put(ws, cell.row, c, cell.field, value, styles.input(cell.field, single=True))
    ws.data_validation(r, c, r, c, validation(cell.field, lists))
    define_cell_name(wb, cell)
    if cell.field.required:
        ws.conditional_format(
            r,
            c,
            r,
            c,
            {"type": "formula", "criteria": f"=LEN(TRIM({cell.ref}))=0", "format": styles.missing},
        )


def build_profile(
    wb: Workbook, styles: Styles, lists: Lists, lay: Layout, profile: Profile | None
) -> None:
    ws = wb.add_worksheet(layout.PROFILE)
    text = texts.SHEETS[layout.PROFILE]
    frame(ws, styles, text.title, text.instruction)
    first = lay.profile[0]
    input_col = first.col
    head_row = first.row - 2  # 0-based: the row right above the first field
    ws.set_column(input_col - 1, input_col - 1, 30)
    ws.set_column(input_col, input_col, max(c.field.width for c in lay.profile) + 2)
    ws.set_column(input_col + 1, input_col + 1, 62)
    for offset, heading in enumerate(("Field", "Your input", "Notes")):
        ws.write_string(head_row, input_col - 1 + offset, heading, styles.header)
    for cell in lay.profile:
        value = getattr(profile, cell.field.key) if profile is not None else None
        write_single_input(wb, layout.PROFILE, styles, lists, cell, value)
        ws.write_string(cell.row - 1, cell.col + 1, _notes(cell), styles.help)
        ws.set_row(cell.row - 1, 18)
    _share_total(wb, styles, lay, profile)
    ws.freeze_panes(head_row + 1, 0)
    page_setup(ws, repeat_to_row=head_row + 1, one_page=True)
    protect(ws)


def _share_total(wb: Workbook, styles: Styles, lay: Layout, profile: Profile | None) -> None:
    total = lay.share_total
    ws = wb.get_worksheet_by_name(total.sheet)
    assert ws is not None
    shares = [lay.profile_cell(k) for k in SHARE_KEYS]
    rows = sorted(c.row for c in shares)
    col = shares[0].col
    area = f"{a1(rows[0], col)}:{a1(rows[-1], col)}"
    r, c = total.row - 1, total.col
    given = [getattr(profile, k) for k in SHARE_KEYS] if profile is not None else []
    present = [v for v in given if v is not None]
    cached: float | str = float(sum(present)) if present else ""
    ws.write_string(r, c - 1, total.field.label, styles.label)
    ws.write_formula(r, c, lay.share_total_formula, styles.derived(), cached)
    ws.write_string(r, c + 1, "Computed: should be 100 (99 to 101 is fine).", styles.help)
    ws.set_row(r, 18)
    define_cell_name(wb, total)
    # Red only once a share is given, so an empty workbook does not start with an alarm.
    ws.conditional_format(
        r,
        c,
        r,
        c,
        {
            "type": "formula",
            "criteria": f"=AND(COUNT({area})>0,OR({total.ref}<99,{total.ref}>101))",
            "format": styles.bad,
        },
    )
