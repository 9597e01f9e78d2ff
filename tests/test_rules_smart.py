from __future__ import annotations

import datetime as dt

import pytest

from cba_xl.core.findings import Loc, Severity
from cba_xl.core.models import Goal
from cba_xl.core.rules.smart import check_goals, smart_missing, smart_text

START = dt.date(2025, 2, 1)


def goal(
    goal_id: str = "G1",
    text: str = "Recruit new members",
    metric: str = "new members",
    target: float | None = 20,
    owner: str = "Anna",
    deadline: dt.date | None = dt.date(2025, 12, 31),
    parent: str = "",
    row: int = 5,
) -> Goal:
    where = {
        k: Loc("SMART goals", f"{c}{row}")
        for k, c in {
            "goal_id": "B",
            "goal": "C",
            "metric": "D",
            "target": "E",
            "owner": "F",
            "deadline": "G",
            "parent": "H",
        }.items()
    }
    return Goal(
        row=row,
        goal_id=goal_id,
        goal=text,
        metric=metric,
        target=target,
        owner=owner,
        deadline=deadline,
        parent=parent,
        where=where,
    )


def test_a_complete_goal_is_smart() -> None:
    assert smart_missing(goal(), START) == []
    assert smart_text([]) == "SMART"


def test_missing_criteria_in_words_and_in_order() -> None:
    g = goal(text="Improve visibility", metric="", target=None, owner="", deadline=None)
    missing = smart_missing(g, START)
    assert missing == [
        "a number",
        "an owner",
        "a deadline",
        "a metric behind a vague verb ('improve')",
    ]
    assert smart_text(missing[:2]) == "Missing: a number, an owner"


def test_a_number_in_the_statement_counts() -> None:
    g = goal(text="Increase members by 20 %", metric="", target=None)
    assert smart_missing(g, START) == []


@pytest.mark.parametrize(
    "word",
    [
        "improve",
        "better",
        "more",
        "increase",
        "enhance",
        "strengthen",
        "optimise",
        "optimize",
        "Improving",
    ],
)
def test_vague_verbs_alone_need_a_metric(word: str) -> None:
    g = goal(text=f"{word} our services", metric="")
    assert smart_missing(g, START) == [f"a metric behind a vague verb ('{word.lower()}')"]
    assert smart_missing(goal(text=f"{word} our services"), START) == []


def test_deadline_must_fall_after_the_plan_start() -> None:
    assert smart_missing(goal(deadline=START), START) == ["a deadline after the plan start"]
    assert smart_missing(goal(deadline=START), None) == []


def test_findings_leave_empty_required_cells_to_the_interpreter() -> None:
    # owner and deadline empty: the required-field pass already reports those cells
    assert check_goals([goal(owner="", deadline=None)], START) == []
    [f] = check_goals([goal(owner="", text="Better events", metric="", deadline=START)], START)
    assert (f.code, f.cell, f.severity) == ("smart.incomplete", "C5", Severity.WARNING)
    assert "a deadline after the plan start" in f.message
    assert "an owner" not in f.message
    assert "2025-02-01" in f.message


def test_duplicate_ids_and_missing_parents_are_errors() -> None:
    found = check_goals([goal("G1"), goal("g1", row=6), goal("G2", parent="G9", row=7)], START)
    assert [(f.code, f.cell, f.severity) for f in found] == [
        ("smart.duplicate-id", "B6", Severity.ERROR),
        ("smart.parent-missing", "H7", Severity.ERROR),
    ]


def test_a_loop_in_the_goal_tree_is_an_error_on_each_goal_in_it() -> None:
    goals = [
        goal("G1", parent="G3"),
        goal("G2", parent="G1", row=6),
        goal("G3", parent="G2", row=7),
        goal("G4", parent="G1", row=8),
    ]
    found = check_goals(goals, START)
    assert sorted(f.cell for f in found if f.code == "smart.cycle") == ["H5", "H6", "H7"]
    assert all("G1 → G3 → G2 → G1" in f.message for f in found)
    [self_loop] = check_goals([goal("G1", parent="G1")], START)
    assert self_loop.code == "smart.cycle"


def test_a_proper_tree_has_no_findings() -> None:
    goals = [goal("G1"), goal("G1.1", parent="G1", row=6), goal("G1.2", parent="g1", row=7)]
    assert check_goals(goals, START) == []
