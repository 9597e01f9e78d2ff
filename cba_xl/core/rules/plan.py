"""Action plan: every step has a duration, its deadline (a constraint) is not before the plan
starts and can be met by the schedule, its predecessors exist and never loop. The one schedule
lives in `cba_xl.core.rules.schedule` and is re-exported here.

Responsible, expected outcome and (from template 1.1) the duration are required fields: the
interpreter reports them empty.
"""

from __future__ import annotations

from collections import Counter

from cba_xl.core.findings import Finding, Loc, error, info, warning
from cba_xl.core.models import Homework, PlanStep
from cba_xl.core.rules import derived
from cba_xl.core.rules.schedule import (
    Schedule,
    critical_text,
    loops,
    predecessors,
    schedule,
    unique_steps,
)
from cba_xl.wording import tally


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
        if s.deadline is not None and start is not None and s.deadline < start:
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


def _durations(hw: Homework, sched: Schedule) -> list[Finding]:
    """Template 1.0 had no required duration: steps without one, and without a deadline to take
    it from, are errors; durations taken from deadlines are said once. From 1.1 on the
    interpreter reports an empty duration as a required cell."""
    if hw.template_version != "1.0":
        return []
    found: list[Finding] = []
    steps = unique_steps(hw.plan)
    for n, s in steps.items():
        if s.duration is None and n not in sched.assumed:
            found.append(
                error(
                    s.loc("duration"),
                    "plan.no-duration",
                    f"step {n} has neither a duration nor a deadline; enter how many days it takes",
                )
            )
    if sched.assumed:
        listed = ", ".join(f"step {n}: {tally(d, 'day')}" for n, d in sorted(sched.assumed.items()))
        found.append(
            info(
                hw.anchor("plan"),
                "plan.assumed-duration",
                "template 1.0 has no required duration, so the schedule takes these from the "
                f"deadlines and the steps before them ({listed}); enter each step's duration "
                "to plan by the days it takes",
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


def _order(hw: Homework, sched: Schedule) -> list[Finding]:
    """A deadline before a predecessor's (the clearer message: two dates in the wrong order),
    else a deadline the schedule cannot meet (plan.late)."""
    found: list[Finding] = []
    steps = unique_steps(hw.plan)
    preds = predecessors(steps)
    start = hw.plan_start
    for n, s in steps.items():
        mine = derived.due_date(s.deadline, s.days, start)
        before = []
        for p in preds[n]:
            theirs = derived.due_date(steps[p].deadline, steps[p].days, start)
            if mine is not None and theirs is not None and theirs > mine:
                before.append(
                    warning(
                        _deadline_loc(s),
                        "plan.before-predecessor",
                        f"step {n} is due {mine.isoformat()}, before step {p} it comes after "
                        f"(due {theirs.isoformat()}); expected on or after that",
                    )
                )
        found.extend(before)
        early = mine is not None and start is not None and mine < start  # plan.before-start
        if not before and not early and n in sched.late:
            found.append(warning(_deadline_loc(s), "plan.late", _late_message(n, s, sched)))
    return found


def _late_message(n: int, step: PlanStep, sched: Schedule) -> str:
    finish, due = sched.finish_date_of(n), sched.deadline(n)
    takes = sched.finish[n] - sched.start[n]
    waits = [p for p in step.after if sched.finish.get(p) == sched.start[n] and sched.start[n]]
    after = f" and starts when step {waits[0]} finishes" if waits else ""
    if finish is not None and due is not None:
        return (
            f"step {n} cannot finish before {finish.isoformat()} (it takes {tally(takes, 'day')}"
            f"{after}); its deadline is {due.isoformat()}, {tally(sched.late[n], 'day')} earlier; "
            "shorten the steps before it or move the deadline"
        )
    return (
        f"step {n} cannot finish before day {sched.finish[n]} (it takes {tally(takes, 'day')}"
        f"{after}); its deadline is day {sched.due[n]}; shorten the steps before it or move the "
        "deadline"
    )


def check_plan(hw: Homework) -> list[Finding]:
    if not hw.plan:
        return []
    sched = plan_schedule(hw)
    return [*_deadlines(hw), *_durations(hw, sched), *_dependencies(hw), *_order(hw, sched)]


def plan_schedule(hw: Homework) -> Schedule:
    return schedule(hw.plan, hw.plan_start)


__all__ = [
    "Schedule",
    "check_plan",
    "critical_text",
    "plan_schedule",
    "schedule",
]
