"""What changed between two submissions of one participant: the coach's "since last time".

Steps, actions and canvas items are matched by their text (case and spacing forgiven), goals by
their ID, findings by code and message (a finding's cell moves when rows move), so renumbering a
plan does not show every step as new. Dates are the plan's one schedule's, so "re-dated" means
the day a step is done by changed, whether through its own duration, a step before it or its
deadline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from cba_xl.core import vocab
from cba_xl.core.findings import Finding
from cba_xl.core.models import Homework
from cba_xl.core.rules.canvas import item_key
from cba_xl.core.rules.plan import plan_schedule

T = TypeVar("T")

# The kinds of change, in the order a coach reads them.
KINDS = (
    "step added",
    "step removed",
    "step re-dated",
    "step re-assigned",
    "status",
    "goal added",
    "goal removed",
    "goal changed",
    "canvas added",
    "canvas dropped",
    "finding resolved",
    "finding new",
)


@dataclass(frozen=True, slots=True)
class Difference:
    kind: str  # one of KINDS
    what: str  # the step, action, goal, canvas item or finding, in the newer wording
    before: str = ""
    after: str = ""

    def line(self) -> str:
        if self.before or self.after:
            return f"{self.kind}: {self.what}: {self.before or '–'} → {self.after or '–'}"
        return f"{self.kind}: {self.what}"

    def as_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "what": self.what, "before": self.before, "after": self.after}


def _by(items: Iterable[T], key: Callable[[T], str]) -> dict[str, T]:
    """Items by their key, the first of repeats kept; blank keys left out."""
    out: dict[str, T] = {}
    for item in items:
        k = key(item)
        if k:
            out.setdefault(k, item)
    return out


def _date(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def _steps(old: Homework, new: Homework) -> list[Difference]:
    before, after = plan_schedule(old), plan_schedule(new)
    was = _by(old.plan, lambda s: item_key(s.action))
    now = _by(new.plan, lambda s: item_key(s.action))
    out: list[Difference] = []
    for k, s in now.items():
        if k not in was:
            out.append(Difference("step added", _step(s.step, s.action, s.responsible)))
    for k, s in was.items():
        if k not in now:
            out.append(Difference("step removed", _step(s.step, s.action, s.responsible)))
    for k, s in now.items():
        if k not in was:
            continue
        o = was[k]
        then, done = before.finish_date_of(o.step), after.finish_date_of(s.step)
        if then != done:
            out.append(
                Difference("step re-dated", f"{s.step}. {s.action}", _date(then), _date(done))
            )
        if item_key(o.responsible) != item_key(s.responsible):
            out.append(
                Difference(
                    "step re-assigned", f"{s.step}. {s.action}", o.responsible, s.responsible
                )
            )
    return out


def _step(n: int, action: str, responsible: str) -> str:
    return f"{n}. {action}" + (f" ({responsible})" if responsible.strip() else "")


def _statuses(old: Homework, new: Homework) -> list[Difference]:
    was = _by(old.actions, lambda a: item_key(a.action))
    return [
        Difference("status", a.action, was[k].status, a.status)
        for k, a in _by(new.actions, lambda a: item_key(a.action)).items()
        if k in was and item_key(was[k].status) != item_key(a.status)
    ]


def _goal_text(goal_id: str, goal: str) -> str:
    return f"{goal_id} {goal}".strip()


def _goals(old: Homework, new: Homework) -> list[Difference]:
    was = _by(old.goals, lambda g: g.goal_id.strip().casefold())
    now = _by(new.goals, lambda g: g.goal_id.strip().casefold())
    out = [
        Difference("goal added", _goal_text(g.goal_id, g.goal))
        for k, g in now.items()
        if k not in was
    ]
    out += [
        Difference("goal removed", _goal_text(g.goal_id, g.goal))
        for k, g in was.items()
        if k not in now
    ]
    for k, g in now.items():
        o = was.get(k)
        if o is None:
            continue
        fields = (
            ("goal", o.goal, g.goal),
            ("target", _number(o.target), _number(g.target)),
            ("owner", o.owner, g.owner),
            ("deadline", _date(o.deadline), _date(g.deadline)),
        )
        for name, a, b in fields:
            if item_key(a) != item_key(b):
                out.append(Difference("goal changed", f"{g.goal_id} {name}", a, b))
    return out


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _canvas(old: Homework, new: Homework) -> list[Difference]:
    out: list[Difference] = []
    for horizon, was_c, now_c in (
        ("today", old.canvas_current, new.canvas_current),
        ("in 5 years", old.canvas_future, new.canvas_future),
    ):
        for block in vocab.CANVAS_BLOCK_KEYS:
            was = _by(was_c.blocks.get(block, []), item_key)
            now = _by(now_c.blocks.get(block, []), item_key)
            where = f"{vocab.CANVAS_BLOCK_TITLES[block]} ({horizon})"
            out += [
                Difference("canvas added", f"{where}: {v}") for k, v in now.items() if k not in was
            ]
            out += [
                Difference("canvas dropped", f"{where}: {v}")
                for k, v in was.items()
                if k not in now
            ]
    return out


def _findings(old: Sequence[Finding], new: Sequence[Finding]) -> list[Difference]:
    def key(f: Finding) -> str:
        return f"{f.code}|{f.message}"

    was, now = _by(old, key), _by(new, key)
    out = [
        Difference("finding resolved", f"{f.sheet}: {f.message}")
        for k, f in was.items()
        if k not in now
    ]
    out += [
        Difference("finding new", f"{f.sheet}!{f.cell}: {f.message}")
        for k, f in now.items()
        if k not in was
    ]
    return out


def same_participant(old: Homework, new: Homework) -> bool:
    """The resubmission rule of consolidate: same cluster name and manager e-mail, case and
    spacing forgiven."""

    def who(hw: Homework) -> tuple[str, str]:
        return item_key(hw.profile.cluster_name), item_key(hw.profile.manager_email)

    return who(old) == who(new)


def compare(
    old: Homework, old_findings: Sequence[Finding], new: Homework, new_findings: Sequence[Finding]
) -> list[Difference]:
    """Every difference, grouped by kind in KINDS order."""
    found = [
        *_steps(old, new),
        *_statuses(old, new),
        *_goals(old, new),
        *_canvas(old, new),
        *_findings(old_findings, new_findings),
    ]
    return sorted(found, key=lambda d: KINDS.index(d.kind))


__all__ = ["KINDS", "Difference", "compare", "same_participant"]
