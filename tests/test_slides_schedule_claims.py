"""Every date a deck names for the plan comes from the one schedule, and the slides agree.

Decks are built from generated homeworks and from variants a participant really produces
(deadlines the schedule cannot meet, no deadlines, no plan start, no durations, one step); each
title's claims are compared with `cba_xl.plan_schedule`, and the Gantt chart's bars with the
schedule's days.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from slides_support import build

import cba_xl
from cba_xl.core.check import check_homework
from cba_xl.core.models import Homework
from cba_xl.sample import generate
from cba_xl.slides.brand import month_year
from cba_xl.slides.charts import GANTT_SEGMENTS
from cba_xl.slides.words import count

MONTH_YEAR = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December) \d{4}\b"
)


def _tight(hw: Homework) -> None:
    """Deadlines of every other step a week before the schedule can finish it."""
    sched = cba_xl.plan_schedule(hw)
    assert hw.plan_start is not None
    for s in hw.plan[::2]:
        s.deadline = hw.plan_start + dt.timedelta(days=max(0, sched.finish[s.step] - 7))


def _no_deadlines(hw: Homework) -> None:
    for s in hw.plan:
        s.deadline = None


def _no_start(hw: Homework) -> None:
    hw.plan_start = None


def _no_durations(hw: Homework) -> None:
    for s in hw.plan:
        s.duration, s.deadline = None, None


def _one_step(hw: Homework) -> None:
    hw.plan = hw.plan[:1]
    hw.plan[0].after = ()


VARIANTS: dict[str, Callable[[Homework], None]] = {
    "as generated": lambda hw: None,
    "late": _tight,
    "no deadlines": _no_deadlines,
    "no plan start": _no_start,
    "no durations": _no_durations,
    "one step": _one_step,
}


def homeworks() -> Iterator[tuple[str, Homework]]:
    for seed, hw in enumerate(generate(12, 20261201)):
        name = list(VARIANTS)[seed % len(VARIANTS)]
        changed = copy.deepcopy(hw)
        VARIANTS[name](changed)
        yield f"{seed}-{name}", changed


CASES = list(homeworks())


def _notes(slide: Any) -> str:
    return str(slide.notes_slide.notes_text_frame.text) if slide.has_notes_slide else ""


def _title(slide: Any) -> str:
    return next(
        str(sh.text_frame.text)
        for sh in slide.shapes
        if sh.is_placeholder and sh.name.startswith("Title")
    )


def _slides(prs: Any) -> dict[str, list[Any]]:
    kinds: dict[str, list[Any]] = {"plan": [], "timeline": [], "profile": []}
    for slide in prs.slides:
        notes = _notes(slide)
        if notes.startswith("The action plan in the academy's template"):
            kinds["plan"].append(slide)
        elif notes.startswith("Timeline of the action plan"):
            kinds["timeline"].append(slide)
        elif slide.slide_layout.name == "Profile":
            kinds["profile"].append(slide)
    return kinds


@pytest.mark.parametrize(("name", "hw"), CASES, ids=[n for n, _ in CASES])
def test_every_slide_names_the_one_schedules_finish(
    name: str, hw: Homework, tmp_path: Path
) -> None:
    sched = cba_xl.plan_schedule(hw)
    prs = build(hw, check_homework(hw), tmp_path / "deck.pptx")
    kinds = _slides(prs)
    assert kinds["plan"] and kinds["timeline"] and kinds["profile"], name
    finish = month_year(sched.finish_date) if sched.finish_date else None
    texts = [_title(s) for s in kinds["plan"] + kinds["timeline"]]
    texts += [
        sh.text_frame.text
        for s in kinds["profile"]
        for sh in s.shapes
        if sh.has_text_frame and not sh.text_frame.text.startswith("Source:")
    ]
    named = {m for text in texts for m in MONTH_YEAR.findall(text)}
    # One plan finish per deck: the only month a plan or timeline title or the profile names
    # is the schedule's finish (the profile's other dates are the founding year, not months).
    assert named == ({finish} if finish else set()), (name, named)

    plan_title = _title(kinds["plan"][0])
    timeline_title = _title(kinds["timeline"][0])
    steps = len(hw.plan)
    assert plan_title.startswith(count(steps, "step").capitalize()), plan_title
    late = len(sched.late)
    if sched.duration_days:
        assert f"The plan takes {sched.duration_days} days" in timeline_title
    else:
        assert "no durations" in timeline_title and "none has a duration" in plan_title
    if late and sched.finish_date:
        said = f"{count(late, 'step')} cannot meet"
        assert said in plan_title and said in timeline_title, (plan_title, timeline_title)
    else:
        assert "cannot meet" not in plan_title + timeline_title
    slack = sched.slack_days
    if sched.finish_date and not late and slack:
        side = "before" if slack > 0 else "after"
        assert f", {count(abs(slack), 'day')} {side} its last deadline" in plan_title
    else:
        assert "its last deadline" not in plan_title.replace("right on its last deadline", "")
    # Singular and plural agree with the number.
    assert not re.search(r"\b[Oo]ne step take\b|\bone step on the critical path set\b", plan_title)
    assert "one step on the critical path set " not in timeline_title


def _bars(prs: Any) -> tuple[list[dict[str, float]], float]:
    """Each Gantt bar as its segments, read from the chart's own data, and the axis' end."""
    out: list[dict[str, float]] = []
    top = 0.0
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_chart and shape.name == "Timeline":
                top = shape.chart.value_axis.maximum_scale
                series = list(shape.chart.plots[0].series)
                values = [list(s.values) for s in series]
                for i in range(len(values[0])):
                    out.append({k: values[j][i] or 0.0 for j, k in enumerate(GANTT_SEGMENTS)})
    return out, top


@pytest.mark.parametrize(("name", "hw"), CASES[:6], ids=[n for n, _ in CASES[:6]])
def test_the_gantt_bars_end_on_the_schedule_and_mark_each_deadline(
    name: str, hw: Homework, tmp_path: Path
) -> None:
    sched = cba_xl.plan_schedule(hw)
    prs = build(hw, check_homework(hw), tmp_path / "deck.pptx")
    bars, top = _bars(prs)
    # Markers are 0.8 % of the axis wide; a bar end or marker may be off by half of one.
    near = top * 0.004 + 0.01
    if not sched.duration_days:
        assert bars == []
        return
    order = sorted(sched.start, key=lambda n: (sched.start[n], n))
    assert len(bars) == len(order)
    for n, bar in zip(order, bars, strict=True):
        ends = 0.0
        body_end = deadline_mid = None
        for key in GANTT_SEGMENTS:
            width = bar[key]
            if key in ("step", "critical", "late", "milestone") and width:
                body_end = ends + width
            if key in ("early_deadline", "due", "deadline") and width:
                deadline_mid = ends + width / 2
            ends += width
        length = sched.finish[n] - sched.start[n]
        if length:
            assert body_end == pytest.approx(sched.finish[n], abs=near), (name, n, bar)
        if n in sched.due:
            assert deadline_mid is not None, (name, n, bar)
            # A deadline before the plan start is drawn at its start.
            assert deadline_mid == pytest.approx(max(sched.due[n], 0), abs=near), (name, n)
        else:
            assert deadline_mid is None
        is_late = n in sched.late
        assert bool(bar["late"]) == (is_late and length > 0), (name, n, bar)
