"""The whole-homework check: a sound homework is clean, every rule runs, nothing repeats."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from cba_xl.core import vocab
from cba_xl.core.check import check_homework, check_raw, unique
from cba_xl.core.findings import Loc, error
from cba_xl.core.models import (
    Action,
    Canvas,
    ChallengePick,
    Change,
    Communication,
    Competency,
    Goal,
    Homework,
    Need,
    Objective,
    PlanStep,
    Profile,
    RaciPerson,
    RaciRow,
    Service,
    TargetGroup,
    Trend,
    VisionMission,
)
from cba_xl.core.raw import RawCell, RawRow, RawWorkbook

TODAY = dt.date(2025, 6, 1)
START = dt.date(2025, 2, 1)
ROOT = Path(__file__).resolve().parents[1]


def at(sheet: str, row: int, **cols: str) -> dict[str, Loc]:
    return {k: Loc(sheet, f"{c}{row}") for k, c in cols.items()}


def canvas(horizon: str, extra: list[str]) -> Canvas:
    c = Canvas(horizon=horizon)
    c.blocks["value_proposition"] = ["Matchmaking"]
    c.blocks["members"] = ["Food SMEs"]
    c.blocks["public_funding"] = ["Regional grant"]
    c.blocks["activities"] = ["Events", *extra]
    return c


def good_homework() -> Homework:
    profile = Profile(
        cluster_name="Agri Cluster",
        founding_year=2009,
        staff_fte=4,
        budget_eur=400_000,
        share_public=40,
        share_fees=30,
        share_services=10,
        share_projects=20,
        where=at("Profile", 4, founding_year="B", share_public="B"),
    )
    themes = vocab.CHALLENGE_THEMES
    return Homework(
        profile=profile,
        challenges=[
            ChallengePick(rank=i, theme=themes[i], where=at("Challenges", 3 + i, theme="B"))
            for i in (1, 2, 3)
        ],
        canvas_current=canvas("current", []),
        canvas_future=canvas("future", ["Academy"]),
        changes=[
            Change(row=4, change="Start an academy", priority=1, short_term=True),
            Change(row=5, change="Fee-based matchmaking", priority=2, short_term=False),
            Change(row=6, change="EU projects", priority=3, short_term=False),
        ],
        services=[Service(row=4, service="Matchmaking", effort=2, value=4, decision="Keep")],
        actions=[
            Action(row=4, step=1, action="Survey", impact="High", effort="Low"),
            Action(row=5, step=2, action="Pilot", impact="High", effort="High"),
            Action(row=6, step=3, action="Proposal", impact="Low", effort="Low"),
        ],
        goals=[
            Goal(
                row=4,
                goal_id="G1",
                goal="Recruit 20 new members",
                metric="members",
                target=20,
                owner="Anna",
                deadline=dt.date(2025, 12, 31),
            )
        ],
        plan_start=START,
        plan=[
            PlanStep(
                row=7,
                step=1,
                action="Survey",
                goal="G1",
                change="Start an academy",
                responsible="Anna",
                outcome="Needs",
                days=30,
            ),
            PlanStep(
                row=8,
                step=2,
                action="Pilot",
                goal="G1",
                change="Fee-based matchmaking",
                responsible="Ben",
                outcome="Pilot",
                deadline=dt.date(2025, 5, 1),
                after=(1,),
                where=at("Action plan", 8, deadline="G"),
            ),
            PlanStep(
                row=9,
                step=3,
                action="Proposal",
                goal="G1",
                change="EU projects",
                responsible="Ben",
                outcome="Proposal",
                duration=20,
            ),
        ],
        raci_people=[RaciPerson(name="Anna"), RaciPerson(name="Ben")],
        raci=[
            RaciRow(row=6, step=1, deliverable="Survey", roles=["A", "R"]),
            RaciRow(row=7, step=2, deliverable="Pilot", roles=["A", "R"]),
            RaciRow(row=8, step=3, deliverable="Proposal", roles=["A", "R"]),
        ],
        needs=[
            Need(row=5, member="Anchor firm", need="Partners", relevance=5, service="Matchmaking")
        ],
        vision=VisionMission(
            vision="The region's food makers lead in healthy food",
            mission="We connect food makers with research and buyers",
            ticks={
                s: dict.fromkeys(vocab.SUCCESS_FACTOR_KEYS, True) for s in ("vision", "mission")
            },
            objectives=[Objective(row=19, objective="Grow to 80 members", year=2027)],
        ),
        communication=Communication(
            brand_values="Quality",
            plan=[
                TargetGroup(
                    row=10,
                    group="Members",
                    objective="Commitment",
                    channel="Newsletter",
                    timing="Monthly",
                )
            ],
        ),
        # One trend per PESTEL group, the pressing one answered by a listed change.
        trends=[
            Trend(
                row=5 + i,
                trend=f"{group} trend",
                factor=group,
                influence=5,
                competence=1,
                change="Start an academy",
            )
            for i, group in enumerate(vocab.PESTEL)
        ],
        # Every field assessed; the one gap closed by step 2.
        competencies=[
            Competency(row=5 + i, field=name, current=3, target=4 if i == 0 else 3, steps=(2,))
            for i, name in enumerate(vocab.COMPETENCE_NAMES)
        ],
        anchors={"plan": Loc("Action plan", "B7"), "actions": Loc("Priority matrix", "B4")},
    )


def test_a_sound_homework_has_no_findings() -> None:
    assert check_homework(good_homework(), today=TODAY) == []


def test_every_section_is_checked() -> None:
    hw = good_homework()
    hw.profile.share_projects = 50
    hw.challenges = hw.challenges[:2]
    hw.canvas_future = canvas("future", [])
    hw.changes[0].short_term = False
    hw.services[0].value, hw.services[0].rating = 5, 2
    hw.actions[0].effort = "High"
    hw.goals[0].parent = "G7"
    hw.plan[1].deadline = dt.date(2024, 12, 1)
    hw.raci[0].roles = ["R", "R"]
    codes = {f.code for f in check_homework(hw, today=TODAY)}
    assert codes == {
        "profile.shares-total",
        "challenges.too-few",
        "canvas.unchanged",
        "changes.no-short-term",
        "services.member-gap",
        "actions.no-quick-win",
        "smart.parent-missing",
        "plan.before-start",
        "plan.before-predecessor",
        "raci.one-a",
    }


def test_messages_say_what_was_found_and_what_was_expected() -> None:
    hw = good_homework()
    hw.plan[1].deadline = dt.date(2024, 1, 31)
    [f] = [f for f in check_homework(hw, today=TODAY) if f.code == "plan.before-start"]
    assert (
        f.line()
        == "'Action plan'!G8: error: deadline 2024-01-31 is before the plan start 2025-02-01"
    )


def test_empty_homework_names_each_empty_section() -> None:
    codes = {f.code for f in check_homework(Homework(), today=TODAY)}
    assert codes >= {
        "challenges.too-few",
        "canvas.empty",
        "changes.empty",
        "services.empty",
        "actions.empty",
        "goals.empty",
        "plan.empty",
        "raci.empty",
    }


def test_findings_are_unique() -> None:
    f = error(Loc("RACI", "A6"), "raci.one-a", "x")
    assert unique([f, f, error(Loc("RACI", "A7"), "raci.one-a", "x"), f]) == [
        f,
        error(Loc("RACI", "A7"), "raci.one-a", "x"),
    ]


def raw_plan(start: object, deadline: object, days: object = None) -> RawWorkbook:
    def c(value: object, ref: str) -> RawCell:
        return RawCell(value, Loc("Action plan", ref))

    row = RawRow(
        7,
        {
            "step": c(1, "A7"),
            "action": c("Survey", "B7"),
            "responsible": c("Anna", "C7"),
            "outcome": c("Needs", "F7"),
            "deadline": c(deadline, "G7"),
            "days": c(days, "H7"),
        },
    )
    return RawWorkbook(fields={"plan_start": c(start, "B4")}, tables={"plan": [row]})


def test_check_raw_does_not_repeat_a_reading_error_as_a_rule_finding() -> None:
    hw, found = check_raw(raw_plan("01.02.2025", "31.13.2025"), today=TODAY)
    # (the step names no goal either: a finding about another cell)
    plan = [
        (f.code, f.cell) for f in found if f.sheet == "Action plan" and f.code != "plan.no-goal"
    ]
    assert plan == [("type.date", "G7")]  # not also 'step 1 has no deadline'
    assert hw.plan_start == START


def test_check_raw_reports_a_missing_plan_start_once() -> None:
    _, found = check_raw(raw_plan(None, None, days=10), today=TODAY)
    at_start = [f.code for f in found if f.cell == "B4"]
    assert at_start == ["required"]


def test_check_raw_runs_the_rules_on_what_it_read() -> None:
    _, found = check_raw(raw_plan("01.02.2025", "31.01.2024"), today=TODAY)
    assert ("plan.before-start", "G7") in [(f.code, f.cell) for f in found]


def emitted_codes() -> set[str]:
    """Every finding code a rule module or the interpreter can produce, read from the source."""
    prefixes = "profile|challenges|canvas|changes|services|actions|smart|plan|raci"
    codes: set[str] = set()
    for path in (ROOT / "cba_xl/core/rules").glob("*.py"):
        codes |= set(
            re.findall(rf'"((?:{prefixes})\.[a-z0-9-]+)"', path.read_text(encoding="utf-8"))
        )
    codes |= {f"{k}.empty" for k in ("services", "actions", "goals", "plan", "raci")}
    codes |= {"required", "choice", "formula-input"}
    return codes


def test_every_finding_code_is_documented() -> None:
    doc = (ROOT / "docs/checks.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z0-9.-]+)` \|", doc, flags=re.MULTILINE))
    missing = emitted_codes() - documented
    assert not missing, f"add to docs/checks.md: {sorted(missing)}"
    assert "type.date" in documented
