"""The sample data trainers demo with and tests build on: the embedded cohort, the generator,
the planted mistakes and the stress case."""

from __future__ import annotations

import datetime as dt
import random
import re
from collections import Counter
from pathlib import Path

import pytest

from cba_xl import api
from cba_xl.core import vocab
from cba_xl.core.check import check_homework
from cba_xl.core.findings import Finding, Severity
from cba_xl.core.models import Homework
from cba_xl.core.rules.actions import action_quadrant
from cba_xl.core.rules.challenges import challenge_frequencies, top_challenges
from cba_xl.core.rules.plan import plan_schedule
from cba_xl.sample import (
    MISTAKE_KINDS,
    demo_cohort,
    demo_samples,
    generate,
    generate_samples,
    stress_homework,
)
from cba_xl.sample.mistakes import MISTAKES, READER, plant
from cba_xl.spec import LAYOUT, TEMPLATE_VERSION

TODAY = dt.date(2025, 3, 1)  # the academy's in-person meeting, when plans are reviewed

# The cohort's breakout rooms: three themes share 5 picks; rank points
# (rank 1 = 3, 2 = 2, 3 = 1) put Marketing (11) and Cross-country (9) in, Digitalization (8) out.
EXPECTED_TOP5 = (
    "Attracting & retaining members",  # 8 picks
    "Financial sustainability",  # 7
    "Service innovation",  # 6
    "Marketing and visibility",  # 5, 11 points
    "Cross-country/sector collaboration",  # 5, 9 points
)
SIXTH = "Digitalization"  # 5, 8 points

DEMO_MISTAKES = {
    "Costa Cálida Tourism Innovation Cluster": ("choice-not-allowed",),
    "Thracian Software Cluster": ("raci-two-a", "deadline-before-start"),
    "Someș Social Economy Cluster": ("shares-not-100", "goal-without-number"),
}


def errors(hw: Homework) -> list[Finding]:
    return [f for f in check_homework(hw, today=TODAY) if f.severity is Severity.ERROR]


def shares(hw: Homework) -> float:
    p = hw.profile
    return sum(x or 0.0 for x in (p.share_public, p.share_fees, p.share_services, p.share_projects))


def read_back(tmp_path: Path, hw: Homework, name: str) -> tuple[Homework, list[Finding]]:
    path = api.write_homework(tmp_path / f"{name}.xlsx", hw)
    return api.read(path, today=TODAY)


# -- the demo cohort ------------------------------------------------------------------------


def test_demo_cohort_spans_countries_and_ecosystems() -> None:
    cohort = demo_cohort()
    profiles = [hw.profile for hw in cohort]
    assert len(cohort) >= 12
    assert len({p.country for p in profiles}) >= 8
    assert len({p.ecosystem for p in profiles}) >= 6
    assert all(p.country in vocab.COUNTRIES for p in profiles)
    assert all(p.ecosystem in vocab.ECOSYSTEMS for p in profiles)
    assert len({p.cluster_name for p in profiles}) == len(cohort)
    assert len({p.manager_email for p in profiles}) == len(cohort)
    assert all(re.fullmatch(r"[a-z.]+@[a-z-]+\.example", p.manager_email) for p in profiles)
    assert all(hw.template_version == TEMPLATE_VERSION for hw in cohort)


def test_demo_cohort_top5_needs_the_tie_rule() -> None:
    picks = [hw.challenges for hw in demo_cohort()]
    counts = Counter(p.theme for ps in picks for p in ps)
    assert [counts[t] for t in (*EXPECTED_TOP5, SIXTH)] == [8, 7, 6, 5, 5, 5]

    top = top_challenges(picks)
    assert top.names == EXPECTED_TOP5
    assert top.tie_decided == (4, 5)
    assert top.alphabetical == ()
    assert challenge_frequencies(picks)[5].theme == SIXTH


def test_demo_mistakes_are_where_the_cohort_says() -> None:
    planted = {s.homework.cluster: s.mistakes for s in demo_samples() if s.mistakes}
    assert planted == DEMO_MISTAKES


def test_demo_shares_add_up_except_the_planted_slip() -> None:
    for s in demo_samples():
        expected = 90.0 if "shares-not-100" in s.mistakes else 100.0
        assert shares(s.homework) == expected, s.homework.cluster


def test_demo_cohort_is_a_fresh_copy_each_time() -> None:
    first = demo_cohort()
    first[0].plan.clear()
    first[0].canvas_current.blocks["members"].append("changed")
    assert demo_cohort()[0].plan
    assert "changed" not in demo_cohort()[0].canvas_current.blocks["members"]


def test_demo_cohort_varies_in_richness() -> None:
    cohort = demo_cohort()
    assert len({len(hw.plan) for hw in cohort}) >= 3
    assert len({len(hw.actions) for hw in cohort}) >= 3
    assert len({hw.canvas_current.item_count() for hw in cohort}) >= 6


# -- what every participant's homework looks like ------------------------------------------


def assert_homework_shape(hw: Homework) -> None:
    name = hw.cluster
    assert [p.rank for p in hw.challenges] == [1, 2, 3], name
    assert len({p.theme for p in hw.challenges}) == 3, name
    assert all(p.note for p in hw.challenges), name

    sizes = {k: len(v) for k, v in hw.canvas_current.blocks.items()}
    assert all(2 <= n <= 5 for n in sizes.values()), (name, sizes)
    differs = [
        k
        for k in vocab.CANVAS_BLOCK_KEYS
        if hw.canvas_current.blocks[k] != hw.canvas_future.blocks[k]
    ]
    assert len(differs) >= 3, name

    assert 5 <= len(hw.changes) <= 8, name
    top = [c for c in hw.changes if c.priority is not None]
    assert sorted(c.priority or 0 for c in top) == [1, 2, 3], name
    assert any(c.short_term for c in top), name
    assert all(c.block in vocab.CANVAS_BLOCK_KEYS for c in hw.changes), name

    assert 4 <= len(hw.services) <= 8, name
    assert all(
        s.financing in vocab.FINANCING and s.decision in vocab.DECISIONS for s in hw.services
    )

    # the chain (template 2.0): the matrix rates each plan step once, every step serves a goal
    # and advances one of the top-3 changes, and every step has its RACI row
    assert sorted(a.step or 0 for a in hw.actions) == [s.step for s in hw.plan], name
    assert any(action_quadrant(a) == vocab.QUICK_WIN for a in hw.actions), name
    assert all(s.goal in {g.goal_id for g in hw.goals} for s in hw.plan), name
    assert all(s.change in {c.change for c in top} for s in hw.plan), name
    assert {r.step for r in hw.raci} == {s.step for s in hw.plan}, name

    assert 3 <= len(hw.goals) <= 5, name
    ids = {g.goal_id for g in hw.goals}
    assert any(g.parent in ids for g in hw.goals), name

    assert hw.plan_start is not None and hw.plan_start.year == 2025 and hw.plan_start.month <= 3
    assert 5 <= len(hw.plan) <= 9, name
    assert [s.step for s in hw.plan] == list(range(1, len(hw.plan) + 1)), name
    assert all(p < s.step for s in hw.plan for p in s.after), name  # a DAG by construction

    groups = [p.group for p in hw.raci_people]
    per = LAYOUT.raci.per_group
    assert groups == [g for g in vocab.RACI_GROUPS for _ in range(per)], name
    named = Counter(p.group for p in hw.raci_people if p.name)
    assert all(2 <= named[g] <= 4 for g in vocab.RACI_GROUPS), (name, named)
    assert len(hw.raci) >= len(hw.plan), name


def assert_plan_is_feasible(hw: Homework) -> None:
    """Every step has a duration, and the one schedule meets every deadline."""
    assert hw.plan_start is not None
    assert all(s.duration is not None for s in hw.plan), hw.cluster
    sched = plan_schedule(hw)
    assert sched.late == {}, (hw.cluster, sched.late)
    assert sched.finish_date is not None


def test_demo_participants_are_complete_homework() -> None:
    cohort = demo_cohort()
    for hw in cohort:
        assert_homework_shape(hw)
    for s in demo_samples():
        if not s.mistakes:
            assert_plan_is_feasible(s.homework)
    steps = [s for hw in cohort for s in hw.plan]
    # Template 1.1 asks for dates: no step counts days from the start any more.
    assert any(s.deadline for s in steps) and all(s.days is None for s in steps)
    assert all(any(s.milestone for s in hw.plan) for hw in cohort)
    assert all(len({a.status for a in hw.actions}) >= 2 for hw in cohort)


def test_generated_participants_are_complete_homework() -> None:
    for hw in generate(300, 11):
        assert_homework_shape(hw)
        assert_plan_is_feasible(hw)


# -- the check agrees with the samples ------------------------------------------------------


def test_clean_samples_pass_the_check_without_errors() -> None:
    for s in demo_samples():
        if not s.mistakes:
            assert errors(s.homework) == [], s.homework.cluster
    for hw in generate(500, 5):
        assert errors(hw) == [], hw.cluster


def test_about_a_third_of_generated_participants_carry_mistakes() -> None:
    samples = list(generate_samples(900, 2, with_mistakes=True))
    flawed = [s for s in samples if s.mistakes]
    assert 0.25 < len(flawed) / len(samples) < 0.42
    assert all(1 <= len(s.mistakes) <= 3 for s in flawed)
    assert all(len(set(s.mistakes)) == len(s.mistakes) for s in flawed)
    assert set(MISTAKE_KINDS) == {k for s in flawed for k in s.mistakes}


def test_the_check_finds_every_planted_mistake_the_rules_can_see() -> None:
    for s in generate_samples(600, 9, with_mistakes=True):
        codes = {f.code for f in errors(s.homework)}
        for kind in s.mistakes:
            if MISTAKES[kind].found_by != READER:
                assert MISTAKES[kind].code in codes, (s.homework.cluster, kind)
        if not s.mistakes:
            assert not codes, s.homework.cluster


@pytest.mark.parametrize("kind", MISTAKE_KINDS)
def test_each_mistake_kind_is_reported_from_the_workbook(kind: str, tmp_path: Path) -> None:
    hw = next(generate(1, 21))
    assert plant(hw, kind, random.Random(kind))
    _, findings = read_back(tmp_path, hw, kind)
    found = {f.code for f in findings if f.severity is Severity.ERROR}
    assert MISTAKES[kind].code in found


def test_demo_cohort_round_trips_through_workbooks(tmp_path: Path) -> None:
    for i, s in enumerate(demo_samples()):
        read, findings = read_back(tmp_path, s.homework, str(i))
        found = {f.code for f in findings if f.severity is Severity.ERROR}
        assert found == {MISTAKES[k].code for k in s.mistakes}, s.homework.cluster
        if not s.mistakes:
            assert read == s.homework


# -- the generator ---------------------------------------------------------------------------


def test_generate_is_reproducible() -> None:
    assert list(generate(40, 3)) == list(generate(40, 3))
    assert list(generate(40, 3, with_mistakes=True)) == list(generate(40, 3, with_mistakes=True))
    assert list(generate(40, 3)) != list(generate(40, 4))


def test_generated_names_and_emails_are_distinct() -> None:
    profiles = [hw.profile for hw in generate(2000, 1)]
    assert len({p.cluster_name.casefold() for p in profiles}) == 2000
    assert len({p.manager_email.casefold() for p in profiles}) == 2000
    assert all(p.manager_email.isascii() and p.manager_email.endswith(".example") for p in profiles)


def test_generated_participants_are_varied() -> None:
    cohort = list(generate(200, 8))
    assert len({hw.profile.country for hw in cohort}) >= 15
    assert {hw.profile.ecosystem for hw in cohort} == set(vocab.ECOSYSTEMS)
    assert len({hw.challenges[0].theme for hw in cohort}) == len(vocab.CHALLENGE_THEMES)
    decisions = Counter(s.decision for hw in cohort for s in hw.services)
    assert set(decisions) == set(vocab.DECISIONS)
    assert all(shares(hw) == 100.0 for hw in cohort)


# -- the stress case -------------------------------------------------------------------------


def test_stress_homework_overflows_every_table() -> None:
    hw = stress_homework()
    assert len(hw.plan) == 40 and len(hw.actions) == 40
    assert len(hw.cluster) >= 100
    cells = [
        *(s.action for s in hw.plan),
        *(s.outcome for s in hw.plan),
        *(a.action for a in hw.actions),
        *(item for items in hw.canvas_current.blocks.values() for item in items),
    ]
    assert sum(len(c) >= 250 for c in cells) >= 100
    text = " ".join(cells)
    assert re.search(r"[ąęłńśźż]", text)  # Polish
    assert re.search(r"[α-ω]", text)  # Greek
    assert re.search(r"[а-я]", text)  # Bulgarian (Cyrillic)
    assert errors(hw) == []
