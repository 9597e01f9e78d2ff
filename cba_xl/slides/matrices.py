"""The two matrices as native XY scatter charts: service profitability and action priority."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence

from cba_xl.core import vocab
from cba_xl.core.rules import derived
from cba_xl.core.rules.actions import action_quadrant
from cba_xl.slides.charts import Axis, Corner, Group, Matrix, Point, scatter
from cba_xl.slides.context import Ctx, heading
from cba_xl.slides.deck import EMU_PER_PT, Rect
from cba_xl.slides.fitting import Para, metrics
from cba_xl.spec import layout as sheets

LABEL_SIZE = 9.0
LABEL_WIDTH = 88.0  # points
PER_COLUMN = 7  # points stacked in one column of a quadrant before a second column starts

# Quadrant -> colour role; quick wins and "keep and promote" share the financing green.
_ACTION_COLORS = {
    vocab.QUICK_WIN: "financing",
    vocab.MAJOR_PROJECT: "brand",
    vocab.FILL_IN: "light",
    vocab.THANKLESS_TASK: "alert",
}
_SERVICE_COLORS = {
    derived.KEEP_AND_PROMOTE: "financing",
    derived.KEEP_CONSIDER_FEE: "brand",
    derived.NO_CHANGE: "light",
    derived.TERMINATE_OR_FEE: "alert",
}


def _plot_unit_pt(area: Rect, span: float) -> float:
    """Roughly how many points one axis unit spans (the plot is ~88 % of the chart width)."""
    return area.w * 0.88 / EMU_PER_PT / span


def _label(text: str, room_pt: float, lines: int = 1) -> str:
    """The label broken into at most `lines` explicit lines, the last one shortened if need be.
    Renderers wrap data labels at about 1.7 in on their own, each differently; explicit lines
    narrower than that look the same everywhere. The side panel and notes have the full text."""
    width = min(max(room_pt, 30.0), LABEL_WIDTH)
    m = metrics()
    wrapped = m.wrap(text, width, LABEL_SIZE)
    if len(wrapped) > lines:
        last, _ = m.clip(" ".join(wrapped[lines - 1 :]), width, LABEL_SIZE, 1)
        wrapped = [*wrapped[: lines - 1], last]
    return "\n".join(wrapped)


def _side(ctx: Ctx, slide: object, name: str, paras: Sequence[Para]) -> None:
    ctx.deck.text(slide, "Side", list(paras), max_size=12, min_size=8)  # type: ignore[arg-type]


def priority_slide(ctx: Ctx) -> None:
    actions = ctx.hw.actions
    by_quadrant: dict[str, list[tuple[int, str]]] = defaultdict(list)
    unrated: list[str] = []
    for n, a in enumerate(actions, start=1):
        q = action_quadrant(a)
        if q:
            by_quadrant[q].append((n, a.action or f"Action {n}"))
        else:
            unrated.append(a.action or f"Action {n}")
    counts = {q: len(by_quadrant[q]) for q in vocab.QUADRANTS}
    legend = [f"{n}. {text} — {q}" for q in vocab.QUADRANTS for n, text in by_quadrant[q]]
    data = {
        "rated": sum(counts.values()),
        "quick": counts[vocab.QUICK_WIN],
        "major": counts[vocab.MAJOR_PROJECT],
        "thankless": counts[vocab.THANKLESS_TASK],
        "unrated": unrated,
        "legend": legend,
    }
    slide = ctx.add("Chart", "priority", "priority", data, [sheets.PRIORITY])
    area = ctx.deck.take(slide, "Chart")
    unit = _plot_unit_pt(area, 4)
    # Quadrant centres: effort on x (low = 1, high = 3), impact on y.
    centres = {
        vocab.QUICK_WIN: (1.0, 3.0),
        vocab.MAJOR_PROJECT: (3.0, 3.0),
        vocab.FILL_IN: (1.0, 1.0),
        vocab.THANKLESS_TASK: (3.0, 1.0),
    }
    groups = []
    for q in vocab.QUADRANTS:
        points = _spread(by_quadrant[q], centres[q], half=1.0, unit_pt=unit)
        groups.append(Group(q, _ACTION_COLORS[q], points))
    matrix = Matrix(
        groups,
        Axis(ctx.words.sentence("priority", "x_axis", data), 0, 4),
        Axis(ctx.words.sentence("priority", "y_axis", data), 0, 4),
        (2.0, 2.0),
        _corners(
            0, 4, 0, 4, (vocab.QUICK_WIN, vocab.MAJOR_PROJECT, vocab.FILL_IN, vocab.THANKLESS_TASK)
        ),
        LABEL_SIZE,
    )
    scatter(slide, area, matrix)
    side = [heading(ctx.words.sentence("priority", "side_heading", data))]
    for q in vocab.QUADRANTS:
        side.append(Para(f"{q}: {counts[q]}", bold=True, color=_ACTION_COLORS[q], space_before=0.6))
        side += [Para(f"{n}. {text}", scale=0.85) for n, text in by_quadrant[q]]
    if unrated:
        side.append(
            Para(
                ctx.words.sentence("priority", "unrated", data),
                italic=True,
                color="muted",
                space_before=0.6,
            )
        )
    _side(ctx, slide, "Side", side)


def _corners(x0: float, x1: float, y0: float, y1: float, names: Sequence[str]) -> list[Corner]:
    """Quadrant names in the four corners: top-left, top-right, bottom-left, bottom-right."""
    dx, dy = (x1 - x0) * 0.02, (y1 - y0) * 0.04
    return [
        Corner(x0 + dx, y1 - dy, names[0], True),
        Corner(x1 - dx, y1 - dy, names[1], False),
        Corner(x0 + dx, y0 + dy, names[2], True),
        Corner(x1 - dx, y0 + dy, names[3], False),
    ]


def _spread(
    items: Sequence[tuple[int, str]], centre: tuple[float, float], half: float, unit_pt: float
) -> list[Point]:
    """Points of one quadrant in columns of up to PER_COLUMN, labels to their right, so that
    neither points nor labels overlap. Position inside a quadrant carries no meaning."""
    if not items:
        return []
    cols = math.ceil(len(items) / PER_COLUMN)
    rows = math.ceil(len(items) / cols)
    cx, cy = centre
    left = cx - half * 0.85
    col_w = (half * 1.8) / cols
    band = half * 0.5  # stay clear of the quadrant names in the corners
    points = []
    for k, (n, text) in enumerate(items):
        col, row = divmod(k, rows)
        x = left + col * col_w
        y = cy if rows == 1 else cy + band - row * (2 * band / (rows - 1))
        lines = 2 if rows <= 5 else 1
        points.append(Point(x, y, _label(f"{n}. {text}", col_w * unit_pt - 14, lines)))
    return points


def profitability_slide(ctx: Ctx) -> None:
    services = ctx.hw.services
    by_suggestion: dict[str, list[tuple[int, str, int, int]]] = defaultdict(list)
    unrated: list[str] = []
    for n, s in enumerate(services, start=1):
        if s.effort is None or s.value is None:
            unrated.append(s.service or f"Service {n}")
            continue
        by_suggestion[derived.service_suggestion(s.effort, s.value, s.rating, s.financing)].append(
            (n, s.service or f"Service {n}", s.effort, s.value)
        )
    order = (
        derived.KEEP_AND_PROMOTE,
        derived.KEEP_CONSIDER_FEE,
        derived.NO_CHANGE,
        derived.TERMINATE_OR_FEE,
    )
    gaps = [
        (s.service, gap)
        for s in services
        if (gap := derived.member_gap(s.value, s.rating)) is not None and abs(gap) >= 2
    ]
    legend = [
        f"{n}. {name} — effort {e}, value {v}: {q}"
        for q in order
        for n, name, e, v in by_suggestion[q]
    ]
    data = {
        "rated": sum(len(v) for v in by_suggestion.values()),
        "promote": len(by_suggestion[derived.KEEP_AND_PROMOTE]),
        "terminate": len(by_suggestion[derived.TERMINATE_OR_FEE]),
        "unrated": unrated,
        "legend": legend,
    }
    slide = ctx.add("Chart", "profitability", "profitability", data, [sheets.SERVICES])
    area = ctx.deck.take(slide, "Chart")
    unit = _plot_unit_pt(area, 5.4)
    groups = []
    seen: dict[tuple[int, int], int] = defaultdict(int)
    total: dict[tuple[int, int], int] = defaultdict(int)
    for q in order:
        for _, _, e, v in by_suggestion[q]:
            total[(e, v)] += 1
    for q in order:
        points = []
        for n, name, e, v in by_suggestion[q]:
            k = seen[(e, v)]
            seen[(e, v)] += 1
            count = total[(e, v)]
            # Same scores: stack the points a little above and below the true position.
            step = min(0.22, 0.8 / max(count - 1, 1))
            y = v + (k - (count - 1) / 2) * step
            label = _label(f"{n}. {name}", 1.9 * unit - 14, 2 if count == 1 else 1)
            # Labels point away from the middle; on the middle line they sit above the point,
            # where they cannot run into the labels of the columns on either side.
            placed = "left" if e > 3 else "right" if e < 3 else "above"
            points.append(Point(float(e), y, label, side=placed))
        groups.append(Group(q, _SERVICE_COLORS[q], points))
    matrix = Matrix(
        groups,
        Axis(ctx.words.sentence("profitability", "x_axis", data), 0.3, 5.7),
        Axis(ctx.words.sentence("profitability", "y_axis", data), 0.3, 5.7),
        (3.0, 3.0),
        _corners(
            0.3,
            5.7,
            0.3,
            5.7,
            (
                derived.KEEP_AND_PROMOTE,
                derived.KEEP_CONSIDER_FEE,
                derived.NO_CHANGE,
                derived.TERMINATE_OR_FEE,
            ),
        ),
        LABEL_SIZE,
    )
    scatter(slide, area, matrix)
    side = [heading(ctx.words.sentence("profitability", "side_heading", data))]
    for q in order:
        side.append(
            Para(
                f"{q}: {len(by_suggestion[q])}",
                bold=True,
                color=_SERVICE_COLORS[q],
                space_before=0.6,
            )
        )
        side += [Para(f"{n}. {name}", scale=0.85) for n, name, _, _ in by_suggestion[q]]
    if gaps:
        side.append(
            Para(
                ctx.words.sentence("profitability", "gaps_heading", data),
                bold=True,
                space_before=0.8,
            )
        )
        for name, gap in gaps:
            side.append(
                Para(
                    ctx.words.sentence(
                        "profitability", "gap", {**data, "service": name, "gap": gap}
                    ),
                    scale=0.85,
                )
            )
    if unrated:
        side.append(
            Para(
                ctx.words.sentence("profitability", "unrated", data),
                italic=True,
                color="muted",
                space_before=0.6,
            )
        )
    _side(ctx, slide, "Side", side)
