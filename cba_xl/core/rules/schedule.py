"""The action plan's schedule: step durations, earliest start and finish, and the critical path.

Rule (what the 'Critical path' column and the slides show):
- A step's due day is its deadline date minus the plan start, or its 'days from start'. Without a
  plan start, dates count from the earliest deadline date in the plan.
- A step's duration is its own 'Duration (days)' when given; otherwise its due day minus the
  latest due day among its predecessors (0 when it has none), never below 0. A step without a
  deadline, days or duration lasts 0 days.
- Forward pass: a step starts when its last predecessor finishes (day 0 without predecessors)
  and finishes its duration later. The plan's duration is the latest finish.
- Backward pass: the latest finish of a step is the earliest latest start among its successors
  (the plan's duration when it has none). Critical steps have zero total float (latest start
  equals earliest start); they form the longest path through the dependencies (CPM).
- A plan of duration 0 has no critical path. When dependencies loop, `cycle` holds one loop,
  the dependencies inside every loop are left out of the passes, and there is no critical path.
- Predecessors that are not steps of the plan are ignored (the check reports them).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from cba_xl.core.models import PlanStep


@dataclass(frozen=True)
class Schedule:
    start: dict[int, int] = field(default_factory=dict)  # step -> earliest start, days from start
    finish: dict[int, int] = field(default_factory=dict)  # step -> earliest finish
    critical: frozenset[int] = frozenset()
    duration_days: int = 0
    cycle: tuple[int, ...] = ()  # one dependency loop, in order; () when none
    path: tuple[int, ...] = ()  # one critical chain from the first to the last day


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
    """Step -> due day counted from the plan start; steps without a deadline are left out."""
    steps = unique_steps(plan)
    origin = plan_start
    if origin is None:
        dates = [s.deadline for s in steps.values() if s.deadline is not None]
        origin = min(dates) if dates else None
    out: dict[int, int] = {}
    for n, s in steps.items():
        if s.deadline is not None and origin is not None:
            out[n] = (s.deadline - origin).days
        elif s.days is not None:
            out[n] = s.days
    return out


def durations(plan: Sequence[PlanStep], plan_start: dt.date | None) -> dict[int, int]:
    steps = unique_steps(plan)
    preds = predecessors(steps)
    due = due_days(plan, plan_start)
    out: dict[int, int] = {}
    for n, s in steps.items():
        if s.duration is not None:
            out[n] = max(0, s.duration)
        elif n not in due:
            out[n] = 0
        else:
            before = [due[p] for p in preds[n] if p in due]
            out[n] = max(0, due[n] - max(before, default=0))
    return out


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
    dur = durations(plan, plan_start)
    groups = loops(preds)
    cycle = _one_cycle(groups[0], preds) if groups else ()
    for group in groups:
        inside = set(group)
        for n in group:
            preds[n] = tuple(p for p in preds[n] if p not in inside)

    order = _topological(preds)
    start: dict[int, int] = {}
    finish: dict[int, int] = {}
    for n in order:
        start[n] = max((finish[p] for p in preds[n]), default=0)
        finish[n] = start[n] + dur[n]
    total = max(finish.values(), default=0)
    if cycle or total == 0:
        return Schedule(start, finish, frozenset(), total, cycle)

    succs: dict[int, list[int]] = {n: [] for n in steps}
    for n, ps in preds.items():
        for p in ps:
            succs[p].append(n)
    latest_start: dict[int, int] = {}
    for n in reversed(order):
        latest_finish = min((latest_start[s] for s in succs[n]), default=total)
        latest_start[n] = latest_finish - dur[n]
    critical = frozenset(n for n in steps if latest_start[n] == start[n])
    return Schedule(
        start, finish, critical, total, (), _chain(critical, succs, start, finish, total)
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
