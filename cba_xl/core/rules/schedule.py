"""The action plan's one schedule: every slide, sheet, note and cohort view takes the plan's
start, finish and per-step dates from the `Schedule` computed here.

The academy's template asks for each step "Deadline: By when?" and explains it as "How many days
should it take to finish this step?". So a step's duration (days it takes) and its predecessors
make the schedule, and a deadline date is a constraint the schedule is checked against.

Rule (what the 'Earliest start', 'Earliest finish' and 'Critical path' columns and the slides
show):
- A step's deadline day is its deadline date minus the plan start, or its 1.0 'days from start'.
  Without a plan start there are no deadline days (dates cannot be placed), except that a 1.0
  duration left empty is still taken from deadline dates counted from the earliest of them.
- A step's duration is its own 'Duration (days)'. When it is empty but the step has a deadline,
  the duration is assumed: from its earliest start to its deadline day, never below 0
  (`assumed` lists these), so a plan given only by deadlines finishes each step on its deadline.
  Otherwise 0.
- Forward pass: a step starts when its last predecessor finishes (day 0 without predecessors)
  and finishes its duration later. The plan's duration is the latest finish.
- Backward pass: the latest finish of a step is the earliest latest start among its successors
  (the plan's duration when it has none). Critical steps have zero total float (latest start
  equals earliest start); they form the longest path through the dependencies (CPM).
- A step is late when its earliest finish is after its deadline day.
- A plan of duration 0 has no critical path. When dependencies loop, `cycle` holds one loop,
  the dependencies inside every loop are left out of the passes, and there is no critical path.
- Predecessors that are not steps of the plan are ignored (the check reports them).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from cba_xl.core.models import PlanStep


@dataclass(frozen=True)
class Schedule:
    start: dict[int, int] = field(default_factory=dict)  # step -> earliest start, days from start
    finish: dict[int, int] = field(default_factory=dict)  # step -> earliest finish
    critical: frozenset[int] = frozenset()
    duration_days: int = 0
    cycle: tuple[int, ...] = ()  # one dependency loop, in order; () when none
    path: tuple[int, ...] = ()  # one critical chain from the first to the last day
    plan_start: dt.date | None = None
    due: dict[int, int] = field(default_factory=dict)  # step -> deadline day (a constraint)
    assumed: dict[int, int] = field(default_factory=dict)  # step -> duration taken from deadline

    def date(self, day: int) -> dt.date | None:
        """The calendar day `day` days after the plan start; None without a plan start."""
        return self.plan_start + dt.timedelta(days=day) if self.plan_start else None

    @property
    def finish_date(self) -> dt.date | None:
        """The day the whole plan can be done by its durations and dependencies."""
        return self.date(self.duration_days) if self.duration_days else None

    def start_date(self, step: int) -> dt.date | None:
        return self.date(self.start[step]) if step in self.start else None

    def finish_date_of(self, step: int) -> dt.date | None:
        return self.date(self.finish[step]) if step in self.finish else None

    def deadline(self, step: int) -> dt.date | None:
        return self.date(self.due[step]) if step in self.due else None

    @property
    def late(self) -> dict[int, int]:
        """Step -> days its earliest finish lies after its deadline, for late steps only."""
        if self.cycle:
            return {}
        return {
            n: self.finish[n] - d
            for n, d in sorted(self.due.items())
            if n in self.finish and self.finish[n] > d
        }

    @property
    def early_deadlines(self) -> dict[int, int]:
        """Step -> its deadline day, for deadlines before the plan start (day 0): no schedule
        can meet them, and what the participant must fix is the date, not the plan."""
        return {n: d for n, d in sorted(self.due.items()) if d < 0}

    @property
    def overrun(self) -> dict[int, int]:
        """The late steps whose deadline lies after the plan start: the plan's own doing."""
        early = self.early_deadlines
        return {n: days for n, days in self.late.items() if n not in early}

    @property
    def last_deadline_day(self) -> int | None:
        return max(self.due.values(), default=None)

    @property
    def last_deadline(self) -> dt.date | None:
        day = self.last_deadline_day
        return self.date(day) if day is not None else None

    @property
    def slack_days(self) -> int | None:
        """Days between the plan's finish and its last deadline; negative when the plan cannot
        finish by its last deadline, None without deadlines."""
        day = self.last_deadline_day
        return None if day is None else day - self.duration_days


def unique_steps(plan: Sequence[PlanStep]) -> dict[int, PlanStep]:
    """Step number -> step; a repeated number keeps its first row (the check reports the rest)."""
    out: dict[int, PlanStep] = {}
    for s in plan:
        out.setdefault(s.step, s)
    return out


def predecessors(steps: Mapping[int, PlanStep]) -> dict[int, tuple[int, ...]]:
    """Each step's predecessors that exist in the plan, without repeats."""
    return {n: tuple(dict.fromkeys(p for p in s.after if p in steps)) for n, s in steps.items()}


def due_days(plan: Sequence[PlanStep], plan_start: dt.date | None) -> dict[int, int]:
    """Step -> deadline day counted from the plan start; steps without a deadline are left out,
    and so are deadline dates when the plan has no start."""
    out: dict[int, int] = {}
    for n, s in unique_steps(plan).items():
        if s.deadline is not None and plan_start is not None:
            out[n] = (s.deadline - plan_start).days
        elif s.deadline is None and s.days is not None:
            out[n] = s.days
    return out


def _inference_days(plan: Sequence[PlanStep], plan_start: dt.date | None) -> dict[int, int]:
    """Deadline days for assuming missing durations: without a plan start, dates count from the
    earliest deadline date, so that their differences still give durations."""
    if plan_start is not None:
        return due_days(plan, plan_start)
    dates = [s.deadline for s in unique_steps(plan).values() if s.deadline is not None]
    return due_days(plan, min(dates)) if dates else due_days(plan, None)


def durations(plan: Sequence[PlanStep], plan_start: dt.date | None) -> dict[int, int]:
    """Step -> duration in days: its own, or one assumed from its deadline (see the rule)."""
    sched = schedule(plan, plan_start)
    return {n: sched.finish[n] - sched.start[n] for n in sched.start}


def loops(preds: Mapping[int, Sequence[int]]) -> list[list[int]]:
    """Groups of steps that depend on each other in a loop (Tarjan's strongly connected
    components of size > 1, or a step after itself), each sorted, in step order."""
    index: dict[int, int] = {}
    low: dict[int, int] = {}
    stack: list[int] = []
    on_stack: set[int] = set()
    found: list[list[int]] = []

    def visit(v: int) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in preds.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group: list[int] = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1 or v in preds.get(v, ()):
                found.append(sorted(group))

    for v in sorted(preds):
        if v not in index:
            visit(v)
    return sorted(found)


def _one_cycle(group: Sequence[int], preds: Mapping[int, Sequence[int]]) -> tuple[int, ...]:
    """A loop through the group's smallest step, in dependency order (a step before the step
    that depends on it)."""
    members = set(group)
    start = min(group)
    path = [start]
    seen = {start}
    node = start
    while True:
        nxt = min(p for p in preds[node] if p in members)
        if nxt in seen:
            loop = list(reversed(path[path.index(nxt) :]))
            first = loop.index(min(loop))
            return tuple(loop[first:] + loop[:first])
        path.append(nxt)
        seen.add(nxt)
        node = nxt


def _topological(preds: Mapping[int, Sequence[int]]) -> list[int]:
    remaining = {n: set(ps) for n, ps in preds.items()}
    order: list[int] = []
    while remaining:
        ready = sorted(n for n, ps in remaining.items() if not ps)
        order.extend(ready)
        for n in ready:
            del remaining[n]
        for ps in remaining.values():
            ps.difference_update(ready)
    return order


def schedule(plan: Sequence[PlanStep], plan_start: dt.date | None) -> Schedule:
    """Earliest start and finish of every step, the critical path and the plan's duration."""
    steps = unique_steps(plan)
    preds = predecessors(steps)
    inferred = _inference_days(plan, plan_start)
    groups = loops(preds)
    cycle = _one_cycle(groups[0], preds) if groups else ()
    for group in groups:
        inside = set(group)
        for n in group:
            preds[n] = tuple(p for p in preds[n] if p not in inside)

    order = _topological(preds)
    start: dict[int, int] = {}
    finish: dict[int, int] = {}
    dur: dict[int, int] = {}
    assumed: dict[int, int] = {}
    for n in order:
        start[n] = max((finish[p] for p in preds[n]), default=0)
        given = steps[n].duration
        if given is not None:
            dur[n] = max(0, given)
        elif n in inferred:
            dur[n] = assumed[n] = max(0, inferred[n] - start[n])
        else:
            dur[n] = 0
        finish[n] = start[n] + dur[n]
    total = max(finish.values(), default=0)
    known = Schedule(plan_start=plan_start, due=due_days(plan, plan_start), assumed=assumed)
    if cycle or total == 0:
        return replace(known, start=start, finish=finish, duration_days=total, cycle=cycle)

    succs: dict[int, list[int]] = {n: [] for n in steps}
    for n, ps in preds.items():
        for p in ps:
            succs[p].append(n)
    latest_start: dict[int, int] = {}
    for n in reversed(order):
        latest_finish = min((latest_start[s] for s in succs[n]), default=total)
        latest_start[n] = latest_finish - dur[n]
    critical = frozenset(n for n in steps if latest_start[n] == start[n])
    chain = _chain(critical, succs, start, finish, total)
    return replace(
        known, start=start, finish=finish, critical=critical, duration_days=total, path=chain
    )


def _chain(
    critical: frozenset[int],
    succs: Mapping[int, Sequence[int]],
    start: Mapping[int, int],
    finish: Mapping[int, int],
    total: int,
) -> tuple[int, ...]:
    """One critical chain, smallest step numbers first where there is a choice."""
    # Zero float means each critical step ends exactly when a critical successor starts, so the
    # walk from a critical step on day 0 always reaches the plan's last day.
    node = min(n for n in critical if start[n] == 0)
    chain = [node]
    while finish[node] < total:
        node = min(s for s in succs[node] if s in critical and start[s] == finish[node])
        chain.append(node)
    return tuple(chain)


def critical_text(step: PlanStep, sched: Schedule) -> str:
    """The workbook's 'Critical path' column."""
    if step.step in sched.cycle:
        return "In a cycle"
    return "Yes" if step.step in sched.critical else ""


__all__ = [
    "Schedule",
    "critical_text",
    "due_days",
    "durations",
    "loops",
    "predecessors",
    "schedule",
    "unique_steps",
]
