from __future__ import annotations

import pytest

from cba_xl.core.findings import Loc, Severity
from cba_xl.core.models import Service
from cba_xl.core.rules.services import check_service, service_note


def service(
    effort: int | None, value: int | None, decision: str, rating: int | None = None
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
        "Members rate it 2 lower than you: check with members"
    )
    assert service_note(service(3, 2, "Keep", 5)) == (
        "Members rate it 3 higher than you: check with members"
    )
    note = service_note(service(5, 2, "Keep", 4))
    assert note.startswith("High effort, low value")
    assert "2 higher" in note
