"""Sample content for issue 14's Trends and Competencies sheets, drawn for a participant whose
changes and plan are already written, so that trends and gaps link to them the way a careful
participant links them: a pressing trend (high influence, low competence) names a change it
drives or the plan steps that answer it, and each competency gap names the steps that close it.

Its own random stream (seeded by the participant's e-mail), so that adding these sheets leaves
every other sample value as it was.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any

from cba_xl.core import vocab
from cba_xl.core.models import Competency, Homework, Trend
from cba_xl.core.rules.trends import HIGH, LOW
from cba_xl.sample import build


@cache
def phrases() -> dict[str, Any]:
    """The phrase bank (`cba_xl/data/sample_phrases.json`), read here too: the generator
    imports this module."""
    text = (resources.files("cba_xl") / "data" / "sample_phrases.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


COMPETENCE_ROW = {name: i for i, name in enumerate(vocab.COMPETENCE_NAMES)}


def rng_for(hw: Homework) -> random.Random:
    return random.Random(f"cba-xl strategy {hw.profile.manager_email}")


def _stems(text: str) -> set[str]:
    """The text's longer words, cut to five letters ("members" and "member" alike)."""
    words = "".join(c if c.isalnum() else " " for c in text.lower()).split()
    return {w[:5] for w in words if len(w) > 3} - _COMMON


# Words every phrase shares: they tell nothing about what a change or step is for.
_COMMON = {"membe", "clust", "with", "their", "from", "more", "need", "needs"}


def trends(hw: Homework, rng: random.Random, fmt: Callable[[str], str] = str) -> list[Trend]:
    """One trend per PESTEL group, a few groups with a second; about one in three pressing."""
    bank = phrases()["trends"]
    groups = list(vocab.PESTEL)
    extra = rng.sample(groups, rng.randint(1, 3))
    picks = [(g, t) for g in groups for t in rng.sample(bank[g], 2 if g in extra else 1)]
    rng.shuffle(picks)
    steps = [s.step for s in hw.plan]
    changes = [c.change for c in hw.changes if c.change]
    out = []
    for i, (group, (text, impact)) in enumerate(picks):
        # About one trend in four pressing: the radar's top-left corner is the exception.
        if rng.random() < 0.2:
            influence, competence = rng.randint(HIGH, 5), rng.randint(1, LOW)
        else:
            influence, competence = rng.randint(1, 5), rng.randint(2, 5)
            if influence >= HIGH and competence <= LOW and rng.random() < 0.5:
                competence += 1
        change = ""
        answer: tuple[int, ...] = ()
        pressing = influence >= HIGH and competence <= LOW
        if (pressing or rng.random() < 0.3) and (changes or steps):
            # The change or step closest in words, as a participant would pick it.
            words = _stems(f"{text} {impact}")
            near_change = max(changes, key=lambda c: len(words & _stems(c)), default="")
            near_step = max(hw.plan, key=lambda s: len(words & _stems(s.action)), default=None)
            change_fit = len(words & _stems(near_change))
            step_fit = len(words & _stems(near_step.action)) if near_step else 0
            if change_fit and change_fit >= step_fit:
                change = near_change
            elif near_step is not None and step_fit:
                answer = (near_step.step,)
            elif pressing:
                # Nothing fits by its words: the steps the participant means to answer it with.
                answer = tuple(sorted(rng.sample(steps, min(len(steps), rng.randint(1, 2)))))
        out.append(
            Trend(
                row=build.first_row("trends") + i,
                trend=fmt(text),
                factor=group,
                impact=fmt(impact) if rng.random() < 0.8 else "",
                influence=influence,
                competence=competence,
                change=change,
                steps=answer,
            )
        )
    return out


def competencies(hw: Homework, rng: random.Random) -> list[Competency]:
    """All six fields; most with a gap of one or two levels, each gap closed by plan steps."""
    bank = phrases()["competencies"]
    steps = [s.step for s in hw.plan]
    out = []
    for name in vocab.COMPETENCE_NAMES:
        current = rng.randint(1, 4)
        target = min(5, current + rng.choice((0, 1, 1, 2)))
        closing: tuple[int, ...] = ()
        how = ""
        if target > current and steps:
            closing = tuple(sorted(rng.sample(steps, min(len(steps), rng.randint(1, 2)))))
            how = rng.choice(bank[name])
        out.append(
            Competency(
                row=build.first_row("competencies") + COMPETENCE_ROW[name],
                field=name,
                current=current,
                target=target,
                steps=closing,
                how=how,
            )
        )
    return out


def add_foresight(hw: Homework, fmt: Callable[[str], str] = str) -> None:
    """The two sheets' content for a participant whose plan is written."""
    rng = rng_for(hw)
    hw.trends = trends(hw, rng, fmt)
    hw.competencies = competencies(hw, rng)


__all__ = ["add_foresight", "competencies", "trends"]
