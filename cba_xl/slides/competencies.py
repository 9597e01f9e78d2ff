"""The competency profile: the team's current and target level in each of the academy's six
fields of competence, as a native clustered bar chart, and what closes each gap."""

from __future__ import annotations

from typing import Any

from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_TICK_MARK
from pptx.util import Emu, Pt

from cba_xl.core import vocab
from cba_xl.core.models import Competency, Homework
from cba_xl.core.rules.schedule import unique_steps
from cba_xl.slides.charts import _new
from cba_xl.slides.context import Ctx, aside, heading
from cba_xl.slides.deck import ROLES, Rect, Slide
from cba_xl.slides.fitting import Para
from cba_xl.slides.matrices import _side
from cba_xl.slides.words import lead
from cba_xl.spec import layout as sheets


def _by_field(hw: Homework) -> dict[str, Competency]:
    return {c.field: c for c in hw.competencies if c.field in vocab.COMPETENCE_NAMES}


def competencies_data(hw: Homework) -> dict[str, Any]:
    """What the competency slide's words are computed from (also read by the tests)."""
    mine = _by_field(hw)
    assessed = [c for c in mine.values() if c.gap is not None]
    short = [c for c in assessed if (c.gap or 0) > 0]
    steps = unique_steps(hw.plan)
    open_ = [c for c in short if not any(n in steps for n in c.steps)]
    best = lead((c.field, c.gap or 0) for c in short)
    return {
        "fields": len(vocab.COMPETENCE_NAMES),
        "assessed": len(assessed),
        "short": len(short),
        "open": len(open_),
        "widest": [lower(n) for n in best.names],
        "widest_gap": best.count,
        "unassessed": [n for n in vocab.COMPETENCE_NAMES if n not in {c.field for c in assessed}],
    }


def lower(name: str) -> str:
    return name[:1].lower() + name[1:]


def _chart(slide: Slide, area: Rect, hw: Homework, names: tuple[str, str]) -> Any:
    """Two bars per field, today's level and the target, on the 0-5 scale, each labelled."""
    mine = _by_field(hw)
    data = _new(CategoryChartData, number_format="0")
    data.categories = list(vocab.COMPETENCE_NAMES)
    # A field not assessed has no bar (an empty value), not a bar of 0.
    data.add_series(
        names[0], [getattr(mine.get(n), "current", None) for n in vocab.COMPETENCE_NAMES]
    )
    data.add_series(
        names[1], [getattr(mine.get(n), "target", None) for n in vocab.COMPETENCE_NAMES]
    )
    frame = slide.pptx.shapes.add_chart(
        XL_CHART_TYPE.BAR_CLUSTERED, Emu(area.x), Emu(area.y), Emu(area.w), Emu(area.h), data
    )
    frame.name = "Competency profile"
    chart = frame.chart
    chart.font.size = Pt(10)
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.TOP
    chart.legend.include_in_layout = False
    chart.legend.font.size = Pt(10)
    plot = chart.plots[0]
    plot.gap_width = 60
    plot.overlap = 0
    plot.has_data_labels = True
    plot.data_labels.number_format = "0"
    plot.data_labels.number_format_is_linked = False
    plot.data_labels.position = XL_LABEL_POSITION.OUTSIDE_END
    plot.data_labels.font.size = Pt(10)
    for series, role in zip(plot.series, ("light", "brand"), strict=True):
        series.format.fill.solid()
        series.format.fill.fore_color.theme_color = ROLES[role]
    cat = chart.category_axis
    cat.reverse_order = True
    cat.major_tick_mark = XL_TICK_MARK.NONE
    cat.format.line.color.theme_color = ROLES["muted"]
    cat.tick_labels.font.size = Pt(10)
    val = chart.value_axis
    val.minimum_scale = 0
    val.maximum_scale = 5
    val.major_unit = 1
    # The bars carry their values; an axis of levels would only repeat them (and reversed
    # categories put it above the chart).
    val.has_major_gridlines = False
    val.visible = False
    return chart


def competencies_slide(ctx: Ctx) -> None:
    hw = ctx.hw
    data = competencies_data(hw)
    slide = ctx.add("Chart", "competencies", "competencies", data, [sheets.COMPETENCIES])
    area = ctx.deck.take(slide, "Chart")
    names = (
        ctx.words.sentence("competencies", "current_series", data),
        ctx.words.sentence("competencies", "target_series", data),
    )
    _chart(slide, area, hw, names)
    steps = unique_steps(hw.plan)
    side = [heading(ctx.words.sentence("competencies", "side_heading", data))]
    mine = _by_field(hw)
    gaps = [mine[n] for n in vocab.COMPETENCE_NAMES if n in mine and (mine[n].gap or 0) > 0]
    for c in gaps:
        side.append(Para(f"{c.field}: +{c.gap}", bold=True, space_before=0.6))
        closing = [n for n in c.steps if n in steps]
        if closing:
            what = "; ".join(f"{n}. {steps[n].action}" for n in closing)
            side.append(Para(f"Steps {what}" if len(closing) > 1 else f"Step {what}", scale=0.85))
        else:
            side.append(
                Para(
                    ctx.words.sentence("competencies", "no_step", data),
                    scale=0.85,
                    italic=True,
                    color="alert",
                )
            )
        if c.how:
            side.append(Para(c.how, scale=0.8, color="muted"))
    if not gaps:
        side.append(aside(ctx.words.sentence("competencies", "no_gap", data)))
    if data["unassessed"] and data["assessed"]:
        side.append(aside(ctx.words.sentence("competencies", "unassessed", data)))
    _side(ctx, slide, "Side", side)


__all__ = ["competencies_data", "competencies_slide"]
