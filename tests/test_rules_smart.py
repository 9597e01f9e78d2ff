from __future__ import annotations

import datetime as dt

import pytest

from cba_xl.core.findings import Loc, Severity
from cba_xl.core.models import Goal
from cba_xl.core.rules.smart import (
    check_goals,
    late_sub_goals,
    smart_missing,
    smart_text,
    vague_start,
)

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
        "an action word instead of 'improve'",
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
    g = goal(text=f"Run workshops to {word} our services", metric="")
    assert smart_missing(g, START) == [f"a metric behind a vague verb ('{word.lower()}')"]
    assert smart_missing(goal(text=f"Run workshops to {word} our services"), START) == []


def test_deadline_must_fall_after_the_plan_start() -> None:
    assert smart_missing(goal(deadline=START), START) == ["a deadline after the plan start"]
    assert smart_missing(goal(deadline=START), None) == []


def test_findings_leave_empty_required_cells_to_the_interpreter() -> None:
    # owner and deadline empty: the required-field pass already reports those cells
    assert check_goals([goal(owner="", deadline=None)], START) == []
    [f] = check_goals([goal(owner="", text="Run better events", metric="", deadline=START)], START)
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


@pytest.mark.parametrize(
    "text",
    [
        "Improve member satisfaction",
        "Be the best cluster in the region",
        "Become the leading hub for ocean tech",
        "Increase visibility",
        "Enhance cooperation with universities",
        "Strengthen the network",
        "optimise our services",
        "  Boost innovation",
    ],
)
def test_a_statement_opening_with_a_vague_verb_is_not_smart_even_with_a_metric(text: str) -> None:
    g = goal(text=text, metric="Survey score", target=8)
    word = text.split()[0].lower()
    assert smart_missing(g, START) == [f"an action word instead of '{word}'"]
    [f] = check_goals([g], START)
    assert (f.code, f.cell, f.severity) == ("smart.vague-verb", "C5", Severity.WARNING)
    assert f"'{word}'" in f.message


def test_a_direction_verb_with_its_number_in_the_statement_is_an_action() -> None:
    # The academy's tip 3: numbers as benchmarks make the verb measurable.
    assert vague_start("Increase paid-service income to 20 % of the budget") == ""
    assert vague_start("Improve the survey score from 6 to 8") == ""
    assert smart_missing(goal(text="Increase members to 120"), START) == []
    # A state stays a state, number or not.
    assert vague_start("Be one of the 3 best clusters") == "be"
    # Action words, and verbs that only begin like a vague one, pass.
    for text in ("Recruit 20 new members", "Run 4 surveys", "Bet on 2 start-ups"):
        assert vague_start(text) == ""


def test_a_vague_start_and_other_gaps_are_two_findings() -> None:
    g = goal(text="Improve visibility", deadline=START)
    codes = [f.code for f in check_goals([g], START)]
    assert codes == ["smart.incomplete", "smart.vague-verb"]


def test_a_sub_goal_due_after_its_parent_is_a_finding_at_its_deadline() -> None:
    parent = goal("G1", deadline=dt.date(2025, 12, 31))
    late = goal("G1.1", parent="G1", deadline=dt.date(2026, 3, 31), row=6)
    on_time = goal("G1.2", parent="g1", deadline=dt.date(2025, 12, 31), row=7)
    found = check_goals([parent, late, on_time], START)
    assert [(f.code, f.cell, f.severity) for f in found] == [
        ("smart.sub-goal-late", "G6", Severity.WARNING)
    ]
    assert "2026-03-31" in found[0].message and "G1 (2025-12-31)" in found[0].message
    assert late_sub_goals([parent, late, on_time]) == [(late, parent)]
    # Without a deadline on either side, or with an unknown parent, there is nothing to compare.
    assert late_sub_goals([goal("G1", deadline=None), late]) == []
    assert late_sub_goals([goal("G2"), late]) == []
