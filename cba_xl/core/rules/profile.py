"""Cluster profile: the funding split adds up, the founding year has happened, figures fit."""

from __future__ import annotations

import datetime as dt

from cba_xl.core import schema
from cba_xl.core.findings import Finding, error, info
from cba_xl.core.models import Profile

SHARE_TOLERANCE = 1.0  # percentage points either side of 100
# Below this, a budget per full-time employee is more likely typed in thousands than real.
MIN_BUDGET_PER_FTE = 10_000.0


def _pct(x: float) -> str:
    return f"{x:g}"


def check_shares(profile: Profile) -> list[Finding]:
    """The four funding shares sum to 100 % (± 1).

    Checked only when all four are read: an empty or unreadable share is already an error of
    the required-field pass, and a total without it would only repeat that error.
    """
    values = [getattr(profile, key) for key in schema.SHARE_KEYS]
    if any(v is None for v in values):
        return []
    total = round(sum(values), 6)
    if abs(total - 100.0) <= SHARE_TOLERANCE:
        return []
    loc = profile.loc(schema.SHARE_KEYS[0])
    return [
        error(
            loc,
            "profile.shares-total",
            f"the four funding shares add up to {_pct(total)} %; they should add up to 100 %",
        )
    ]


def check_founding_year(profile: Profile, today: dt.date) -> list[Finding]:
    year = profile.founding_year
    if year is None or year <= today.year:
        return []
    return [
        error(
            profile.loc("founding_year"),
            "profile.founded-future",
            f"founding year {year} is in the future; expected {today.year} or earlier",
        )
    ]


def check_budget(profile: Profile) -> list[Finding]:
    """A cheap plausibility check: a budget far below one salary per FTE is probably in kEUR."""
    budget, staff = profile.budget_eur, profile.staff_fte
    if budget is None or not staff or staff < 1 or budget <= 0:
        return []
    per_fte = budget / staff
    if per_fte >= MIN_BUDGET_PER_FTE:
        return []
    return [
        info(
            profile.loc("budget_eur"),
            "profile.budget-low",
            f"a yearly budget of {budget:,.0f} EUR for {staff:g} FTE is "
            f"{per_fte:,.0f} EUR per FTE; check it is in EUR, not thousands of EUR",
        )
    ]


def check_profile(profile: Profile, today: dt.date) -> list[Finding]:
    return [*check_shares(profile), *check_founding_year(profile, today), *check_budget(profile)]


__all__ = [
    "MIN_BUDGET_PER_FTE",
    "SHARE_TOLERANCE",
    "check_budget",
    "check_founding_year",
    "check_profile",
    "check_shares",
]
