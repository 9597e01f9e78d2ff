"""The chain change -> goal -> step -> role (template 2.0): a sample homework links every step,
and each chain check fires on a mutated copy, at the cell where the participant fixes it."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pytest

from cba_xl.core.check import check_homework
from cba_xl.core.findings import Finding
from cba_xl.core.models import Action, Homework, RaciRow
from cba_xl.core.rules import chain
from cba_xl.core.rules.changes import top_changes
from cba_xl.core.rules.schedule import schedule
from cba_xl.excel.builder import build_workbook
from cba_xl.excel.reader import read_homework
from cba_xl.sample import generate
from cba_xl.spec.layout import LAYOUT

TODAY = dt.date(2025, 1, 2)
CHAIN_CODES = {
    "changes.no-step",
    "changes.short-term-late",
    "smart.no-step",
    "smart.steps-late",
    "plan.no-goal",
    "plan.unknown-goal",
    "plan.unknown-change",
    "plan.not-top-change",
    "plan.overload",
    "actions.unknown-step",
    "actions.step-twice",
    "actions.step-unrated",
    "raci.unknown-step",
    "raci.step-missing",
    "raci.responsible-missing",
    "raci.responsible-not-ra",
}


@pytest.fixture(scope="module")
def samples() -> list[Homework]:
    return list(generate(12, seed=7))


@pytest.fixture(scope="module")
def linked(samples: list[Homework], tmp_path_factory: pytest.TempPathFactory) -> Homework:
    """A sample with a plan long enough for every check, as read back from its workbook (so
    every finding has its sheet and cell)."""
    sample = next(h for h in samples if len(h.plan) >= 7)
    path = build_workbook(tmp_path_factory.mktemp("chain") / "linked.xlsx", sample)
    read, _ = read_homework(path)
    return read


@pytest.fixture
def hw(linked: Homework) -> Homework:
    return copy.deepcopy(linked)


def codes(hw: Homework) -> dict[str, list[Finding]]:
    out: dict[str, list[Finding]] = {}
    for f in check_homework(hw, today=TODAY):
        out.setdefault(f.code, []).append(f)
    return out


def test_the_sample_links_every_step_to_a_goal_and_a_change(samples: list[Homework]) -> None:
    for hw in samples:
        goals = {g.goal_id for g in hw.goals}
        top = {c.change for c in top_changes(hw.changes)}
        assert all(s.goal in goals and s.change in top for s in hw.plan), hw.cluster
        assert {c.change for c in top_changes(hw.changes)} <= {s.change for s in hw.plan}
        assert sorted(a.step or 0 for a in hw.actions) == [s.step for s in hw.plan]
        assert {r.step for r in hw.raci} == {s.step for s in hw.plan}
        assert not set(codes(hw)) & CHAIN_CODES, hw.cluster


def test_a_top_3_change_without_a_step(hw: Homework) -> None:
    first = top_changes(hw.changes)[0]
    for s in hw.plan:
        if s.change == first.change:
            s.change = top_changes(hw.changes)[1].change
    [f] = codes(hw)["changes.no-step"]
    assert f.loc == first.loc("change") and "top-3 change 1" in f.message


def test_a_short_term_change_whose_steps_end_after_six_months(hw: Homework) -> None:
    change = top_changes(hw.changes)[0]
    change.short_term = True
    step = next(s for s in hw.plan if s.change == change.change)
    step.duration = 400
    [f] = codes(hw)["changes.short-term-late"]
    assert f.loc == change.loc("short_term") and f.sheet == "Changes"
    sched = schedule(hw.plan, hw.plan_start)
    ends = {s.step: sched.finish_date_of(s.step) for s in hw.plan if s.change == change.change}
    last = max(ends, key=lambda n: (ends[n] or dt.date.min, n))
    assert f"finish on {ends[last]} (step {last})" in f.message


def test_a_goal_no_step_serves_and_a_step_with_no_goal(hw: Homework) -> None:
    leaf = hw.plan[0].goal
    served = [s for s in hw.plan if s.goal == leaf]
    for s in served:
        s.goal = ""
    found = codes(hw)
    goal = next(g for g in hw.goals if g.goal_id == leaf)
    assert [f.loc for f in found["smart.no-step"] if leaf in f.message] == [goal.loc("goal_id")]
    assert [f.loc for f in found["plan.no-goal"]] == [s.loc("goal") for s in served]


def test_a_parent_goal_is_served_through_its_sub_goals(hw: Homework) -> None:
    parents = {g.parent for g in hw.goals if g.parent}
    assert parents
    assert not any(p in f.message for f in codes(hw).get("smart.no-step", []) for p in parents)


def test_a_leaf_goal_whose_steps_end_after_its_deadline(hw: Homework) -> None:
    parents = {g.parent for g in hw.goals if g.parent}
    step = next(s for s in hw.plan if s.goal not in parents)
    goal = next(g for g in hw.goals if g.goal_id == step.goal)
    assert hw.plan_start is not None
    goal.deadline = hw.plan_start + dt.timedelta(days=1)
    [f] = [f for f in codes(hw)["smart.steps-late"] if goal.goal_id in f.message]
    assert f.loc == goal.loc("deadline")


def test_unknown_goals_and_changes_and_a_change_outside_the_top_3(hw: Homework) -> None:
    hw.plan[0].goal = "G9"
    hw.plan[1].change = "Something nobody wrote"
    other = next(c for c in hw.changes if c.priority is None)
    hw.plan[2].change = f"  {other.change.upper()} "  # case and spaces are forgiven
    found = codes(hw)
    assert [f.loc for f in found["plan.unknown-goal"]] == [hw.plan[0].loc("goal")]
    assert [f.loc for f in found["plan.unknown-change"]] == [hw.plan[1].loc("change")]
    assert [f.loc for f in found["plan.not-top-change"]] == [hw.plan[2].loc("change")]


def test_one_person_responsible_for_more_than_half_of_the_steps(hw: Homework) -> None:
    assert "plan.overload" not in codes(hw)
    who = hw.plan[0].responsible
    for s in hw.plan[: len(hw.plan) // 2 + 1]:
        s.responsible = who
    [f] = codes(hw)["plan.overload"]
    assert f.loc == hw.plan[0].loc("responsible") and f.sheet == "Action plan"
    n = sum(1 for s in hw.plan if s.responsible == who)
    assert f"{who} is responsible for {n} of the {len(hw.plan)} steps" in f.message


def test_exactly_half_is_no_overload_and_small_plans_are_spared(hw: Homework) -> None:
    hw.plan = hw.plan[:6]
    for s in hw.plan:
        s.responsible = "Anna" if s.step <= 3 else "Ben"
    assert chain.check_plan_chain(hw) == [
        f for f in chain.check_plan_chain(hw) if f.code != "plan.overload"
    ]
    hw.plan = hw.plan[: chain.OVERLOAD_MIN_STEPS - 1]
    for s in hw.plan:
        s.responsible = "Anna"
    assert not [f for f in chain.check_plan_chain(hw) if f.code == "plan.overload"]


def test_the_priority_matrix_rates_the_plan_s_steps(hw: Homework) -> None:
    last = hw.plan[-1].step
    hw.actions = [a for a in hw.actions if a.step != last]
    hw.actions.append(Action(row=90, step=99, impact="High", effort="Low", status="Done"))
    hw.actions.append(copy.deepcopy(hw.actions[0]))
    found = codes(hw)
    assert [f.message.split(" is")[0] for f in found["actions.step-unrated"]] == [
        f"step {last} of the action plan"
    ]
    [unknown] = found["actions.unknown-step"]
    assert "step 99 " in unknown.message
    assert len(found["actions.step-twice"]) == 1


def test_raci_rows_are_the_plan_s_steps_and_the_responsible_holds_r_or_a(hw: Homework) -> None:
    step = hw.plan[0]
    row = next(r for r in hw.raci if r.step == step.step)
    column = next(i for i, p in enumerate(hw.raci_people) if p.name == step.responsible)
    row.roles[column] = "C"
    found = codes(hw)
    [f] = found["raci.responsible-not-ra"]
    assert step.responsible in f.message and f.loc == row.loc(f"p{column}")

    hw.raci = [r for r in hw.raci if r.step != hw.plan[1].step]
    hw.raci.append(RaciRow(row=99, step=77, deliverable="", roles=["R"]))
    found = codes(hw)
    assert len(found["raci.step-missing"]) == 1
    assert f"step {hw.plan[1].step} " in found["raci.step-missing"][0].message
    assert len(found["raci.unknown-step"]) == 1

    hw.plan[2].responsible = "Somebody Else"
    assert any("Somebody Else" in f.message for f in codes(hw)["raci.responsible-missing"])


def test_the_chain_survives_the_workbook(samples: list[Homework], tmp_path: Path) -> None:
    """Goal IDs, changes, rated steps and RACI steps go into the template and come back; the
    priority matrix and RACI show the step's words, which the reader takes from the plan."""
    hw = samples[0]
    path = build_workbook(tmp_path / "linked.xlsx", hw)
    read, findings = read_homework(path)
    assert [(s.goal, s.change) for s in read.plan] == [(s.goal, s.change) for s in hw.plan]
    assert [(a.step, a.action) for a in read.actions] == [(a.step, a.action) for a in hw.actions]
    rows = [(r.step, r.deliverable) for r in hw.raci]
    assert [(r.step, r.deliverable) for r in read.raci] == rows
    assert not [f for f in findings if f.severity.value == "error"]
    assert read.template_version == LAYOUT.version


def test_a_goal_column_not_filled_in_yet_is_one_finding(hw: Homework) -> None:
    for s in hw.plan:
        s.goal = ""
    [f] = codes(hw)["plan.no-goal"]
    assert f.loc == hw.plan[0].loc("goal") and f"({len(hw.plan)} steps)" in f.message


def test_a_chain_slide_notes_only_its_own_change_and_steps(tmp_path: Path) -> None:
    # the second reviewer saw step 3's deadline findings on the slides of changes 1 and 2
    import re

    from cba_xl import api
    from cba_xl.sample import demo_cohort
    from cba_xl.slides.build import compose

    seen = 0
    for i, hw in enumerate(demo_cohort()[:8]):
        read = api.check(api.write_homework(tmp_path / f"{i}.xlsx", hw))
        assert read.homework is not None
        deck = compose(read.homework, list(read.findings))
        for change in top_changes(read.homework.changes):
            [slide] = [s for s in deck.slides if s.title.startswith(f"Change {change.priority},")]
            steps = {s.row for s in read.homework.plan if s.change.strip() == change.change}
            for line in slide.notes:
                if m := re.match(r"- 'Action plan'!([A-Z]+)(\d+):", line):
                    assert int(m.group(2)) in steps, (i, slide.title, line)
                    seen += 1
                if m := re.match(r"- Changes!([A-Z]+)(\d+):", line):
                    assert int(m.group(2)) == change.row, (i, slide.title, line)
                    seen += 1
    assert seen  # some chain slide notes a finding of its own
