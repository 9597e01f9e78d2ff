"""The whole-homework check: read the raw cells, then apply every rule of the academy.

Findings come in workbook order of the sections (profile, challenges, canvases, changes,
services, actions, goals, plan, RACI); sort them with `findings.sort_findings` and the layout's
sheet order for display.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Final

from cba_xl.core.findings import Finding, Severity
from cba_xl.core.interpret import interpret
from cba_xl.core.models import Homework
from cba_xl.core.raw import RawWorkbook
from cba_xl.core.rules import chain
from cba_xl.core.rules.actions import check_actions
from cba_xl.core.rules.canvas import check_current_canvas, check_future_canvas
from cba_xl.core.rules.challenges import check_challenges
from cba_xl.core.rules.changes import check_changes
from cba_xl.core.rules.communication import check_communication
from cba_xl.core.rules.competencies import check_competencies
from cba_xl.core.rules.needs import check_needs
from cba_xl.core.rules.plan import check_plan
from cba_xl.core.rules.profile import check_profile
from cba_xl.core.rules.raci import check_raci
from cba_xl.core.rules.sections import check_sections
from cba_xl.core.rules.services import check_services
from cba_xl.core.rules.smart import check_goals
from cba_xl.core.rules.trends import check_trends
from cba_xl.core.rules.vision import check_vision
from cba_xl.core.tools import TOOLS

Rule = Callable[[Homework, dt.date], list[Finding]]

# Each tool's rules, by tool key (`cba_xl.core.tools`); they run in the workbook's sheet order.
RULES: Final[dict[str, Rule]] = {
    "profile": lambda hw, day: check_profile(hw.profile, day),
    "challenges": lambda hw, _: check_challenges(hw),
    "canvas_current": lambda hw, _: check_current_canvas(hw),
    "canvas_future": lambda hw, _: check_future_canvas(hw),
    "changes": lambda hw, _: [*check_changes(hw), *chain.check_changes_chain(hw)],
    "services": lambda hw, _: check_services(hw.services),
    "needs": lambda hw, _: check_needs(hw),
    "vision": lambda hw, _: check_vision(hw),
    "communication": lambda hw, _: check_communication(hw),
    "priority": lambda hw, _: [*check_actions(hw), *chain.check_priority_chain(hw)],
    "goals": lambda hw, _: [
        *check_goals(hw.goals, hw.plan_start),
        *chain.check_goals_chain(hw),
    ],
    "plan": lambda hw, _: [*check_plan(hw), *chain.check_plan_chain(hw)],
    "raci": lambda hw, _: [*check_raci(hw), *chain.check_raci_chain(hw)],
    "trends": lambda hw, _: check_trends(hw),
    "competencies": lambda hw, _: check_competencies(hw),
}


def unique(findings: Iterable[Finding]) -> list[Finding]:
    """Each finding once, first occurrence kept."""
    return list(dict.fromkeys(findings))


def check_homework(hw: Homework, *, today: dt.date | None = None) -> list[Finding]:
    """Every domain rule over an interpreted homework. Required and unreadable cells are the
    interpreter's findings (see `check_raw`), not repeated here."""
    day = today or dt.date.today()
    found = [f for tool in TOOLS if tool.key in hw.tools for f in RULES[tool.key](hw, day)]
    return unique([*found, *check_sections(hw)])


def check_raw(raw: RawWorkbook, *, today: dt.date | None = None) -> tuple[Homework, list[Finding]]:
    """Interpret the raw cells and check the result.

    A cell the interpreter already reports as an error (empty but required, or unreadable) gets
    no further finding from the rules: those would only be consequences of the same mistake,
    such as 'step 3 has no deadline' under 'Deadline: '31.13.2025' is not a date'.
    """
    hw, read = interpret(raw)
    broken = {(f.sheet, f.cell) for f in read if f.severity is Severity.ERROR and f.cell}
    rules = [f for f in check_homework(hw, today=today) if (f.sheet, f.cell) not in broken]
    return hw, unique([*read, *rules])


__all__ = ["RULES", "check_homework", "check_raw", "unique"]
