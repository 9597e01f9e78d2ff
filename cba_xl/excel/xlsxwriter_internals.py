"""XlsxWriter's internal state, read or changed in one place: a worksheet's cell store (`table`),
its list of tables (`tables`), the cells it remembers to refuse overlapping ranges
(`table_cells`) and its constant-memory switch. None of these is public API; pyproject.toml
bounds XlsxWriter to the versions they were tested with, and a change there breaks this module
only (tests/test_cohort_* and tests/test_addin_xlsm.py fail)."""

from __future__ import annotations

from typing import Any

from xlsxwriter.format import Format
from xlsxwriter.utility import xl_range
from xlsxwriter.worksheet import Worksheet


def written_format(ws: Worksheet, row: int, col: int) -> Format | None:
    """The format a cell was written with (0-based), so rewriting the cell can keep it."""
    cell: Any = ws.table.get(row, {}).get(col)
    return getattr(cell, "format", None)


def add_table_unchecked(
    ws: Any, top: int, last: int, n_cols: int, options: dict[str, Any], *, constant_memory: bool
) -> None:
    """An Excel Table over rows `top` (its header) to `last`, declared without XlsxWriter's
    overlap bookkeeping, in constant-memory mode too.

    XlsxWriter visits and remembers every cell of a table's range to refuse overlapping ranges:
    about 100 bytes a cell, over a gigabyte (and seconds) for a table of 10,000 participants'
    canvases, even when dropped right after. The caller's tables never overlap, so each is
    declared over its header and one row, then given its real range (XlsxWriter keeps it as
    plain text). XlsxWriter refuses tables in constant-memory mode only because their header
    cells could land in rows already flushed; the caller writes the header row first, so the
    table is declared with the mode off."""
    small = min(last, top + 1)
    if constant_memory:
        ws.constant_memory = False
        ws.add_table(top, 0, small, n_cols - 1, options)
        ws.constant_memory = True
    else:
        ws.add_table(top, 0, small, n_cols - 1, options)
    ws.table_cells.clear()
    table = ws.tables[-1]
    full = xl_range(top, 0, last, n_cols - 1)
    for key in ("range", "a_range", "autofilter"):
        if key in table:
            table[key] = full


__all__ = ["add_table_unchecked", "written_format"]
