"""Whole sections left empty. Required cells inside a filled row are the interpreter's job; a
section with no row at all has no cell to be empty, so it is named at the section's first cell.

Challenges, canvases and changes report their own empty case (see their modules)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

from cba_xl.core.findings import Finding, warning
from cba_xl.core.models import Homework


@dataclass(frozen=True, slots=True)
class Section:
    key: str  # the homework's list, its anchor and its findings' code ("actions.empty")
    noun: str
    todo: str
    # rows holding a plan step's number alone (written by `cba-xl fill`) rate or assign nothing
    skip_waiting: bool = False

    def rows(self, hw: Homework) -> list[Any]:
        rows: list[Any] = getattr(hw, self.key)
        return [r for r in rows if not r.waiting] if self.skip_waiting else rows


# The tools whose empty sheet is a finding of its own, by tool key (`cba_xl.core.tools`); the
# other tools report their empty case in their own rules.
EMPTY: Final = {
    "services": Section("services", "services", "list the services your cluster offers"),
    "priority": Section(
        "actions", "rated actions", "rate each step of your plan: its impact and effort", True
    ),
    "goals": Section("goals", "goals", "write at least one SMART goal"),
    "plan": Section("plan", "plan steps", "write the steps of your action plan"),
    "raci": Section(
        "raci", "RACI rows", "add a row for each step of your plan with who is R, A, C or I", True
    ),
    "trends": Section(
        "trends", "trends", "list the trends around your cluster and rate their two strengths"
    ),
    "competencies": Section(
        "competencies",
        "competency levels",
        "rate the team's current and target level in each field of competence",
    ),
}


def check_sections(hw: Homework) -> list[Finding]:
    return [
        warning(hw.anchor(s.key), f"{s.key}.empty", f"no {s.noun} yet; {s.todo}")
        for tool, s in EMPTY.items()
        if tool in hw.tools and not s.rows(hw)
    ]


__all__ = ["EMPTY", "Section", "check_sections"]
