"""What the sample modules share: a homework paired with its planted mistakes, and builders
that give records the row numbers the workbook reader would give them.

Row numbers come from the layout specification, so that a sample written to a workbook and
read back compares equal to the sample itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from cba_xl.core import vocab
from cba_xl.core.models import (
    Action,
    Canvas,
    Change,
    Goal,
    Homework,
    PlanStep,
    RaciPerson,
    RaciRow,
    Service,
)
from cba_xl.spec import LAYOUT

PER_GROUP = LAYOUT.raci.per_group
PEOPLE = LAYOUT.raci.people


@dataclass(frozen=True)
class Sample:
    """One participant's homework and the kinds of mistake planted in it (see `mistakes`)."""

    homework: Homework
    mistakes: tuple[str, ...] = ()


def first_row(table: str) -> int:
    return LAYOUT.tables[table].first_row


def canvas(horizon: str, blocks: dict[str, list[str]]) -> Canvas:
    c = Canvas(horizon=horizon)
    for key in vocab.CANVAS_BLOCK_KEYS:
        c.blocks[key] = list(blocks.get(key, []))
    return c


def change(
    i: int, text: str, block: str, priority: int | None, short_term: bool | None, feedback: str
) -> Change:
    return Change(
        row=first_row("changes") + i,
        change=text,
        block=block,
        priority=priority,
        short_term=short_term,
        feedback=feedback,
    )


def service(
    i: int,
    name: str,
    field: str,
    financing: str,
    effort: int,
    value: int,
    rating: int | None,
    decision: str,
) -> Service:
    return Service(
        row=first_row("services") + i,
        service=name,
        field=field,
        financing=financing,
        effort=effort,
        value=value,
        rating=rating,
        decision=decision,
    )


def action(
    i: int, text: str, impact: str, effort: str, status: str, *, step: int | None = None
) -> Action:
    return Action(
        row=first_row("actions") + i,
        step=step,
        action=text,
        impact=impact,
        effort=effort,
        status=status,
    )


def goal(
    i: int,
    goal_id: str,
    text: str,
    metric: str,
    target: float | None,
    owner: str,
    deadline: dt.date | None,
    parent: str,
) -> Goal:
    return Goal(
        row=first_row("goals") + i,
        goal_id=goal_id,
        goal=text,
        metric=metric,
        target=target,
        owner=owner,
        deadline=deadline,
        parent=parent,
    )


def plan_step(
    i: int,
    text: str,
    responsible: str,
    stakeholders: str,
    requirements: str,
    outcome: str,
    *,
    deadline: dt.date | None,
    duration: int | None,
    milestone: bool,
    after: Sequence[int],
    goal: str = "",
    change: str = "",
) -> PlanStep:
    return PlanStep(
        row=first_row("plan") + i,
        step=i + 1,
        action=text,
        goal=goal,
        change=change,
        responsible=responsible,
        stakeholders=stakeholders,
        requirements=requirements,
        outcome=outcome,
        deadline=deadline,
        duration=duration,
        milestone=milestone,
        after=tuple(after),
    )


def raci_people(groups: Sequence[Sequence[str]]) -> list[RaciPerson]:
    """Exactly one person per template column, group by group; unused columns stay blank."""
    if len(groups) != len(vocab.RACI_GROUPS):
        raise ValueError(f"expected {len(vocab.RACI_GROUPS)} groups of people, got {len(groups)}")
    people: list[RaciPerson] = []
    for group, names in zip(vocab.RACI_GROUPS, groups, strict=True):
        if len(names) > PER_GROUP:
            raise ValueError(f"{group}: {len(names)} people, the template has {PER_GROUP}")
        padded = [*names, *([""] * (PER_GROUP - len(names)))]
        people.extend(RaciPerson(group=group, name=name) for name in padded)
    return people


def raci_row(
    i: int, deliverable: str, roles: Sequence[str], *, step: int | None = None, subtask: str = ""
) -> RaciRow:
    if len(roles) != PEOPLE:
        raise ValueError(f"'{deliverable}': {len(roles)} roles, the template has {PEOPLE} columns")
    return RaciRow(
        row=LAYOUT.raci.first_row + i,
        step=step,
        subtask=subtask,
        deliverable=deliverable,
        roles=list(roles),
    )


def parse_roles(text: str) -> list[str]:
    """'A R . . | C . . . | . . I .' -> one role per column; '.' is an empty cell."""
    return ["" if token == "." else token for token in text.split() if token != "|"]
