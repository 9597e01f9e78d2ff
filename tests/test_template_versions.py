"""Workbooks participants already hold keep working: the 1.0 fixtures (made by cba-xl 0.1.0,
see tests/fixtures/v1_0/README.md) are read by today's reader with the findings 1.0 gave."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest

import cba_xl
from cba_xl import api
from cba_xl.core.findings import Loc, Severity
from cba_xl.excel.reader import read_homework
from cba_xl.spec import TEMPLATE_VERSION

FIXTURES = Path(__file__).parent / "fixtures" / "v1_0"
DEMO = sorted((FIXTURES / "demo").glob("*.xlsx"))
RECORDED = json.loads((FIXTURES / "demo-findings-1.0.json").read_text(encoding="utf-8"))
# What 1.0 cannot say, each reported once as info: durations it did not require, and the chain
# of template 2.0 (steps naming their goal and change).
WHAT_1_0_LACKS = {"plan.assumed-duration", "plan.no-chain"}
# Rules changed on purpose since 1.0 (issue 10: the academy's service and SMART rules, see
# docs/checks.md): codes a 1.0 workbook may now get too, and codes whose message was reworded.
NEW_RULES = {"services.fee-included-costly", "services.already-fee-based", "smart.sub-goal-late"}
REWORDED = {"services.member-gap"}
# Template 2.1 added the strategy review's five sheets: said once, as info, at the profile.
OLDER_VERSION = "template.older-version"


def test_the_fixtures_are_the_whole_1_0_demo_cohort() -> None:
    assert len(DEMO) == 14 == len(RECORDED)
    assert TEMPLATE_VERSION != "1.0"


@pytest.mark.parametrize("path", DEMO, ids=lambda p: p.name[:3])
def test_a_1_0_workbook_checks_with_the_findings_1_0_gave(path: Path) -> None:
    [result] = api.check_many([path])
    lacks = [f for f in result.findings if f.code in WHAT_1_0_LACKS]
    assert all(f.severity is Severity.INFO for f in lacks)
    assert len(lacks) == len({f.code for f in lacks})
    [older] = [f for f in result.findings if f.code == OLDER_VERSION]
    assert older.severity is Severity.INFO and "Member needs" in older.message

    def same(code: str, message: str) -> str:
        return "(reworded)" if code in REWORDED else message

    now = [
        (f.severity.value, f.code, f.sheet, f.cell, same(f.code, f.message))
        for f in result.findings
        if f.code not in WHAT_1_0_LACKS | NEW_RULES | {OLDER_VERSION}
    ]
    [older] = [f for f in result.findings if f.code == OLDER_VERSION]
    assert older.severity is Severity.INFO and "Trends" in older.message
    then = [
        (f["severity"], f["code"], f["sheet"], f["cell"], same(f["code"], f["message"]))
        for f in RECORDED[path.name]
    ]
    assert now == then


def test_1_0_days_from_start_become_deadline_constraints_of_the_one_schedule() -> None:
    hw, _ = read_homework(FIXTURES / "demo" / "008-thracian-software-cluster.xlsx")
    assert hw.template_version == "1.0"
    assert hw.plan_start is not None
    by_step = {s.step: s for s in hw.plan}
    # Step 1 was "21 days from start" in 1.0; step 2 a date.
    assert (by_step[1].days, by_step[1].deadline) == (21, None)
    sched = cba_xl.plan_schedule(hw)
    assert sched.deadline(1) == hw.plan_start + dt.timedelta(days=21)
    assert sched.finish_date is not None


def test_a_version_without_a_tool_neither_reads_nor_checks_it_and_says_so_once() -> None:
    """A tool added in a later version (as issue 14's five are) is absent from older workbooks:
    its empty sheet is not the participant's mistake, so no rule runs on it and no slide shows
    it; one info finding says what the version lacks and how to move on."""
    from cba_xl.core.check import check_raw
    from cba_xl.core.raw import RawCell, RawRow, RawWorkbook
    from cba_xl.core.tools import BY_KEY, KEYS
    from cba_xl.slides.build import compose

    full = RawWorkbook(template_version="9.9")
    _, findings_full = check_raw(full, today=dt.date(2026, 1, 1))
    assert any(f.code == "raci.empty" for f in findings_full)

    older = RawWorkbook(template_version="0.9", tools=tuple(k for k in KEYS if k != "raci"))
    # A stray RACI row in the raw cells is not read either: the version has no such sheet.
    loc = Loc("RACI", "B6")
    older.raci_rows.append(RawRow(6, {"deliverable": RawCell("Launch", loc)}))
    hw, findings = check_raw(older, today=dt.date(2026, 1, 1))
    assert hw.raci == []
    assert not [f for f in findings if f.sheet == "RACI" or f.code.startswith("raci.")]
    [said] = [f for f in findings if f.code == "template.older-version"]
    assert said.severity is Severity.INFO
    assert "0.9" in said.message and BY_KEY["raci"].title in said.message
    with_raci = dataclasses.replace(hw, tools=KEYS)
    assert len(compose(hw, findings).prs.slides) == len(compose(with_raci, findings).prs.slides) - 1


FIXTURES_1_1 = Path(__file__).parent / "fixtures" / "v1_1"
DEMO_1_1 = sorted((FIXTURES_1_1 / "demo").glob("*.xlsx"))
RECORDED_1_1 = json.loads((FIXTURES_1_1 / "demo-findings-1.1.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", DEMO_1_1, ids=lambda p: p.name[:3])
def test_a_1_1_workbook_checks_with_the_findings_1_1_gave(path: Path) -> None:
    """Template 1.1 workbooks (the version before the chain) read with their own layout: the
    same findings as 1.1 gave, plus once each, as info, that their steps name no goal or change
    and that they have no sheets for the tools of 2.1."""
    [result] = api.check_many([path])
    assert result.homework is not None and result.homework.template_version == "1.1"
    lacks = {"plan.no-chain", "template.older-version"}
    said = [f for f in result.findings if f.code in lacks]
    assert sorted(f.code for f in said) == sorted(lacks)
    assert {f.severity for f in said} == {Severity.INFO}
    now = [
        (f.severity.value, f.code, f.sheet, f.cell, f.message)
        for f in result.findings
        if f.code not in lacks
    ]
    then = [
        (f["severity"], f["code"], f["sheet"], f["cell"], f["message"])
        for f in RECORDED_1_1[path.name]
    ]
    assert now == then
    # its own action and deliverable lists are read as they are
    assert all(a.action and a.step is None for a in result.homework.actions)
    assert all(r.deliverable and r.step is None for r in result.homework.raci)


def test_the_1_1_fixtures_are_the_demo_cohort_of_that_version() -> None:
    assert len(DEMO_1_1) == 14 == len(RECORDED_1_1)
    assert api.read(FIXTURES_1_1 / "template-1.1.xlsx")[0].template_version == "1.1"


def test_a_1_1_workbook_is_read_without_the_2_1_sheets_and_says_so_once(
    make_workbook: Callable[..., Path],
) -> None:
    """A 1.1 workbook (the template before issue 14) has no Member needs, Vision & mission or
    Communication sheet: it is read and checked as before, with one info finding."""
    from cba_xl.spec.layout import TEMPLATE_ID

    new = ("Member needs", "Vision & mission", "Communication")
    path = make_workbook("v1_1.xlsx", drop=new, marker=(TEMPLATE_ID, "1.1"))
    [result] = api.check_many([path])
    assert result.homework is not None and result.homework.template_version == "1.1"
    [older] = [f for f in result.findings if f.code == OLDER_VERSION]
    assert older.severity is Severity.INFO
    assert "1.1" in older.message and "Member needs" in older.message
    assert not [f for f in result.findings if f.sheet in new]
    assert not [
        f for f in result.findings if f.code.split(".")[0] in ("needs", "vision", "communication")
    ]


def test_a_1_1_workbook_still_reads_and_says_once_what_2_1_added() -> None:
    """A real 1.1 workbook (before the strategy sheets) reads and checks as before; trends and
    competencies are neither read nor checked, and one info names what 2.1 added."""
    from cba_xl.workbook_check import check

    result = check(DEMO_1_1[0], today=dt.date(2025, 1, 10))
    assert result.homework is not None
    assert result.homework.template_version == "1.1"
    assert result.homework.trends == [] and result.homework.competencies == []
    [older] = [f for f in result.findings if f.code == OLDER_VERSION]
    assert older.severity is Severity.INFO
    assert "Trends" in older.message and "Competency assessment" in older.message
    assert not [f for f in result.findings if f.code.startswith(("trends.", "competencies."))]


def test_the_api_takes_a_path_as_a_string_too() -> None:
    """In a notebook a trainer types a string: read, check and check_many take it."""
    path = str(FIXTURES_1_1 / "demo" / "001-odra-valley-food-innovation-cluster.xlsx")
    hw, _ = cba_xl.read(path)
    assert hw.cluster == "Odra Valley Food Innovation Cluster"
    assert api.check(path).homework is not None
    assert [r.unusable for r in api.check_many([path])] == [None]
