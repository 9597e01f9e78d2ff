"""The academy's Day 3 as one chain: change -> goal -> step -> role (template 2.0).

"First: identify business model changes to advance and improve ... Second: fill in the action
plan template"; goal definition -> task identification -> role assignment. Each plan step names
the SMART goal it serves and the top-3 change it advances; the priority matrix rates the plan's
steps; each step has a RACI row where its Responsible holds R or A.

The checks, by the sheet where the participant fixes them:
- Changes: a top-3 change no step advances; a change marked short-term whose steps do not
  finish within 6 months of the plan start.
- SMART goals: a goal no step serves (directly or through its sub-goals); a leaf goal whose
  steps finish, by the one schedule, after the goal's deadline.
- Action plan: a step with no goal, or naming a goal or change the workbook does not have; one
  person responsible for more than half of the steps (the academy's "resource levelling").
- Priority matrix: a step number that is not in the plan, rated twice, or a step not rated.
- RACI: a step number not in the plan, a step without a RACI row, a Responsible without R or A
  on the step's row.

A workbook of an older version has none of these links: the plan says so once, as information.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable

from cba_xl.core import schema
from cba_xl.core.findings import Finding, error, info, warning
from cba_xl.core.models import Action, Change, Goal, Homework, PlanStep, RaciPerson, RaciRow
from cba_xl.core.parse import fold
from cba_xl.core.rules.changes import top_changes
from cba_xl.core.rules.schedule import Schedule, schedule
from cba_xl.wording import join_and

# "Short-term (3-6 months)?" on the Changes sheet: its steps should be done within this.
SHORT_TERM_MONTHS = 6
# A small plan of a two-person team gives one of them more than half of it whatever they do;
# from this many steps on, a plan resting on one person is the overload of "resource levelling".
OVERLOAD_MIN_STEPS = 6


def _months_later(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or that month's last day when it is shorter."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _steps_text(numbers: Iterable[int]) -> str:
    listed = sorted(set(numbers))
    return ("step " if len(listed) == 1 else "steps ") + join_and(listed)


def has_chain(hw: Homework) -> bool:
    return schema.has_chain(hw.template_version)


def _change_of(step: PlanStep, changes: dict[str, Change]) -> Change | None:
    return changes.get(fold(step.change)) if step.change else None


def _latest(steps: list[PlanStep], sched: Schedule) -> tuple[PlanStep, dt.date] | None:
    dated = [(s, sched.finish_date_of(s.step)) for s in steps]
    known = [(s, d) for s, d in dated if d is not None]
    return max(known, key=lambda pair: (pair[1], pair[0].step)) if known else None


def check_changes_chain(hw: Homework) -> list[Finding]:
    if not has_chain(hw) or not hw.plan:
        return []
    found: list[Finding] = []
    sched = schedule(hw.plan, hw.plan_start)
    by_change: dict[str, list[PlanStep]] = defaultdict(list)
    for s in hw.plan:
        if s.change:
            by_change[fold(s.change)].append(s)
    for c in top_changes(hw.changes):
        steps = by_change.get(fold(c.change), [])
        if not steps:
            found.append(
                warning(
                    c.loc("change"),
                    "changes.no-step",
                    f"top-3 change {c.priority} has no step in the action plan; name it in the "
                    "'Top-3 change it advances' column of the steps that advance it",
                )
            )
    if hw.plan_start is None:
        return found
    limit = _months_later(hw.plan_start, SHORT_TERM_MONTHS)
    for c in hw.changes:
        if c.short_term is not True:
            continue
        latest = _latest(by_change.get(fold(c.change), []), sched)
        if latest is not None and latest[1] > limit:
            step, day = latest
            found.append(
                warning(
                    c.loc("short_term"),
                    "changes.short-term-late",
                    f"marked short-term, but its steps finish on {day.isoformat()} (step "
                    f"{step.step}), after {limit.isoformat()}, {SHORT_TERM_MONTHS} months from "
                    "the plan start; shorten the steps or mark it as longer-term",
                )
            )
    return found


def _descendants(goals: list[Goal]) -> dict[str, set[str]]:
    """Goal ID -> itself and every goal below it (loops are cut)."""
    children: dict[str, list[str]] = defaultdict(list)
    for g in goals:
        if g.parent and g.goal_id:
            children[g.parent].append(g.goal_id)
    out: dict[str, set[str]] = {}
    for g in goals:
        seen: set[str] = set()
        todo = [g.goal_id]
        while todo:
            gid = todo.pop()
            if gid in seen:
                continue
            seen.add(gid)
            todo.extend(children.get(gid, ()))
        out[g.goal_id] = seen
    return out


def check_goals_chain(hw: Homework) -> list[Finding]:
    if not has_chain(hw) or not hw.goals:
        return []
    found: list[Finding] = []
    sched = schedule(hw.plan, hw.plan_start)
    steps_of: dict[str, list[PlanStep]] = defaultdict(list)
    for s in hw.plan:
        if s.goal:
            steps_of[s.goal.strip()].append(s)
    below = _descendants(hw.goals)
    parents = {g.parent for g in hw.goals if g.parent}
    for g in hw.goals:
        if not g.goal_id:
            continue
        if not any(steps_of.get(gid) for gid in below.get(g.goal_id, {g.goal_id})):
            found.append(
                warning(
                    g.loc("goal_id"),
                    "smart.no-step",
                    f"goal {g.goal_id} has no step in the action plan; name it in the "
                    "'Goal ID' column of the steps that reach it",
                )
            )
            continue
        if g.goal_id in parents or g.deadline is None:
            continue
        latest = _latest(steps_of.get(g.goal_id, []), sched)
        if latest is not None and latest[1] > g.deadline:
            step, day = latest
            found.append(
                warning(
                    g.loc("deadline"),
                    "smart.steps-late",
                    f"goal {g.goal_id} is due {g.deadline.isoformat()}, but its steps finish on "
                    f"{day.isoformat()} (step {step.step}) by the schedule; move the deadline "
                    "or shorten the steps",
                )
            )
    return found


def check_plan_chain(hw: Homework) -> list[Finding]:
    if not hw.plan:
        return []
    if not has_chain(hw):
        return [
            info(
                hw.anchor("plan"),
                "plan.no-chain",
                f"template {hw.template_version} does not link the steps to goals and "
                "changes, so the chain checks did not run; `cba-xl upgrade` carries the "
                "homework into the current template, where each step names its goal and change",
            )
        ]
    found: list[Finding] = []
    goal_ids = {g.goal_id.strip() for g in hw.goals if g.goal_id}
    changes = {fold(c.change): c for c in hw.changes if c.change}
    unlinked = not any(s.goal for s in hw.plan)
    if unlinked:
        # The column not filled in yet is one thing to do, not one per step.
        found.append(
            warning(
                hw.plan[0].loc("goal"),
                "plan.no-goal",
                f"no step names the SMART goal it serves yet; pick each step's goal in the "
                f"Goal ID column ({len(hw.plan):,} steps)",
            )
        )
    for s in hw.plan:
        if not s.goal and not unlinked:
            found.append(
                warning(
                    s.loc("goal"),
                    "plan.no-goal",
                    f"step {s.step} names no goal; pick the SMART goal it serves",
                )
            )
        elif s.goal and s.goal.strip() not in goal_ids:
            found.append(
                error(
                    s.loc("goal"),
                    "plan.unknown-goal",
                    f"step {s.step} names goal '{s.goal}', which is not on the SMART goals "
                    "sheet; pick one of its goal IDs",
                )
            )
        change = _change_of(s, changes)
        if s.change and change is None:
            found.append(
                error(
                    s.loc("change"),
                    "plan.unknown-change",
                    f"step {s.step} names a change that is not on the Changes sheet; pick one "
                    "of your top-3 changes from the dropdown",
                )
            )
        elif change is not None and change.priority not in (1, 2, 3):
            found.append(
                warning(
                    s.loc("change"),
                    "plan.not-top-change",
                    f"step {s.step} advances a change that is not ranked in your top 3; rank "
                    "it on the Changes sheet or pick a top-3 change",
                )
            )
    found.extend(_overload(hw.plan))
    return found


def _overload(plan: list[PlanStep]) -> list[Finding]:
    owned = [s for s in plan if s.responsible]
    if len(plan) < OVERLOAD_MIN_STEPS:
        return []
    counts = Counter(fold(s.responsible) for s in owned)
    found = []
    for who, n in counts.most_common():
        if n * 2 <= len(plan):
            break
        first = next(s for s in owned if fold(s.responsible) == who)
        found.append(
            warning(
                first.loc("responsible"),
                "plan.overload",
                f"{first.responsible} is responsible for {n} of the {len(plan)} steps; share "
                "them out so that the plan does not wait on one person (resource levelling)",
            )
        )
    return found


def check_priority_chain(hw: Homework) -> list[Finding]:
    if not has_chain(hw):
        return []
    found: list[Finding] = []
    steps = {s.step for s in hw.plan}
    rated: Counter[int] = Counter()
    for a in hw.actions:
        if a.step is None:
            continue
        rated[a.step] += 1
        if a.step not in steps:
            found.append(
                error(
                    a.loc("step"),
                    "actions.unknown-step",
                    f"step {a.step} is not a step of the action plan; use a step number from it",
                )
            )
        elif rated[a.step] == 2:
            found.append(
                warning(
                    a.loc("step"),
                    "actions.step-twice",
                    f"step {a.step} is rated twice; rate each step once",
                )
            )
    # A row with a step's number alone is not a rating; while no row rates anything, the
    # section's own `actions.empty` asks for all of them.
    waiting: dict[int, Action] = {}
    for a in hw.actions:
        if a.step is not None and a.waiting and a.step in steps:
            waiting.setdefault(a.step, a)
    done = {a.step for a in hw.actions if not a.waiting}
    unrated = sorted(steps - done)
    if not done or not unrated:
        return found
    no_row = [n for n in unrated if n not in waiting]
    if no_row:
        found.append(
            warning(
                hw.anchor("actions"),
                "actions.step-unrated",
                f"{_steps_text(no_row)} of the action plan {'is' if len(no_row) == 1 else 'are'}"
                " not rated; add a row with each step's number, impact and effort",
            )
        )
    rows = [waiting[n] for n in unrated if n in waiting]
    if rows:
        first = min(rows, key=lambda a: a.row)
        found.append(
            warning(
                first.loc("impact", first.loc("step")),
                "actions.step-unrated",
                f"{_steps_text(a.step or 0 for a in rows)} of the action plan "
                f"{'is' if len(rows) == 1 else 'are'} not rated yet; give each its impact, "
                "effort and status in its row",
            )
        )
    return found


def _holds(person: RaciPerson, name: str) -> bool:
    """Whether a RACI column header is the plan's Responsible: the same name, or one a whole
    word part of the other ('Anna' and 'Anna Novak')."""
    mine, theirs = fold(person.name), fold(name)
    if not mine or not theirs:
        return False
    return mine == theirs or mine in theirs.split() or theirs in mine.split()


def check_raci_chain(hw: Homework) -> list[Finding]:
    if not has_chain(hw) or not hw.plan:
        return []
    found: list[Finding] = []
    steps = {s.step: s for s in hw.plan}
    rows: dict[int, list[RaciRow]] = defaultdict(list)
    waiting: dict[int, RaciRow] = {}
    for r in hw.raci:
        if r.step is None:
            continue
        if r.waiting and r.step in steps:
            waiting.setdefault(r.step, r)  # a step's number alone: no roles given yet
            continue
        if r.step not in steps:
            found.append(
                error(
                    r.loc("step"),
                    "raci.unknown-step",
                    f"step {r.step} is not a step of the action plan; use a step number from it",
                )
            )
            continue
        rows[r.step].append(r)
    # While no row gives anybody a role, the section's own `raci.empty` asks for all steps.
    if any(not r.waiting for r in hw.raci):
        missing = [n for n in steps if n not in rows and n not in waiting]
        if missing:
            found.append(
                warning(
                    hw.anchor("raci"),
                    "raci.step-missing",
                    f"{_steps_text(missing)} of the action plan "
                    f"{'has' if len(missing) == 1 else 'have'} no RACI row; add a row with the "
                    "step's number and who is R, A, C or I",
                )
            )
        idle = [waiting[n] for n in steps if n not in rows and n in waiting]
        if idle:
            first = min(idle, key=lambda r: r.row)
            found.append(
                warning(
                    first.loc("p0", first.loc("step")),
                    "raci.step-missing",
                    f"{_steps_text(r.step or 0 for r in idle)} of the action plan "
                    f"{'has' if len(idle) == 1 else 'have'} no roles yet; mark who is R, A, C "
                    f"or I in {'its row' if len(idle) == 1 else 'their rows'}",
                )
            )
    for n, step in steps.items():
        own = [r for r in rows.get(n, []) if not r.subtask]
        if not step.responsible or not own:
            continue
        columns = [i for i, p in enumerate(hw.raci_people) if _holds(p, step.responsible)]
        row = own[0]
        if not columns:
            found.append(
                warning(
                    step.loc("responsible"),
                    "raci.responsible-missing",
                    f"step {n}'s Responsible, {step.responsible}, has no column in the RACI "
                    "matrix; add them, as R or A on the step's row",
                )
            )
            continue
        roles = [row.roles[i] for i in columns if i < len(row.roles)]
        if not any("R" in role or "A" in role for role in roles):
            found.append(
                warning(
                    row.loc(f"p{columns[0]}", row.loc("step")),
                    "raci.responsible-not-ra",
                    f"{step.responsible} is step {n}'s Responsible in the action plan but holds "
                    "neither R nor A on its RACI row; give them R (or A)",
                )
            )
    return found


__all__ = [
    "OVERLOAD_MIN_STEPS",
    "SHORT_TERM_MONTHS",
    "check_changes_chain",
    "check_goals_chain",
    "check_plan_chain",
    "check_priority_chain",
    "check_raci_chain",
    "has_chain",
]
