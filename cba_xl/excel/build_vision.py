"""The Vision & mission sheet: the two statements with their word counts (native formulas), the
academy's success factors ticked Yes or No for each statement, and the objectives' table.

Also the single labelled input cells the Communication sheet's brand uses (`statement_cell`)."""

from __future__ import annotations

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from cba_xl.core import vocab
from cba_xl.core.models import Homework
from cba_xl.core.rules.vision import MISSION_WORD_LIMIT, words
from cba_xl.excel.build_common import put, text_height
from cba_xl.excel.build_lists import Lists, validation
from cba_xl.excel.build_sheets import define_cell_name
from cba_xl.excel.build_tables import build_table_sheet
from cba_xl.excel.styles import Styles
from cba_xl.spec.cells import split
from cba_xl.spec.layout import CellSpec, Layout, words_ref

STATEMENT_LINES = 4  # the statement cells show four lines of text before they scroll


def word_count_formula(ref: str) -> str:
    """Words in a cell as `cba_xl.core.rules.vision.words` counts them: line breaks are spaces,
    runs of spaces one (TRIM), so the count is the spaces plus one."""
    text = f'TRIM(SUBSTITUTE({ref},CHAR(10)," "))'
    return f'=IF(LEN({text})=0,"",LEN({text})-LEN(SUBSTITUTE({text}," ",""))+1)'


def statement_cell(
    wb: Workbook,
    ws: Worksheet,
    styles: Styles,
    lists: Lists,
    cell: CellSpec,
    value: object,
    *,
    label: str = "",
    last_col: int | None = None,
) -> None:
    """A labelled input cell (label to its left), merged over to `last_col` when given, with its
    input message, defined name and amber while a required value is missing."""
    r, c = cell.row - 1, cell.col
    fmt = styles.input(cell.field, single=True)
    ws.write_string(
        r, c - 1, label or cell.field.label + (" *" if cell.field.required else ""), styles.label
    )
    if last_col is not None and last_col > c:
        ws.merge_range(r, c, r, last_col, "", fmt)
    put(ws, cell.row, c, cell.field, value, fmt)
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


def build_vision(
    wb: Workbook, styles: Styles, lists: Lists, lay: Layout, hw: Homework | None
) -> None:
    ws = build_table_sheet(wb, styles, lists, lay, "objectives", hw, freeze=False)
    vm = hw.vision if hw is not None else None
    statements = [lay.cell(key) for key in ("vision", "mission")]
    first = statements[0]
    head = first.row - 2  # 0-based: the row above the statements
    for offset, text in enumerate(("Statement", "Your text", "Words")):
        ws.write_string(head, first.col - 1 + offset, text, styles.header)
    for cell in statements:
        value = getattr(vm, cell.field.key) if vm is not None else ""
        statement_cell(wb, ws, styles, lists, cell, value)
        ws.set_row(
            cell.row - 1,
            max(text_height([(str(value), cell.field.width)]) or 0, 13.0 * STATEMENT_LINES + 4),
        )
        cached = words(str(value)) if value else ""
        row, col = split(words_ref(cell))
        ws.write_formula(row - 1, col, word_count_formula(cell.ref), styles.derived(), cached)
    mission = lay.cell("mission")
    count = words_ref(mission)
    row, col = split(count)
    ws.conditional_format(
        row - 1,
        col,
        row - 1,
        col,
        {
            "type": "formula",
            "criteria": f"=AND(ISNUMBER({count}),{count}>{MISSION_WORD_LIMIT})",
            "format": styles.bad,
        },
    )
    ws.write_string(
        mission.row,
        mission.col,
        f"A mission people can remember: at most {MISSION_WORD_LIMIT} words.",
        styles.help,
    )
    _factors(wb, ws, styles, lists, lay, hw)
    spec = lay.tables["objectives"]
    ws.write_string(
        spec.header_row - 2,
        spec.first_col,
        "Objectives: precise, measurable, with room for the cluster to evolve",
        styles.heading,
    )


def _factors(
    wb: Workbook, ws: Worksheet, styles: Styles, lists: Lists, lay: Layout, hw: Homework | None
) -> None:
    keys = vocab.SUCCESS_FACTOR_KEYS
    vision = [lay.cell(f"vision_{k}") for k in keys]
    mission = [lay.cell(f"mission_{k}") for k in keys]
    head = vision[0].row - 2
    label_col = vision[0].col - 1  # the factor's words, left of the vision's tick
    headers = ("No.", "The academy's success factors", "Vision meets it?", "Mission meets it?")
    for offset, text in enumerate(headers):
        ws.write_string(head, label_col - 1 + offset, text, styles.header)
    ws.set_row(head, 30)
    for i, (v, m, (_, label)) in enumerate(
        zip(vision, mission, vocab.SUCCESS_FACTORS, strict=True)
    ):
        ws.write_number(v.row - 1, label_col - 1, i + 1, styles.lead)
        ws.write_string(v.row - 1, label_col, label, styles.label)
        for cell in (v, m):
            statement, _, factor = cell.field.key.partition("_")
            ticks = hw.vision.ticks.get(statement, {}) if hw is not None else {}
            put(ws, cell.row, cell.col, cell.field, ticks.get(factor), styles.input(cell.field))
            ws.data_validation(
                cell.row - 1,
                cell.col,
                cell.row - 1,
                cell.col,
                validation(cell.field, lists, prompt=f"Does the {statement} meet it? Yes or No."),
            )
            define_cell_name(wb, cell)


__all__ = ["build_vision", "statement_cell", "word_count_formula"]
