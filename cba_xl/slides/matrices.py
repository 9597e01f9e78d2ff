"""The two matrices as native XY scatter charts: service profitability and action priority."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cba_xl.core import vocab
from cba_xl.core.rules import derived
from cba_xl.core.rules.actions import action_quadrant
from cba_xl.core.rules.services import GAP_LIMIT, suggestion_of
from cba_xl.slides.charts import Arrow, Axis, Corner, Group, Matrix, Point, scatter
from cba_xl.slides.context import Ctx, aside, heading
from cba_xl.slides.deck import EMU_PER_PT, Rect
from cba_xl.slides.fitting import Para, metrics
from cba_xl.spec import layout as sheets

LABEL_SIZE = 9.0
LABEL_WIDTH = 88.0  # points
ARROW_SHIFT = 0.16  # axis units the members' diamond sits beside its column
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
    derived.KEEP_FEE_BASED: "brand",
    derived.KEEP_CONSIDER_FEE: "brand",
    derived.MAKE_FEE_BASED: "brand",
    derived.NO_CHANGE: "light",
    derived.TERMINATE_OR_CHANGE: "alert",
    derived.TERMINATE_OR_FEE: "alert",
}
# The profitability matrix's corners (words in profitability.j2): top-left, top-right,
# bottom-left, bottom-right. They name the scores, not a suggestion: the suggestion also
# depends on the financing.
_CORNERS = ("top_left", "top_right", "bottom_left", "bottom_right")


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
        side.append(aside(ctx.words.sentence("priority", "unrated", data)))
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


@dataclass(frozen=True)
class _Placed:
    """One service on the profitability matrix."""

    n: int
    name: str
    effort: int
    value: int | None  # the cluster's own view
    rating: int | None  # the members' rating
    suggestion: str

    @property
    def own(self) -> int:
        """Where the point sits: the self-assessment, or the members' rating when it is all
        there is."""
        assert self.value is not None or self.rating is not None
        return self.value if self.value is not None else self.rating  # type: ignore[return-value]

    @property
    def moved(self) -> bool:
        return self.value is not None and self.rating is not None and self.value != self.rating


def _placed(ctx: Ctx) -> tuple[list[_Placed], list[str]]:
    placed: list[_Placed] = []
    unrated: list[str] = []
    for n, s in enumerate(ctx.hw.services, start=1):
        name = s.service or f"Service {n}"
        if s.effort is None or (s.value is None and s.rating is None):
            unrated.append(name)
            continue
        placed.append(_Placed(n, name, s.effort, s.value, s.rating, suggestion_of(s)))
    return placed, unrated


def profitability_data(ctx: Ctx) -> dict[str, Any]:
    """What the profitability slide's words are computed from (also read by the tests)."""
    placed, unrated = _placed(ctx)
    by = Counter(p.suggestion for p in placed)
    gaps = [
        (p.name, gap)
        for p in placed
        if (gap := derived.member_gap(p.value, p.rating)) is not None and abs(gap) >= GAP_LIMIT
    ]
    return {
        "rated": len(placed),
        "promote": by[derived.KEEP_AND_PROMOTE],
        "terminate": by[derived.TERMINATE_OR_FEE] + by[derived.TERMINATE_OR_CHANGE],
        "make_fee": by[derived.MAKE_FEE_BASED],
        "rated_by_members": sum(1 for p in placed if p.rating is not None),
        "moved": sum(1 for p in placed if p.moved),
        "gaps": gaps,
        "unrated": unrated,
        "legend": [
            _legend_line(p) for q in derived.SUGGESTIONS for p in placed if p.suggestion == q
        ],
    }


def _legend_line(p: _Placed) -> str:
    own = "not self-assessed" if p.value is None else f"your value {p.value}"
    members = "" if p.rating is None else f", members {p.rating}"
    return f"{p.n}. {p.name} — effort {p.effort}, {own}{members}: {p.suggestion}"


def profitability_slide(ctx: Ctx) -> None:
    placed, _ = _placed(ctx)
    data = profitability_data(ctx)
    slide = ctx.add("Chart", "profitability", "profitability", data, [sheets.SERVICES])
    area = ctx.deck.take(slide, "Chart")
    unit = _plot_unit_pt(area, 5.4)
    total = Counter((p.effort, p.own) for p in placed)
    seen: Counter[tuple[int, int]] = Counter()
    points: dict[str, list[Point]] = defaultdict(list)
    arrows: list[Arrow] = []
    for p in placed:
        key = (p.effort, p.own)
        k, count = seen[key], total[key]
        seen[key] += 1
        # Same scores: stack the points a little above and below the true position.
        step = min(0.22, 0.8 / max(count - 1, 1))
        dy = (k - (count - 1) / 2) * step
        label = _label(f"{p.n}. {p.name}", 1.9 * unit - 14, 2 if count == 1 else 1)
        # Labels point away from the middle; on the middle line they sit above the point,
        # where they cannot run into the labels of the columns on either side.
        placed_at = "left" if p.effort > 3 else "right" if p.effort < 3 else "above"
        points[p.suggestion].append(Point(float(p.effort), p.own + dy, label, side=placed_at))
        if p.moved:
            assert p.rating is not None
            arrows.append(
                Arrow(
                    f"{p.n}. {p.name}: your value → members' rating",
                    (float(p.effort), p.own + dy),
                    # Slanted a little, away from the label, so that the diamond never hides
                    # under (or covers) a point of the same scores.
                    (p.effort + (-ARROW_SHIFT if p.effort < 3 else ARROW_SHIFT), p.rating + dy),
                    _SERVICE_COLORS[p.suggestion],
                )
            )
    groups = [Group(q, _SERVICE_COLORS[q], points[q]) for q in derived.SUGGESTIONS if points[q]]
    corners = [ctx.words.sentence("profitability", f"corner_{c}", data) for c in _CORNERS]
    matrix = Matrix(
        groups,
        Axis(ctx.words.sentence("profitability", "x_axis", data), 0.3, 5.7),
        Axis(ctx.words.sentence("profitability", "y_axis", data), 0.3, 5.7),
        (3.0, 3.0),
        _corners(0.3, 5.7, 0.3, 5.7, corners),
        LABEL_SIZE,
        arrows,
        ctx.words.sentence("profitability", "rating_series", data),
    )
    scatter(slide, area, matrix)
    side = [heading(ctx.words.sentence("profitability", "side_heading", data))]
    for q in derived.SUGGESTIONS:
        mine = [p for p in placed if p.suggestion == q]
        if not mine:
            continue
        side.append(
            Para(f"{q}: {len(mine)}", bold=True, color=_SERVICE_COLORS[q], space_before=0.6)
        )
        side += [Para(f"{p.n}. {p.name}", scale=0.85) for p in mine]
    if data["gaps"]:
        side.append(
            Para(
                ctx.words.sentence("profitability", "gaps_heading", data),
                bold=True,
                space_before=0.8,
            )
        )
        for name, gap in data["gaps"]:
            side.append(
                Para(
                    ctx.words.sentence(
                        "profitability", "gap", {**data, "service": name, "gap": gap}
                    ),
                    scale=0.85,
                )
            )
    if arrows:
        side.append(aside(ctx.words.sentence("profitability", "key", data), scale=0.85))
    if data["unrated"]:
        side.append(
            Para(
                ctx.words.sentence("profitability", "unrated", data),
                italic=True,
                color="muted",
                space_before=0.6,
            )
        )
    _side(ctx, slide, "Side", side)
