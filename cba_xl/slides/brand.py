"""Brand settings: the academy's fixed wording that is not slide content.

Slide code asks the brand for these words; the Jinja2 templates put them into sentences. A cohort
deck or a partner academy can pass its own `Brand` to `Deck`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from cba_xl.core import tools

# Which training day and tool each slide belongs to: the tool's own (`cba_xl.core.tools`, as the
# academy's agenda names them); the profitability matrix is the service portfolio's, the
# timeline the action plan's.
DAY_1 = tools.DAY_1
DAY_2 = tools.DAY_2
DAY_3 = tools.DAY_3


def _kickers() -> dict[str, tuple[str, str]]:
    kickers = {tool.key: (tool.day, tool.title) for tool in tools.TOOLS}
    return {
        **kickers,
        "profitability": kickers["services"],
        "timeline": kickers["plan"],
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
