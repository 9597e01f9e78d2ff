"""Every title says only what the homework says: decks built from the demo cohort, generated
participants and mutated variants (empty, one of each, ties), each title checked against the
model by the checker registered for its slide kind in `tests/claims.py`."""

from __future__ import annotations

import re
from functools import cache

import pytest
from claims import (
    _COUNT_WORDS,
    CLAIMS,
    COHORT_CLAIMS,
    UNCHECKED,
    Case,
    Cohort,
    build,
    cohort_slide_titles,
    cohorts,
    common_checks,
    homeworks,
)


@cache
def _cases() -> tuple[Case, ...]:
    return tuple(build(label, hw) for label, hw in homeworks())


@cache
def _cohorts() -> tuple[Cohort, ...]:
    return tuple(cohorts())


def test_every_slide_kind_has_a_checker_or_is_listed_as_pending() -> None:
    kinds = {kind for case in _cases() for kind, _ in case.titles} - {"title"}
    assert kinds - set(CLAIMS) - UNCHECKED == set()
    assert set(CLAIMS) & UNCHECKED == set()


@pytest.mark.parametrize("kind", sorted(CLAIMS))
def test_titles_claim_only_what_the_homework_says(kind: str) -> None:
    checked = 0
    for case in _cases():
        for name, title in case.titles:
            if name != kind:
                continue
            try:
                common_checks(title)
                CLAIMS[kind](case, title)
            except AssertionError as exc:
                raise AssertionError(f"{case.label}, {kind}: {exc}") from None
            checked += 1
    assert checked >= 20, f"only {checked} {kind} titles were built"


def test_every_recorded_title_is_on_a_slide() -> None:
    for case in _cases():
        shown = " | ".join(case.deck_titles)
        for kind, title in case.titles:
            assert title in shown, f"{case.label}: the {kind} title is not on any slide"


def test_bullet_lines_say_all_when_all_is_meant() -> None:
    # the profile slide's takeaways once read "Four of four goals are SMART"
    seen = 0
    for case in _cases():
        for where, line in case.lines:
            every = re.search(rf"(?<!rated )\b({_COUNT_WORDS}|\d+) of (?:the )?\1\b", line, re.I)
            assert not every, f"{case.label}, {where}: {line!r}"
            seen += where == "profile.takeaways"
    assert seen >= 20


def test_pending_titles_still_pass_the_common_checks() -> None:
    # Without the agreement checks: the pending templates still write "One step take the plan"
    # and "All one goal are SMART" for a single item; their owners switch the checks on by
    # registering a checker (a registered kind gets every common check).
    for case in _cases():
        for kind, title in case.titles:
            if kind in UNCHECKED:
                try:
                    common_checks(title, agreement=False)
                except AssertionError as exc:
                    raise AssertionError(f"{case.label}, {kind}: {exc}") from None


@pytest.mark.parametrize("kind", sorted(COHORT_CLAIMS))
def test_cohort_titles_claim_only_what_the_cohort_says(kind: str) -> None:
    for c in _cohorts():
        title = cohort_slide_titles(c)[kind]
        try:
            for line in title.split("\n") if title else ():  # room briefs: one title a line
                common_checks(line)
            COHORT_CLAIMS[kind](c, title)
        except AssertionError as exc:
            raise AssertionError(f"cohort {c.label}, {kind}: {exc}") from None


def test_every_cohort_title_has_a_checker() -> None:
    assert set(cohort_slide_titles(_cohorts()[0])) == set(COHORT_CLAIMS)


def _demo(number: int) -> Case:
    return next(c for c in _cases() if c.label == f"demo {number}")


@pytest.mark.parametrize(
    ("number", "kind", "title"),
    [
        # Wording seen on review of the demo decks, which the checkers must refuse.
        (
            8,
            "canvas_future",
            "In five years the model adds seven items and drops two, "
            "most of them in cluster value proposition",
        ),
        (
            8,
            "profile",
            "Thracian Software Cluster brings together 41 members in Plovdiv, Bulgaria, "
            "and its first challenge is attracting & retaining members",
        ),
        (8, "changes", "Four blocks change; the top three changes target cluster activities"),
        (8, "findings", "The check found 1 errors and one warning to fix"),
        (8, "canvas_current", "Today's business model fills 13 of 14 blocks"),
    ],
)
def test_checkers_refuse_wording_seen_on_review(number: int, kind: str, title: str) -> None:
    case = _demo(number)
    with pytest.raises(AssertionError):
        common_checks(title)
        CLAIMS[kind](case, title)


@pytest.mark.parametrize(
    ("kind", "title"),
    [
        ("cohort.rooms", "Breakout rooms"),
        ("cohort.challenges", "The 5 most frequent challenges become the breakout rooms"),
        ("cohort.submissions", "14 participants consolidated from 14 files; none has errors"),
        ("cohort.actions", "34 of 99 actions are quick wins; 13 of 14 participants have one"),
        # Two themes (Staff, Membership fees) are shared by everyone: no single one leads.
        (
            "cohort.canvas_items",
            "“Staff” (cost structure) is today's most shared canvas theme: all 14 participants",
        ),
        # Counting literally, word for word, finds fewer.
        (
            "cohort.canvas_items",
            "Two canvas themes are each shared by 12 of 14 participants, the most today",
        ),
        (
            "cohort.themes",
            "31 themes in plans and services are shared; “Training & skills” (service fields) "
            "leads with 8 of 14 participants",
        ),
        (
            "cohort.themes",
            "33 themes in plans and services are shared; “Training & skills” (services) "
            "leads with 8 of 14 participants",
        ),
    ],
)
def test_cohort_checkers_refuse_fixed_or_false_titles(kind: str, title: str) -> None:
    demo = _cohorts()[0]
    with pytest.raises(AssertionError):
        common_checks(title)
        COHORT_CLAIMS[kind](demo, title)


@pytest.mark.parametrize(
    "title",
    [
        "13 of 15 people on the roster have submitted; one has errors to fix",
        "12 of 14 people on the roster have submitted; one has errors to fix",
        "12 participants consolidated from 12 files; one has errors to fix",
    ],
)
def test_roster_checker_refuses_a_wrong_count(title: str) -> None:
    roster = next(c for c in _cohorts() if c.label == "demo, two missing")
    with pytest.raises(AssertionError):
        common_checks(title)
        COHORT_CLAIMS["cohort.submissions"](roster, title)
