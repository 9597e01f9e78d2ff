from __future__ import annotations

import pytest

from cba_xl.core import vocab
from cba_xl.core.findings import Loc, Severity
from cba_xl.core.models import Service
from cba_xl.core.rules import derived
from cba_xl.core.rules.services import check_service, service_note, suggestion_of

INCLUDED, FEE_BASED, SUBSIDISED = vocab.FINANCING


def service(
    effort: int | None,
    value: int | None,
    decision: str,
    rating: int | None = None,
    financing: str = SUBSIDISED,
) -> Service:
    where = {
        k: Loc("Services", f"{c}5")
        for k, c in {
            "service": "B",
            "effort": "E",
            "value": "F",
            "rating": "G",
            "decision": "H",
        }.items()
    }
    return Service(
        row=5,
        service="Matchmaking",
        effort=effort,
        value=value,
        rating=rating,
        financing=financing,
        decision=decision,
        where=where,
    )


def test_keeping_a_costly_low_value_service_warns_at_the_decision() -> None:
    [f] = check_service(service(5, 1, "Keep"))
    assert (f.code, f.cell, f.severity) == ("services.keep-costly", "H5", Severity.WARNING)
    assert "terminate or make fee-based" in f.message
    assert check_service(service(5, 1, "Make fee-based")) == []


def test_terminating_a_cheap_valuable_service_is_info() -> None:
    [f] = check_service(service(1, 5, "Terminate"))
    assert (f.code, f.severity) == ("services.terminate-valuable", Severity.INFO)
    assert check_service(service(1, 5, "Keep")) == []


@pytest.mark.parametrize(
    ("value", "rating", "flagged"), [(5, 3, True), (2, 4, True), (4, 3, False), (4, None, False)]
)
def test_member_gap_of_two_or_more_is_flagged_at_the_rating(
    value: int, rating: int | None, flagged: bool
) -> None:
    found = check_service(service(3, value, "Keep", rating))
    assert [(f.code, f.cell) for f in found] == ([("services.member-gap", "G5")] if flagged else [])


def test_service_note_for_the_check_column() -> None:
    assert service_note(service(3, 4, "Keep")) == ""
    assert service_note(service(3, 5, "Keep", 3)) == (
        "Members rate it 2 lower than you: their rating counts"
    )
    assert service_note(service(3, 2, "Keep", 5)) == (
        "Members rate it 3 higher than you: their rating counts"
    )
    note = service_note(service(5, 4, "Keep", 2))
    assert note.startswith("High effort, low value")
    assert "2 lower" in note
    # Members rate it 4: no longer a low-value service, only the gap is left.
    assert not service_note(service(5, 2, "Keep", 4)).startswith("High effort")


def test_an_already_fee_based_service_is_never_told_to_become_fee_based() -> None:
    for effort in range(1, 6):
        for value in range(1, 6):
            for rating in (None, 1, 3, 5):
                suggestion = suggestion_of(service(effort, value, "Keep", rating, FEE_BASED))
                assert "fee-based" not in suggestion.replace("already fee-based", "")
    assert suggestion_of(service(5, 1, "Keep", None, FEE_BASED)) == derived.TERMINATE_OR_CHANGE
    assert suggestion_of(service(5, 5, "Keep", None, FEE_BASED)) == derived.KEEP_FEE_BASED
    assert suggestion_of(service(5, 1, "Keep", None, SUBSIDISED)) == derived.TERMINATE_OR_FEE


def test_a_high_effort_service_included_in_the_membership_fee_is_the_academys_fee_case() -> None:
    # The energy cluster's case: high-effort services included in the fee became fee-based.
    assert suggestion_of(service(4, 3, "Keep", None, INCLUDED)) == derived.MAKE_FEE_BASED
    assert suggestion_of(service(5, 5, "Keep", None, INCLUDED)) == derived.MAKE_FEE_BASED
    assert suggestion_of(service(4, 3, "Keep", None, SUBSIDISED)) == derived.NO_CHANGE
    [f] = check_service(service(4, 3, "Keep", None, INCLUDED))
    assert (f.code, f.cell, f.severity) == ("services.fee-included-costly", "H5", Severity.INFO)
    assert check_service(service(4, 3, "Make fee-based", None, INCLUDED)) == []


def test_the_members_rating_decides_the_suggestion_when_given() -> None:
    # We think it is worth a lot; members rate it low: high effort, low value.
    assert suggestion_of(service(5, 5, "Keep", 1, SUBSIDISED)) == derived.TERMINATE_OR_FEE
    assert suggestion_of(service(5, 5, "Keep", None, SUBSIDISED)) == derived.KEEP_CONSIDER_FEE
    assert suggestion_of(service(1, 2, "Keep", 5)) == derived.KEEP_AND_PROMOTE
    assert suggestion_of(service(3, None, "Keep", 4)) == derived.NO_CHANGE
    assert suggestion_of(service(None, 4, "Keep", 4)) == ""
    found = check_service(service(5, 4, "Keep", 1, SUBSIDISED))
    assert [(f.code, f.cell) for f in found] == [
        ("services.keep-costly", "H5"),
        ("services.member-gap", "G5"),
    ]
    assert "members' rating 1 (your value 4)" in found[0].message


def test_making_a_fee_based_service_fee_based_warns() -> None:
    [f] = check_service(service(3, 3, "Make fee-based", None, FEE_BASED))
    assert (f.code, f.cell, f.severity) == ("services.already-fee-based", "H5", Severity.WARNING)
    assert service_note(service(3, 3, "Make fee-based", None, FEE_BASED)) == (
        "Already fee-based: choose another decision"
    )
    assert check_service(service(3, 3, "Make fee-based", None, INCLUDED)) == []


def test_keeping_a_costly_fee_based_service_suggests_change_not_fees() -> None:
    [f] = check_service(service(5, 1, "Keep", None, FEE_BASED))
    assert f.code == "services.keep-costly"
    assert "terminate or change" in f.message
    assert "make fee-based" not in f.message
