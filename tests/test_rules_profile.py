from __future__ import annotations

import datetime as dt

from cba_xl.core.findings import Loc, Severity
from cba_xl.core.models import Profile
from cba_xl.core.rules.profile import check_profile

TODAY = dt.date(2025, 6, 1)
WHERE = {
    "founding_year": Loc("Profile", "B9"),
    "budget_eur": Loc("Profile", "B13"),
    "share_public": Loc("Profile", "B14"),
    "share_fees": Loc("Profile", "B15"),
}


def profile(**kw: object) -> Profile:
    base: dict[str, object] = {
        "share_public": 40.0,
        "share_fees": 30.0,
        "share_services": 10.0,
        "share_projects": 20.0,
        "founding_year": 2009,
    }
    base.update(kw)
    return Profile(where=dict(WHERE), **base)  # type: ignore[arg-type]


def test_a_consistent_profile_has_no_findings() -> None:
    assert check_profile(profile(), TODAY) == []


def test_shares_within_one_point_of_100_pass() -> None:
    assert check_profile(profile(share_projects=20.9), TODAY) == []
    assert check_profile(profile(share_projects=19.0), TODAY) == []


def test_shares_not_adding_to_100_name_the_first_share_cell_and_the_total() -> None:
    [f] = check_profile(profile(share_projects=25.0), TODAY)
    assert f.severity is Severity.ERROR
    assert f.code == "profile.shares-total"
    assert (f.sheet, f.cell) == ("Profile", "B14")
    assert "105 %" in f.message and "100 %" in f.message


def test_total_is_not_checked_while_a_share_is_missing() -> None:
    # the interpreter reports the empty share; a total without it would repeat that
    assert check_profile(profile(share_fees=None), TODAY) == []


def test_founding_year_in_the_future_is_an_error() -> None:
    [f] = check_profile(profile(founding_year=2026), TODAY)
    assert (f.code, f.cell, f.severity) == ("profile.founded-future", "B9", Severity.ERROR)
    assert "2026" in f.message and "2025 or earlier" in f.message
    assert check_profile(profile(founding_year=2025), TODAY) == []


def test_budget_probably_in_thousands_is_flagged_as_info() -> None:
    [f] = check_profile(profile(budget_eur=350.0, staff_fte=4.0), TODAY)
    assert (f.code, f.cell, f.severity) == ("profile.budget-low", "B13", Severity.INFO)
    assert check_profile(profile(budget_eur=350_000.0, staff_fte=4.0), TODAY) == []
