"""Vision, mission and objectives, against the academy's success factors.

The academy: vision and mission define "where the cluster wants to go (vision) and what it
desires to stand for (mission)"; objectives are "precise, measurable and leave room for future
transformations". Its success factors: understood and shared by all, broad enough for a variety
of perspectives, easy to communicate to a broad audience, inspiring and uplifting, concise and
inclusive, action- or outcome-oriented. The participant ticks each factor for each statement.
"""

from __future__ import annotations

import re

from cba_xl.core import vocab
from cba_xl.core.findings import Finding, info, warning
from cba_xl.core.models import Homework, Objective, VisionMission
from cba_xl.wording import agree

# The academy asks for a mission that is concise and easy to communicate to a broad audience,
# but names no number. A statement people can remember and repeat is one sentence; plain-language
# guidance (the Plain English Campaign's "How to write in plain English", GOV.UK's style guide)
# keeps sentences to 15-20 words on average and treats 25 as long. So 25 words: one sentence a
# little above that average, and no more (design).
MISSION_WORD_LIMIT = 25
STATEMENTS = ("vision", "mission")
FACTOR_LABELS = dict(vocab.SUCCESS_FACTORS)
_DIGIT = re.compile(r"\d")


def words(text: str) -> int:
    """Words as the sheet's formula counts them: runs of characters between spaces or breaks."""
    return len(text.split())


def mission_too_long(mission: str) -> bool:
    """Whether the mission is longer than a mission people can remember (vision.mission-long)."""
    return words(mission) > MISSION_WORD_LIMIT


def ticked(vm: VisionMission, statement: str, value: bool) -> list[str]:
    """The success factors ticked Yes (value True) or No for a statement, in the slides' order."""
    ticks = vm.ticks.get(statement, {})
    return [key for key in vocab.SUCCESS_FACTOR_KEYS if ticks.get(key) is value]


def unticked(vm: VisionMission, statement: str) -> list[str]:
    ticks = vm.ticks.get(statement, {})
    return [key for key in vocab.SUCCESS_FACTOR_KEYS if key not in ticks]


def is_measurable(objective: Objective) -> bool:
    """The objective, or what it is measured by, names a number."""
    return bool(_DIGIT.search(objective.objective) or _DIGIT.search(objective.measure))


def _mission_length(vm: VisionMission) -> list[Finding]:
    if not mission_too_long(vm.mission):
        return []
    n = words(vm.mission)
    concise = vm.ticks["mission"].get("concise") is True
    although = " although 'concise' is ticked Yes" if concise else ""
    return [
        warning(
            vm.loc("mission"),
            "vision.mission-long",
            f"the mission has {n} words{although}; a mission people can remember is concise "
            f"and easy to communicate: say it in at most {MISSION_WORD_LIMIT} words",
        )
    ]


def _factors(vm: VisionMission) -> list[Finding]:
    found: list[Finding] = []
    for statement in STATEMENTS:
        if not getattr(vm, statement):
            continue  # an empty statement is the required-cell error
        for key in ticked(vm, statement, False):
            found.append(
                info(
                    vm.loc(f"{statement}_{key}"),
                    "vision.factor-not-met",
                    f"the {statement} is ticked as not '{FACTOR_LABELS[key]}' yet; rework it "
                    "until it meets every success factor",
                )
            )
        open_ = unticked(vm, statement)
        if open_:
            found.append(
                info(
                    vm.loc(f"{statement}_{open_[0]}"),
                    "vision.factor-unticked",
                    _unticked_text(len(open_), statement),
                )
            )
    return found


def _unticked_text(n: int, statement: str) -> str:
    total = len(vocab.SUCCESS_FACTORS)
    fix = "tick Yes or No for each"
    if n == total:
        return f"none of the {total} success factors is ticked for the {statement} yet; {fix}"
    are = agree(n, "is", "are")
    return f"{n} of the {total} success factors {are} not ticked for the {statement}; {fix}"


def _objectives(hw: Homework) -> list[Finding]:
    objectives = [o for o in hw.vision.objectives if o.objective]
    if not objectives:
        return [
            warning(
                hw.anchor("objectives"),
                "vision.no-objectives",
                "no objectives yet; set precise, measurable objectives that lead towards the "
                "vision",
            )
        ]
    return [
        warning(
            o.loc("measure"),
            "vision.objective-not-measurable",
            f"objective '{o.objective}' names no number; objectives are precise and "
            "measurable: write the indicator and its target in 'Measured by'",
        )
        for o in objectives
        if not is_measurable(o)
    ]


def check_vision(hw: Homework) -> list[Finding]:
    vm = hw.vision
    return [*_mission_length(vm), *_factors(vm), *_objectives(hw)]


__all__ = [
    "FACTOR_LABELS",
    "MISSION_WORD_LIMIT",
    "STATEMENTS",
    "check_vision",
    "is_measurable",
    "mission_too_long",
    "ticked",
    "unticked",
    "words",
]
