"""Trends: the PESTEL grid (the trends by factor group) and the trend radar (a native XY
scatter chart: competence strength against influence strength, every trend labelled)."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from cba_xl.core import vocab
from cba_xl.core.models import Homework, Trend
from cba_xl.core.rules.trends import (
    answered,
    is_pressing,
    matched_change,
    radar_quadrant,
)
from cba_xl.slides.charts import Axis, Group, Matrix, Point, scatter
from cba_xl.slides.context import Ctx, aside, heading
from cba_xl.slides.deck import Rect
from cba_xl.slides.fitting import Para, fit
from cba_xl.slides.matrices import LABEL_SIZE, _corners, _label, _plot_unit_pt, _side
from cba_xl.slides.words import lead
from cba_xl.spec import layout as sheets

GAP = 0.12 * 914400  # EMU between the grid's panels
MAX_SIZE, MIN_SIZE = 13.0, 7.0

_RADAR_COLORS = {
    vocab.TREND_ACT: "alert",
    vocab.TREND_USE: "financing",
    vocab.TREND_REVIEW: "brand",
    vocab.TREND_WATCH: "light",
}


def _title_of(n: int, t: Trend) -> str:
    return t.trend or f"Trend {n}"


def pestel_data(hw: Homework) -> dict[str, Any]:
    """What the PESTEL slide's words are computed from (also read by the tests)."""
    counts = Counter(t.factor for t in hw.trends if t.factor in vocab.PESTEL)
    best = lead((g, counts[g]) for g in vocab.PESTEL)
    return {
        "trends": len(hw.trends),
        "covered": sum(1 for g in vocab.PESTEL if counts[g]),
        "groups": len(vocab.PESTEL),
        "missing": [g for g in vocab.PESTEL if not counts[g]],
        "lead": best,
        "unplaced": sum(1 for t in hw.trends if t.factor not in vocab.PESTEL),
    }


def _grid(area: Rect) -> list[Rect]:
    """Six panels, three across and two down, in PESTEL order."""
    w = int((area.w - 2 * GAP) / 3)
    h = int((area.h - GAP) / 2)
    return [
        Rect(int(area.x + col * (w + GAP)), int(area.y + row * (h + GAP)), w, h)
        for row in range(2)
        for col in range(3)
    ]


def pestel_slide(ctx: Ctx) -> None:
    hw = ctx.hw
    data = pestel_data(hw)
    slide = ctx.add("Table", "pestel", "trends", data, [sheets.TRENDS])
    area = ctx.deck.take(slide, "Body")
    panels: list[list[Para]] = []
    for group in vocab.PESTEL:
        mine = [(n, t) for n, t in enumerate(hw.trends, start=1) if t.factor == group]
        paras = [heading(ctx.words.sentence("pestel", "group", {"group": group, "n": len(mine)}))]
        for n, t in mine:
            # The pressing trends (high influence, low competence) in the alert colour.
            paras.append(
                Para(
                    f"{n}. {_title_of(n, t)}",
                    bullet=True,
                    bold=is_pressing(t),
                    color="alert" if is_pressing(t) else "text",
                )
            )
        if not mine:
            paras.append(
                Para(ctx.words.sentence("pestel", "none", data), italic=True, color="muted")
            )
        panels.append(paras)
    boxes = _grid(area)
    # One size for the whole grid, the largest at which every panel fits.
    size = min(
        fit(p, *b.inner_pt(), MAX_SIZE, MIN_SIZE).size for p, b in zip(panels, boxes, strict=True)
    )
    for group, paras, box in zip(vocab.PESTEL, panels, boxes, strict=True):
        ctx.deck.textbox(
            slide, box, paras, max_size=size, min_size=MIN_SIZE, name=group, fill="panel"
        )


def radar_data(hw: Homework) -> dict[str, Any]:
    """What the trend radar's words are computed from (also read by the tests)."""
    rated = [t for t in hw.trends if radar_quadrant(t.influence, t.competence)]
    pressing = [t for t in rated if is_pressing(t)]
    return {
        "rated": len(rated),
        "pressing": len(pressing),
        "unanswered": sum(1 for t in pressing if not answered(t, hw)),
        "unrated": [_title_of(n, t) for n, t in enumerate(hw.trends, start=1) if t not in rated],
        "legend": [
            f"{n}. {_title_of(n, t)} — influence {t.influence}, competence {t.competence}: "
            f"{radar_quadrant(t.influence, t.competence)}"
            for n, t in enumerate(hw.trends, start=1)
            if t in rated
        ],
    }


def _answer(t: Trend, hw: Homework) -> str:
    change = matched_change(t.change, hw.changes) if t.change else None
    parts = []
    if change is not None:
        parts.append(f"→ {change.change}")
    elif t.change:
        parts.append(f"→ {t.change}")
    if t.steps:
        which = ", ".join(str(s) for s in t.steps)
        parts.append(f"plan step {which}" if len(t.steps) == 1 else f"plan steps {which}")
    return "; ".join(parts)


def radar_slide(ctx: Ctx) -> None:
    hw = ctx.hw
    data = radar_data(hw)
    slide = ctx.add("Chart", "trend_radar", "trends", data, [sheets.TRENDS])
    area = ctx.deck.take(slide, "Chart")
    unit = _plot_unit_pt(area, 5.4)
    placed = [
        (n, t)
        for n, t in enumerate(hw.trends, start=1)
        if radar_quadrant(t.influence, t.competence)
    ]
    total = Counter((t.competence, t.influence) for _, t in placed)
    seen: Counter[tuple[int | None, int | None]] = Counter()
    points: dict[str, list[Point]] = defaultdict(list)
    for n, t in placed:
        assert t.competence is not None and t.influence is not None
        key = (t.competence, t.influence)
        k, many = seen[key], total[key]
        seen[key] += 1
        # Same ratings: the points stacked a little above and below the true position.
        step = min(0.22, 0.8 / max(many - 1, 1))
        dy = (k - (many - 1) / 2) * step
        place = "left" if t.competence > 3 else "right" if t.competence < 3 else "above"
        if place == "above" and k < (many - 1) / 2:
            # the lower of stacked points on the middle line: its label below it, or the two
            # labels would be drawn over each other and over the upper point
            place = "below"
        # On the middle line the label sits above its point, between the columns either side:
        # one line there, so that it reaches into neither column's labels.
        lines = 2 if many == 1 and place != "above" else 1
        label = _label(f"{n}. {_title_of(n, t)}", 1.9 * unit - 14, lines)
        q = radar_quadrant(t.influence, t.competence)
        points[q].append(Point(float(t.competence), t.influence + dy, label, side=place))
    groups = [Group(q, _RADAR_COLORS[q], points[q]) for q in vocab.TREND_QUADRANTS if points[q]]
    corners = [ctx.words.sentence("trend_radar", f"corner_{c}", data) for c in _CORNERS]
    matrix = Matrix(
        groups,
        Axis(ctx.words.sentence("trend_radar", "x_axis", data), 0.3, 5.7),
        Axis(ctx.words.sentence("trend_radar", "y_axis", data), 0.3, 5.7),
        (3.0, 3.0),
        _corners(0.3, 5.7, 0.3, 5.7, corners),
        LABEL_SIZE,
    )
    scatter(slide, area, matrix)
    side = [heading(ctx.words.sentence("trend_radar", "side_heading", data))]
    for q in vocab.TREND_QUADRANTS:
        mine = [(n, t) for n, t in placed if radar_quadrant(t.influence, t.competence) == q]
        if not mine:
            continue
        side.append(Para(f"{q}: {len(mine)}", bold=True, color=_RADAR_COLORS[q], space_before=0.6))
        for n, t in mine:
            side.append(Para(f"{n}. {_title_of(n, t)}", scale=0.85))
            if q == vocab.TREND_ACT:
                said = _answer(t, hw) if answered(t, hw) else ""
                text = said or ctx.words.sentence("trend_radar", "no_answer", data)
                side.append(Para(text, scale=0.8, italic=True, color="muted" if said else "alert"))
    if data["unrated"]:
        side.append(aside(ctx.words.sentence("trend_radar", "unrated", data)))
    _side(ctx, slide, "Side", side)


_CORNERS = ("top_left", "top_right", "bottom_left", "bottom_right")

__all__ = ["pestel_data", "pestel_slide", "radar_data", "radar_slide"]
