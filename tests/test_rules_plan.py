from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import given
from hypothesis import strategies as st

from cba_xl.core.findings import Loc, Severity
from cba_xl.core.models import Homework, PlanStep
from cba_xl.core.rules.plan import check_plan, critical_text, schedule
from cba_xl.core.rules.schedule import durations

START = dt.date(2025, 2, 1)
PLAN_START = Loc("Action plan", "B4")


def step(
    n: int,
    after: tuple[int, ...] = (),
    *,
    deadline: dt.date | None = None,
    days: int | None = None,
    duration: int | None = None,
) -> PlanStep:
    row = 6 + n
    where = {
        k: Loc("Action plan", f"{c}{row}")
        for k, c in {
            "step": "A",
            "action": "B",
            "deadline": "G",
            "days": "H",
            "duration": "I",
            "after": "K",
        }.items()
    }
    return PlanStep(
        row=row,
        step=n,
        action=f"step {n}",
        responsible="Anna",
        outcome="done",
        deadline=deadline,
        days=days,
        duration=duration,
        after=after,
        where=where,
    )


def hw(*steps: PlanStep, start: dt.date | None = START, version: str = "1.1") -> Homework:
    return Homework(
        template_version=version,
        plan=list(steps),
        plan_start=start,
        plan_start_where=PLAN_START,
        anchors={"plan": Loc("Action plan", "B7")},
    )


def codes(h: Homework) -> list[tuple[str, str, Severity]]:
    return [(f.code, f.cell, f.severity) for f in check_plan(h)]


# --- findings -------------------------------------------------------------------------------


def test_a_sound_plan_has_no_findings() -> None:
    assert codes(hw(step(1, days=30), step(2, (1,), deadline=dt.date(2025, 4, 1)))) == []


def test_a_1_0_step_needs_a_duration_or_a_deadline_to_take_it_from() -> None:
    found = codes(hw(step(1, duration=5), step(2), version="1.0"))
    assert found == [("plan.no-duration", "I8", Severity.ERROR)]


def test_1_0_durations_taken_from_deadlines_are_said_once_as_info() -> None:
    plan = [step(1, days=10), step(2, (1,), deadline=START + dt.timedelta(days=25)), step(3)]
    found = check_plan(hw(*plan, version="1.0"))
    [note] = [f for f in found if f.code == "plan.assumed-duration"]
    assert (note.severity, note.cell) == (Severity.INFO, "B7")
    assert "step 1: 10 days, step 2: 15 days" in note.message
    # From 1.1 on an empty duration is a required cell (the interpreter says it), not info.
    assert not [f for f in check_plan(hw(*plan)) if f.code.startswith("plan.assumed")]


def test_a_deadline_the_schedule_cannot_meet_is_late_with_both_dates() -> None:
    plan = [
        step(1, duration=30),
        step(2, (1,), duration=20, deadline=START + dt.timedelta(days=40)),
        step(3, (2,), duration=5, deadline=START + dt.timedelta(days=60)),
    ]
    [late] = check_plan(hw(*plan))
    assert (late.code, late.cell, late.severity) == ("plan.late", "G8", Severity.WARNING)
    assert late.message == (
        "step 2 cannot finish before 2025-03-23 (it takes 20 days and starts when step 1 "
        "finishes); its deadline is 2025-03-13, 10 days earlier; shorten the steps before it "
        "or move the deadline"
    )
    s = schedule(plan, START)
    assert s.late == {2: 10}
    assert (s.finish_date, s.last_deadline, s.slack_days) == (
        START + dt.timedelta(days=55),
        START + dt.timedelta(days=60),
        5,
    )


def test_deadline_before_the_plan_start_is_an_error_saying_both_dates() -> None:
    [f] = check_plan(hw(step(1, deadline=dt.date(2024, 1, 31))))
    assert (f.code, f.cell) == ("plan.before-start", "G7")
    assert f.message == "deadline 2024-01-31 is before the plan start 2025-02-01"
    assert f.line() == "'Action plan'!G7: error: " + f.message


def test_days_without_a_plan_start_is_an_error_at_the_start_cell() -> None:
    found = codes(hw(step(1, days=10), step(2, deadline=dt.date(2025, 3, 1)), start=None))
    assert found == [("plan.no-start", "B4", Severity.ERROR)]


def test_unknown_predecessors_and_repeated_numbers_are_errors() -> None:
    found = codes(hw(step(1, days=5), step(2, (1, 7), days=9), step(1, days=3)))
    assert ("plan.unknown-step", "K8", Severity.ERROR) in found
    assert ("plan.duplicate-step", "A7", Severity.ERROR) in found  # the repeat's own row
    assert len(found) == 2


def test_a_dependency_loop_names_every_step_in_it() -> None:
    found = check_plan(
        hw(
            step(1, (3,), days=5),
            step(2, (1,), days=9),
            step(3, (2,), days=12),
            step(4, (1,), days=20),
        )
    )
    loop = [f for f in found if f.code == "plan.cycle"]
    assert [f.cell for f in loop] == ["A7", "A8", "A9"]
    assert "steps 1, 2, 3 depend on each other in a loop" in loop[0].message
    [own] = [f for f in check_plan(hw(step(1, (1,), days=5))) if f.code == "plan.cycle"]
    assert "step 1 comes after itself" in own.message


def test_a_step_due_before_its_predecessor_warns_once_not_also_as_late() -> None:
    found = codes(hw(step(1, days=30, duration=30), step(2, (1,), days=10, duration=0)))
    assert found == [("plan.before-predecessor", "H8", Severity.WARNING)]


# --- schedule -------------------------------------------------------------------------------


def test_durations_come_from_deadlines_and_predecessors() -> None:
    plan = [
        step(1, days=10),
        step(2, (1,), deadline=START + dt.timedelta(days=25)),
        step(3, (1, 2), days=20),  # due before step 2: duration 0, not negative
        step(4, duration=7),
        step(5),
    ]
    assert durations(plan, START) == {1: 10, 2: 15, 3: 0, 4: 7, 5: 0}


def test_critical_path_of_a_small_plan() -> None:
    plan = [
        step(1, duration=5),
        step(2, (1,), duration=10),
        step(3, (1,), duration=3),
        step(4, (2, 3), duration=2),
    ]
    s = schedule(plan, START)
    assert s.duration_days == 17
    assert s.critical == frozenset({1, 2, 4})
    assert s.path == (1, 2, 4)
    assert (s.start[3], s.finish[3]) == (5, 8)
    assert [critical_text(p, s) for p in plan] == ["Yes", "Yes", "", "Yes"]


def test_dates_without_a_plan_start_count_from_the_earliest_date() -> None:
    plan = [step(1, deadline=dt.date(2025, 3, 1)), step(2, (1,), deadline=dt.date(2025, 3, 11))]
    s = schedule(plan, None)
    assert s.duration_days == 10
    assert s.critical == frozenset({1, 2})


def test_a_plan_without_any_dates_has_no_critical_path() -> None:
    s = schedule([step(1), step(2, (1,))], START)
    assert (s.duration_days, s.critical, s.path) == (0, frozenset(), ())


def test_a_cycle_is_reported_and_leaves_no_critical_path() -> None:
    plan = [
        step(1, (3,), duration=2),
        step(2, (1,), duration=2),
        step(3, (2,), duration=2),
        step(4, duration=1),
    ]
    s = schedule(plan, START)
    assert s.cycle == (1, 2, 3)
    assert s.critical == frozenset()
    assert critical_text(plan[0], s) == "In a cycle"
    assert critical_text(plan[3], s) == ""


@st.composite
def dags(draw: st.DrawFn) -> list[PlanStep]:
    n = draw(st.integers(min_value=1, max_value=7))
    steps = []
    for i in range(1, n + 1):
        after = tuple(
            draw(st.sets(st.integers(min_value=1, max_value=i - 1), max_size=3)) if i > 1 else ()
        )
        steps.append(step(i, tuple(sorted(after)), duration=draw(st.integers(0, 20))))
    order = draw(st.permutations(steps))
    return list(order)


def all_paths(plan: list[PlanStep]) -> list[tuple[int, ...]]:
    preds = {s.step: s.after for s in plan}
    succs = {n: [m for m, ps in preds.items() if n in ps] for n in preds}
    out: list[tuple[int, ...]] = []

    def walk(path: tuple[int, ...]) -> None:
        out.append(path)
        for m in succs[path[-1]]:
            walk((*path, m))

    for n in preds:
        walk((n,))
    return out


@given(dags())
def test_schedule_matches_the_longest_path_by_brute_force(plan: list[PlanStep]) -> None:
    s = schedule(plan, START)
    dur = {p.step: p.duration or 0 for p in plan}
    paths = all_paths(plan)
    longest = max(sum(dur[n] for n in path) for path in paths)
    assert s.duration_days == longest
    assert s.cycle == ()
    if longest == 0:
        assert s.critical == frozenset()
        return
    on_longest = {n for path in paths if sum(dur[n] for n in path) == longest for n in path}
    assert s.critical == frozenset(on_longest)
    # the critical chain: consecutive dependencies, day 0 to the last day, no gaps
    assert sum(dur[n] for n in s.path) == longest
    assert s.start[s.path[0]] == 0 and s.finish[s.path[-1]] == longest
    preds = {p.step: p.after for p in plan}
    for a, b in itertools.pairwise(s.path):
        assert a in preds[b]
        assert s.finish[a] == s.start[b]
    for p in plan:
        assert all(s.start[p.step] >= s.finish[q] for q in p.after)


@given(dags(), st.data())
def test_a_back_dependency_is_found_as_a_cycle(plan: list[PlanStep], data: st.DataObject) -> None:
    by_step = {p.step: p for p in plan}
    paths = [path for path in all_paths(plan) if len(path) > 1]
    if not paths:
        first = by_step[1]
        first.after = (1,)
        assert schedule(plan, START).cycle == (1,)
        return
    path = data.draw(st.sampled_from(paths))
    head = by_step[path[0]]
    head.after = (*head.after, path[-1])  # the first step now waits for the last: a loop
    s = schedule(plan, START)
    assert s.cycle
    preds = {p.step: p.after for p in plan}
    ring = (*s.cycle, s.cycle[0])
    for a, b in itertools.pairwise(ring):
        assert a in preds[b]
    assert s.critical == frozenset()
    assert {f.code for f in check_plan(hw(*plan))} >= {"plan.cycle"}
