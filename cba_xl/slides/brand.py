"""Brand settings: the academy's fixed wording that is not slide content.

Slide code asks the brand for these words; the Jinja2 templates put them into sentences. A cohort
deck or a partner academy can pass its own `Brand` to `Deck`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# Which training day and tool each slide belongs to, as the academy's agenda names them: Day 1
# profile, challenges, the current canvas (homework) and the strategy review's service portfolio;
# Day 2 the canvas in five years; Day 3 the changes to advance, and the action plan with its
# goals, priorities, timeline and roles.
DAY_1 = "Day 1: Baselining"
DAY_2 = "Day 2: Present positioning"
DAY_3 = "Day 3: Future positioning"


def _kickers() -> dict[str, tuple[str, str]]:
    return {
        "profile": (DAY_1, "Cluster profile"),
        "challenges": (DAY_1, "Challenges"),
        "canvas_current": (DAY_1, "Business Model Canvas I"),
        "canvas_future": (DAY_2, "Business Model Canvas II"),
        "changes": (DAY_3, "Business model changes"),
        "services": (DAY_1, "Service portfolio"),
        "profitability": (DAY_1, "Service portfolio"),
        "priority": (DAY_3, "Action priority matrix"),
        "plan": (DAY_3, "Action plan"),
        "raci": (DAY_3, "RACI matrix"),
        "timeline": (DAY_3, "Action plan"),
        "goals": (DAY_3, "SMART goals"),
        "findings": ("Workbook check", "Findings"),
        "cohort": ("Trainers", "Cohort overview"),
    }


def _methods() -> dict[str, str]:
    # Where the academy's slides name the origin of a method, the generated slide does too.
    return {
        "canvas_current": "GIZ Cluster Business Model Guide 2021",
        "canvas_future": "GIZ Cluster Business Model Guide 2021",
        "changes": "GIZ Cluster Business Model Guide 2021",
    }


@dataclass(frozen=True)
class Brand:
    academy: str = "Cluster Booster Academy"
    footer: str = "An initiative of the European Union"
    exemplary: str = "Exemplary"
    kickers: dict[str, tuple[str, str]] = field(default_factory=_kickers)
    methods: dict[str, str] = field(default_factory=_methods)

    def kicker(self, tool: str) -> tuple[str, str]:
        """(day, tool name) for a slide kind; an unknown kind has no day."""
        return self.kickers.get(tool, ("", tool))

    def method(self, tool: str) -> str:
        return self.methods.get(tool, "")


DEFAULT_BRAND = Brand()


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(day: dt.date) -> str:
    """'6 November 2024', the same on every platform and locale."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def month_year(day: dt.date) -> str:
    return f"{_MONTHS[day.month - 1]} {day.year}"


def short_date(day: dt.date) -> str:
    """'6 Nov 2024', for table cells."""
    return f"{day.day} {_MONTHS[day.month - 1][:3]} {day.year}"
