"""Action plan: every step has a deadline not before the plan starts, its predecessors exist and
never loop, and no step is due before what it waits for. The schedule lives in
`cba_xl.core.rules.schedule` and is re-exported here.

Responsible and expected outcome are required fields: the interpreter reports them empty.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from cba_xl.core.findings import Finding, Loc, error, warning
from cba_xl.core.models import Homework, PlanStep
from cba_xl.core.rules.derived import due_date
from cba_xl.core.rules.schedule import (
    Schedule,
    critical_text,
    loops,
    predecessors,
    schedule,
    unique_steps,
)


def _deadline_loc(step: PlanStep) -> Loc:
    if step.deadline is None and step.days is not None:
        return step.loc("days")
    return step.loc("deadline")


def _step_loc(step: PlanStep) -> Loc:
    return step.loc("step", step.loc("action"))


def _deadlines(hw: Homework) -> list[Finding]:
    found: list[Finding] = []
    start = hw.plan_start
    for s in hw.plan:
        if s.deadline is None and s.days is None:
            found.append(
                error(
                    s.loc("deadline"),
                    "plan.no-deadline",
                    f"step {s.step} has no deadline; give a date or a number of days from the "
                    "plan start",
                )
            )
        elif s.deadline is not None and start is not None and s.deadline < start:
            found.append(
                error(
                    s.loc("deadline"),
                    "plan.before-start",
                    f"deadline {s.deadline.isoformat()} is before the plan start "
                    f"{start.isoformat()}",
                )
            )
    using_days = [s.step for s in hw.plan if s.deadline is None and s.days is not None]
    if using_days and start is None:
        where = hw.plan_start_where if hw.plan_start_where.sheet else hw.anchor("plan")
        listed = ", ".join(str(n) for n in using_days)
        found.append(
            error(
                where,
                "plan.no-start",
                f"step(s) {listed} count days from the plan start, but the plan start is "
                "empty; enter the date the plan starts",
            )
        )
    return found


def _dependencies(hw: Homework) -> list[Finding]:
    found: list[Finding] = []
    counts = Counter(s.step for s in hw.plan)
    first = unique_steps(hw.plan)
    for s in hw.plan:
        if counts[s.step] > 1 and first[s.step] is not s:
            found.append(
                error(
                    _step_loc(s),
                    "plan.duplicate-step",
                    f"step number {s.step} is used {counts[s.step]} times; number each step once",
                )
            )
        unknown = [p for p in s.after if p not in first]
        if unknown:
            found.append(
                error(
                    s.loc("after"),
                    "plan.unknown-step",
                    f"step {s.step} comes after step(s) "
                    f"{', '.join(str(p) for p in unknown)}, which the plan does not have; "
                    "expected numbers of steps in this plan",
                )
            )
    for group in loops(predecessors(first)):
        listed = ", ".join(str(n) for n in group)
        what = (
            f"steps {listed} depend on each other in a loop"
            if len(group) > 1
            else (f"step {group[0]} comes after itself")
        )
        found.extend(
            error(
                _step_loc(first[n]),
                "plan.cycle",
                f"{what}; remove one of the 'after' dependencies",
            )
            for n in group
        )
    return found


def _order(hw: Homework) -> list[Finding]:
    found: list[Finding] = []
    steps = unique_steps(hw.plan)
    preds = predecessors(steps)
    due = {n: due_date(s.deadline, s.days, hw.plan_start) for n, s in steps.items()}
    for n, s in steps.items():
        mine = due[n]
        for p in preds[n]:
            theirs = due[p]
            if mine is not None and theirs is not None and theirs > mine:
                found.append(
                    warning(
                        _deadline_loc(s),
                        "plan.before-predecessor",
                        f"step {n} is due {mine.isoformat()}, before step {p} it comes after "
                        f"(due {theirs.isoformat()}); expected on or after that",
                    )
                )
    return found


def check_plan(hw: Homework) -> list[Finding]:
    if not hw.plan:
        return []
    return [*_deadlines(hw), *_dependencies(hw), *_order(hw)]


def plan_schedule(hw: Homework) -> Schedule:
    return schedule(hw.plan, hw.plan_start)


def plan_end(hw: Homework) -> dt.date | None:
    """The day the plan finishes by its schedule, when it has a start date."""
    if hw.plan_start is None:
        return None
    return hw.plan_start + dt.timedelta(days=plan_schedule(hw).duration_days)


__all__ = [
    "Schedule",
    "check_plan",
    "critical_text",
    "plan_end",
    "plan_schedule",
    "schedule",
]
