"""The Member needs sheet: a table of key members' needs, ranked by relevance by a native
formula, each need's service picked from the Services sheet and its change from the Changes
sheet (the participant's own lists, so the dropdowns point at those sheets' tables)."""

from __future__ import annotations

from xlsxwriter.workbook import Workbook

from cba_xl.core.models import Homework
from cba_xl.excel.build_lists import Lists, short_title
from cba_xl.excel.build_tables import build_table_sheet
from cba_xl.excel.styles import Styles
from cba_xl.spec.layout import Layout, TableSpec

# The named lists and what a value outside them means: a service or change not (yet) on its
# sheet is allowed with a warning, since the check reports it by cell anyway.
_PICKS = (
    ("service", "services", "service", "The service on the Services sheet that serves this need. "
     "Leave it empty when none does: that is a gap."),
    ("change", "changes", "change", "The business model change on the Changes sheet this need "
     "calls for (optional)."),
)  # fmt: skip


def column_range(spec: TableSpec, key: str) -> str:
    """A table column's template rows as an absolute reference with its sheet."""
    letter = spec.letter(key)
    return f"'{spec.sheet}'!${letter}${spec.first_row}:${letter}${spec.last_row}"


def build_needs(
    wb: Workbook, styles: Styles, lists: Lists, lay: Layout, hw: Homework | None
) -> None:
    ws = build_table_sheet(wb, styles, lists, lay, "needs", hw)
    spec = lay.tables["needs"]
    rows = max(spec.capacity, len(hw.needs) if hw is not None else 0)
    for key, table, column, message in _PICKS:
        source = lay.tables[table]
        label = spec.schema.column(key).label
        col = spec.col(key)
        ws.data_validation(
            spec.first_row - 1,
            col,
            spec.first_row + rows - 2,
            col,
            {
                "validate": "list",
                "source": f"={column_range(source, column)}",
                "error_type": "warning",
                "error_title": short_title(label),
                "error_message": f"Not on the {source.sheet} sheet. Keep this value anyway?",
                "input_title": short_title(label),
                "input_message": message,
            },
        )
