"""The chain slides (template 2.0): one per top-3 change, from the change to the goals its steps
serve, the steps with their owners and dates, and their status."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cba_xl.core.findings import Finding, cell_parts
from cba_xl.core.models import PlanStep
from cba_xl.core.parse import fold
from cba_xl.core.rules.changes import top_changes
from cba_xl.core.schema import has_chain
from cba_xl.slides import grid
from cba_xl.slides.brand import short_date
from cba_xl.slides.context import Ctx
from cba_xl.slides.tables import header_columns, table_slides
from cba_xl.spec import layout as sheets

DONE = "Done"


def chain_data(ctx: Ctx, rank: int, change: str, steps: list[PlanStep]) -> dict[str, Any]:
    sched = ctx.schedule
    status = {a.step: a.status for a in ctx.hw.actions if a.step is not None}
    finishes = [sched.finish_date_of(s.step) for s in steps]
    known = [f for f in finishes if f is not None]
    return {
        "rank": rank,
        "change": change,
        "steps": len(steps),
        "goals": list(dict.fromkeys(s.goal.strip() for s in steps if s.goal.strip())),
        "finish": max(known) if known and len(known) == len(steps) else None,
        "done": sum(1 for s in steps if status.get(s.step) == DONE),
    }


def chain_slides(ctx: Ctx) -> None:
    if not has_chain(ctx.hw.template_version):
        return
    status = {a.step: a.status for a in ctx.hw.actions if a.step is not None}
    for change in top_changes(ctx.hw.changes):
        steps = [s for s in ctx.hw.plan if s.change and fold(s.change) == fold(change.change)]
        data = chain_data(ctx, change.priority or 0, change.change, steps)
        columns = header_columns(ctx, "chain", data, (0.05, 0.35, 0.11, 0.18, 0.13, 0.18), {0, 2})
        rows = [
            [
                str(s.step),
                s.action,
                s.goal,
                s.responsible,
                _date(ctx, s),
                status.get(s.step, ""),
            ]
            for s in steps
        ]
        table = grid.Table(columns, rows, size=11, max_lines=3)
        mine = _own_rows(change.row, steps)
        table_slides(ctx, "chain", "plan", data, [sheets.CHANGES, sheets.PLAN], table, keep=mine)


def _own_rows(change_row: int, steps: list[PlanStep]) -> Callable[[Finding], bool]:
    """The notes of one change's slide: findings on its own row of the Changes and on its
    steps' rows of the plan (a whole-sheet finding, with no cell, concerns every change)."""
    plan_rows = {s.row for s in steps}

    def keep(f: Finding) -> bool:
        row, _ = cell_parts(f.cell)
        if not row:
            return True
        if f.sheet == sheets.CHANGES:
            return row == change_row
        if f.sheet == sheets.PLAN:
            return row in plan_rows
        return True

    return keep


def _date(ctx: Ctx, step: PlanStep) -> str:
    day = ctx.schedule.finish_date_of(step.step)
    return short_date(day) if day is not None else ""


__all__ = ["chain_slides"]
