"""The titles of the rule slides (profitability matrix, priority matrix, SMART goals, RACI) claim
only what the homework says: each count, quantifier and singular/plural is read back from the
title and compared with the rules applied to the model, over many generated homeworks, some
changed at random so that zero, one and many of each case occur."""

from __future__ import annotations

import datetime as dt
import random
import re
from collections import Counter
from collections.abc import Callable, Iterator

import pytest

from cba_xl.core import vocab
from cba_xl.core.models import Homework
from cba_xl.core.rules import derived
from cba_xl.core.rules.services import suggestion_of
from cba_xl.core.rules.smart import late_sub_goals, smart_missing
from cba_xl.sample import generate
from cba_xl.slides.context import Ctx
from cba_xl.slides.deck import Deck
from cba_xl.slides.goals import goals_slide
from cba_xl.slides.matrices import priority_slide, profitability_slide
from cba_xl.slides.tables import raci_slide
from cba_xl.slides.words import default_words, number

DAY = dt.date(2024, 11, 15)
WORDS = {number(i): i for i in range(100)}
N = r"(\w+)"


def num(word: str) -> int:
    word = word.lower()
    return WORDS[word] if word in WORDS else int(word)


def _shake(hw: Homework, rng: random.Random) -> Homework:
    """Vary what the generator keeps tidy: ratings, financing, vague goals, late sub-goals,
    lone As, empty sections."""
    for s in hw.services:
        if rng.random() < 0.3:
            s.rating = rng.randint(1, 5)
        if rng.random() < 0.2:
            s.financing = rng.choice(vocab.FINANCING)
        if rng.random() < 0.1:
            s.effort = None
    for a in hw.actions:
        if rng.random() < 0.25:
            a.impact, a.effort = rng.choice(vocab.HIGH_LOW), rng.choice(vocab.HIGH_LOW)
    for g in hw.goals:
        if rng.random() < 0.2:
            g.goal = rng.choice(("Improve member satisfaction", "Be the best cluster"))
        if rng.random() < 0.15:
            g.owner = ""
        if g.parent and g.deadline and rng.random() < 0.3:
            g.deadline += dt.timedelta(days=400)
    for row in hw.raci:
        if rng.random() < 0.2:
            row.roles = ["A" if r and "A" in r else ("I" if r else "") for r in row.roles]
    cut = rng.random()
    if cut < 0.05:
        hw.services = []
    elif cut < 0.1:
        hw.actions = hw.actions[:1]
    elif cut < 0.15:
        hw.goals = hw.goals[:1]
    elif cut < 0.2:
        hw.raci = hw.raci[:1]
    return hw


def homeworks() -> Iterator[Homework]:
    rng = random.Random(10)
    for seed in (3, 17, 41):
        for hw in generate(20, seed, with_mistakes=True):
            yield _shake(hw, rng)


def _title(hw: Homework, build: Callable[[Ctx], None]) -> str:
    deck = Deck()
    build(Ctx(hw, [], deck, default_words(), DAY))
    return str(deck.slides[-1].title)


HOMEWORKS = list(homeworks())


def _each(build: Callable[[Ctx], None]) -> Iterator[tuple[Homework, str]]:
    for hw in HOMEWORKS:
        yield hw, _title(hw, build)


def _verb(n: int, singular: str, plural: str) -> str:
    return singular if n == 1 else plural


def test_priority_titles() -> None:
    seen = Counter()
    for hw, title in _each(priority_slide):
        q = Counter(derived.quadrant(a.impact, a.effort) for a in hw.actions)
        rated = sum(q[k] for k in vocab.QUADRANTS)
        quick, major = q[vocab.QUICK_WIN], q[vocab.MAJOR_PROJECT]
        if not rated:
            assert title.startswith("No action is rated"), title
            continue
        if quick and quick == rated:
            # all of them, said as such, not "four of four"
            said = "The one rated action is" if rated == 1 else f"All {number(rated)} actions are"
            assert title.startswith(said), title
        elif quick:
            m = re.match(rf"{N} of {N} actions? (is a quick win|are quick wins)", title)
            assert m, title
            assert (num(m[1]), num(m[2])) == (quick, rated), title
            assert m[3] == _verb(quick, "is a quick win", "are quick wins"), title
        elif rated == 1:
            assert title.startswith("The one rated action is not a quick win"), title
        else:
            assert title.startswith(f"None of the {number(rated)} actions "), title
        if major:
            m = re.search(rf"; {N} (is a major project|are major projects)", title)
            assert m and num(m[1]) == major, title
            assert m[2] == _verb(major, "is a major project", "are major projects"), title
        else:
            assert "major project" not in title, title
        assert "most of the effort" not in title
        seen[(quick > 1, major > 1, quick == 0)] += 1
    assert len(seen) >= 3  # singular, plural and none all occurred


def test_profitability_titles() -> None:
    seen = Counter()
    for hw, title in _each(profitability_slide):
        sugg = [
            suggestion_of(s)
            for s in hw.services
            if s.effort is not None and (s.value is not None or s.rating is not None)
        ]
        c = Counter(sugg)
        rated, promote = len(sugg), c[derived.KEEP_AND_PROMOTE]
        terminate = c[derived.TERMINATE_OR_FEE] + c[derived.TERMINATE_OR_CHANGE]
        if not rated:
            assert title.startswith("No service is scored"), title
            continue
        if promote:
            m = re.match(rf"{N} of {N} services? (gives|give) high member value", title)
            assert m and (num(m[1]), num(m[2])) == (promote, rated), title
            assert m[3] == _verb(promote, "gives", "give"), title
        else:
            assert title.startswith(("None of the", "The one scored service does not")), title
        if terminate:
            m = re.search(rf"; {N} (costs|cost) high effort for little value", title)
            assert m and num(m[1]) == terminate, title
            assert m[2] == _verb(terminate, "costs", "cost"), title
        elif c[derived.MAKE_FEE_BASED]:
            m = re.search(rf"; {N} high-effort services? in the membership fee", title)
            assert m and num(m[1]) == c[derived.MAKE_FEE_BASED], title
        else:
            assert ";" not in title, title
        seen[(promote > 1, terminate > 0, c[derived.MAKE_FEE_BASED] > 0)] += 1
    assert len(seen) >= 3


def _kind(criterion: str) -> str:
    if criterion.startswith("an action word"):
        return "an action word"
    return "a metric" if criterion.startswith("a metric") else criterion


def test_goal_titles_claim_only_the_smart_check() -> None:
    seen = Counter()
    for hw, title in _each(goals_slide):
        goals = hw.goals
        missing = [smart_missing(g, hw.plan_start) for g in goals]
        smart = sum(1 for m in missing if not m)
        late = len(late_sub_goals(goals))
        if not goals:
            assert title == "No SMART goals are set yet"
            continue
        if smart == len(goals):
            assert "pass the SMART check" in title or "passes the SMART check" in title, title
            assert "an action word" in title and "an owner" in title and "a number" in title
        elif smart:
            m = re.match(rf"{N} of {N} goals? (is|are) SMART", title)
            assert m and (num(m[1]), num(m[2])) == (smart, len(goals)), title
            assert m[3] == _verb(smart, "is", "are"), title
        else:
            assert title.startswith(("None of the", "The one goal is not SMART")), title
        if smart < len(goals):
            kinds = Counter(k for miss in missing for k in dict.fromkeys(_kind(m) for m in miss))
            m = re.search(rf"; {N} (lacks|lack) ([^;,]+)", title)
            assert m, title
            top = kinds.most_common(1)[0][1]
            assert num(m[1]) == top and kinds[m[3]] == top, title  # the most common gap
            assert m[2] == _verb(top, "lacks", "lack"), title
        if late:
            m = re.search(rf"; {N} sub-goals? (is|are) due after", title)
            assert m and num(m[1]) == late, title
        else:
            assert "due after" not in title, title
        seen[(smart == len(goals), late > 0)] += 1
    assert len(seen) == 4  # all SMART or not, with and without late sub-goals


def test_raci_titles() -> None:
    seen = Counter()
    for hw, title in _each(raci_slide):
        statuses = Counter(derived.raci_row_status(r.roles) for r in hw.raci)
        rows, one_a, needs_r = (
            len(hw.raci),
            statuses[derived.RACI_ONE_A],
            statuses[derived.RACI_NEEDS_R],
        )
        if not rows:
            assert title.startswith("The RACI matrix has no"), title
            continue
        # template 2.0's rows are plan steps (and subtasks of them)
        steps = [r for r in hw.raci if r.step is not None and not r.subtask]
        noun = (
            r"steps?"
            if len(steps) == rows
            else (r"(?:step or subtask|steps and subtasks)" if steps else r"deliverables?")
        )
        if not one_a and not needs_r:
            assert "exactly one accountable person and someone marked R" in title, title
        if one_a:
            counts = [derived.raci_accountable(r.roles) for r in hw.raci]
            many, none = [n for n in counts if n > 1], counts.count(0)
            assert len(many) + none == one_a
            if many:
                word = "two accountable people" if set(many) == {2} else "more than one A"
                m = re.match(rf"{N} of {N} {noun} (has|have) {word}", title)
                assert m and (num(m[1]), num(m[2])) == (len(many), rows), title
                assert m[3] == _verb(len(many), "has", "have"), title
                if none:
                    m = re.search(rf" and {N} (has|have) none", title)
                    assert m and num(m[1]) == none, title
                else:
                    assert "none" not in title, title
            else:
                m = re.match(rf"{N} of {N} {noun} (has|have) no accountable person", title)
                assert m and (num(m[1]), num(m[2])) == (none, rows), title
            if not needs_r:
                assert title.endswith("; each needs exactly one A"), title
        if needs_r:
            m = re.search(rf"{N}(?: of {N} {noun})? (needs|need) an R", title)
            assert m and num(m[1]) == needs_r, title
            assert m[3] == _verb(needs_r, "needs", "need"), title
        else:
            assert "an R" not in title, title
        seen[(one_a > 0, needs_r > 0)] += 1
    assert len(seen) >= 3


@pytest.mark.parametrize("n", [1, 4, 15])
def test_the_goal_tree_fits_the_slide_for_up_to_fifteen_goals(n: int) -> None:
    hw = next(generate(1, 5))
    template = hw.goals[0]
    hw.goals = []
    for i in range(n):
        # a chain of 5, then a wide second tree: deep and wide at once
        parent = f"G{i}" if 0 < i < 5 else ("G6" if i > 6 else "")
        hw.goals.append(
            type(template)(
                row=5 + i,
                goal_id=f"G{i + 1}",
                goal=f"Recruit {i + 3} new members from the supply chain of the region",
                metric="New members",
                target=float(i + 3),
                owner="Anna",
                deadline=dt.date(2025, 12, 31),
                parent=parent,
            )
        )
    deck = Deck()
    goals_slide(Ctx(hw, [], deck, default_words(), DAY))
    slide = deck.slides[-1].pptx
    boxes = [sh for sh in slide.shapes if sh.name.startswith("Goal G")]
    links = [sh for sh in slide.shapes if sh.name == "Goal link"]
    assert len(boxes) == n
    assert len(links) == sum(1 for g in hw.goals if g.parent)
    width, height = deck.prs.slide_width, deck.prs.slide_height
    for box in boxes:
        assert box.left >= 0 and box.left + box.width <= width
        assert box.top >= 0 and box.top + box.height <= height * 0.9  # above the footer
    for a in boxes:
        for b in boxes:
            if a is not b:
                apart = (
                    a.left + a.width <= b.left
                    or b.left + b.width <= a.left
                    or a.top + a.height <= b.top
                    or b.top + b.height <= a.top
                )
                assert apart, (a.name, b.name)
