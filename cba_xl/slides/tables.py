"""Table slides: service portfolio, action plan, RACI matrix (the SMART goals are a tree, in
`goals.py`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any

from pptx.enum.text import PP_ALIGN

from cba_xl.core import vocab
from cba_xl.core.findings import Finding
from cba_xl.core.models import RaciRow
from cba_xl.core.rules import derived
from cba_xl.slides import grid
from cba_xl.slides.context import Ctx
from cba_xl.slides.fitting import Para
from cba_xl.spec import layout as sheets

CENTER = PP_ALIGN.CENTER


def header_columns(
    ctx: Ctx,
    name: str,
    data: Mapping[str, Any],
    shares: Sequence[float],
    centred: Collection[int] = (),
) -> list[grid.Column]:
    heads = [line.partition("|") for line in ctx.lines(name, "headers", data)]
    return [
        grid.Column(h, share, q, CENTER if i in centred else PP_ALIGN.LEFT)
        for i, ((h, _, q), share) in enumerate(zip(heads, shares, strict=True))
    ]


def table_slides(
    ctx: Ctx,
    name: str,
    tool: str,
    data: Mapping[str, Any],
    sheets_: Sequence[str],
    table: grid.Table,
    layout: str = "Table",
    keep: Callable[[Finding], bool] | None = None,
) -> None:
    title = ctx.title(name, data)
    notes = ctx.notes(name, data, sheets_, keep)
    if not table.rows:
        slide = ctx.deck.add(
            layout, title=title, kicker=ctx.kicker(tool), source=ctx.source(tool), notes=notes
        )
        area = ctx.deck.take(slide, "Body")
        ctx.deck.textbox(
            slide,
            area,
            [Para(ctx.words.sentence(name, "empty", data), italic=True, color="muted")],
            max_size=14,
        )
        return
    grid.paged(
        ctx.deck,
        layout,
        "Body",
        title=title,
        kicker=ctx.kicker(tool),
        source=ctx.source(tool),
        notes=notes,
        table=table,
    )


def _score(value: int | None) -> str:
    return "" if value is None else str(value)


def services_slide(ctx: Ctx) -> None:
    services = ctx.hw.services
    counts = Counter(s.decision for s in services if s.decision)
    data = {
        "services": len(services),
        "decisions": [(d, counts[d]) for d in vocab.DECISIONS if counts[d]],
    }
    columns = header_columns(
        ctx, "services", data, (0.04, 0.2, 0.14, 0.13, 0.06, 0.06, 0.08, 0.11, 0.18), {0, 4, 5, 6}
    )
    rows = [
        [
            str(n),
            s.service,
            s.field,
            s.financing,
            _score(s.effort),
            _score(s.value),
            _score(s.rating),
            s.decision,
            derived.service_suggestion(s.effort, s.value, s.rating, s.financing),
        ]
        for n, s in enumerate(services, start=1)
    ]
    table = grid.Table(columns, rows, size=10.5, max_lines=4)
    table_slides(ctx, "services", "services", data, [sheets.SERVICES], table)


def _when(ctx: Ctx, step: Any) -> str:
    """The 'Deadline' cell: the days the step takes (the academy's question), when the schedule
    has it done, and its own deadline, marked when the schedule cannot meet it."""
    sched = ctx.schedule
    n = step.step
    data = {
        "days": sched.finish.get(n, 0) - sched.start.get(n, 0),
        "assumed": n in sched.assumed,
        "finish": sched.finish_date_of(n),
        "deadline": sched.deadline(n),
        "late": sched.overrun.get(n, 0),
        "early": n in sched.early_deadlines,
    }
    return "\n".join(ctx.lines("plan", "when", data))


def unique_lead(names: Sequence[str]) -> tuple[str, int]:
    """The person responsible for the most steps, and how many; ('', 0) on a tie for first."""
    owners = Counter(n.strip() for n in names if n.strip()).most_common(2)
    if not owners or (len(owners) == 2 and owners[0][1] == owners[1][1]):
        return "", 0
    return owners[0]


def plan_data(ctx: Ctx) -> dict[str, Any]:
    """What the plan slide says, all from the one schedule."""
    plan = ctx.hw.plan
    sched = ctx.schedule
    lead, lead_count = unique_lead([s.responsible for s in plan])
    return {
        "steps": len(plan),
        "days": sched.duration_days,
        "start": sched.plan_start,
        "finish": sched.finish_date,
        "last_deadline": sched.last_deadline,
        "slack": sched.slack_days,
        "late": len(sched.overrun),
        "early": len(sched.early_deadlines),
        "lead": lead,
        "lead_count": lead_count,
    }


def plan_slide(ctx: Ctx) -> None:
    plan = ctx.hw.plan
    data = plan_data(ctx)
    columns = header_columns(ctx, "plan", data, (0.04, 0.21, 0.12, 0.15, 0.15, 0.19, 0.14), {0})
    rows = [
        [
            str(s.step or n),
            s.action,
            s.responsible,
            s.stakeholders,
            s.requirements,
            s.outcome,
            _when(ctx, s),
        ]
        for n, s in enumerate(plan, start=1)
    ]
    table = grid.Table(columns, rows, size=10.5, max_lines=4)
    table_slides(ctx, "plan", "plan", data, [sheets.PLAN], table)


def _raci_name(row: RaciRow) -> str:
    """A step's row by its number and words; a subtask under its step's number."""
    if row.step is None:
        return row.deliverable
    if row.subtask:
        return f"{row.step}. – {row.subtask}"
    return f"{row.step}. {row.deliverable}"


def raci_slide(ctx: Ctx) -> None:
    rows_in = ctx.hw.raci
    # The template has a fixed number of person columns; unnamed, unused ones are left out.
    used = [
        i
        for i, p in enumerate(ctx.hw.raci_people)
        if p.name.strip() or any(i < len(r.roles) and r.roles[i] for r in rows_in)
    ]
    people = {i: ctx.hw.raci_people[i] for i in used}
    statuses = [derived.raci_row_status(r.roles) for r in rows_in]
    groups = [g for g in vocab.RACI_GROUPS if any(p.group == g for p in people.values())]
    groups += list(dict.fromkeys(p.group for p in people.values() if p.group not in groups))
    ordered = [i for g in groups for i, p in people.items() if p.group == g]
    # Template 2.0: the rows are plan steps, and subtasks of them.
    steps = [r for r in rows_in if r.step is not None and not r.subtask]
    noun = ("deliverable", "deliverables")
    if rows_in and len(steps) == len(rows_in):
        noun = ("step", "steps")
    elif steps:
        noun = ("step or subtask", "steps and subtasks")
    accountable = [derived.raci_accountable(r.roles) for r in rows_in]
    many = [n for n in accountable if n > 1]
    data = {
        "rows": len(rows_in),
        "ok": statuses.count(derived.RACI_OK),
        "one_a": statuses.count(derived.RACI_ONE_A),
        # which way a row misses "exactly one A": a trainer says "two accountable people"
        "many_a": len(many),
        "many_word": "two accountable people" if set(many) == {2} else "more than one A",
        "no_a": accountable.count(0),
        "needs_r": statuses.count(derived.RACI_NEEDS_R),
        "groups": [g.lower() for g in groups],
        "noun": noun[0],
        "nouns": noun[1],
        "steps": bool(steps),
    }
    deliverable = ctx.words.sentence("raci", "deliverable", data)
    check = ctx.words.sentence("raci", "check", data)
    person_share = 0.62 / max(len(people), 1)
    columns = [grid.Column(deliverable, 0.26, bold=False)]
    columns += [grid.Column(people[i].name or "?", person_share, align=CENTER) for i in ordered]
    columns.append(grid.Column(check, 0.12, align=CENTER))
    bands = [("", 1)]
    bands += [(g, sum(1 for p in people.values() if p.group == g)) for g in groups]
    bands.append(("", 1))
    rows = []
    roles: dict[tuple[int, int], str] = {}
    for r, (row, status) in enumerate(zip(rows_in, statuses, strict=True)):
        cells = [row.roles[i] if i < len(row.roles) else "" for i in ordered]
        rows.append([_raci_name(row), *cells, status])
        for c, role in enumerate(cells, start=1):
            if "A" in role.upper():
                roles[(r, c)] = "accent"
            elif "R" in role.upper():
                roles[(r, c)] = "panel"
    table = grid.Table(
        columns,
        rows,
        bands=bands if people else (),
        size=10.5,
        max_size=11,
        max_lines=3,
        cell_roles=roles,
    )
    table_slides(ctx, "raci", "raci", data, [sheets.RACI], table)
