"""Values the workbook derives. Each mirrors, to the letter, a native formula in the template
(see `cba_xl.spec.layout`), so Excel without Python and cba-xl always agree; a LibreOffice
recalculation test holds the two together."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from cba_xl.core import vocab


def quadrant(impact: str | None, effort: str | None) -> str:
    """Action priority matrix: high impact + low effort is a quick win, and so on."""
    i, e = (impact or "").strip().casefold(), (effort or "").strip().casefold()
    if not i or not e:
        return ""
    if i == "high":
        return vocab.QUICK_WIN if e == "low" else vocab.MAJOR_PROJECT
    return vocab.FILL_IN if e == "low" else vocab.THANKLESS_TASK


TERMINATE_OR_FEE = "Terminate or make fee-based"
KEEP_AND_PROMOTE = "Keep and promote"
KEEP_CONSIDER_FEE = "Keep; consider fee-based"
NO_CHANGE = "No change suggested"


def service_suggestion(effort: int | None, value: int | None) -> str:
    """Profitability matrix: scores of 4-5 count as high, 1-2 as low, 3 as neither."""
    if effort is None or value is None:
        return ""
    if effort >= 4 and value <= 2:
        return TERMINATE_OR_FEE
    if effort <= 2 and value >= 4:
        return KEEP_AND_PROMOTE
    if effort >= 4 and value >= 4:
        return KEEP_CONSIDER_FEE
    return NO_CHANGE


def member_gap(value: int | None, rating: int | None) -> int | None:
    """Self-assessed value minus the members' own rating; positive means we overrate it."""
    if value is None or rating is None:
        return None
    return value - rating


def due_date(
    deadline: dt.date | None, days: int | None, plan_start: dt.date | None
) -> dt.date | None:
    """A step's due date: its own date, else the plan start plus its days."""
    if deadline is not None:
        return deadline
    if days is not None and plan_start is not None:
        return plan_start + dt.timedelta(days=days)
    return None


RACI_OK = "OK"
RACI_ONE_A = "Needs exactly one A"
RACI_NEEDS_R = "Needs an R"


def raci_row_status(roles: Sequence[str]) -> str:
    """The RACI check column: exactly one A, and someone who does the work (R, or the A)."""
    accountable = sum(1 for r in roles if "A" in r.upper())
    if accountable != 1:
        return RACI_ONE_A
    responsible = sum(1 for r in roles if "R" in r.upper())
    if responsible + accountable == 0:
        return RACI_NEEDS_R
    return RACI_OK
