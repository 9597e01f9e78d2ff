"""From an older template version's cells to the current one's: where each value a participant
typed goes, and what has no place (the "Upgrade notes" of `cba-xl upgrade`).

Values move by field key: a profile field to the current layout's cell of the same key, a table
cell to the same column key in the row at the same distance from the table's first row, a canvas
item to the same block and index, a RACI name or role to the same group and place in it. What
changed meaning between two versions is said once, in `STEPS`, keyed by the version it leaves:
a step rewrites the raw cells into the next version's keys and notes what it cannot carry. The
versions in between are walked in order, so 1.0 reaches 2.x through 1.1. A value whose key the
current layout lacks is never dropped: it becomes a `Note`.

Raw values are carried as typed, readable or not ("31.13.2025", "soon"): only the steps parse,
and only what they convert.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Final

from cba_xl.core import parse, schema
from cba_xl.core.findings import Loc
from cba_xl.core.interpret import convert, interpret
from cba_xl.core.raw import RawCell, RawWorkbook
from cba_xl.core.rules.schedule import schedule
from cba_xl.spec.cells import a1, split
from cba_xl.spec.layout import LAYOUT, LAYOUTS, Layout, RaciSpec, TableSpec

RACI_TABLE = "raci"  # the key `Upgrade.rows` counts RACI rows under (the Homework's list)


@dataclass(frozen=True, slots=True)
class Note:
    """A value (or a gap) the participant should see after the upgrade, at its old cell."""

    source: Loc
    label: str  # the old template's field or column
    value: object  # as typed; None for a gap to fill (an empty duration)
    why: str


@dataclass(frozen=True, slots=True)
class Placed:
    """A value carried into the current template."""

    value: object
    source: Loc
    target: Loc


@dataclass
class Upgrade:
    source_version: str
    target_version: str
    placed: list[Placed] = field(default_factory=list)
    # cells of the current template to leave blank, as they were in the old workbook
    cleared: list[Loc] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    # table key (and RACI_TABLE) -> data rows the current template needs to hold every row
    rows: dict[str, int] = field(default_factory=dict)


def version_key(version: str) -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in version.split("."))
    except ValueError:
        return ()


def chain(source: str, target: str) -> list[str]:
    """The known versions from `source` to `target`, both included, oldest first."""
    low, high = version_key(source), version_key(target)
    return sorted((v for v in LAYOUTS if low <= version_key(v) <= high), key=version_key)


def _day(value: dt.date) -> str:
    return value.strftime("%d.%m.%Y")


def _plan_1_0(raw: RawWorkbook, notes: list[Note]) -> None:
    """1.0 to 1.1: "or days from start" becomes the step's deadline date, as the 1.0 reader read
    it (the plan start plus the days, when no date was given); the 1.1 duration is required, and
    an empty one stays empty, with the duration 1.0's schedule assumed in the notes."""
    hw, _ = interpret(raw)
    start = hw.plan_start
    days_field = schema.PLAN_1_0.column("days")
    label = LAYOUTS["1.0"].tables["plan"].header("days")
    rows = raw.tables.get("plan", [])
    for row in rows:
        days = row.cells.pop("days", None)
        if days is None or parse.is_blank(days.value):
            continue
        deadline = row.cells.get("deadline")
        if deadline is not None and not parse.is_blank(deadline.value):
            why = "the step has a deadline date too, which 1.0 used; these days are kept here only"
        elif start is None:
            why = "no plan start date to count the days from, so no deadline date could be set"
        else:
            try:
                number = convert(days_field, days.value)
            except parse.ValueProblem as problem:
                why = f"not a number of days ({problem}); kept here only"
            else:
                assert isinstance(number, int)
                date = start + dt.timedelta(days=number)
                row.cells["deadline"] = RawCell(date, days.loc)
                why = (
                    f"1.0 counted {number} days from the plan start ({_day(start)}): "
                    f"now the step's deadline date, {_day(date)}"
                )
        notes.append(Note(days.loc, label, days.value, why))
    assumed = schedule(hw.plan, start).assumed
    duration_label = schema.PLAN.column("duration").label
    for step in hw.plan:
        if step.step in assumed and step.duration is None:
            notes.append(
                Note(
                    step.loc("duration"),
                    duration_label,
                    None,
                    f"step {step.step} has none: 1.0's schedule took {assumed[step.step]} days "
                    "from the deadlines; the template now asks for each step's duration: enter "
                    "the days it takes",
                )
            )


def _chain_1_1(raw: RawWorkbook, notes: list[Note]) -> None:
    """1.1 to 2.0: the priority matrix rates plan steps and RACI rows are plan steps. An
    action or deliverable written as a step's own words (case and spaces forgiven) becomes
    that step's number; any other keeps its ratings or roles, and its words are noted (a RACI
    row keeps them as its subtask). No guess beyond equal words: a wrong step is worse than an
    empty one the check asks for."""
    hw, _ = interpret(raw)
    steps: dict[str, int] = {}
    for s in hw.plan:
        if s.action:
            steps.setdefault(parse.fold(s.action), s.step)
    action_label = schema.ACTIONS_1.column("action").label
    for row in raw.tables.get("actions", []):
        cell = row.cells.pop("action", None)
        if cell is None or parse.is_blank(cell.value):
            continue
        n = steps.get(parse.fold(str(cell.value)))
        if n is not None:
            row.cells["step"] = RawCell(n, cell.loc)
            why = f"template 2.0 rates the plan's steps: this is step {n}, its words from the plan"
        else:
            why = (
                "template 2.0 rates the plan's steps, and no step has these words: enter the "
                "number of the step this row rates, or add the action to the plan"
            )
        notes.append(Note(cell.loc, action_label, cell.value, why))
    for row in raw.raci_rows:
        cell = row.cells.get("deliverable")
        if cell is None or parse.is_blank(cell.value):
            continue
        n = steps.get(parse.fold(str(cell.value)))
        if n is None:
            notes.append(
                Note(
                    cell.loc,
                    schema.RACI_DELIVERABLE.label,
                    cell.value,
                    "template 2.0's RACI rows are plan steps, and no step has these words: kept "
                    "as the row's subtask; enter the number of the step it belongs to",
                )
            )
            continue
        del row.cells["deliverable"]
        row.cells["step"] = RawCell(n, cell.loc)
        notes.append(
            Note(
                cell.loc,
                schema.RACI_DELIVERABLE.label,
                cell.value,
                f"template 2.0's RACI rows are plan steps: this is step {n}'s row",
            )
        )


# The version a step leaves -> its rewrite of the raw cells into the next version's keys.
STEPS: Final[dict[str, Callable[[RawWorkbook, list[Note]], None]]] = {
    "1.0": _plan_1_0,
    "1.1": _chain_1_1,
}


def plan_upgrade(raw: RawWorkbook, target: Layout = LAYOUT) -> Upgrade:
    """Where each of `raw`'s values goes in the `target` layout, and what has no place there."""
    origin = LAYOUTS[raw.template_version]
    up = Upgrade(raw.template_version, target.version)
    work = copy.deepcopy(raw)
    for version in chain(raw.template_version, target.version)[:-1]:
        step = STEPS.get(version)
        if step is not None:
            step(work, up.notes)
    _fields(work, origin, target, up)
    _tables(work, origin, target, up)
    _canvases(work, origin, target, up)
    _raci(work, origin.raci, target, up)
    # A value a step converted is placed from its old cell: its note says where it went.
    went = {p.source: p.target for p in up.placed}
    up.notes = [
        replace(n, why=f"{n.why} (in {went[n.source]})") if n.source in went else n
        for n in up.notes
    ]
    for loc in raw.formula_cells:
        up.notes.append(
            Note(loc, "", None, "held a formula; its value was carried over, not the formula")
        )
    return up


def _carry(up: Upgrade, cell: RawCell, target: Loc | None, label: str, why: str) -> None:
    # Only blank cells are left behind; a cell of spaces is something typed, and carried.
    if cell.value is None:
        return
    if target is None:
        up.notes.append(Note(cell.loc, label, cell.value, why))
    else:
        up.placed.append(Placed(cell.value, cell.loc, target))


def _fields(raw: RawWorkbook, origin: Layout, target: Layout, up: Upgrade) -> None:
    old = {c.field.key: c for c in (*origin.profile, origin.plan_start)}
    new = {c.field.key: c for c in (*target.profile, target.plan_start)}
    for key, cell in raw.fields.items():
        spec = new.get(key)
        label = old[key].field.label if key in old else key
        where = Loc(spec.sheet, spec.ref) if spec is not None else None
        _carry(up, cell, where, label, _no_place(target, "field"))


def _no_place(target: Layout, what: str) -> str:
    return f"template {target.version} has no {what} for it; kept here only"


def _tables(raw: RawWorkbook, origin: Layout, target: Layout, up: Upgrade) -> None:
    for key, rows in raw.tables.items():
        old = origin.tables[key]
        new = target.tables.get(key)
        needed = 0
        for row in rows:
            offset = row.row - old.first_row
            if new is not None and new.lead is not None:
                lead = row.cells.get(new.lead.key)
                if lead is not None and lead.value is None:
                    # A row numbered by nobody (added below the old template's rows) is
                    # numbered by the reader as before, not by the new template's constant.
                    up.cleared.append(new.loc(new.lead.key, new.first_row + offset))
            for column, cell in row.cells.items():
                label = old.header(column) if column in old.columns else column
                if new is None or column not in _writable(new):
                    _carry(up, cell, None, label, _no_place(target, f"column '{label}'"))
                    continue
                sheet_row = new.first_row + offset
                _carry(up, cell, new.loc(column, sheet_row), label, "")
                needed = max(needed, offset + 1)
        if new is not None:
            up.rows[key] = needed


def _writable(table: TableSpec) -> set[str]:
    """The columns a raw row holds: the inputs and the lead (a derived column is computed)."""
    keys = {f.key for f in table.inputs}
    return keys | {table.lead.key} if table.lead is not None else keys


def _canvases(raw: RawWorkbook, origin: Layout, target: Layout, up: Upgrade) -> None:
    for horizon, blocks in raw.canvas.items():
        old = origin.canvases[horizon]
        new = target.canvases.get(horizon)
        for key, items in blocks.items():
            old_block = old.block(key)
            new_block = next((b for b in new.blocks if b.key == key), None) if new else None
            for cell in items:
                index = split(cell.loc.cell)[0] - old_block.item_rows[0]
                where = None
                if new is not None and new_block is not None and index < new_block.items:
                    where = new.item_loc(new_block, index)
                _carry(up, cell, where, old_block.title, _no_place(target, "canvas cell"))


def _person_index(old: RaciSpec, new: RaciSpec, index: int) -> int | None:
    """The current template's person column for the old one's: same group, same place in it."""
    group = old.group_of(index)
    place = index % old.per_group
    if group not in new.groups or place >= new.per_group:
        return None
    return new.groups.index(group) * new.per_group + place


def raci_col(spec: RaciSpec, key: str) -> int | None:
    """The column of a RACI row's cell key ("deliverable", "p0", "p1", ...)."""
    if key == "deliverable":
        return spec.deliverable_col
    if key == "step":
        return spec.step_col
    if key.startswith("p") and key[1:].isdigit() and int(key[1:]) < spec.people:
        return spec.person_col(int(key[1:]))
    return None


def _raci(raw: RawWorkbook, old: RaciSpec, target: Layout, up: Upgrade) -> None:
    new = target.raci
    no_place = _no_place(target, "RACI column")
    moved = {i: _person_index(old, new, i) for i in range(old.people)}
    for i, (group, cell) in enumerate(raw.raci_people):
        j = moved.get(i)
        where = Loc(new.sheet, a1(new.people_row, new.person_col(j))) if j is not None else None
        _carry(up, cell, where, f"Name or role ({group.lower()})", no_place)
    needed = 0
    for row in raw.raci_rows:
        offset = row.row - old.first_row
        for key, cell in row.cells.items():
            new_key = key
            if key.startswith("p") and key[1:].isdigit():
                j = moved.get(int(key[1:]))
                new_key = f"p{j}" if j is not None else ""
            col = raci_col(new, new_key)
            label = {"deliverable": "Deliverable", "step": "Plan step"}.get(key, "R/A/C/I")
            where = Loc(new.sheet, a1(new.first_row + offset, col)) if col is not None else None
            _carry(up, cell, where, label, no_place)
            if where is not None:
                needed = max(needed, offset + 1)
    up.rows[RACI_TABLE] = needed


__all__ = ["STEPS", "Note", "Placed", "Upgrade", "chain", "plan_upgrade", "raci_col"]
