"""The vision and mission slide: the two statements and the objectives on the left, the
academy's success factors on the right, each ticked for the vision and the mission."""

from __future__ import annotations

from typing import Any

from cba_xl.core import vocab
from cba_xl.core.models import Homework
from cba_xl.core.rules import vision as rules
from cba_xl.slides.context import Ctx, bullets, heading
from cba_xl.slides.fitting import Para
from cba_xl.spec import layout as sheets


def vision_data(hw: Homework) -> dict[str, Any]:
    vm = hw.vision
    return {
        "vision": vm.vision,
        "mission": vm.mission,
        "mission_words": rules.words(vm.mission),
        "limit": rules.MISSION_WORD_LIMIT,
        "factors": len(vocab.SUCCESS_FACTORS),
        "vision_met": len(rules.ticked(vm, "vision", True)),
        "mission_met": len(rules.ticked(vm, "mission", True)),
        "ticked": sum(
            len(rules.ticked(vm, s, value)) for s in rules.STATEMENTS for value in (True, False)
        ),
        "objectives": len([o for o in vm.objectives if o.objective]),
    }


def _tick(ctx: Ctx, value: bool | None) -> str:
    return ctx.words.sentence("vision", "tick", {"value": value})


def vision_slide(ctx: Ctx) -> None:
    vm = ctx.hw.vision
    data = vision_data(ctx.hw)
    slide = ctx.add("Two content", "vision", "vision", data, [sheets.VISION])
    left: list[Para] = []
    for i, statement in enumerate(rules.STATEMENTS):
        text = getattr(vm, statement)
        label = ctx.words.sentence("vision", f"{statement}_heading", data)
        left.append(Para(label, bold=True, color="brand", scale=1.15, space_before=0.8 * i))
        if text:
            left.append(Para(text))
        else:
            left.append(
                Para(ctx.words.sentence("vision", "missing", data), italic=True, color="muted")
            )
    objectives = [o for o in vm.objectives if o.objective]
    if objectives:
        left.append(
            Para(
                ctx.words.sentence("vision", "objectives_heading", data),
                bold=True,
                color="brand",
                scale=1.15,
                space_before=0.8,
            )
        )
        left += bullets(
            ctx.words.sentence(
                "vision", "objective", {"o": o.objective, "m": o.measure, "year": o.year}
            )
            for o in objectives
        )
    ctx.deck.text(slide, "Left", left, max_size=16, min_size=9)

    right: list[Para] = [heading(ctx.words.sentence("vision", "right_heading", data), "muted")]
    for key, label in vocab.SUCCESS_FACTORS:
        right.append(Para(label, bold=True, space_before=0.5))
        marks = {s: vm.ticks.get(s, {}).get(key) for s in rules.STATEMENTS}
        right.append(
            Para(
                ctx.words.sentence(
                    "vision",
                    "marks",
                    {
                        "vision": _tick(ctx, marks["vision"]),
                        "mission": _tick(ctx, marks["mission"]),
                    },
                ),
                color="brand" if all(marks.values()) else "muted",
            )
        )
    ctx.deck.text(slide, "Right", right, max_size=12, min_size=8)


__all__ = ["vision_data", "vision_slide"]
