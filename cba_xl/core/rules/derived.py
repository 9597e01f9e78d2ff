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
TERMINATE_OR_CHANGE = "Terminate or change"
MAKE_FEE_BASED = "Make fee-based"
KEEP_AND_PROMOTE = "Keep and promote"
KEEP_CONSIDER_FEE = "Keep; consider fee-based"
KEEP_FEE_BASED = "Keep; already fee-based"
NO_CHANGE = "No change suggested"
# Every suggestion, in the order the profitability slide lists them.
SUGGESTIONS = (
    KEEP_AND_PROMOTE,
    KEEP_FEE_BASED,
    KEEP_CONSIDER_FEE,
    MAKE_FEE_BASED,
    NO_CHANGE,
    TERMINATE_OR_CHANGE,
    TERMINATE_OR_FEE,
)
FEE_BASED = vocab.FINANCING[1]
IN_MEMBERSHIP_FEE = vocab.FINANCING[0]


def _is(financing: str, name: str) -> bool:
    # The formula's TRIM(...)="..." compares without case, as Excel's "=" does.
    return financing.strip().casefold() == name.casefold()


def assessed_value(value: int | None, rating: int | None) -> int | None:
    """The value a suggestion rests on: the members' rating when they gave one (the academy's
    "final validation" of the self-assessment), else the cluster's own."""
    return value if rating is None else rating


def service_suggestion(
    effort: int | None, value: int | None, rating: int | None, financing: str
) -> str:
    """Profitability matrix: scores of 4-5 count as high, 1-2 as low, 3 as neither.

    The value is the members' rating when there is one. High effort for low value suggests
    ending the service, or making members pay for it when it is not fee-based yet. A high-effort
    service of at least middling value that is included in the membership fee is the academy's
    case (an energy cluster turned three such services into fee-based ones): make it fee-based.
    A service that is already fee-based is never told to become fee-based.
    """
    used = assessed_value(value, rating)
    if effort is None or used is None:
        return ""
    fee_based = _is(financing, FEE_BASED)
    if effort >= 4 and used <= 2:
        return TERMINATE_OR_CHANGE if fee_based else TERMINATE_OR_FEE
    if effort <= 2 and used >= 4:
        return KEEP_AND_PROMOTE
    if effort >= 4 and _is(financing, IN_MEMBERSHIP_FEE):
        return MAKE_FEE_BASED
    if effort >= 4 and used >= 4:
        return KEEP_FEE_BASED if fee_based else KEEP_CONSIDER_FEE
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


def raci_accountable(roles: Sequence[str]) -> int:
    """How many people a RACI row marks A (alone or as R/A)."""
    return sum(1 for r in roles if "A" in r.upper())


def raci_row_status(roles: Sequence[str]) -> str:
    """The RACI check column: exactly one A, and someone marked R for the work. An A who also
    does the work is written "R/A", as in the academy's own example; a lone A is not taken to
    do the work unsaid."""
    if raci_accountable(roles) != 1:
        return RACI_ONE_A
    if not any("R" in r.upper() for r in roles):
        return RACI_NEEDS_R
    return RACI_OK
