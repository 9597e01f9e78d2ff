"""Typical mistakes participants make, planted on purpose so that tests and demos can show the
check finding them.

Each kind names the finding code that reveals it and who finds it: the rules (`check_homework`
sees it in the model) or the reader (the value cannot live in a parsed model, so it shows only
once the homework is written to a workbook and read back: an empty required cell, a dropdown
value that is not on the list).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final, Literal

from cba_xl.core.models import Homework

RULES: Final = "rules"
READER: Final = "reader"


@dataclass(frozen=True, slots=True)
class Mistake:
    kind: str
    code: str  # the code of the finding that reveals it
    found_by: Literal["rules", "reader"]
    what: str
    plant: Callable[[Homework, random.Random], bool]  # False when the homework has no room


def _raci_two_a(hw: Homework, rng: random.Random) -> bool:
    named = [i for i, p in enumerate(hw.raci_people) if p.name]
    rows = [
        (row, [i for i in named if i < len(row.roles) and "A" not in row.roles[i]])
        for row in hw.raci
        if sum("A" in r for r in row.roles) == 1
    ]
    rows = [(row, free) for row, free in rows if free]
    if not rows:
        return False
    row, free = rng.choice(rows)
    i = rng.choice(free)
    row.roles[i] = "A/C" if row.roles[i] == "C" else "A"
    return True


def _deadline_before_start(hw: Homework, rng: random.Random) -> bool:
    start = hw.plan_start
    if start is None or not hw.plan:
        return False
    step = rng.choice(hw.plan)
    # The classic slip: last year's number typed out of habit in January.
    wrong = step.deadline.replace(year=start.year - 1) if step.deadline else None
    if wrong is None or wrong >= start:
        wrong = start - dt.timedelta(days=rng.randint(3, 40))
    step.deadline, step.days = wrong, None
    return True


def _choice_not_allowed(hw: Homework, rng: random.Random) -> bool:
    if not hw.actions:
        return False
    action = rng.choice(hw.actions)
    if rng.random() < 0.5:
        action.impact = "Medium"
    else:
        action.effort = "Medium"
    return True


def _shares_not_100(hw: Homework, rng: random.Random) -> bool:
    p = hw.profile
    shares = {
        "share_public": p.share_public,
        "share_fees": p.share_fees,
        "share_services": p.share_services,
        "share_projects": p.share_projects,
    }
    present = {k: v for k, v in shares.items() if v is not None}
    if len(present) < len(shares):
        return False
    key = max(present, key=lambda k: present[k])  # the largest share is at least 25
    setattr(p, key, present[key] - 10)  # one line of the budget forgotten: 90 % in all
    return True


_VAGUE_GOALS: Final = (
    "Strengthen cooperation with local companies",
    "Become better known among partners abroad",
    "Improve the satisfaction of our members",
    "Grow the share of paid services",
    "Involve members more in our working groups",
)


def _goal_without_number(hw: Homework, rng: random.Random) -> bool:
    if not hw.goals:
        return False
    goal = rng.choice(hw.goals)
    goal.goal = rng.choice(_VAGUE_GOALS)
    goal.target = None
    return True


def _plan_cycle(hw: Homework, rng: random.Random) -> bool:
    by_number = {s.step: s for s in hw.plan}
    linked = [s for s in hw.plan if any(p in by_number for p in s.after)]
    if not linked:
        return False
    step = rng.choice(linked)
    before = by_number[next(p for p in step.after if p in by_number)]
    before.after = (*before.after, step.step)
    return True


def _missing_responsible(hw: Homework, rng: random.Random) -> bool:
    if not hw.plan:
        return False
    rng.choice(hw.plan).responsible = ""
    return True


def _duplicate_priority(hw: Homework, rng: random.Random) -> bool:
    third = [c for c in hw.changes if c.priority == 3]
    if not third:
        return False
    third[0].priority = rng.choice((1, 2))
    return True


def _unknown_step(hw: Homework, rng: random.Random) -> bool:
    if len(hw.plan) < 2:
        return False
    step = rng.choice(hw.plan[1:])
    step.after = (*step.after, max(s.step for s in hw.plan) + rng.randint(1, 5))
    return True


MISTAKES: Final = {
    m.kind: m
    for m in (
        Mistake("raci-two-a", "raci.one-a", RULES, "a RACI row with two A's", _raci_two_a),
        Mistake(
            "deadline-before-start",
            "plan.before-start",
            RULES,
            "a plan step due before the plan starts",
            _deadline_before_start,
        ),
        Mistake(
            "choice-not-allowed",
            "choice",
            READER,
            "impact or effort 'Medium', not on the dropdown",
            _choice_not_allowed,
        ),
        Mistake(
            "shares-not-100",
            "profile.shares-total",
            RULES,
            "funding shares adding up to 90 %",
            _shares_not_100,
        ),
        Mistake(
            "goal-without-number",
            "required",
            READER,
            "a SMART goal without any number (its target left empty)",
            _goal_without_number,
        ),
        Mistake(
            "plan-cycle", "plan.cycle", RULES, "two plan steps waiting for each other", _plan_cycle
        ),
        Mistake(
            "missing-responsible",
            "required",
            READER,
            "a plan step nobody is responsible for",
            _missing_responsible,
        ),
        Mistake(
            "duplicate-priority",
            "changes.priority-duplicate",
            RULES,
            "two business model changes with the same priority",
            _duplicate_priority,
        ),
        Mistake(
            "unknown-step",
            "plan.unknown-step",
            RULES,
            "a plan step after a step that does not exist",
            _unknown_step,
        ),
    )
}
KINDS: Final = tuple(MISTAKES)


def plant(hw: Homework, kind: str, rng: random.Random) -> bool:
    """Put one mistake of `kind` into `hw` (in place); False when it has no room for it."""
    return MISTAKES[kind].plant(hw, rng)


def plant_some(hw: Homework, rng: random.Random, count: int) -> tuple[str, ...]:
    """Up to `count` mistakes of different kinds; the kinds planted, in order."""
    planted: list[str] = []
    for kind in rng.sample(KINDS, len(KINDS)):
        if len(planted) == count:
            break
        if plant(hw, kind, rng):
            planted.append(kind)
    return tuple(planted)


__all__ = ["KINDS", "MISTAKES", "READER", "RULES", "Mistake", "plant", "plant_some"]
