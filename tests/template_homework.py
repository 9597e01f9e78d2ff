"""A hand-made homework that exercises every derived column of the template (not a test file)."""

from __future__ import annotations

import datetime as dt

from cba_xl.core import vocab
from cba_xl.core.models import (
    Action,
    Canvas,
    ChallengePick,
    Change,
    Communication,
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
    VisionMission,
)
from cba_xl.spec import LAYOUT

PLAN_START = dt.date(2025, 1, 6)
FORMULA_LIKE = "=cmd|' /C calc'!A0"


def _canvas(horizon: str, extra: str) -> Canvas:
    canvas = Canvas(horizon=horizon)
    canvas.blocks.update(
        {
            "partners": ["Regional government", "Port authority", "Two universities"],
            "ecosystem": ["Blue economy clusters in the Baltic", "EU ocean tech network"],
            "activities": ["Matchmaking events", "Joint R&D projects", "Trade missions"],
            "resources": ["Team of 6", "Test basin access", "Member database"],
            "value_proposition": [
                "One door to ocean tech know-how in the region",
                "Access to EU funding and partners",
                "Visibility at international fairs",
                extra,
            ],
            "engagement": ["Working groups", "Annual member survey"],
            "channels": ["Newsletter", "LinkedIn", "Member portal"],
            "members": ["SMEs in marine technology", "Research institutes"],
            "potential_members": ["Offshore wind suppliers", "Start-ups"],
            "funding_partners": ["Regional development agency", "Interreg"],
            "cost_structure": ["Staff", "Events", "Office and IT"],
            "public_funding": ["Regional cluster programme"],
            "private_funding": ["Membership fees", "Paid services"],
            "project_funding": ["Interreg Baltic Sea", "Horizon Europe"],
        }
    )
    return canvas


def sample_homework() -> Homework:
    hw = Homework()
    hw.profile = Profile(
        cluster_name="Baltic Ocean Tech Cluster",
        region="Pomerania",
        country="PL",
        ecosystem="Mobility - Transport - Automotive",
        members=84,
        founding_year=2011,
        manager_name="Anna Kowalska",
        manager_email="anna.kowalska@oceantech.example.eu",
        staff_fte=6.5,
        budget_eur=650000,
        share_public=40,
        share_fees=25,
        share_services=15,
        share_projects=20.5,  # the shares add up to 100.5: still fine
    )
    hw.challenges = [
        ChallengePick(rank=1, theme=vocab.CHALLENGE_THEMES[3], note="Public funding ends 2026"),
        ChallengePick(rank=2, theme=vocab.CHALLENGE_THEMES[1], note="Members lag in data use"),
        ChallengePick(rank=3, theme=vocab.CHALLENGE_THEMES[8], note=FORMULA_LIKE),
    ]
    hw.canvas_current = _canvas("current", "Training for members' staff")
    hw.canvas_future = _canvas("future", "Data space for ocean observations")
    hw.changes = [
        Change(change="Fee-based data services", block="private_funding", priority=1,
               short_term=False, feedback="Price by member size"),
        Change(change="Start-up membership tier", block="members", priority=2, short_term=True),
        Change(change="Offshore wind working group", block="engagement", priority=3),
        Change(change="Shared test basin booking", block="resources"),
    ]  # fmt: skip
    hw.services = [
        Service(service="Matchmaking days", field="Networking", financing=vocab.FINANCING[0],
                effort=5, value=1, rating=2, decision="Make fee-based"),
        Service(service="Newsletter", field="Visibility", financing=vocab.FINANCING[0],
                effort=1, value=5, rating=3, decision="Keep"),
        Service(service="Trade missions", field="Internationalisation",
                financing=vocab.FINANCING[2], effort=5, value=5, decision="Keep"),
        Service(service="Funding advice", field="Funding", financing=vocab.FINANCING[1],
                effort=3, value=3, rating=5, decision="Change"),
        Service(service="Test basin access", field="Innovation", financing=vocab.FINANCING[1],
                effort=4, value=2, rating=4, decision="Terminate"),
        Service(service="Expert pool", field="Innovation", financing=vocab.FINANCING[1],
                effort=5, value=1, decision="Keep"),
        Service(service="Study tours", field="Internationalisation",
                financing=vocab.FINANCING[0], effort=4, value=3, decision="Keep"),
        Service(service="Webinars", field="Visibility", financing=vocab.FINANCING[2],
                effort=1, value=4, decision="Keep"),
        Service(service="Peer circles", field="Networking", financing=vocab.FINANCING[2],
                effort=2, rating=5, decision="Keep"),
    ]  # fmt: skip
    # Template 2.0: the matrix rates the plan's steps; their words come from the plan.
    hw.actions = [
        Action(step=1, action="Survey members", impact="High", effort="Low",
               status="Not started"),
        Action(step=2, action="Draft price list", impact="High", effort="High",
               status="In progress"),
        Action(step=3, action="Board decision", impact="Low", effort="Low", status="Done"),
        Action(step=4, action="Launch", impact=" high ", effort="low", status="In progress"),
        Action(step=5, action="Review after launch", impact="Low", effort="High",
               status="Not started"),
        Action(step=5, action="Review after launch", impact="", effort="Low",
               status="Not started"),
    ]  # fmt: skip
    hw.goals = [
        Goal(goal_id="G1", goal="Raise paid-service income to 20 % of the budget by 2026",
             metric="Share of budget", target=20, owner="Anna Kowalska",
             deadline=dt.date(2026, 12, 31)),
        Goal(goal_id="G1.1", goal="Sign 10 members up for the data service",
             metric="Subscribers", target=10, owner="Piotr Nowak",
             deadline=dt.date(2025, 9, 30), parent="G1"),
    ]  # fmt: skip
    hw.plan_start = PLAN_START
    hw.plan = [
        PlanStep(step=1, action="Survey members", goal="G1.1", responsible="Piotr",
                 outcome="Needs list",
                 deadline=dt.date(2025, 2, 14), duration=20, milestone=True),
        PlanStep(step=2, action="Draft price list", responsible="Anna", outcome="Price list",
                 deadline=dt.date(2025, 2, 20), duration=10, after=(1,)),
        PlanStep(step=3, action="Board decision", responsible="Board", outcome="Decision",
                 stakeholders="Board, two members", requirements="Board meeting",
                 duration=0, after=(2,), milestone=True),
        PlanStep(step=4, action="Launch", responsible="Anna", outcome="First 5 subscribers",
                 deadline=dt.date(2025, 6, 1), after=(3,)),
        PlanStep(step=5, action="Review after launch", responsible="", outcome=""),
    ]  # fmt: skip
    hw.raci_people = [
        RaciPerson(group=vocab.RACI_GROUPS[0], name="Anna"),
        RaciPerson(group=vocab.RACI_GROUPS[0], name="Piotr"),
        RaciPerson(group=vocab.RACI_GROUPS[1], name="Board"),
        RaciPerson(group=vocab.RACI_GROUPS[2], name="Region"),
    ]
    # Template 2.0: RACI rows are the plan's steps, and a subtask of one.
    hw.raci = [
        RaciRow(step=1, deliverable="Survey members", roles=["A", "R", "I", ""]),
        RaciRow(step=2, deliverable="Draft price list", roles=["A/C", "R/A", "C", ""]),
        RaciRow(step=3, deliverable="Board decision", roles=["C", "C", "I", "I"]),
        RaciRow(step=4, deliverable="Launch", roles=["A", "", "", "I"]),
        RaciRow(
            step=4, subtask="Funding talk", deliverable="Funding talk", roles=["R", "", "", "A/C"]
        ),
    ]
    _strategy(hw)
    return hw


def _strategy(hw: Homework) -> None:
    """Needs that tie on relevance, lack one, name a service in other case, one to be
    terminated, one not on the Services sheet, and none; a mission typed over two lines."""
    first = LAYOUT.tables["needs"].first_row
    fields = vocab.NEED_FIELDS
    hw.needs = [
        Need(
            row=first,
            member="Anchor firm",
            need="Test capacity",
            field=fields[2],
            relevance=4,
            service="test basin access",
        ),
        Need(
            row=first + 1,
            member="Shipyards",
            need="Buyers abroad",
            field=fields[4],
            relevance=5,
            service="Trade missions",
        ),
        Need(row=first + 2, member="Start-ups", need="Investors", field=fields[0], relevance=4),
        Need(row=first + 3, member="Institutes", need="Shared data", service="Space tourism"),
        Need(
            row=first + 4,
            member="SMEs",
            need="Welders",
            field=fields[1],
            relevance=5,
            service="Newsletter",
            change="Fee-based data services",
        ),
    ]
    hw.vision = VisionMission(
        vision="The Baltic's reference cluster for ocean technology",
        mission="We connect ocean tech firms,\nresearch and the region so that members grow",
        ticks={"vision": {"shared": True, "concise": False}, "mission": {"inspiring": True}},
        objectives=[
            Objective(
                row=LAYOUT.tables["objectives"].first_row,
                objective="Grow to 100 members",
                measure="Members",
                year=2027,
            ),
        ],
    )
    hw.communication = Communication(
        brand_values="Openness and sea-going tradition",
        brand_attributes="The one address for ocean tech in Pomerania",
        plan=[
            TargetGroup(
                row=LAYOUT.tables["communication"].first_row,
                group="Members",
                objective="Commitment",
                channel="Newsletter",
                timing="Monthly",
                responsible="Anna Kowalska",
            ),
        ],
    )
