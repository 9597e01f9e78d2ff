"""Workbooks participants already hold keep working: the 1.0 fixtures (made by cba-xl 0.1.0,
see tests/fixtures/v1_0/README.md) are read by today's reader with the findings 1.0 gave."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import cba_xl
from cba_xl import api
from cba_xl.core.findings import Severity
from cba_xl.excel.reader import read_homework
from cba_xl.spec import TEMPLATE_VERSION

FIXTURES = Path(__file__).parent / "fixtures" / "v1_0"
DEMO = sorted((FIXTURES / "demo").glob("*.xlsx"))
RECORDED = json.loads((FIXTURES / "demo-findings-1.0.json").read_text(encoding="utf-8"))
# What 1.0 cannot say, reported once as info.
WHAT_1_0_LACKS = {"plan.assumed-duration"}
# Rules changed on purpose since 1.0 (issue 10: the academy's service and SMART rules, see
# docs/checks.md): codes a 1.0 workbook may now get too, and codes whose message was reworded.
NEW_RULES = {"services.fee-included-costly", "services.already-fee-based", "smart.sub-goal-late"}
REWORDED = {"services.member-gap"}


def test_the_fixtures_are_the_whole_1_0_demo_cohort() -> None:
    assert len(DEMO) == 14 == len(RECORDED)
    assert TEMPLATE_VERSION != "1.0"


@pytest.mark.parametrize("path", DEMO, ids=lambda p: p.name[:3])
def test_a_1_0_workbook_checks_with_the_findings_1_0_gave(path: Path) -> None:
    [result] = api.check_many([path])
    lacks = [f for f in result.findings if f.code in WHAT_1_0_LACKS]
    assert all(f.severity is Severity.INFO for f in lacks)
    assert len(lacks) <= 1

    def same(code: str, message: str) -> str:
        return "(reworded)" if code in REWORDED else message

    now = [
        (f.severity.value, f.code, f.sheet, f.cell, same(f.code, f.message))
        for f in result.findings
        if f.code not in WHAT_1_0_LACKS | NEW_RULES
    ]
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
