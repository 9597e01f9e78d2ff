"""Issue 14's Trends and Competencies sheets: two table sheets with what a plain table lacks.

Trends: "Change it drives" offers the Changes sheet's changes as its dropdown (any other text
is allowed too: a plan step's action, or a change not listed yet, which the check then names),
and the radar column shows the pressing trends in the alert colours. Competencies: one fixed row
per field of competence, each record written at its field's row.
"""

from __future__ import annotations

import dataclasses

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from cba_xl.core import vocab
from cba_xl.core.interpret import competence_field
from cba_xl.core.models import Competency, Homework
from cba_xl.excel.build_common import text_height
from cba_xl.excel.build_lists import Lists
from cba_xl.excel.build_tables import build_table_sheet
from cba_xl.excel.styles import Styles
from cba_xl.spec.layout import Layout

# The radar column's colours: (fill, font), as the priority matrix's quadrants are coloured.
RADAR_COLOURS = {
    vocab.TREND_ACT: ("#F8CBAD", "#9C0006"),
    vocab.TREND_USE: ("#C6EFCE", "#006100"),
    vocab.TREND_REVIEW: ("#BDD7EE", "#1F4E79"),
    vocab.TREND_WATCH: ("#E7E6E6", "#3A3838"),
}


def build_trends(
    wb: Workbook, styles: Styles, lists: Lists, lay: Layout, hw: Homework | None
) -> Worksheet:
    ws = build_table_sheet(wb, styles, lists, lay, "trends", hw)
    spec, changes = lay.tables["trends"], lay.tables["changes"]
    rows = max(spec.capacity, len(hw.trends) if hw is not None else 0)
    first, last = spec.first_row - 1, spec.first_row + rows - 2
    col = spec.col("change")
    letter = changes.letter("change")
    ws.data_validation(
        first,
        col,
        last,
        col,
        {
            "validate": "list",
            "source": f"='{changes.sheet}'!${letter}${changes.first_row}:${letter}"
            f"${changes.last_row}",
            # Information only: a plan step's action, or a change still to list, may stand here.
            "error_type": "information",
            "input_title": "Change it drives",
            "input_message": "The business-model change this trend is a reason for: pick it "
            "from the Changes sheet's list, or name the plan step that answers it.",
            "error_title": "Change it drives",
            "error_message": "This is not a change listed on the Changes sheet. Keep it anyway?",
        },
    )
    radar = spec.col("radar")
    for name, (fill, font) in RADAR_COLOURS.items():
        ws.conditional_format(
            first,
            radar,
            last,
            radar,
            {
                "type": "cell",
                "criteria": "==",
                "value": f'"{name}"',
                "format": styles.flag(fill, font),
            },
        )
    return ws


def _by_field(records: list[Competency]) -> list[Competency]:
    """One record per field, in the sheet's fixed order; fields not assessed stay blank, and a
    record of a field the sheet does not name is left out (it has no row)."""
    mine = {competence_field(c.field): c for c in records}
    return [mine.get(name, Competency(field=name)) for name in vocab.COMPETENCE_NAMES]


def build_competencies(
    wb: Workbook, styles: Styles, lists: Lists, lay: Layout, hw: Homework | None
) -> Worksheet:
    spec = lay.tables["competencies"]
    ordered = None
    if hw is not None:
        ordered = dataclasses.replace(hw, competencies=_by_field(hw.competencies))
    ws = build_table_sheet(wb, styles, lists, lay, "competencies", ordered)
    assert spec.lead is not None
    for i, label in enumerate(spec.lead.labels):
        how = ordered.competencies[i].how if ordered is not None else ""
        # The labels are bold: about a tenth wider than the plain text the height assumes.
        texts = [(label, spec.lead.width * 9 // 10), (how, spec.schema.column("how").width)]
        height = text_height(texts)
        if height:
            ws.set_row(spec.first_row - 1 + i, height)
    return ws


__all__ = ["RADAR_COLOURS", "build_competencies", "build_trends"]
