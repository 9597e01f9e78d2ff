"""The two Business Model Canvas sheets, drawn as the academy's canvas: 14 framed blocks in the
slide's grid, business development blocks in EU blue and financing blocks in teal."""

from __future__ import annotations

from xlsxwriter.workbook import Workbook

from cba_xl.core import schema, vocab
from cba_xl.core.models import Canvas
from cba_xl.excel import build_texts as texts
from cba_xl.excel.build_common import frame, page_setup, protect, text_height
from cba_xl.excel.build_lists import Lists, validation
from cba_xl.excel.styles import Styles
from cba_xl.spec.cells import col_letter
from cba_xl.spec.layout import BlockSpec, CanvasSpec

BLOCK_WIDTH = schema.CANVAS_ITEM.width
HEADER_HEIGHT = 20
SOURCE = "Source: GIZ Cluster Business Model Guide 2021, IMP³ROVE"


def block_name(spec: CanvasSpec, block: BlockSpec) -> str:
    """The defined name of a block's item cells, e.g. cba_current_partners."""
    return f"cba_{spec.horizon}_{block.key}"


def _cells(block: BlockSpec, items: list[str]) -> list[str]:
    """One item per cell; items beyond the block's cells share its last cell, so none is lost."""
    cells = list(items[: block.items])
    if len(items) > block.items:
        cells[-1] = "; ".join(items[block.items - 1 :])
    return cells + [""] * (block.items - len(cells))


def build_canvas(
    wb: Workbook, styles: Styles, lists: Lists, spec: CanvasSpec, canvas: Canvas | None
) -> None:
    ws = wb.add_worksheet(spec.sheet)
    text = texts.SHEETS[spec.sheet]
    frame(ws, styles, text.title, text.instruction)
    last_col = max(b.col + b.span - 1 for b in spec.blocks)
    first_col = min(b.col for b in spec.blocks)
    ws.set_column(first_col, last_col, BLOCK_WIDTH)
    # sheet row -> (text, width) of every cell that wraps in it, for the row heights
    texts_in_row: dict[int, list[tuple[str, int]]] = {}
    for block in spec.blocks:
        items = _cells(block, canvas.blocks.get(block.key, []) if canvas else [])
        _block(wb, styles, lists, spec, block, items)
        for row, item in zip(block.item_rows, items, strict=True):
            texts_in_row.setdefault(row, []).append((item, BLOCK_WIDTH * block.span))
    header_rows = {b.header_row for b in spec.blocks}
    for row in sorted(header_rows | set(texts_in_row)):
        needed = text_height(texts_in_row.get(row, []))
        if row in header_rows:
            needed = max(needed or 0, HEADER_HEIGHT)
        if needed:
            ws.set_row(row - 1, needed)
    legend = spec.last_row + 1  # 0-based: one empty row below the canvas
    ws.set_row(legend, 20)
    groups = (vocab.BUSINESS_DEVELOPMENT, vocab.FINANCING_GROUP)
    for offset, group in enumerate(groups):
        ws.write_string(legend, first_col + offset, group, styles.legend(group))
    ws.write_string(legend, first_col + len(groups), SOURCE, styles.instruction)
    page_setup(ws, one_page=True)
    protect(ws)


def _block(
    wb: Workbook,
    styles: Styles,
    lists: Lists,
    spec: CanvasSpec,
    block: BlockSpec,
    items: list[str],
) -> None:
    """One framed block: header in the group's colour, then `items` (one per item row)."""
    ws = wb.get_worksheet_by_name(spec.sheet)
    assert ws is not None
    head = styles.block_header(block.group)
    r, c, right = block.header_row - 1, block.col, block.col + block.span - 1
    if block.span > 1:
        ws.merge_range(r, c, r, right, "", head)
    ws.write_string(r, c, block.title, head)
    for index, (row, value) in enumerate(zip(block.item_rows, items, strict=True)):
        fmt = styles.block_item(block.group, last=index == block.items - 1)
        if block.span > 1:
            # merge_range() would write() its text, which turns "=..." into a formula; merge
            # empty, then write the participant's text as a string.
            ws.merge_range(row - 1, c, row - 1, right, "", fmt)
        if value:
            ws.write_string(row - 1, c, value, fmt)
        else:
            ws.write_blank(row - 1, c, None, fmt)
    first, last = block.item_rows[0], block.item_rows[-1]
    ws.data_validation(
        first - 1,
        c,
        last - 1,
        c,
        validation(schema.CANVAS_ITEM, lists) | {"input_title": block.title},
    )
    letter = col_letter(c)
    wb.define_name(block_name(spec, block), f"='{spec.sheet}'!${letter}${first}:${letter}${last}")
