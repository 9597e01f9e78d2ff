"""What the demo cohort says is something a trainer can present: a trend, a field of competence
or a member need is linked to a step, change or service only when their words relate them; the
strategic objectives are the participant's own goals; the visions and missions are each
participant's own, not one template for the cohort; the trends fit the cluster's sector."""

from __future__ import annotations

import re
from collections.abc import Iterator

from cba_xl.core.models import Homework, PlanStep
from cba_xl.sample import demo_cohort, demo_samples, generate
from cba_xl.sample.foresight import phrases
from cba_xl.sample.relate import fits, mentions, share_words


def _cohorts() -> Iterator[Homework]:
    yield from demo_cohort()
    yield from generate(30, 5)


def _step(hw: Homework, n: int) -> PlanStep:
    return next(s for s in hw.plan if s.step == n)


def _bank_trend(hw: Homework, text: str) -> str:
    """The bank's wording of a trend the sample wrote (with its {topic} filled in)."""
    for group in phrases()["trends"].values():
        for raw, _ in group:
            pattern = re.escape(raw).replace(re.escape("{topic}"), ".+")
            if re.fullmatch(pattern, text):
                return str(raw)
    raise AssertionError(f"{hw.cluster}: {text!r} is no trend of the bank")


def test_the_reviewers_unrelated_links_are_gone() -> None:
    by_name = {hw.cluster: hw for hw in demo_cohort()}
    odra = by_name["Odra Valley Food Innovation Cluster"]
    links = {
        (c.field, _step(odra, n).action) for hw in [odra] for c in hw.competencies for n in c.steps
    }
    assert ("Language skills", "Run five pilot audits at a discount") not in links
    assert (
        "Cluster policies and funding programmes",
        "Survey members on data requests from retailers",
    ) not in links
    trends = {t.trend: t for t in odra.trends}
    assert "Venture capital retreats from early-stage firms" not in trends
    assert not any("tariffs on components" in t for t in trends)
    served = {(n.need, n.service) for hw in demo_cohort() for n in hw.needs}
    assert ("Simpler permits for plant expansion", "Monthly newsletter") not in served


def test_a_trend_is_linked_only_to_what_its_words_relate() -> None:
    words = phrases()["trend_words"]
    linked = 0
    for hw in _cohorts():
        for t in hw.trends:
            own = words[_bank_trend(hw, t.trend)]
            if t.change:
                assert mentions(t.change, own), (hw.cluster, t.trend, t.change)
            for n in t.steps:
                s = _step(hw, n)
                assert mentions(f"{s.action} {s.outcome}", own), (hw.cluster, t.trend, s.action)
            linked += bool(t.change or t.steps)
    assert linked >= 20  # the links are there, where they fit


def test_a_competence_gap_is_closed_only_by_steps_that_build_the_field() -> None:
    words = phrases()["competence_words"]
    closed = 0
    for hw in _cohorts():
        for c in hw.competencies:
            for n in c.steps:
                s = _step(hw, n)
                assert mentions(f"{s.action} {s.outcome}", words[c.field]), (c.field, s.action)
            closed += bool(c.steps)
    assert closed >= 20


def test_a_need_is_served_by_a_service_of_its_kind() -> None:
    served_needs = phrases()["strategy"]["served_needs"]
    for hw in demo_cohort():
        fields = {s.service: s.field for s in hw.services}
        for n in hw.needs:
            if n.service:
                field, texts = served_needs[fields[n.service]]
                assert n.field == field, (hw.cluster, n.need, n.service)
                # the service's own words name the need, or the need is its field's first
                # one, which any service of the field serves
                fitting = [t for t in texts if share_words(t, n.service)] or texts[:1]
                assert any(re.fullmatch(_filled(t), n.need) for t in fitting), (n.need, n.service)
            if n.change:
                assert share_words(n.need, n.change), (hw.cluster, n.need, n.change)


def _filled(text: str) -> str:
    return re.sub(r"\\\{\w+\\\}", ".+", re.escape(text))


def test_the_objectives_are_the_participants_own_goals() -> None:
    # (a planted mistake may change a goal after the objectives were drawn from it)
    for hw in (s.homework for s in demo_samples() if not s.mistakes):
        goals = {g.metric: g for g in hw.goals}
        assert hw.vision.objectives, hw.cluster
        for o in hw.vision.objectives:
            g = goals[o.measure]
            assert g.goal.startswith(o.objective.split(" by ")[0]), (o.objective, g.goal)
            assert g.deadline is not None and o.year == g.deadline.year, (o, g)
    # the reviewer's case: goal G1 says 20 % by end of 2026, so no objective says 40 % by then
    odra = demo_cohort()[0]
    said = " ".join(o.objective for o in odra.vision.objectives)
    assert "20%" in said and "40 %" not in said


def _alike(a: str, b: str) -> bool:
    """Two statements of one template: most of their words the same."""
    x, y = set(a.lower().split()), set(b.lower().split())
    return len(x & y) / len(x | y) >= 0.6


def test_no_vision_or_mission_is_the_template_of_three_participants() -> None:
    cohort = demo_cohort()
    for statements in (
        [hw.vision.vision for hw in cohort],
        [hw.vision.mission for hw in cohort],
    ):
        assert len(set(statements)) == len(statements)
        for s in statements:
            assert sum(_alike(s, other) for other in statements) <= 2, s


def test_every_trend_and_unserved_need_fits_the_clusters_sector() -> None:
    fit = phrases()["sector_fit"]
    for hw in _cohorts():
        for t in hw.trends:
            assert fits(_bank_trend(hw, t.trend), hw.profile.ecosystem, fit), (hw.cluster, t.trend)
        for n in hw.needs:
            assert fits(n.need, hw.profile.ecosystem, fit), (hw.cluster, n.need)
