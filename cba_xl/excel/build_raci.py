"""The RACI matrix: deliverables down, people across in three group bands, a check column."""

from __future__ import annotations

from xlsxwriter.workbook import Workbook

from cba_xl.core import schema
from cba_xl.core.models import Homework, RaciPerson, RaciRow
from cba_xl.core.rules import derived as rules
from cba_xl.errors import CbaError
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
from cba_xl.excel.styles import LABEL_FILL, Styles
from cba_xl.spec.cells import a1
from cba_xl.spec.layout import PLAN_STEPS, RaciSpec, TableSpec, step_action_formula

CHECK_WIDTH = 20
DELIVERABLES = "Deliverables"
STEP_WORDS = "Step of the action plan"
STEP_WORDS_WIDTH = 34


def _deliverable_field(spec: RaciSpec) -> schema.Field:
    return schema.RACI_SUBTASK if spec.step_col is not None else schema.RACI_DELIVERABLE


def _first_col(spec: RaciSpec) -> int:
    return spec.step_col if spec.step_col is not None else spec.deliverable_col


def person_columns(spec: RaciSpec, people: list[RaciPerson]) -> list[int]:
    """The person column each of `people` goes to: in order when they fill every column (as a
    reader hands them over) or when no people are named, else the next free column of the
    person's group."""
    every = [spec.person_col(i) for i in range(spec.people)]
    if not people or len(people) == spec.people:
        return every
    by_group = {g: [c for i, c in enumerate(every) if spec.group_of(i) == g] for g in spec.groups}
    out: list[int] = []
    for person in people:
        free = [c for c in by_group.get(person.group, every) if c not in out]
        free = free or [c for c in every if c not in out]
        if not free:
            raise CbaError(
                f"RACI: {len(people)} people do not fit the template's {spec.people} columns "
                f"({spec.per_group} per group)"
            )
        out.append(free[0])
    return out


def build_raci(
    wb: Workbook,
    styles: Styles,
    lists: Lists,
    spec: RaciSpec,
    hw: Homework | None,
    plan: TableSpec | None = None,
) -> None:
    ws = wb.add_worksheet(spec.sheet)
    text = texts.SHEETS[spec.sheet]
    frame(ws, styles, text.title, text.instruction)
    people = hw.raci_people if hw is not None else []
    rows: list[RaciRow] = hw.raci if hw is not None else []
    columns = person_columns(spec, people)
    capacity = max(spec.capacity, len(rows))
    last_row = spec.first_row + capacity - 1
    _header(wb, styles, lists, spec, people, columns)
    for i in range(capacity):
        record = rows[i] if i < len(rows) else None
        _row(wb, styles, spec, spec.first_row + i, record, columns, plan)
    _checks(wb, styles, lists, spec, last_row)
    if spec.step_col is not None:
        ws.data_validation(
            spec.first_row - 1,
            spec.step_col,
            last_row - 1,
            spec.step_col,
            source_validation(schema.RACI_STEP, PLAN_STEPS),
        )
    ws.freeze_panes(spec.people_row, spec.deliverable_col + 1)
    page_setup(ws, repeat_to_row=spec.people_row)
    protect(ws)


def _header(
    wb: Workbook,
    styles: Styles,
    lists: Lists,
    spec: RaciSpec,
    people: list[RaciPerson],
    columns: list[int],
) -> None:
    ws = wb.get_worksheet_by_name(spec.sheet)
    assert ws is not None
    g, p = spec.group_row - 1, spec.people_row - 1
    own = _deliverable_field(spec)
    ws.set_column(spec.deliverable_col, spec.deliverable_col, own.width)
    ws.set_column(spec.first_person_col, spec.check_col - 1, schema.RACI_PERSON.width)
    ws.set_column(spec.check_col, spec.check_col, CHECK_WIDTH)
    ws.set_row(g, 20)
    ws.set_row(p, header_height([(own.label, own.width)]))
    first = _first_col(spec)
    if first != spec.deliverable_col:
        ws.merge_range(g, first, g, spec.deliverable_col, "", styles.header)
    ws.write_string(g, first, DELIVERABLES, styles.header)
    ws.write_string(p, spec.deliverable_col, own.label, styles.header)
    if spec.step_col is not None and spec.action_col is not None:
        ws.set_column(spec.step_col, spec.step_col, schema.RACI_STEP.width)
        ws.set_column(spec.action_col, spec.action_col, STEP_WORDS_WIDTH)
        ws.write_string(p, spec.step_col, schema.RACI_STEP.label, styles.header)
        ws.write_string(p, spec.action_col, STEP_WORDS, styles.header)
    for n, group in enumerate(spec.groups):
        first = spec.person_col(n * spec.per_group)
        ws.merge_range(g, first, g, first + spec.per_group - 1, "", styles.band)
        ws.write_string(g, first, group, styles.band)
    ws.merge_range(g, spec.check_col, p, spec.check_col, "", styles.header)
    ws.write_string(g, spec.check_col, spec.check_header, styles.header)
    names = {col: person.name for col, person in zip(columns, people, strict=False)}
    name_fmt = styles.input(schema.RACI_PERSON, fill=LABEL_FILL)
    for i in range(spec.people):
        col = spec.person_col(i)
        put(ws, spec.people_row, col, schema.RACI_PERSON, names.get(col, ""), name_fmt)
        prompt = f"Name or role of a person: {spec.group_of(i).lower()}."
        ws.data_validation(p, col, p, col, validation(schema.RACI_PERSON, lists, prompt=prompt))


def _row(
    wb: Workbook,
    styles: Styles,
    spec: RaciSpec,
    row: int,
    record: RaciRow | None,
    columns: list[int],
    plan: TableSpec | None,
) -> None:
    ws = wb.get_worksheet_by_name(spec.sheet)
    assert ws is not None
    own = _deliverable_field(spec)
    deliverable = record.deliverable if record is not None else ""
    if spec.step_col is not None and spec.action_col is not None and plan is not None:
        step = record.step if record is not None else None
        put(ws, row, spec.step_col, schema.RACI_STEP, step, styles.input(schema.RACI_STEP))
        ref = a1(row, spec.step_col)
        words = "" if record is None or record.subtask else record.deliverable
        formula = "=" + step_action_formula(plan, ref)
        ws.write_formula(row - 1, spec.action_col, formula, styles.derived(wrap=True), words)
        # a subtask, or a deliverable of a row that names no step (read from a 1.x homework)
        deliverable = ""
        if record is not None:
            deliverable = record.subtask or (record.deliverable if record.step is None else "")
    put(ws, row, spec.deliverable_col, own, deliverable, styles.input(own))
    shown = record.deliverable if record is not None and spec.step_col is not None else ""
    height = text_height([(deliverable, own.width), (shown, STEP_WORDS_WIDTH)])
    if height:
        ws.set_row(row - 1, height)
    roles = {col: role for col, role in zip(columns, record.roles, strict=False)} if record else {}
    role_fmt = styles.input(schema.RACI_ROLE)
    for i in range(spec.people):
        col = spec.person_col(i)
        put(ws, row, col, schema.RACI_ROLE, roles.get(col, ""), role_fmt)
    cached = rules.raci_row_status(list(roles.values())) if deliverable else ""
    ws.write_formula(
        row - 1, spec.check_col, spec.check_formula(row), styles.derived(wrap=True), cached
    )


def _checks(wb: Workbook, styles: Styles, lists: Lists, spec: RaciSpec, last_row: int) -> None:
    ws = wb.get_worksheet_by_name(spec.sheet)
    assert ws is not None
    first = spec.first_row - 1
    left, right = spec.person_col(0), spec.person_col(spec.people - 1)
    ws.data_validation(first, left, last_row - 1, right, validation(schema.RACI_ROLE, lists))
    check = a1(spec.first_row, spec.check_col)
    ws.conditional_format(
        first,
        spec.check_col,
        last_row - 1,
        spec.check_col,
        {
            "type": "formula",
            "criteria": f'=AND({check}<>"",{check}<>"{rules.RACI_OK}")',
            "format": styles.bad,
        },
    )
    ws.conditional_format(
        first,
        spec.check_col,
        last_row - 1,
        spec.check_col,
        {"type": "cell", "criteria": "==", "value": f'"{rules.RACI_OK}"', "format": styles.good},
    )
    deliverable = a1(spec.first_row, spec.deliverable_col)
    roles = f"${a1(spec.first_row, left)}:${a1(spec.first_row, right)}"
    # The row's own name is missing: its deliverable (1.x), or both step and subtask (2.0).
    named = f"LEN(TRIM({deliverable}))=0"
    if spec.step_col is not None:
        named = f"AND({named},LEN(TRIM({a1(spec.first_row, spec.step_col)}))=0)"
    ws.conditional_format(
        first,
        _first_col(spec),
        last_row - 1,
        _first_col(spec),
        {
            "type": "formula",
            "criteria": f"=AND({named},COUNTA({roles})>0)",
            "format": styles.missing,
        },
    )
