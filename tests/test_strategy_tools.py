"""Issue 14's member needs, vision and mission, and communication: a filled sample passes the
check without errors from these tools, and a workbook with each typical slip, written and read
back, raises exactly the finding that slip deserves, at its sheet and cell."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from cba_xl.core.check import check_raw
from cba_xl.core.findings import Finding, Severity
from cba_xl.core.models import Homework, Need, Objective, TargetGroup
from cba_xl.core.tools import BY_KEY
from cba_xl.excel.builder import build_workbook
from cba_xl.excel.reader import read_raw
from cba_xl.sample import demo_cohort, generate
from cba_xl.spec import LAYOUT

TODAY = dt.date(2024, 11, 15)
SHEETS = {BY_KEY[k].sheet for k in ("needs", "vision", "communication")}
CODES = ("needs.", "vision.", "communication.")


def _check(tmp_path: Path, hw: Homework, name: str = "x") -> list[Finding]:
    path = build_workbook(tmp_path / f"{name}.xlsx", hw)
    return check_raw(read_raw(path), today=TODAY)[1]


def _ours(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.sheet in SHEETS or f.code.startswith(CODES)]


def test_filled_samples_have_no_errors_on_the_new_sheets(tmp_path: Path) -> None:
    for i, hw in enumerate([*demo_cohort()[:4], *generate(4, 7)]):
        found = _ours(_check(tmp_path, hw, f"s{i}"))
        assert not [f.line() for f in found if f.severity is Severity.ERROR]
        # what the samples do raise is advice on the content, never a broken link between sheets
        assert {f.code for f in found} <= {
            "needs.gap",
            "needs.unprioritised",
            "vision.factor-not-met",
        }, [f.line() for f in found]


def _base() -> Homework:
    hw = copy.deepcopy(demo_cohort()[1])
    # a sound starting point: every need served, every factor met
    for i, n in enumerate(hw.needs):
        n.service = hw.services[0 if i == 0 else 1].service  # only the first by the first
        n.change = ""
    for statement in hw.vision.ticks.values():
        for key in statement:
            statement[key] = True
    return hw


def _need(hw: Homework) -> Need:
    return hw.needs[0]


def _row(table: str, key: str, row: int) -> str:
    return LAYOUT.tables[table].cell(key, row)


Mutation = Callable[[Homework], tuple[str, str, str]]  # -> (code, sheet, cell)


def _gap(hw: Homework) -> tuple[str, str, str]:
    n = _need(hw)
    n.service, n.relevance = "", 5
    return "needs.gap", "Member needs", _row("needs", "service", n.row)


def _unknown_service(hw: Homework) -> tuple[str, str, str]:
    n = _need(hw)
    n.service = "Space tourism"
    return "needs.unknown-service", "Member needs", _row("needs", "service", n.row)


def _terminated(hw: Homework) -> tuple[str, str, str]:
    hw.services[0].decision = "Terminate"
    n = _need(hw)
    return "needs.service-terminated", "Member needs", _row("needs", "service", n.row)


def _unknown_change(hw: Homework) -> tuple[str, str, str]:
    n = _need(hw)
    n.change = "Move to the moon"
    return "needs.unknown-change", "Member needs", _row("needs", "change", n.row)


def _relevance_out_of_range(hw: Homework) -> tuple[str, str, str]:
    n = _need(hw)
    n.relevance = 7
    return "type.score", "Member needs", _row("needs", "relevance", n.row)


def _member_missing(hw: Homework) -> tuple[str, str, str]:
    n = _need(hw)
    n.member = ""
    return "required", "Member needs", _row("needs", "member", n.row)


def _unprioritised(hw: Homework) -> tuple[str, str, str]:
    for n in hw.needs:
        n.relevance = 3
    return "needs.unprioritised", "Member needs", _row("needs", "relevance", hw.needs[0].row)


def _no_needs(hw: Homework) -> tuple[str, str, str]:
    hw.needs = []
    return "needs.empty", "Member needs", _row("needs", "member", LAYOUT.tables["needs"].first_row)


def _long_mission(hw: Homework) -> tuple[str, str, str]:
    hw.vision.mission = " ".join(["members"] * 26)
    return "vision.mission-long", "Vision & mission", LAYOUT.cell("mission").ref


def _no_mission(hw: Homework) -> tuple[str, str, str]:
    hw.vision.mission = ""
    return "required", "Vision & mission", LAYOUT.cell("mission").ref


def _no_vision(hw: Homework) -> tuple[str, str, str]:
    hw.vision.vision = ""
    return "required", "Vision & mission", LAYOUT.cell("vision").ref


def _factor_no(hw: Homework) -> tuple[str, str, str]:
    hw.vision.ticks["mission"]["inspiring"] = False
    return "vision.factor-not-met", "Vision & mission", LAYOUT.cell("mission_inspiring").ref


def _factor_unticked(hw: Homework) -> tuple[str, str, str]:
    del hw.vision.ticks["vision"]["broad"]
    return "vision.factor-unticked", "Vision & mission", LAYOUT.cell("vision_broad").ref


def _vague_objective(hw: Homework) -> tuple[str, str, str]:
    row = LAYOUT.tables["objectives"].first_row
    hw.vision.objectives = [Objective(row=row, objective="Be more visible", measure="Press")]
    return "vision.objective-not-measurable", "Vision & mission", _row("objectives", "measure", row)


def _no_objectives(hw: Homework) -> tuple[str, str, str]:
    hw.vision.objectives = []
    first = LAYOUT.tables["objectives"].first_row
    return "vision.no-objectives", "Vision & mission", _row("objectives", "objective", first)


def _no_brand(hw: Homework) -> tuple[str, str, str]:
    hw.communication.brand_values = hw.communication.brand_attributes = ""
    return "communication.no-brand", "Communication", LAYOUT.cell("brand_values").ref


def _no_objective(hw: Homework) -> tuple[str, str, str]:
    t = hw.communication.plan[1]
    t.objective = ""
    return "communication.no-objective", "Communication", _row("communication", "objective", t.row)


def _no_channel(hw: Homework) -> tuple[str, str, str]:
    t = hw.communication.plan[0]
    t.channel = ""
    return "communication.no-channel", "Communication", _row("communication", "channel", t.row)


def _no_timing(hw: Homework) -> tuple[str, str, str]:
    t = hw.communication.plan[0]
    t.timing = ""
    return "communication.no-timing", "Communication", _row("communication", "timing", t.row)


def _no_group(hw: Homework) -> tuple[str, str, str]:
    row = hw.communication.plan[-1].row + 1
    hw.communication.plan.append(TargetGroup(row=row, objective="Be known", channel="Radio"))
    return "required", "Communication", _row("communication", "group", row)


def _no_plan(hw: Homework) -> tuple[str, str, str]:
    hw.communication.plan = []
    first = LAYOUT.tables["communication"].first_row
    return "communication.empty", "Communication", _row("communication", "group", first)


MUTATIONS: tuple[Mutation, ...] = (
    _gap,
    _unknown_service,
    _terminated,
    _unknown_change,
    _relevance_out_of_range,
    _member_missing,
    _unprioritised,
    _no_needs,
    _long_mission,
    _no_mission,
    _no_vision,
    _factor_no,
    _factor_unticked,
    _vague_objective,
    _no_objectives,
    _no_brand,
    _no_objective,
    _no_channel,
    _no_timing,
    _no_group,
    _no_plan,
)


def test_the_sound_base_raises_nothing_on_the_new_sheets(tmp_path: Path) -> None:
    assert _ours(_check(tmp_path, _base())) == []


@pytest.mark.parametrize("mutate", MUTATIONS, ids=lambda m: m.__name__.strip("_"))
def test_each_slip_raises_its_finding_at_its_cell(tmp_path: Path, mutate: Mutation) -> None:
    hw = _base()
    code, sheet, cell = mutate(hw)
    found = _ours(_check(tmp_path, hw))
    assert [(f.code, f.sheet, f.cell) for f in found] == [(code, sheet, cell)], [
        f.line() for f in found
    ]
