"""The questions for a coaching call, each computed from one schedule fact or one finding.

The academy's coach reads the participant's action plan before the call and talks about
progress and hurdles; a question here always names what it comes from (`kind`, the step or the
finding) and the cell it refers to, so the coach can open the workbook at that cell.
The words of each question are in `templates/slides/coach_questions.j2`, block `q_<kind>`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from cba_xl.core import vocab
from cba_xl.core.findings import Finding, Loc, Severity, sort_findings
from cba_xl.core.models import Homework, PlanStep
from cba_xl.core.rules.actions import action_quadrant
from cba_xl.core.rules.schedule import Schedule, unique_steps

# Findings that a schedule question already asks about (the same fact, asked once).
ASKED_BY_SCHEDULE = frozenset({"plan.late", "plan.cycle"})
OPEN_STATUSES = ("", "Not started")
REQUIRED = "required"  # the interpreter's code for an empty required cell


@dataclass(frozen=True)
class Question:
    kind: str  # late | no_owner | cycle | no_durations | quick_win | required | finding
    loc: Loc  # the cell the question refers to
    data: dict[str, Any] = field(default_factory=dict)  # what the words template needs
    step: int = 0  # the plan step, for the schedule questions
    finding: Finding | None = None  # the finding, for kinds 'finding' and 'required' (first)
    covers: tuple[Finding, ...] = ()  # every finding a 'required' question asks about


def _deadline_loc(step: PlanStep) -> Loc:
    if step.deadline is None and step.days is not None:
        return step.loc("days")
    return step.loc("deadline")


def _waits_for(step: PlanStep, sched: Schedule) -> int:
    """The step before it that it starts after (the one to shorten); 0 when none."""
    n = step.step
    if not sched.start.get(n):
        return 0
    return next((p for p in step.after if sched.finish.get(p) == sched.start[n]), 0)


def schedule_questions(hw: Homework, sched: Schedule) -> list[Question]:
    steps = unique_steps(hw.plan)
    out: list[Question] = []
    if sched.cycle:
        first = steps[sched.cycle[0]]
        out.append(
            Question(
                "cycle",
                first.loc("after", first.loc("step")),
                {"steps": list(sched.cycle)},
                step=sched.cycle[0],
            )
        )
    elif steps and not sched.duration_days:
        first = next(iter(steps.values()))
        out.append(Question("no_durations", first.loc("duration", first.loc("step")), {}))
    for n, days in sched.overrun.items():  # a deadline before the start is a finding
        s = steps[n]
        data = {
            "step": n,
            "deadline": sched.deadline(n),
            "due_day": sched.due[n],
            "late": days,
            "before": _waits_for(s, sched),
        }
        out.append(Question("late", _deadline_loc(s), data, step=n))
    for n, s in steps.items():
        if not s.responsible.strip() and s.action.strip():
            out.append(
                Question("no_owner", s.loc("responsible"), {"step": n, "action": s.action}, step=n)
            )
    return out


def action_questions(hw: Homework) -> list[Question]:
    """Quick wins not started: the hurdle is worth asking about, they are the cheap progress."""
    return [
        Question(
            "quick_win",
            a.loc("status", a.loc("action")),
            {"action": a.action, "status": a.status},
        )
        for a in hw.actions
        if a.action.strip()
        and action_quadrant(a) == vocab.QUICK_WIN
        and a.status.strip() in OPEN_STATUSES
    ]


def finding_questions(findings: Sequence[Finding], asked: set[Loc]) -> list[Question]:
    """One question per error, then per warning, at a cell no other question asks about; the
    empty required cells of one sheet are one question (a call is not for reading a list)."""
    out: list[Question] = []
    open_ = [
        f
        for f in sort_findings(findings)
        if f.severity is not Severity.INFO
        and f.code not in ASKED_BY_SCHEDULE
        and f.loc not in asked
    ]
    empty: dict[str, list[Finding]] = {}
    for f in open_:
        if f.code == REQUIRED:
            empty.setdefault(f.sheet, []).append(f)
    for f in open_:
        if f.loc in asked:
            continue
        group = empty.get(f.sheet, []) if f.code == REQUIRED else []
        if len(group) > 1:
            asked.update(g.loc for g in group)
            data = {"sheet": f.sheet, "cells": [g.cell for g in group]}
            out.append(Question("required", f.loc, data, finding=f, covers=tuple(group)))
            continue
        asked.add(f.loc)
        out.append(
            Question("finding", f.loc, {"where": str(f.loc), "message": f.message}, finding=f)
        )
    out.sort(key=lambda q: q.finding.severity.rank if q.finding else 0)
    return out


def questions(hw: Homework, findings: Sequence[Finding], sched: Schedule) -> list[Question]:
    """Every question for the call, schedule first (the call is about the plan), then the
    quick wins not started, then the findings: errors before warnings."""
    first = [*schedule_questions(hw, sched), *action_questions(hw)]
    return [*first, *finding_questions(findings, {q.loc for q in first})]


__all__ = ["Question", "questions"]
