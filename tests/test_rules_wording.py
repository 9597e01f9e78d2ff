"""Findings that count things say "is" and the singular for one, "are" and the plural for more,
as the rest of cba-xl's words do (cba_xl.wording): a participant reads these sentences."""

from __future__ import annotations

import datetime as dt

from cba_xl.core import vocab
from cba_xl.core.findings import Finding, Loc
from cba_xl.core.models import (
    Action,
    Change,
    Homework,
    PlanStep,
    RaciPerson,
    RaciRow,
    VisionMission,
)
from cba_xl.core.rules.actions import check_actions
from cba_xl.core.rules.changes import check_changes
from cba_xl.core.rules.plan import check_plan
from cba_xl.core.rules.raci import check_raci_row
from cba_xl.core.rules.vision import check_vision

KEYS = vocab.SUCCESS_FACTOR_KEYS


def _message(found: list[Finding], code: str) -> str:
    [f] = [f for f in found if f.code == code]
    return f.message


def _unticked(n: int) -> str:
    ticks = {key: True for key in KEYS[n:]}
    vm = VisionMission(vision="A region that grows", ticks={"vision": ticks, "mission": {}})
    vm.where = {f"vision_{key}": Loc("Vision & mission", "D10") for key in KEYS}
    hw = Homework(vision=vm, anchors={"objectives": Loc("Vision & mission", "B19")})
    return _message(check_vision(hw), "vision.factor-unticked")


def test_one_unticked_success_factor_is_not_ticked() -> None:
    assert _unticked(1).startswith(f"1 of the {len(KEYS)} success factors is not ticked")
    assert _unticked(2).startswith(f"2 of the {len(KEYS)} success factors are not ticked")


def _no_quick_win(*actions: Action) -> str:
    hw = Homework(actions=list(actions), anchors={"actions": Loc("Priority matrix", "B4")})
    return _message(check_actions(hw), "actions.no-quick-win")


def test_one_rated_action_that_is_no_quick_win() -> None:
    one = Action(action="Survey", impact="High", effort="High")
    two = Action(action="Portal", impact="Low", effort="High")
    assert _no_quick_win(one).startswith("the one rated action is not a quick win")
    assert _no_quick_win(one, two).startswith("none of the 2 rated actions is a quick win")


def _top_count(*priorities: int | None) -> str:
    changes = [
        Change(row=4 + i, change=f"Change {i}", priority=p, short_term=True)
        for i, p in enumerate(priorities)
    ]
    hw = Homework(changes=changes, anchors={"changes": Loc("Changes", "B4")})
    return _message(check_changes(hw), "changes.top3-count")


def test_top_changes_counted_in_words_that_agree() -> None:
    assert _top_count(1, None).startswith("1 change marked as top 1-3")
    assert _top_count(1, 2, None).startswith("2 changes marked as top 1-3")


def test_a_lone_consulted_role_is_one_role() -> None:
    where = {"deliverable": Loc("RACI", "D6"), "p0": Loc("RACI", "E6")}
    row = RaciRow(row=6, deliverable="Survey", roles=["C"], where=where)
    [f] = [f for f in check_raci_row(row, [RaciPerson(name="Anna")]) if f.code == "raci.many-c"]
    assert f.message.startswith("the one role for 'Survey' is C (consulted)")


def test_a_one_day_step_takes_one_day() -> None:
    start = dt.date(2025, 2, 3)
    steps = [
        PlanStep(row=8, step=1, action="Call", duration=1, deadline=start),
        PlanStep(row=9, step=2, action="Plan", duration=3, deadline=start),
    ]
    hw = Homework(
        template_version="1.1",
        plan=steps,
        plan_start=start,
        plan_start_where=Loc("Action plan", "D4"),
        anchors={"plan": Loc("Action plan", "B8")},
    )
    late = [f.message for f in check_plan(hw) if f.code == "plan.late"]
    assert any("it takes 1 day);" in m and "1 day earlier" in m for m in late), late
    assert any("it takes 3 days);" in m and "3 days earlier" in m for m in late), late
