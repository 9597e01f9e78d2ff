"""SMART goals: a number, an owner, a deadline after the plan starts, an action word (the
academy's tip 2), no vague verb left without a metric; and a goal tree whose parents exist, never
loop, and are not due before their sub-goals."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from typing import Final

from cba_xl.core.findings import Finding, error, warning
from cba_xl.core.models import Goal

SMART_OK: Final = "SMART"
NUMBER: Final = "a number"
OWNER: Final = "an owner"
DEADLINE: Final = "a deadline"
AFTER_START: Final = "a deadline after the plan start"

# Verbs (and comparatives) that say nothing measurable on their own.
_VAGUE = re.compile(
    r"\b(improv\w*|better|more|increas\w*|enhanc\w*|strengthen\w*|optimi[sz]\w*)\b", re.IGNORECASE
)
_DIGIT = re.compile(r"\d")

# The academy's tip 2, "action words": a goal statement says what is actively done. One that
# opens with a state ("Be the best cluster") names no action at all; one that opens with a
# direction ("Improve member satisfaction", "Increase visibility") names none either unless the
# statement itself sets the benchmark (tip 3, numbers: "Increase paid-service income to 20 %").
# A metric in its own column does not make the statement an action.
_STATE_START = re.compile(r"^\W*(be|become)\b", re.IGNORECASE)
_DIRECTION_START = re.compile(
    r"^\W*(improve|enhance|strengthen|optimi[sz]e|increase|boost|foster|better|maximi[sz]e)\b",
    re.IGNORECASE,
)


def vague_start(text: str) -> str:
    """The vague verb a goal statement opens with, lower case, or '' (see the tips above). A
    direction verb followed by a number in the statement is not vague."""
    if m := _STATE_START.match(text):
        return m.group(1).lower()
    if (m := _DIRECTION_START.match(text)) and not _DIGIT.search(text):
        return m.group(1).lower()
    return ""


def action_criterion(word: str) -> str:
    return f"an action word instead of '{word}'"


def vague_word(text: str) -> str:
    """The first vague verb in a goal statement, lower case, or ''."""
    m = _VAGUE.search(text)
    return m.group(1).lower() if m else ""


def vague_criterion(word: str) -> str:
    return f"a metric behind a vague verb ('{word}')"


def smart_missing(goal: Goal, plan_start: dt.date | None) -> list[str]:
    """What the goal lacks to be SMART, in words, in a fixed order; [] when it is SMART.

    A number is the target, or a number in the statement itself. A vague verb is fine once a
    metric or a number in the statement says how it is measured.
    """
    missing: list[str] = []
    has_number_in_text = bool(_DIGIT.search(goal.goal))
    if goal.target is None and not has_number_in_text:
        missing.append(NUMBER)
    if not goal.owner:
        missing.append(OWNER)
    if goal.deadline is None:
        missing.append(DEADLINE)
    elif plan_start is not None and goal.deadline <= plan_start:
        missing.append(AFTER_START)
    if start := vague_start(goal.goal):
        missing.append(action_criterion(start))
    else:
        word = vague_word(goal.goal)
        if word and not goal.metric and not has_number_in_text:
            missing.append(vague_criterion(word))
    return missing


def smart_text(missing: Sequence[str]) -> str:
    """The workbook's SMART check column: 'SMART' or 'Missing: a number, an owner'."""
    return SMART_OK if not missing else "Missing: " + ", ".join(missing)


def _label(goal: Goal) -> str:
    return f"goal {goal.goal_id}" if goal.goal_id else "this goal"


def _not_smart(goal: Goal, plan_start: dt.date | None) -> list[Finding]:
    # An empty owner, deadline or target is already an error of the required-field pass
    # (interpret); here only what a filled-in goal can still lack.
    required_gaps = {
        NUMBER: goal.target is None,
        OWNER: not goal.owner,
        DEADLINE: goal.deadline is None,
    }
    missing = [m for m in smart_missing(goal, plan_start) if not required_gaps.get(m, False)]
    found: list[Finding] = []
    if start := vague_start(goal.goal):
        missing.remove(action_criterion(start))
        found.append(
            warning(
                goal.loc("goal"),
                "smart.vague-verb",
                f"{_label(goal)} starts with '{start}', which names no action: it is not SMART "
                "even with a metric; say what you will do, with its number (e.g. 'Run 4 member "
                "surveys', 'Raise the satisfaction score to 8')",
            )
        )
    if not missing:
        return found
    detail = ""
    if AFTER_START in missing and goal.deadline is not None and plan_start is not None:
        detail = f" (deadline {goal.deadline.isoformat()}, plan start {plan_start.isoformat()})"
    found.insert(
        0,
        warning(
            goal.loc("goal"),
            "smart.incomplete",
            f"{_label(goal)} is not SMART: it needs {', '.join(missing)}{detail}",
        ),
    )
    return found


def _key(goal_id: str) -> str:
    return goal_id.strip().casefold()


def _tree(goals: Sequence[Goal]) -> list[Finding]:
    found: list[Finding] = []
    first: dict[str, Goal] = {}
    counts = Counter(_key(g.goal_id) for g in goals if g.goal_id)
    for g in goals:
        if not g.goal_id:
            continue
        if _key(g.goal_id) in first and counts[_key(g.goal_id)] > 1:
            found.append(
                error(
                    g.loc("goal_id"),
                    "smart.duplicate-id",
                    f"goal ID {g.goal_id} is used {counts[_key(g.goal_id)]} times; "
                    "give each goal its own ID",
                )
            )
        first.setdefault(_key(g.goal_id), g)
    for g in goals:
        if g.parent and _key(g.parent) not in first:
            found.append(
                error(
                    g.loc("parent"),
                    "smart.parent-missing",
                    f"parent goal {g.parent} does not exist; expected the ID of another goal",
                )
            )
    found.extend(_cycles(first))
    found.extend(_late_sub_goals(goals))
    return found


def late_sub_goals(goals: Sequence[Goal]) -> list[tuple[Goal, Goal]]:
    """(sub-goal, parent) pairs where the sub-goal is due after its parent. A sub-goal answers
    "how" its parent is reached, so it has to be done by the parent's deadline."""
    by_id: dict[str, Goal] = {}
    counts = Counter(_key(g.goal_id) for g in goals if g.goal_id)
    for g in goals:
        if g.goal_id:
            by_id.setdefault(_key(g.goal_id), g)
    out = []
    for g in goals:
        parent = by_id.get(_key(g.parent)) if g.parent else None
        if parent is None or parent is g or counts[_key(g.parent)] > 1:
            continue  # a missing or ambiguous parent is its own finding
        if g.deadline and parent.deadline and g.deadline > parent.deadline:
            out.append((g, parent))
    return out


def _late_sub_goals(goals: Sequence[Goal]) -> list[Finding]:
    return [
        warning(
            g.loc("deadline"),
            "smart.sub-goal-late",
            f"{_label(g)} is due {g.deadline.isoformat()}, after its parent goal "
            f"{parent.goal_id} ({parent.deadline.isoformat()}); a sub-goal is a step to its "
            "parent: move its deadline on or before the parent's",
        )
        for g, parent in late_sub_goals(goals)
        if g.deadline and parent.deadline
    ]


def _cycles(by_id: dict[str, Goal]) -> list[Finding]:
    found: list[Finding] = []
    reported: set[str] = set()
    for start in by_id:
        path: list[str] = []
        node: str | None = start
        while node is not None and node in by_id and node not in path and node not in reported:
            path.append(node)
            parent = by_id[node].parent
            node = _key(parent) if parent else None
        if node is None or node not in path:
            continue
        loop = path[path.index(node) :]
        reported.update(loop)
        shown = " → ".join([*(by_id[k].goal_id for k in loop), by_id[loop[0]].goal_id])
        found.extend(
            error(
                by_id[k].loc("parent"),
                "smart.cycle",
                f"the goal tree loops ({shown}); a goal cannot be its own ancestor",
            )
            for k in loop
        )
    return found


def check_goals(goals: Sequence[Goal], plan_start: dt.date | None) -> list[Finding]:
    return [*(f for g in goals for f in _not_smart(g, plan_start)), *_tree(goals)]


__all__ = [
    "AFTER_START",
    "DEADLINE",
    "NUMBER",
    "OWNER",
    "SMART_OK",
    "action_criterion",
    "check_goals",
    "late_sub_goals",
    "smart_missing",
    "smart_text",
    "vague_criterion",
    "vague_start",
    "vague_word",
]
