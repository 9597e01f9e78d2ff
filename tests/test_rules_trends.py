"""Trends and Competencies (issue 14, template 2.1): a generated participant passes the check
without a finding of these tools, through a real workbook; mutated copies raise each finding at
the sheet and cell the participant must change. (The native formulas are held to the rules in
tests/test_template_libreoffice.py.)"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from cba_xl.core.findings import Finding
from cba_xl.core.models import Homework
from cba_xl.excel.builder import build_workbook
from cba_xl.sample import demo_cohort, generate
from cba_xl.spec import LAYOUT
from cba_xl.workbook_check import check

TODAY = dt.date(2025, 1, 10)
MINE = ("trends.", "competencies.")


def _sample() -> Homework:
    hw = next(generate(1, 3))
    assert hw.trends and hw.competencies
    return hw


def _findings(tmp_path: Path, hw: Homework, name: str = "hw.xlsx") -> list[Finding]:
    path = build_workbook(tmp_path / name, hw)
    result = check(path, today=TODAY)
    assert result.homework is not None
    return result.findings


def _mine(found: list[Finding]) -> list[Finding]:
    return [f for f in found if f.code.startswith(MINE)]


# What the samples leave for the check to point out: a pressing trend or a competence gap
# nothing in the plan relates to stays unlinked (cba_xl.sample.relate), as homework does.
UNLINKED = {"trends.unanswered", "competencies.gap-open"}


def test_generated_and_demo_participants_pass_these_checks(tmp_path: Path) -> None:
    found = _mine(_findings(tmp_path, _sample()))
    for i, hw in enumerate(demo_cohort()):
        found += _mine(_findings(tmp_path, hw, f"demo{i}.xlsx"))
    # never a broken link, a PESTEL group left out or a field unassessed
    assert {f.code for f in found} <= UNLINKED, [f.line() for f in found]
    assert len(found) <= 10, [f.line() for f in found]  # the exception, not the rule


def _pressing_unanswered(hw: Homework) -> str:
    t = hw.trends[0]
    t.influence, t.competence, t.change, t.steps = 5, 1, "", ()
    return LAYOUT.tables["trends"].cell("change", t.row)


def _pestel_gap(hw: Homework) -> str:
    hw.trends = [t for t in hw.trends if t.factor != "Legal"]
    for i, t in enumerate(hw.trends):
        t.row = LAYOUT.tables["trends"].first_row + i
    return LAYOUT.tables["trends"].cell("trend", LAYOUT.tables["trends"].first_row)


def _unknown_change(hw: Homework) -> str:
    t = hw.trends[0]
    t.change = "Open a cluster office on the Moon"
    return LAYOUT.tables["trends"].cell("change", t.row)


def _trend_unknown_step(hw: Homework) -> str:
    t = hw.trends[0]
    t.steps = (99,)
    return LAYOUT.tables["trends"].cell("steps", t.row)


def _trend_factor_empty(hw: Homework) -> str:
    t = hw.trends[0]
    t.factor = ""
    return LAYOUT.tables["trends"].cell("factor", t.row)


def _gap_open(hw: Homework) -> str:
    c = hw.competencies[0]
    c.current, c.target, c.steps = 1, 4, ()
    return LAYOUT.tables["competencies"].cell("steps", c.row)


def _closing_step_missing(hw: Homework) -> str:
    c = hw.competencies[1]
    c.current, c.target, c.steps = 2, 3, (42,)
    return LAYOUT.tables["competencies"].cell("steps", c.row)


def _target_below(hw: Homework) -> str:
    c = hw.competencies[2]
    c.current, c.target, c.steps = 4, 2, ()
    return LAYOUT.tables["competencies"].cell("target", c.row)


def _level_empty(hw: Homework) -> str:
    c = hw.competencies[3]
    c.target = None
    return LAYOUT.tables["competencies"].cell("target", c.row)


MUTATIONS: dict[str, tuple[Callable[[Homework], str], str, str]] = {
    "pressing trend without answer": (_pressing_unanswered, "trends.unanswered", "Trends"),
    "a PESTEL group left empty": (_pestel_gap, "trends.pestel-gap", "Trends"),
    "a change that is not listed": (_unknown_change, "trends.unknown-change", "Trends"),
    "a trend's step that does not exist": (_trend_unknown_step, "trends.unknown-step", "Trends"),
    "a trend without factor group": (_trend_factor_empty, "required", "Trends"),
    "a gap no step closes": (_gap_open, "competencies.gap-open", "Competencies"),
    "a closing step that does not exist": (
        _closing_step_missing,
        "competencies.unknown-step",
        "Competencies",
    ),
    "a target below today": (_target_below, "competencies.target-below", "Competencies"),
    "a level left empty": (_level_empty, "required", "Competencies"),
}


@pytest.mark.parametrize("name", list(MUTATIONS))
def test_each_mutation_raises_its_finding_at_its_cell(tmp_path: Path, name: str) -> None:
    mutate, code, sheet = MUTATIONS[name]
    hw = copy.deepcopy(_sample())
    cell = mutate(hw)
    found = [(f.code, f.sheet, f.cell) for f in _findings(tmp_path, hw)]
    assert (code, sheet, cell) in found, found


def test_empty_sheets_are_said_once_each(tmp_path: Path) -> None:
    hw = copy.deepcopy(_sample())
    hw.trends, hw.competencies = [], []
    codes = [f.code for f in _findings(tmp_path, hw)]
    assert codes.count("trends.empty") == 1 and codes.count("competencies.empty") == 1


def test_a_pressing_trend_is_answered_by_its_change_or_a_plan_steps_action(tmp_path: Path) -> None:
    hw = copy.deepcopy(_sample())
    t = hw.trends[0]
    t.influence, t.competence, t.steps = 5, 1, ()
    # Case, spacing and a shortened wording of a listed change; then a plan step's action.
    t.change = "  " + hw.changes[0].change.upper()[:-3] + " "
    assert _mine(_findings(tmp_path, hw)) == []
    t.change = hw.plan[0].action
    assert _mine(_findings(tmp_path, hw, "step.xlsx")) == []


def _row(f: Finding) -> int:
    return int("".join(ch for ch in f.cell if ch.isdigit()) or 0)


def test_a_pressing_trend_driving_an_unknown_change_is_said_once(tmp_path: Path) -> None:
    """The participant did answer the trend; the answer names nothing listed. One finding says
    so, not a second one claiming there is no answer at all."""
    hw = copy.deepcopy(_sample())
    t = hw.trends[0]
    t.influence, t.competence, t.steps = 5, 1, ()
    t.change = "Something not in changes"
    at_trend = [f.code for f in _mine(_findings(tmp_path, hw)) if _row(f) == t.row]
    assert at_trend == ["trends.unknown-change"]
    t.change, t.steps = "", (99,)
    at_trend = [f.code for f in _mine(_findings(tmp_path, hw, "step.xlsx")) if _row(f) == t.row]
    assert at_trend == ["trends.unknown-step"]


def test_a_gap_closed_by_steps_the_plan_lacks_is_said_once(tmp_path: Path) -> None:
    hw = copy.deepcopy(_sample())
    c = hw.competencies[1]
    c.current, c.target, c.steps = 1, 4, (42,)
    at_field = [f.code for f in _mine(_findings(tmp_path, hw)) if _row(f) == c.row]
    assert at_field == ["competencies.unknown-step"]
