"""Sample content for issue 14's Trends and Competencies sheets, drawn for a participant whose
changes and plan are already written, so that trends and gaps link to them the way a careful
participant links them: only where the words relate them (`cba_xl.sample.relate`). A trend fits
the cluster's sector; a pressing trend (high influence, low competence) names a change it drives
or the plan steps that answer it, and each competency gap names the steps that build the field;
now and then one is left unlinked, as homework is, and the check points it out.

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
from cba_xl.core.models import Competency, Homework, PlanStep, Trend
from cba_xl.core.rules.trends import HIGH, LOW
from cba_xl.sample import build, relate


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


def _step_text(step: PlanStep) -> str:
    return f"{step.action} {step.outcome}"


def trends(hw: Homework, rng: random.Random, fmt: Callable[[str], str] = str) -> list[Trend]:
    """One trend per PESTEL group, a few groups with a second, each one that fits the cluster's
    sector; about one in five pressing. A trend names the change it drives or the steps that
    answer it only when their words relate (the bank's "trend_words"); a pressing trend nothing
    answers is left unlinked, and the check says so."""
    bank, words_of = phrases()["trends"], phrases()["trend_words"]
    fit = phrases()["sector_fit"]
    groups = list(vocab.PESTEL)
    extra = rng.sample(groups, rng.randint(1, 3))
    picks = []
    for g in groups:
        own = relate.fitting(bank[g], hw.profile.ecosystem, fit)
        picks += [(g, t) for t in rng.sample(own, min(len(own), 2 if g in extra else 1))]
    rng.shuffle(picks)
    changes = [c.change for c in hw.changes if c.change]
    out = []
    for i, (group, (text, impact)) in enumerate(picks):
        words = words_of[text]
        near_change = next((c for c in changes if relate.mentions(c, words)), "")
        near_steps = [s.step for s in hw.plan if relate.mentions(_step_text(s), words)]
        answerable = bool(near_change or near_steps)
        # Pressing (high influence, low competence) mostly where the plan has an answer: the
        # radar's top-left corner is the exception, and an unanswered one rarer still.
        if rng.random() < (0.5 if answerable else 0.04):
            influence, competence = rng.randint(HIGH, 5), rng.randint(1, LOW)
        else:
            influence, competence = rng.randint(1, 5), rng.randint(2, 5)
            if influence >= HIGH and competence <= LOW:
                competence += 1
        pressing = influence >= HIGH and competence <= LOW
        change = ""
        answer: tuple[int, ...] = ()
        if answerable and (pressing or rng.random() < 0.3):
            if near_change:
                change = near_change
            else:
                answer = tuple(near_steps[:2])
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


# At most one field per participant with a gap their plan does not work on yet.
_OPEN_GAP_SHARE = 0.35


def competencies(hw: Homework, rng: random.Random) -> list[Competency]:
    """All six fields. A gap of one or two levels where plan steps build the field (the bank's
    "competence_words" in the step's action or outcome), closed by those steps; now and then
    one gap no step works on, left open (the check says so); elsewhere no gap."""
    bank, words_of = phrases()["competencies"], phrases()["competence_words"]
    related = {
        name: [s.step for s in hw.plan if relate.mentions(_step_text(s), words_of[name])]
        for name in vocab.COMPETENCE_NAMES
    }
    unrelated = [name for name in vocab.COMPETENCE_NAMES if not related[name]]
    open_gap = rng.choice(unrelated) if unrelated and rng.random() < _OPEN_GAP_SHARE else ""
    out = []
    for name in vocab.COMPETENCE_NAMES:
        current = rng.randint(1, 4)
        target = current
        closing: tuple[int, ...] = ()
        if related[name]:
            target = min(5, current + rng.choice((0, 1, 1, 2)))
            if target > current:
                closing = tuple(related[name][:2])
        elif name == open_gap:
            target = current + 1
        else:
            # no step works on it and no gap is left open: the team is already where the
            # strategy needs it, which a level of 1 or 2 would not be
            current = target = max(current, 3)
        how = rng.choice(bank[name]) if target > current else ""
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
