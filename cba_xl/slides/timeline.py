"""The action plan's timeline: a Gantt-like native bar chart, critical path in red."""

from __future__ import annotations

import datetime as dt

from cba_xl.core.rules.schedule import unique_steps
from cba_xl.slides.charts import GanttBar, gantt
from cba_xl.slides.context import Ctx, heading
from cba_xl.slides.deck import EMU_PER_PT
from cba_xl.slides.fitting import Para, metrics
from cba_xl.spec import layout as sheets

MILESTONE = "◆"
PER_SLIDE = 12  # bars per slide; more make the labels unreadable
SIDE_STEPS = 8  # critical steps listed beside the chart; the notes list them all


def timeline_slides(ctx: Ctx) -> None:
    hw = ctx.hw
    sched = ctx.schedule
    steps = unique_steps(hw.plan)
    start = hw.plan_start
    finish = (
        start + dt.timedelta(days=sched.duration_days) if start and sched.duration_days else None
    )
    path = sched.path or tuple(sorted(sched.critical, key=lambda n: sched.start.get(n, 0)))
    legend = [
        f"{n}. {s.action} — day {sched.start.get(n, 0)} to {sched.finish.get(n, 0)}"
        + (" (critical)" if n in sched.critical else "")
        for n, s in steps.items()
    ]
    data = {
        "days": sched.duration_days,
        "finish": finish,
        "start": start,
        "critical": len(sched.critical),
        "cycle": [str(n) for n in sched.cycle],
        "legend": legend,
        "milestones": [f"{n}. {s.action}" for n, s in steps.items() if s.milestone],
    }
    order = sorted(steps, key=lambda n: (sched.start.get(n, 0), n))
    count = max(1, -(-len(order) // PER_SLIDE))
    size = -(-len(order) // count) if order else 0
    pages = [order[i : i + size] for i in range(0, len(order), size)] if order else [[]]
    title = ctx.title("timeline", data)
    notes = ctx.notes("timeline", data, [sheets.PLAN])
    series = ctx.lines("timeline", "series", data)
    side = [heading(ctx.words.sentence("timeline", "side_heading", data), "alert")]
    if sched.duration_days:
        side.append(
            Para(ctx.words.sentence("timeline", "duration", data), color="muted", scale=0.9)
        )
    if path:
        shown = [n for n in path if n in steps]
        side += [
            Para(f"{n}. {steps[n].action}", bullet=True, scale=0.9, space_before=0.3)
            for n in shown[:SIDE_STEPS]
        ]
        if len(shown) > SIDE_STEPS:
            more = {**data, "more": len(shown) - SIDE_STEPS}
            side.append(Para(ctx.words.sentence("timeline", "more", more), italic=True, scale=0.9))
    else:
        side.append(Para(ctx.words.sentence("timeline", "no_path", data), italic=True))
    if data["milestones"]:
        side.append(
            Para(ctx.words.sentence("timeline", "milestones", data), scale=0.85, space_before=0.8)
        )
    for k, page in enumerate(pages, start=1):
        suffix = f" ({k}/{len(pages)})" if len(pages) > 1 else ""
        slide = ctx.deck.add(
            "Chart",
            title=title + suffix,
            kicker=ctx.kicker("timeline"),
            source=ctx.source("timeline"),
            notes=notes,
        )
        area = ctx.deck.take(slide, "Chart")
        if not sched.duration_days:
            ctx.deck.textbox(
                slide,
                area,
                [Para(ctx.words.sentence("timeline", "empty", data), italic=True, color="muted")],
                max_size=14,
            )
        else:
            # Category labels get about a third of the chart's width.
            label_pt = area.w / EMU_PER_PT * 0.3
            bars = [
                GanttBar(
                    _label(f"{n}. {steps[n].action}", label_pt, bool(steps[n].milestone)),
                    sched.start.get(n, 0),
                    sched.finish.get(n, 0) - sched.start.get(n, 0),
                    n in sched.critical,
                )
                for n in page
            ]
            gantt(
                slide,
                area,
                bars,
                axis_title=ctx.words.sentence("timeline", "axis", data),
                span=sched.duration_days,
                names=(series[0], series[1], series[2]),
            )
        ctx.deck.text(slide, "Side", side, max_size=12, min_size=8)


def _label(text: str, width_pt: float, milestone: bool) -> str:
    mark = f" {MILESTONE}" if milestone else ""
    clipped, _ = metrics().clip(text, width_pt - metrics().width(mark, 10), 10, 1)
    return clipped + mark
