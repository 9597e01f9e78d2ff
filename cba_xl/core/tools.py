"""The academy's tools, each declared once: the one list every layer keys its own work by.

A tool is one sheet of the participant workbook and one step of the academy's method. The
template builder, the rules, the slides, the cohort workbook and the add-in each keep a table
from a tool's key to their own function for it; `tests/test_tools.py` fails when a table misses
a tool of this list or names one it lacks. Adding a tool: one entry here, one function per
layer (README, "How it is built").

The order of `TOOLS` is the workbook's sheet order; `method` is the order in which the academy
presents the tools (the deck's order: goals, then the plan's tasks, then their priorities, then
the roles).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

# The academy's agenda: Day 1 profile, challenges, the current canvas (homework) and the strategy
# review's service portfolio; Day 2 the canvas in five years; Day 3 the changes to advance, and
# the action plan with its goals, priorities, timeline and roles.
DAY_1: Final = "Day 1: Baselining"
DAY_2: Final = "Day 2: Present positioning"
DAY_3: Final = "Day 3: Future positioning"


@dataclass(frozen=True, slots=True)
class Tool:
    key: str
    sheet: str  # the participant workbook's sheet
    code: str  # the first part of the codes of the findings its rules make ("smart.no-number")
    day: str
    title: str  # the tool's name, as the academy's slides name it
    method: int  # its place in the academy's method (the deck's order)


PROFILE: Final = Tool("profile", "Profile", "profile", DAY_1, "Cluster profile", 1)
CHALLENGES: Final = Tool("challenges", "Challenges", "challenges", DAY_1, "Challenges", 2)
CANVAS_CURRENT: Final = Tool(
    "canvas_current", "Canvas current", "canvas", DAY_1, "Business Model Canvas I", 3
)
CANVAS_FUTURE: Final = Tool(
    "canvas_future", "Canvas future", "canvas", DAY_2, "Business Model Canvas II", 4
)
CHANGES: Final = Tool("changes", "Changes", "changes", DAY_3, "Business model changes", 5)
SERVICES: Final = Tool("services", "Services", "services", DAY_1, "Service portfolio", 6)
# The strategy review's member needs, vision and mission, and communication strategy (issue 14;
# trends 7 and competencies 10 come with the other half of it).
NEEDS: Final = Tool("needs", "Member needs", "needs", DAY_1, "Member needs", 8)
VISION: Final = Tool("vision", "Vision & mission", "vision", DAY_1, "Vision and mission", 9)
COMMUNICATION: Final = Tool(
    "communication", "Communication", "communication", DAY_1, "Communication strategy", 11
)
# Issue 14, the strategy review of day 1 (method numbers 7-11 are shared with the member needs,
# vision & mission and communication tools).
TRENDS: Final = Tool("trends", "Trends", "trends", DAY_1, "Trends", 7)
COMPETENCIES: Final = Tool(
    "competencies", "Competencies", "competencies", DAY_1, "Competency assessment", 10
)
PRIORITY: Final = Tool(
    "priority", "Priority matrix", "actions", DAY_3, "Action priority matrix", 14
)
GOALS: Final = Tool("goals", "SMART goals", "smart", DAY_3, "SMART goals", 12)
PLAN: Final = Tool("plan", "Action plan", "plan", DAY_3, "Action plan", 13)
RACI: Final = Tool("raci", "RACI", "raci", DAY_3, "RACI matrix", 15)

TOOLS: Final = (
    PROFILE,
    CHALLENGES,
    CANVAS_CURRENT,
    CANVAS_FUTURE,
    CHANGES,
    SERVICES,
    TRENDS,
    NEEDS,
    VISION,
    COMPETENCIES,
    COMMUNICATION,
    PRIORITY,
    GOALS,
    PLAN,
    RACI,
)
BY_KEY: Final = {tool.key: tool for tool in TOOLS}
KEYS: Final = tuple(BY_KEY)


def by_method() -> tuple[Tool, ...]:
    """The tools in the order the academy presents them."""
    return tuple(sorted(TOOLS, key=lambda tool: tool.method))


def sheets_of_code(code: str) -> tuple[str, ...]:
    """The sheets a finding code's first part concerns (both canvases share "canvas")."""
    return tuple(tool.sheet for tool in TOOLS if tool.code == code)


__all__ = [
    "BY_KEY",
    "DAY_1",
    "DAY_2",
    "DAY_3",
    "KEYS",
    "TOOLS",
    "Tool",
    "by_method",
    "sheets_of_code",
]
