"""The embedded demo cohort: 14 fictional cluster organisations from 14 countries, written the
way participants fill in their homework, three of them with typical mistakes.

The content lives in `cba_xl/data/demo_cohort_*.json`, one object per participant. Table rows
are positional lists, in the workbook's column order:

- challenges: [theme, note], rank 1 first
- current: every canvas block; future: only the blocks that differ in 5 years
- changes: [change, block key, priority or null, short-term or null, peer feedback]
- services: [service, field, financing, effort, value, members' rating or null, decision]
- actions: the priority matrix's ratings of plan steps, [step, impact, effort, status]
- goals: [ID, goal, metric, target, owner, deadline, parent ID]
- plan: [action, responsible, stakeholders, requirements, outcome, deadline, duration,
  milestone, after, goal ID, top-3 change]; a deadline is an ISO date or a number of days from
  the plan start (written as the date it gives: the template asks for dates)
- people: the RACI's named columns, per group; raci: [step, subtask or "", roles] where roles
  is one token per template column ('.' for empty, '|' between groups, ignored)

Template 2.0 links each step to the goal it serves and the change it advances, and rates and
assigns the plan's own steps; the 1.x demo's separate action and deliverable lists were carried
over to the steps they describe (a list item that was no step of the plan was left out).
- mistakes: the kinds of `cba_xl.sample.mistakes` planted into a copy of the clean data

Challenge themes are spread so that choosing the breakout rooms needs the tie rule. 42 picks:
Attracting & retaining members 8, Financial sustainability 7, Service innovation 6, then three
themes with 5 picks each -- Marketing and visibility (ranks 1,1,2,2,3: 11 rank points),
Cross-country/sector collaboration (1,2,2,3,3: 9 points) and Digitalization (1,2,3,3,3:
8 points). The top 5 ends with Marketing and visibility and Cross-country/sector
collaboration; Digitalization is 6th, left out by rank points alone. Then Sustainability
transformation 3, and Stakeholder engagement, Measuring growth, Governance 1 each.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from functools import cache
from importlib import resources
from typing import Any, Final

from cba_xl.core.models import ChallengePick, Homework, PlanStep, Profile
from cba_xl.sample import build, mistakes
from cba_xl.sample.foresight import add_foresight
from cba_xl.sample.generator import phrases
from cba_xl.sample.strategy import add_strategy
from cba_xl.spec import TEMPLATE_VERSION

DATA_FILES: Final = ("demo_cohort_1.json", "demo_cohort_2.json")

# What the tie rule of `cba_xl.core.rules.challenges` must give for this cohort.
EXPECTED_TOP5: Final = (
    "Attracting & retaining members",
    "Financial sustainability",
    "Service innovation",
    "Marketing and visibility",
    "Cross-country/sector collaboration",
)
FIRST_LEFT_OUT: Final = "Digitalization"


@cache
def _records() -> tuple[dict[str, Any], ...]:
    folder = resources.files("cba_xl") / "data"
    out: list[dict[str, Any]] = []
    for name in DATA_FILES:
        out.extend(json.loads((folder / name).read_text(encoding="utf-8")))
    return tuple(out)


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _deadline(due: str | int | None, start: dt.date | None) -> dt.date | None:
    if isinstance(due, str):
        return _date(due)
    if isinstance(due, int) and start is not None:
        return start + dt.timedelta(days=due)
    return None


def homework_from_record(rec: dict[str, Any], variant: int | None = None) -> Homework:
    """One participant's clean homework from its data record; `variant` (the participant's
    place in the cohort) gives each its own vision and mission wording."""
    public, fees, services, projects = (float(x) for x in rec["shares"])
    hw = Homework(
        template_version=TEMPLATE_VERSION,
        profile=Profile(
            cluster_name=rec["cluster"],
            region=rec["region"],
            country=rec["country"],
            ecosystem=rec["ecosystem"],
            members=rec["members"],
            founding_year=rec["founded"],
            manager_name=rec["manager"],
            manager_email=rec["email"],
            staff_fte=float(rec["fte"]),
            budget_eur=float(rec["budget"]),
            share_public=public,
            share_fees=fees,
            share_services=services,
            share_projects=projects,
        ),
    )
    hw.challenges = [
        ChallengePick(rank=i, theme=theme, note=note)
        for i, (theme, note) in enumerate(rec["challenges"], start=1)
    ]
    current = rec["current"]
    hw.canvas_current = build.canvas("current", current)
    hw.canvas_future = build.canvas("future", {**current, **rec["future"]})
    hw.changes = [build.change(i, *row) for i, row in enumerate(rec["changes"])]
    hw.services = [build.service(i, *row) for i, row in enumerate(rec["services"])]
    hw.plan_start = _date(rec["plan_start"])
    hw.plan = [_step(i, row, hw.plan_start) for i, row in enumerate(rec["plan"])]
    words = {s.step: s.action for s in hw.plan}
    hw.actions = [
        build.action(i, words.get(step, ""), impact, effort, status, step=step)
        for i, (step, impact, effort, status) in enumerate(rec["actions"])
    ]
    hw.goals = [
        build.goal(i, gid, text, metric, float(target), owner, _date(deadline), parent)
        for i, (gid, text, metric, target, owner, deadline, parent) in enumerate(rec["goals"])
    ]
    hw.raci_people = build.raci_people(rec["people"])
    hw.raci = [
        build.raci_row(
            i, subtask or words.get(step, ""), build.parse_roles(roles), step=step, subtask=subtask
        )
        for i, (step, subtask, roles) in enumerate(rec["raci"])
    ]
    # The strategy review's needs, vision and communication (template 2.1) are drawn from the
    # phrase bank and this participant's own services and changes, the same every time.
    # Trends and Competencies: drawn for each participant's own changes and plan.
    topic = rec["ecosystem"].lower()
    add_foresight(hw, lambda text: text.replace("{topic}", topic))
    return add_strategy(hw, phrases(), variant=variant)


def _step(i: int, row: list[Any], start: dt.date) -> PlanStep:
    text, responsible, stakeholders, requirements, outcome, due, duration, ms, after = row[:9]
    goal, change = row[9:11]
    return build.plan_step(
        i,
        text,
        responsible,
        stakeholders,
        requirements,
        outcome,
        deadline=_deadline(due, start),
        duration=duration,
        milestone=ms,
        after=after,
        goal=goal,
        change=change,
    )


def demo_samples() -> list[build.Sample]:
    """Every participant of the demo cohort with the mistakes planted into it."""
    out: list[build.Sample] = []
    for i, rec in enumerate(_records()):
        hw = homework_from_record(rec, i)
        kinds = tuple(rec.get("mistakes", ()))
        rng = random.Random(rec["email"])  # the same slip every time for the same participant
        for kind in kinds:
            if not mistakes.plant(hw, kind, rng):
                raise AssertionError(f"{rec['cluster']}: no room for mistake {kind}")
        out.append(build.Sample(hw, kinds))
    return out


def demo_cohort() -> list[Homework]:
    """The embedded cohort, as a trainer receives it: a fresh copy on every call."""
    return [s.homework for s in demo_samples()]


__all__ = ["EXPECTED_TOP5", "FIRST_LEFT_OUT", "demo_cohort", "demo_samples"]
