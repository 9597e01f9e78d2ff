"""Raw cells to the homework model: parse every input, and report what cannot be read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from typing import Final

from cba_xl.core import parse, schema, vocab
from cba_xl.core.findings import Finding, cell_parts, error, info, warning
from cba_xl.core.models import (
    Action,
    Canvas,
    ChallengePick,
    Change,
    Communication,
    Competency,
    Goal,
    Homework,
    Need,
    Objective,
    PlanStep,
    Profile,
    RaciPerson,
    RaciRow,
    Record,
    Service,
    TargetGroup,
    Trend,
    VisionMission,
)
from cba_xl.core.raw import Moved, RawCell, RawRow, RawWorkbook
from cba_xl.core.schema import Field, Kind
from cba_xl.core.tools import TOOLS
from cba_xl.wording import join_and

# A table read from rows away from its template place (`RawWorkbook.moved`): writers refuse it.
MOVED: Final = "layout.moved"
_BLOCK_BY_TITLE = {title: key for key, title, _ in vocab.CANVAS_BLOCKS}


def convert(f: Field, value: object) -> object:
    """One non-blank cell value as the field's kind; raises parse.ValueProblem."""
    match f.kind:
        case Kind.TEXT:
            return parse.text(value)
        case Kind.INT | Kind.YEAR | Kind.SCORE:
            lo = int(f.minimum) if f.minimum is not None else None
            hi = int(f.maximum) if f.maximum is not None else None
            return parse.integer(value, lo=lo, hi=hi)
        case Kind.NUMBER | Kind.PERCENT:
            return parse.bounded(value, lo=f.minimum, hi=f.maximum)
        case Kind.DATE:
            return parse.date(value)
        case Kind.CHOICE:
            return parse.choice(value, f.choices)
        case Kind.COUNTRY:
            return parse.country(value)
        case Kind.EMAIL:
            return parse.email(value)
        case Kind.YES_NO:
            return parse.yes_no(value)
        case Kind.STEPS:
            return parse.steps(value)
        case Kind.RACI:
            return parse.raci(value)
    raise AssertionError(f.kind)  # pragma: no cover - every kind is handled above


class _Interpreter:
    def __init__(self) -> None:
        self.findings: list[Finding] = []

    def value(self, f: Field, cell: RawCell | None, record: Record | None = None) -> object:
        """The parsed value, or None when blank or unreadable (a finding says which)."""
        if cell is None or parse.is_blank(cell.value):
            if f.required and cell is not None:
                self.findings.append(
                    error(cell.loc, "required", f"{f.label} is empty; it is required")
                )
            return None
        if record is not None:
            record.where[f.key] = cell.loc
        try:
            return convert(f, cell.value)
        except parse.ValueProblem as problem:
            code = "choice" if f.allowed else f"type.{f.kind.value}"
            self.findings.append(error(cell.loc, code, f"{f.label}: {problem}"))
            return None

    def fill(self, record: Record, fields: tuple[Field, ...], cells: dict[str, RawCell]) -> None:
        for f in fields:
            cell = cells.get(f.key)
            if cell is not None:
                record.where.setdefault(f.key, cell.loc)
            parsed = self.value(f, cell, record)
            if parsed is None:
                continue
            if f.key == "block" and isinstance(parsed, str):
                parsed = _BLOCK_BY_TITLE.get(parsed, parsed)
            setattr(record, f.key, parsed)

    def rows(
        self, table: schema.TableSchema, rows: list[RawRow], make: Callable[[int], Record]
    ) -> list[Record]:
        out = []
        for raw in rows:
            record = make(raw.row)
            self.fill(record, table.columns, raw.cells)
            out.append(record)
        return out


def _profile(it: _Interpreter, raw: RawWorkbook, hw: Homework) -> None:
    profile = Profile()
    it.fill(profile, schema.PROFILE, raw.fields)
    _shares_as_percent(profile)
    hw.profile = profile


def _challenges(it: _Interpreter, raw: RawWorkbook, hw: Homework) -> None:
    rows = raw.tables.get("challenges", [])
    hw.challenges = [
        r
        for r in it.rows(schema.CHALLENGES, rows, lambda n: ChallengePick())
        if isinstance(r, ChallengePick)
    ]
    for rank, (pick, raw_row) in enumerate(zip(hw.challenges, rows, strict=True), start=1):
        rank_cell = raw_row.cells.get("rank")
        pick.rank = _int_or(rank_cell.value if rank_cell else None, rank)


def _canvas(horizon: str) -> Callable[[_Interpreter, RawWorkbook, Homework], None]:
    def read(it: _Interpreter, raw: RawWorkbook, hw: Homework) -> None:
        canvas = hw.canvas_current if horizon == "current" else hw.canvas_future
        _fill_canvas(canvas, raw.canvas.get(horizon, {}))

    return read


def _changes(it: _Interpreter, raw: RawWorkbook, hw: Homework) -> None:
    rows = raw.tables.get("changes", [])
    hw.changes = [
        r for r in it.rows(schema.CHANGES, rows, lambda n: Change(row=n)) if isinstance(r, Change)
    ]


def _services(it: _Interpreter, raw: RawWorkbook, hw: Homework) -> None:
    rows = raw.tables.get("services", [])
    hw.services = [
        r
        for r in it.rows(schema.SERVICES, rows, lambda n: Service(row=n))
        if isinstance(r, Service)
    ]


def _actions(it: _Interpreter, raw: RawWorkbook, hw: Homework) -> None:
    rows = raw.tables.get("actions", [])
    table = schema.table("actions", raw.template_version)
    optional = tuple(replace(f, required=False) for f in table.columns)
    hw.actions = []
    for raw_row in rows:
        action = Action(row=raw_row.row)
        # A step number alone (template 2.x) is a step waiting for its rating: the chain's
        # `actions.step-unrated` asks for it with the other unrated steps, not cell by cell.
        filled = {k for k, c in raw_row.cells.items() if not parse.is_blank(c.value)}
        alone = filled == {"step"} and "step" in {f.key for f in table.columns}
        it.fill(action, optional if alone else table.columns, raw_row.cells)
        hw.actions.append(action)


def _goals(it: _Interpreter, raw: RawWorkbook, hw: Homework) -> None:
    rows = raw.tables.get("goals", [])
    hw.goals = [
        r for r in it.rows(schema.GOALS, rows, lambda n: Goal(row=n)) if isinstance(r, Goal)
    ]


def _plan(it: _Interpreter, raw: RawWorkbook, hw: Homework) -> None:
    start_cell = raw.fields.get(schema.PLAN_START.key)
    if start_cell is not None:
        hw.plan_start_where = start_cell.loc
        start = it.value(schema.PLAN_START, start_cell)
        if isinstance(start, dt.date):
            hw.plan_start = start
    plan_rows = raw.tables.get("plan", [])
    hw.plan = [
        r
        for r in it.rows(
            schema.table("plan", raw.template_version), plan_rows, lambda n: PlanStep(row=n)
        )
        if isinstance(r, PlanStep)
    ]
    for step, raw_row in zip(hw.plan, plan_rows, strict=True):
        lead = raw_row.cells.get("step")
        step.step = _int_or(lead.value if lead else None, 0)
        if lead is not None:
            step.where["step"] = lead.loc
    _number_unnumbered_steps(hw.plan)


def _raci(it: _Interpreter, raw: RawWorkbook, hw: Homework) -> None:
    for group, cell in raw.raci_people:
        person = RaciPerson(group=group, name=parse.text(cell.value))
        person.where["name"] = cell.loc
        hw.raci_people.append(person)
    for raw_row in raw.raci_rows:
        row = RaciRow(row=raw_row.row)
        step = raw_row.cells.get("step")
        if step is not None:
            row.where["step"] = step.loc
            if not parse.is_blank(step.value):
                number = it.value(schema.RACI_STEP, step)
                row.step = number if isinstance(number, int) else None
        deliverable = raw_row.cells.get("deliverable")
        if deliverable is not None:
            row.where["deliverable"] = deliverable.loc
            row.deliverable = parse.text(deliverable.value)
            row.subtask = row.deliverable if step is not None else ""
            if not row.deliverable and step is None:
                it.findings.append(
                    error(
                        deliverable.loc,
                        "required",
                        "Deliverable is empty but the row has roles; name it",
                    )
                )
        if (
            step is not None
            and row.step is None
            and not row.deliverable
            and parse.is_blank(step.value)
        ):
            it.findings.append(
                error(
                    step.loc,
                    "required",
                    "Plan step is empty but the row has roles; enter the step's number",
                )
            )
        for i in range(len(raw.raci_people)):
            role_cell = raw_row.cells.get(f"p{i}")
            role = ""
            if role_cell is not None and not parse.is_blank(role_cell.value):
                row.where[f"p{i}"] = role_cell.loc
                role = str(it.value(schema.RACI_ROLE, role_cell) or "")
            row.roles.append(role)
        hw.raci.append(row)


def _needs(it: _Interpreter, raw: RawWorkbook, hw: Homework) -> None:
    rows = raw.tables.get("needs", [])
    hw.needs = [
        r for r in it.rows(schema.NEEDS, rows, lambda n: Need(row=n)) if isinstance(r, Need)
    ]


def _vision(it: _Interpreter, raw: RawWorkbook, hw: Homework) -> None:
    vm = VisionMission()
    it.fill(vm, schema.VISION_FIELDS, raw.fields)
    for f in schema.SUCCESS_TICKS:
        cell = raw.fields.get(f.key)
        if cell is not None:
            vm.where.setdefault(f.key, cell.loc)
        ticked = it.value(f, cell, vm)
        if isinstance(ticked, bool):
            statement, _, factor = f.key.partition("_")
            vm.ticks[statement][factor] = ticked
    rows = raw.tables.get("objectives", [])
    vm.objectives = [
        r
        for r in it.rows(schema.OBJECTIVES, rows, lambda n: Objective(row=n))
        if isinstance(r, Objective)
    ]
    hw.vision = vm


def _communication(it: _Interpreter, raw: RawWorkbook, hw: Homework) -> None:
    comm = Communication()
    it.fill(comm, schema.BRAND_FIELDS, raw.fields)
    rows = raw.tables.get("communication", [])
    comm.plan = [
        r
        for r in it.rows(schema.COMMUNICATION, rows, lambda n: TargetGroup(row=n))
        if isinstance(r, TargetGroup)
    ]
    hw.communication = comm


def _trends(it: _Interpreter, raw: RawWorkbook, hw: Homework) -> None:
    rows = raw.tables.get("trends", [])
    hw.trends = [
        r for r in it.rows(schema.TRENDS, rows, lambda n: Trend(row=n)) if isinstance(r, Trend)
    ]


def _competencies(it: _Interpreter, raw: RawWorkbook, hw: Homework) -> None:
    rows = raw.tables.get("competencies", [])
    hw.competencies = [
        r
        for r in it.rows(schema.COMPETENCIES, rows, lambda n: Competency(row=n))
        if isinstance(r, Competency)
    ]
    for c, raw_row in zip(hw.competencies, rows, strict=True):
        lead = raw_row.cells.get("field")
        if lead is not None:
            c.where["field"] = lead.loc
            c.field = competence_field(parse.text(lead.value))


def competence_field(label: str) -> str:
    """The field of competence a row's (locked) label names: 'Language skills (e.g. business
    English)' is 'Language skills'; a label someone rewrote is kept as written."""
    folded = " ".join(label.split()).casefold()
    for name in vocab.COMPETENCE_NAMES:
        if folded == name.casefold() or folded.startswith(name.casefold() + " ("):
            return name
    return label


# Each tool's part of the homework read from its raw cells, by tool key (`cba_xl.core.tools`);
# read in the workbook's sheet order.
READERS: Final[dict[str, Callable[[_Interpreter, RawWorkbook, Homework], None]]] = {
    "profile": _profile,
    "challenges": _challenges,
    "canvas_current": _canvas("current"),
    "canvas_future": _canvas("future"),
    "changes": _changes,
    "services": _services,
    "needs": _needs,
    "vision": _vision,
    "communication": _communication,
    "priority": _actions,
    "goals": _goals,
    "plan": _plan,
    "raci": _raci,
    "trends": _trends,
    "competencies": _competencies,
}


def interpret(raw: RawWorkbook) -> tuple[Homework, list[Finding]]:
    it = _Interpreter()
    hw = Homework(template_version=raw.template_version, tools=raw.tools, anchors=dict(raw.anchors))
    for tool in TOOLS:
        if tool.key in raw.tools:
            READERS[tool.key](it, raw, hw)
    if schema.has_chain(raw.template_version):
        _words_of_steps(hw)
    lacking = [tool.title for tool in TOOLS if tool.key not in raw.tools]
    if lacking:
        # Once, as information: the participant did nothing wrong by using an older template.
        it.findings.append(
            info(
                hw.anchor("profile"),
                "template.older-version",
                f"made with template version {raw.template_version}, which has no sheet for "
                f"{join_and(lacking)}; `cba-xl upgrade` carries this homework into the "
                "current template",
            )
        )
    it.findings.extend(moved(m) for m in raw.moved)
    for loc in raw.formula_cells:
        it.findings.append(
            warning(
                loc,
                "formula-input",
                "holds a formula where a typed value belongs; "
                "its cached result was read, type the value instead",
            )
        )
    return hw, it.findings


def moved_words(m: Moved) -> tuple[str, str]:
    """Where it is and why ('the table's header is in row 5, not row 4 (a row was inserted
    above it)'), and what puts it back ('delete that row')."""
    row, letters = cell_parts(m.loc.cell)
    if m.cols:
        n = abs(m.cols)
        was = m.home
        if m.cols > 0:
            cause = (
                "a column was inserted left of it"
                if n == 1
                else f"{n} columns were inserted left of it"
            )
            fix = (
                f"delete the column you inserted (one of columns A to {was}, left of it)"
                if was != "A"
                else "delete the column you inserted (column A)"
                if n == 1
                else f"delete the {n} columns you inserted left of it"
            )
        else:
            cause = "a column left of it was deleted" if n == 1 else f"{n} columns were deleted"
            fix = "insert the column again" if n == 1 else "insert the columns again"
        return f"{m.what} is in column {letters}, not column {was} ({cause})", fix
    n = abs(m.rows)
    if m.rows > 0:
        cause = "a row was inserted above it" if n == 1 else f"{n} rows were inserted above it"
        above = f"rows 1 to {row - 1}" if row > 2 else "row 1"
        fix = (
            f"delete the row you inserted (one of {above}, above it)"
            if n == 1
            else f"delete the {n} rows you inserted above it (among {above})"
        )
    else:
        cause = "a row above it was deleted" if n == 1 else f"{n} rows above it were deleted"
        fix = "insert the row again" if n == 1 else "insert the rows again"
    return f"{m.what} is in row {row}, not row {row - m.rows} ({cause})", fix


def moved(m: Moved) -> Finding:
    """One error for a table found rows away from its place: its entries were read from there,
    so none of them is reported as wrong input, but what writes at the template's rows (`cba-xl
    fill`, the add-in's Fill) would write beside them, and refuses to."""
    said, fix = moved_words(m)
    return error(
        m.loc,
        MOVED,
        f"{said}; its entries were read from there, but `cba-xl fill` and the add-in's Fill "
        f"would write beside them: {fix}",
    )


def _words_of_steps(hw: Homework) -> None:
    """The priority matrix and the RACI name plan steps by number (template 2.0): their rows
    take the step's words, as the sheets show them next to the number."""
    actions = {s.step: s.action for s in hw.plan}
    for action in hw.actions:
        if action.step is not None:
            action.action = actions.get(action.step, "")
    for row in hw.raci:
        if row.step is not None and not row.subtask:
            row.deliverable = actions.get(row.step, "")


def _int_or(value: object, default: int) -> int:
    try:
        return parse.integer(value) if not parse.is_blank(value) else default
    except parse.ValueProblem:
        return default


def _number_unnumbered_steps(plan: list[PlanStep]) -> None:
    used = {s.step for s in plan if s.step > 0}
    nxt = 1
    for s in plan:
        if s.step > 0:
            continue
        while nxt in used:
            nxt += 1
        s.step = nxt
        used.add(nxt)


def _shares_as_percent(profile: Profile) -> None:
    """Cells formatted as % store 25 % as 0.25; read four such fractions as percentages."""
    values = [getattr(profile, k) for k in schema.SHARE_KEYS]
    present = [v for v in values if v is not None]
    if present and all(v <= 1 for v in present) and 0.98 <= sum(present) <= 1.02:
        for key in schema.SHARE_KEYS:
            v = getattr(profile, key)
            if v is not None:
                setattr(profile, key, round(v * 100, 6))


def _fill_canvas(canvas: Canvas, blocks: dict[str, list[RawCell]]) -> None:
    for key in vocab.CANVAS_BLOCK_KEYS:
        cells = [c for c in blocks.get(key, []) if not parse.is_blank(c.value)]
        canvas.blocks[key] = [parse.text(c.value) for c in cells]
        canvas.item_where[key] = [c.loc for c in cells]


__all__ = ["MOVED", "READERS", "competence_field", "convert", "interpret", "moved", "moved_words"]
