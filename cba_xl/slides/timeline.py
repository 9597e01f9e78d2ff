"""The action plan's timeline: a Gantt-like native bar chart of the one schedule, the critical
path in red, each deadline a gold marker, the part of a late step past its deadline hatched."""

from __future__ import annotations

from typing import Any

from cba_xl.core.rules.schedule import unique_steps
from cba_xl.slides.charts import GanttBar, gantt
from cba_xl.slides.context import Ctx, aside, heading
from cba_xl.slides.deck import EMU_PER_PT
from cba_xl.slides.fitting import Para, metrics
from cba_xl.spec import layout as sheets

MILESTONE = "◆"
PER_SLIDE = 12  # bars per slide; more make the labels unreadable
SIDE_STEPS = 8  # critical steps listed beside the chart; the notes list them all


def timeline_data(ctx: Ctx) -> dict[str, Any]:
    """What the timeline slide says, all from the plan's one schedule."""
    sched = ctx.schedule
    steps = unique_steps(ctx.hw.plan)
    late = sched.overrun
    early = sched.early_deadlines
    return {
        "days": sched.duration_days,
        "finish": sched.finish_date,
        "start": sched.plan_start,
        "critical": len(sched.critical),
        "cycle": [str(n) for n in sched.cycle],
        "late": [f"{n}. {steps[n].action} ({late[n]} d)" for n in late],
        "early": [
            ctx.words.sentence(
                "timeline", "early_line", {"step": n, "action": steps[n].action, "due": due}
            )
            for n, due in ((n, sched.date(d)) for n, d in early.items())
        ],
        "deadlines": len(sched.due),
        "last_deadline": sched.last_deadline,
        "slack": sched.slack_days,
        "assumed": [str(n) for n in sched.assumed],
        "legend": [_legend_line(ctx, n) for n in steps],
        "milestones": [f"{n}. {s.action}" for n, s in steps.items() if s.milestone],
    }


def _legend_line(ctx: Ctx, n: int) -> str:
    sched = ctx.schedule
    data = {
        "step": n,
        "action": unique_steps(ctx.hw.plan)[n].action,
        "first": sched.start.get(n, 0),
        "last": sched.finish.get(n, 0),
        "start": sched.start_date(n),
        "finish": sched.finish_date_of(n),
        "deadline": sched.deadline(n),
        "late": sched.overrun.get(n, 0),
        "early": n in sched.early_deadlines,
        "critical": n in sched.critical,
    }
    return ctx.words.sentence("timeline", "legend", data)


def timeline_slides(ctx: Ctx) -> None:
    hw = ctx.hw
    sched = ctx.schedule
    steps = unique_steps(hw.plan)
    data = timeline_data(ctx)
    path = sched.path or tuple(sorted(sched.critical, key=lambda n: sched.start.get(n, 0)))
    order = sorted(steps, key=lambda n: (sched.start.get(n, 0), n))
    count = max(1, -(-len(order) // PER_SLIDE))
    size = -(-len(order) // count) if order else 0
    pages = [order[i : i + size] for i in range(0, len(order), size)] if order else [[]]
    title = ctx.title("timeline", data)
    notes = ctx.notes("timeline", data, [sheets.PLAN])
    names = dict(line.partition("|")[::2] for line in ctx.lines("timeline", "series", data))
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
    # the steps that miss a deadline: by the plan's own doing, or by a date before the start
    for key in ("late", "early"):
        if data[key]:
            said = ctx.words.sentence("timeline", f"{key}_heading", data)
            side.append(Para(said, bold=True, color="alert", space_before=0.8))
            side += [
                Para(line, bullet=True, scale=0.85, space_before=0.2)
                for line in data[key][:SIDE_STEPS]
            ]
    if data["milestones"]:
        side.append(
            Para(ctx.words.sentence("timeline", "milestones", data), scale=0.85, space_before=0.8)
        )
    if sched.duration_days:
        side.append(aside(ctx.words.sentence("timeline", "key", data), scale=0.8, space_before=0.8))
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
                    deadline=sched.due.get(n),
                    milestone=bool(steps[n].milestone),
                )
                for n in page
            ]
            # The axis reaches the last deadline too, so every deadline marker is drawn.
            span = max(sched.duration_days, sched.last_deadline_day or 0)
            gantt(
                slide,
                area,
                bars,
                axis_title=ctx.words.sentence("timeline", "axis", data),
                span=span,
                names=names,
            )
        ctx.deck.text(slide, "Side", side, max_size=12, min_size=8)


def _label(text: str, width_pt: float, milestone: bool) -> str:
    mark = f" {MILESTONE}" if milestone else ""
    clipped, _ = metrics().clip(text, width_pt - metrics().width(mark, 10), 10, 1)
    return clipped + mark
