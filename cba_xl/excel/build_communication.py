"""The Communication sheet: the brand (values and attributes) above the communication plan's
table (target group, objective, tools and channels, timing, responsible)."""

from __future__ import annotations

from xlsxwriter.workbook import Workbook

from cba_xl.core.models import Homework
from cba_xl.core.schema import BRAND_FIELDS
from cba_xl.excel.build_lists import Lists
from cba_xl.excel.build_tables import build_table_sheet
from cba_xl.excel.build_vision import statement_cell
from cba_xl.excel.styles import Styles
from cba_xl.spec.layout import Layout


def build_communication(
    wb: Workbook, styles: Styles, lists: Lists, lay: Layout, hw: Homework | None
) -> None:
    ws = build_table_sheet(wb, styles, lists, lay, "communication", hw)
    spec = lay.tables["communication"]
    comm = hw.communication if hw is not None else None
    cells = [lay.cell(f.key) for f in BRAND_FIELDS]
    ws.write_string(cells[0].row - 2, spec.first_col, "Brand", styles.heading)
    for cell in cells:
        value = getattr(comm, cell.field.key) if comm is not None else ""
        statement_cell(wb, ws, styles, lists, cell, value, last_col=spec.last_col)
        ws.set_row(cell.row - 1, 30)
    ws.write_string(
        spec.header_row - 2,
        spec.first_col,
        "Communication plan: the objective per target group guides the choice of tools and timing",
        styles.heading,
    )


__all__ = ["build_communication"]
