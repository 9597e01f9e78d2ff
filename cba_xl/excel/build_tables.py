"""The list-like tools as Excel Tables: challenges, changes, services, actions, goals, the plan.

Derived columns hold the layout's native formulas, so the workbook computes them without
Python; their cached results come from `cba_xl.core.rules.derived`, the rules the formulas
mirror, so a reader that does not recalculate still sees the right values.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from cba_xl.core.models import Homework, Record
from cba_xl.core.rules import derived as rules
from cba_xl.core.rules.needs import priorities, served_text
from cba_xl.core.rules.trends import radar_quadrant
from cba_xl.excel import build_texts as texts
from cba_xl.excel.build_common import (
    frame,
    header_height,
    page_setup,
    protect,
    put,
    text_height,
)
from cba_xl.excel.build_lists import Lists, source_validation, validation
from cba_xl.excel.build_sheets import write_single_input
from cba_xl.excel.styles import QUADRANT_COLOURS, Styles, wraps
from cba_xl.spec import layout
from cba_xl.spec.layout import Derived, Layout, TableSpec

Cached = str | float | int
ONE_PAGE_ROWS = 40


def _num_or_blank(value: int | None) -> Cached:
    return value if value is not None else ""


# (table key, derived key) -> the cached result for a filled row
_CACHED: dict[tuple[str, str], Callable[[Any, Homework], Cached]] = {
    ("actions", "quadrant"): lambda r, hw: rules.quadrant(r.impact, r.effort),
    ("services", "suggestion"): lambda r, hw: rules.service_suggestion(
        r.effort, r.value, r.rating, r.financing
    ),
    ("services", "gap"): lambda r, hw: _num_or_blank(rules.member_gap(r.value, r.rating)),
    ("actions", "action"): lambda r, hw: r.action,
    ("needs", "priority"): lambda r, hw: priorities(hw.needs).get(r.row, ""),
    ("needs", "served"): lambda r, hw: served_text(r, hw.services),
    ("trends", "radar"): lambda r, hw: radar_quadrant(r.influence, r.competence),
    ("competencies", "gap"): lambda r, hw: _num_or_blank(r.gap),
}


# Tables whose rows the homework keeps inside a tool's record rather than as a list of its own.
_NESTED: dict[str, Callable[[Homework], Sequence[Record]]] = {
    "objectives": lambda hw: hw.vision.objectives,
    "communication": lambda hw: hw.communication.plan,
}


def records(hw: Homework | None, key: str) -> Sequence[Record]:
    if hw is None:
        return ()
    if key in _NESTED:
        return _NESTED[key](hw)
    rows: Sequence[Record] = getattr(hw, key)
    return rows


def _lead_value(spec: TableSpec, record: Record | None, index: int) -> int:
    if record is not None and spec.lead is not None:
        given = getattr(record, spec.lead.key, 0)
        if isinstance(given, int) and given > 0:
            return given
    return index + 1


def build_table_sheet(
    wb: Workbook,
    styles: Styles,
    lists: Lists,
    lay: Layout,
    key: str,
    hw: Homework | None,
    *,
    freeze: bool = True,
) -> Worksheet:
    """The sheet of table `key`; `freeze` keeps the rows down to the table's header in view (a
    sheet with more above its table, such as Vision & mission, does without)."""
    spec = lay.tables[key]
    ws = wb.add_worksheet(spec.sheet)
    text = texts.SHEETS[spec.sheet]
    frame(ws, styles, text.title, text.instruction)
    if spec.sheet == layout.PLAN:
        start = hw.plan_start if hw is not None else None
        write_single_input(wb, spec.sheet, styles, lists, lay.plan_start, start)
    rows = records(hw, key)
    capacity = max(spec.capacity, len(rows))
    _columns_and_header(ws, styles, spec, capacity)
    plan_start = layout.plan_start_absolute(lay)
    for i in range(capacity):
        row = spec.first_row + i
        record = rows[i] if i < len(rows) else None
        _write_row(ws, styles, spec, key, row, i, record, hw, plan_start)
    last = spec.first_row + capacity - 1
    _validations(ws, lists, spec, last)
    _conditional_formats(ws, styles, spec, last)
    if freeze:
        ws.freeze_panes(spec.header_row, 0)
    # A long table prints on as many pages as it needs; the usual sizes fit one page.
    page_setup(ws, repeat_to_row=spec.header_row, one_page=capacity <= ONE_PAGE_ROWS)
    protect(ws)
    return ws


def _width(spec: TableSpec, key: str) -> int:
    if spec.lead is not None and key == spec.lead.key:
        return spec.lead.width
    for d in spec.derived:
        if d.key == key:
            return d.width
    return spec.schema.column(key).width


def _columns_and_header(ws: Worksheet, styles: Styles, spec: TableSpec, capacity: int) -> None:
    for key in spec.columns:
        ws.set_column(spec.col(key), spec.col(key), _width(spec, key))
    headers = [(spec.header(k), _width(spec, k)) for k in spec.columns]
    ws.set_row(spec.header_row - 1, header_height(headers))
    if spec.guide_row is not None:
        guides = list(zip(spec.guide, [w for _, w in headers], strict=False))
        ws.set_row(spec.guide_row - 1, header_height(guides))
        for key, guide in zip(spec.columns, spec.guide, strict=False):
            ws.write_string(spec.guide_row - 1, spec.col(key), guide, styles.guide)
    top = spec.header_row - 1
    ws.add_table(
        top,
        spec.first_col,
        top + capacity,
        spec.last_col,
        {
            "name": spec.name,
            "style": None,
            "autofilter": False,
            "banded_rows": False,
            "columns": [{"header": h, "header_format": styles.header} for h, _ in headers],
        },
    )


def _write_row(
    ws: Worksheet,
    styles: Styles,
    spec: TableSpec,
    key: str,
    row: int,
    index: int,
    record: Record | None,
    hw: Homework | None,
    plan_start: str,
) -> None:
    r = row - 1
    if spec.lead is not None and index < len(spec.lead.labels):
        ws.write_string(r, spec.col(spec.lead.key), spec.lead.labels[index], styles.lead_label)
    elif spec.lead is not None:
        ws.write_number(r, spec.col(spec.lead.key), _lead_value(spec, record, index), styles.lead)
    wrapped: list[tuple[str, int]] = []
    for f in spec.inputs:
        value = getattr(record, f.key) if record is not None else None
        put(ws, row, spec.col(f.key), f, value, styles.input(f))
        if wraps(f) and isinstance(value, str):
            wrapped.append((value, f.width))
    height = text_height(wrapped)
    if height:
        ws.set_row(r, height)
    for d in spec.derived:
        _write_derived(ws, styles, spec, key, d, row, record, hw, plan_start)


def _write_derived(
    ws: Worksheet,
    styles: Styles,
    spec: TableSpec,
    key: str,
    d: Derived,
    row: int,
    record: Record | None,
    hw: Homework | None,
    plan_start: str,
) -> None:
    col = spec.col(d.key)
    fmt = styles.derived(d.number_format, wrap=d.width >= 24)
    if not d.formula:
        # Filled by cba-xl (or the add-in); the template leaves it empty and locked.
        ws.write_blank(row - 1, col, None, fmt)
        return
    cached: Cached = ""
    compute = _CACHED.get((key, d.key))
    if record is not None and hw is not None and compute is not None:
        cached = compute(record, hw)
    ws.write_formula(row - 1, col, spec.formula(d, row, plan_start), fmt, cached)


def _validations(ws: Worksheet, lists: Lists, spec: TableSpec, last: int) -> None:
    first = spec.first_row - 1
    for f in spec.inputs:
        col = spec.col(f.key)
        source = spec.source(f.key)
        opts = source_validation(f, source) if source else validation(f, lists)
        if opts["validate"] == "any" and "input_message" not in opts:
            continue
        ws.data_validation(first, col, last - 1, col, opts)


def _input_span(spec: TableSpec, row: int) -> str:
    first, last = spec.inputs[0].key, spec.inputs[-1].key
    return f"${spec.letter(first)}{row}:${spec.letter(last)}{row}"


def _marked_when(
    ws: Worksheet, col: int, first: int, last: int, criteria: str, fmt: Format
) -> None:
    """A column's rows `first`..`last` (1-based) take `fmt` where the formula holds."""
    ws.conditional_format(
        first - 1, col, last - 1, col, {"type": "formula", "criteria": criteria, "format": fmt}
    )


def _conditional_formats(ws: Worksheet, styles: Styles, spec: TableSpec, last: int) -> None:
    first = spec.first_row
    span = _input_span(spec, first)
    for f in spec.inputs:
        if not f.required:
            continue
        ref = spec.cell(f.key, first)
        # Amber only on rows that have some input: an empty template is not all amber.
        missing = f"=AND(LEN(TRIM({ref}))=0,COUNTA({span})>0)"
        _marked_when(ws, spec.col(f.key), first, last, missing, styles.missing)
    if "finish" in spec.columns and "deadline" in spec.columns:
        # A step the schedule cannot finish by its deadline shows red once cba-xl filled it.
        done, due = spec.cell("finish", first), spec.cell("deadline", first)
        late = f"=AND(ISNUMBER({done}),ISNUMBER({due}),{done}>{due})"
        _marked_when(ws, spec.col("finish"), first, last, late, styles.bad)
    for d in spec.derived:
        if d.key != "quadrant":
            continue
        col = spec.col(d.key)
        for name, (fill, font) in QUADRANT_COLOURS.items():
            ws.conditional_format(
                first - 1,
                col,
                last - 1,
                col,
                {
                    "type": "cell",
                    "criteria": "==",
                    "value": f'"{name}"',
                    "format": styles.flag(fill, font),
                },
            )
