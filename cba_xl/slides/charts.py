"""Native, editable charts: XY scatter matrices with quadrant lines and labels, bar charts, and a
Gantt-like timeline drawn as a stacked bar chart. Colours are theme colours."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pptx.chart.data import CategoryChartData, XyChartData
from pptx.enum.chart import (
    XL_CHART_TYPE,
    XL_LABEL_POSITION,
    XL_MARKER_STYLE,
    XL_TICK_LABEL_POSITION,
    XL_TICK_MARK,
)
from pptx.enum.dml import MSO_PATTERN
from pptx.util import Emu, Pt

from cba_xl.slides.deck import ROLES, Rect, Slide
from cba_xl.slides.fitting import metrics


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str
    # where the label sits: "right", "left" (near the right edge), "above" or "below"
    side: str = "right"


@dataclass(frozen=True)
class Group:
    """One series of points, drawn in one colour."""

    name: str
    color: str  # colour role
    points: Sequence[Point]


@dataclass(frozen=True)
class Axis:
    title: str
    minimum: float
    maximum: float
    ticks: bool = False  # show the numbers along the axis
    unit: float = 1.0


@dataclass(frozen=True)
class Corner:
    """A quadrant's name, written at a point of the plot area."""

    x: float
    y: float
    text: str
    right: bool  # the text runs to the right of the point (else to the left)


@dataclass(frozen=True)
class Arrow:
    """A line from one position to another, ending in a diamond: e.g. from a service's
    self-assessment to where its members put it. (LibreOffice's charts draw no line-end
    arrowheads, so the diamond marks the end.)"""

    name: str
    start: tuple[float, float]
    end: tuple[float, float]
    color: str  # colour role


@dataclass
class Matrix:
    groups: Sequence[Group]
    x: Axis
    y: Axis
    mid: tuple[float, float]
    corners: Sequence[Corner] = field(default_factory=tuple)
    label_size: float = 9.0
    arrows: Sequence[Arrow] = field(default_factory=tuple)
    arrow_ends: str = "Arrow ends"  # the name of the series of diamonds at the arrows' ends


def _new(kind: type, **options: Any) -> Any:
    """python-pptx's chart data classes are untyped; one place calls them."""
    return kind(**options)


def _font(tf: Any, size: float, *, bold: bool = False, color: str = "text") -> None:
    for p in tf.paragraphs:
        for run in p.runs:
            run.font.size = Pt(size)
            run.font.bold = bold
            run.font.color.theme_color = ROLES[color]


def _axis(axis: Any, spec: Axis, size: float = 10) -> None:
    axis.minimum_scale = spec.minimum
    axis.maximum_scale = spec.maximum
    axis.major_unit = spec.unit
    axis.has_major_gridlines = False
    axis.has_minor_gridlines = False
    axis.major_tick_mark = XL_TICK_MARK.OUTSIDE if spec.ticks else XL_TICK_MARK.NONE
    axis.minor_tick_mark = XL_TICK_MARK.NONE
    axis.tick_label_position = (
        XL_TICK_LABEL_POSITION.LOW if spec.ticks else XL_TICK_LABEL_POSITION.NONE
    )
    axis.tick_labels.font.size = Pt(size)
    axis.format.line.color.theme_color = ROLES["muted"]
    axis.has_title = True
    axis.axis_title.text_frame.text = spec.title
    _font(axis.axis_title.text_frame, size, bold=True, color="muted")


_LABEL_SIDES = {
    "right": XL_LABEL_POSITION.RIGHT,
    "left": XL_LABEL_POSITION.LEFT,
    "above": XL_LABEL_POSITION.ABOVE,
    "below": XL_LABEL_POSITION.BELOW,
}


def scatter(slide: Slide, area: Rect, matrix: Matrix) -> Any:
    """An XY scatter chart: two quadrant lines through `mid`, the arrows (a line and a diamond
    at its end), one series per group, and the quadrant names as labels of invisible series; every
    point labelled with its own text.

    LibreOffice Impress does not draw any series that comes before the chart's first series with
    the most points (their points and labels vanish; found by rendering). So the vertical
    quadrant line comes first and holds as many points as the longest series: its end point is
    repeated, which draws the same line in every viewer. The groups come after the arrows, so
    their points lie on top."""
    data = _new(XyChartData)
    mx, my = matrix.mid
    longest = max([len(g.points) for g in matrix.groups] + [len(matrix.arrows), 2])
    vertical = data.add_series("Quadrant line (vertical)")
    vertical.add_data_point(mx, matrix.y.minimum)
    for _ in range(longest - 1):
        vertical.add_data_point(mx, matrix.y.maximum)
    horizontal = data.add_series("Quadrant line (horizontal)")
    horizontal.add_data_point(matrix.x.minimum, my)
    horizontal.add_data_point(matrix.x.maximum, my)
    for arrow in matrix.arrows:
        line = data.add_series(arrow.name)
        line.add_data_point(*arrow.start)
        line.add_data_point(*arrow.end)
    if matrix.arrows:
        ends = data.add_series(matrix.arrow_ends)
        for arrow in matrix.arrows:
            ends.add_data_point(*arrow.end)
    for group in matrix.groups:
        series = data.add_series(group.name)
        for p in group.points:
            series.add_data_point(p.x, p.y)
    # One series per quadrant name: LibreOffice drops every series of the chart when one
    # marker-less, labelled series holds more points than the first series.
    for c in matrix.corners:
        data.add_series(c.text).add_data_point(c.x, c.y)

    frame = slide.pptx.shapes.add_chart(
        XL_CHART_TYPE.XY_SCATTER, Emu(area.x), Emu(area.y), Emu(area.w), Emu(area.h), data
    )
    frame.name = "Matrix"
    chart = frame.chart
    chart.has_legend = False
    chart.font.size = Pt(10)
    _axis(chart.category_axis, matrix.x)
    _axis(chart.value_axis, matrix.y)
    series_left = iter(chart.plots[0].series)
    for series in (next(series_left), next(series_left)):
        _line(series, "muted", 1.25)
    for arrow in matrix.arrows:
        _line(next(series_left), arrow.color, 1.5)
    if matrix.arrows:
        ends = next(series_left)
        ends.smooth = False
        ends.format.line.fill.background()
        # LibreOffice draws a marker in its fill colour only (no border): a dark diamond
        # rather than a ring, so that it shows in every viewer.
        ends.marker.style = XL_MARKER_STYLE.DIAMOND
        ends.marker.size = 8
        ends.marker.format.fill.solid()
        ends.marker.format.fill.fore_color.theme_color = ROLES["text"]
        ends.marker.format.line.color.theme_color = ROLES["white"]
    for group in matrix.groups:
        series = next(series_left)
        series.smooth = False
        series.marker.style = XL_MARKER_STYLE.CIRCLE
        series.marker.size = 9
        series.marker.format.fill.solid()
        series.marker.format.fill.fore_color.theme_color = ROLES[group.color]
        series.marker.format.line.color.theme_color = ROLES["white"]
        for i, p in enumerate(group.points):
            label = series.points[i].data_label
            label.text_frame.text = p.label
            _font(label.text_frame, matrix.label_size)
            label.position = _LABEL_SIDES[p.side]
    for c in matrix.corners:
        series = next(series_left)
        series.smooth = False
        series.marker.style = XL_MARKER_STYLE.NONE
        label = series.points[0].data_label
        label.text_frame.text = "\n".join(metrics().wrap(c.text, 100, 11, True))
        _font(label.text_frame, 11, bold=True, color="muted")
        label.position = XL_LABEL_POSITION.RIGHT if c.right else XL_LABEL_POSITION.LEFT
    return chart


def _line(series: Any, color: str, width: float) -> None:
    series.smooth = False
    series.marker.style = XL_MARKER_STYLE.NONE
    line = series.format.line
    line.color.theme_color = ROLES[color]
    line.width = Pt(width)
    line.dash_style = None


def bar(
    slide: Slide,
    area: Rect,
    categories: Sequence[str],
    values: Sequence[float],
    *,
    highlight: Sequence[int] = (),
    series_name: str = "Count",
    number_format: str = "0",
    horizontal: bool = True,
) -> Any:
    """A bar chart, highlighted bars in the accent colour, the others in the brand colour, each
    bar labelled with its value."""
    data = _new(CategoryChartData, number_format=number_format)
    data.categories = list(categories)
    data.add_series(series_name, list(values))
    kind = XL_CHART_TYPE.BAR_CLUSTERED if horizontal else XL_CHART_TYPE.COLUMN_CLUSTERED
    frame = slide.pptx.shapes.add_chart(
        kind, Emu(area.x), Emu(area.y), Emu(area.w), Emu(area.h), data
    )
    frame.name = "Bar chart"
    chart = frame.chart
    chart.has_legend = False
    chart.font.size = Pt(10)
    plot = chart.plots[0]
    plot.gap_width = 60
    plot.has_data_labels = True
    plot.data_labels.number_format = number_format
    plot.data_labels.number_format_is_linked = False
    plot.data_labels.position = XL_LABEL_POSITION.OUTSIDE_END
    plot.data_labels.font.size = Pt(10)
    series = plot.series[0]
    series.format.fill.solid()
    series.format.fill.fore_color.theme_color = ROLES["light"]
    marked = set(highlight)
    for i in range(len(categories)):
        if i in marked:
            point = series.points[i]
            point.format.fill.solid()
            point.format.fill.fore_color.theme_color = ROLES["brand"]
    if horizontal:
        chart.category_axis.reverse_order = True
    value_axis = chart.value_axis
    value_axis.has_major_gridlines = False
    value_axis.visible = False
    chart.category_axis.format.line.color.theme_color = ROLES["muted"]
    chart.category_axis.major_tick_mark = XL_TICK_MARK.NONE
    return chart


@dataclass(frozen=True)
class GanttBar:
    label: str
    start: float  # days from the plan start
    length: float  # days
    critical: bool
    deadline: float | None = None  # days from the plan start
    milestone: bool = False


# The stacked segments of a Gantt bar, in stacking order: (series key, colour role or "" for an
# invisible spacer). Each bar uses some of them and leaves the others 0.
_SEGMENTS = (
    ("lead", ""),  # up to a deadline that lies before the step starts
    ("early_deadline", "accent"),
    ("wait", ""),  # from that deadline to the step's start
    ("step", "light"),
    ("critical", "alert"),
    ("due", "accent"),  # the deadline inside a late bar
    ("late", "late"),  # the part of the bar after its deadline
    # a step of 0 days; before the gap, since a milestone may come before its deadline
    ("milestone", "text"),
    ("gap", ""),  # from the step's finish to its deadline
    ("deadline", "accent"),
)


def gantt_segments(bar: GanttBar, mark: float) -> dict[str, float]:
    """The bar as stacked segments adding up to where it ends; `mark` is the width of a
    deadline or milestone marker, centred on its day."""
    seg = dict.fromkeys((k for k, _ in _SEGMENTS), 0.0)
    half = mark / 2
    body = "critical" if bar.critical else "step"
    end = bar.start + bar.length
    due = None if bar.deadline is None else max(bar.deadline, half)
    if due is not None and due < bar.start:
        seg["lead"] = due - half
        seg["early_deadline"] = mark
        seg["wait"] = max(0.0, bar.start - due - half)
        seg["late" if bar.length else "milestone"] = bar.length or mark
        return seg
    seg["lead"] = bar.start if bar.length or not bar.milestone else max(0.0, bar.start - half)
    if due is not None and due < end:
        seg[body] = max(0.0, due - bar.start - half)
        seg["due"] = mark
        seg["late"] = max(0.0, end - due - half)
        return seg
    if bar.length:
        seg[body] = bar.length
    elif bar.milestone:
        seg["milestone"] = mark
        if due is not None and due - half < seg["lead"] + mark:
            # due on the milestone's own day: the deadline on its day, the milestone after it
            seg["lead"], seg["due"] = max(0.0, due - half), mark
            return seg
    if due is not None:
        done = bar.start + bar.length if bar.length else seg["lead"] + seg["milestone"]
        seg["gap"] = max(0.0, due - half - done)
        seg["deadline"] = mark
    return seg


def gantt(
    slide: Slide,
    area: Rect,
    bars: Sequence[GanttBar],
    *,
    axis_title: str,
    span: float,
    names: Mapping[str, str],
) -> Any:
    """A Gantt-like chart as a stacked bar chart: invisible spacers, the step's duration (in
    the alert colour on the critical path), its deadline as a thin gold marker, the part of a
    late step after its deadline hatched, and milestones of 0 days as a dark marker. `names`
    names each segment's series (what an editor of the chart sees)."""
    unit = _nice_unit(span)
    top = max(unit, -(-span // unit) * unit)
    mark = top * 0.008
    parts = [gantt_segments(b, mark) for b in bars]
    data = _new(CategoryChartData, number_format="0")
    data.categories = [b.label for b in bars]
    for key, _ in _SEGMENTS:
        data.add_series(names[key], [round(p[key], 3) for p in parts])
    frame = slide.pptx.shapes.add_chart(
        XL_CHART_TYPE.BAR_STACKED, Emu(area.x), Emu(area.y), Emu(area.w), Emu(area.h), data
    )
    frame.name = "Timeline"
    chart = frame.chart
    chart.font.size = Pt(10)
    # No legend: it would list the invisible spacers too; the slide's side panel names the
    # colours.
    chart.has_legend = False
    plot = chart.plots[0]
    plot.gap_width = 50
    plot.overlap = 100
    for series, (_, role) in zip(plot.series, _SEGMENTS, strict=True):
        if not role:
            series.format.fill.background()
            series.format.line.fill.background()
        elif role == "late":
            series.format.fill.patterned()
            series.format.fill.pattern = MSO_PATTERN.WIDE_UPWARD_DIAGONAL
            series.format.fill.fore_color.theme_color = ROLES["alert"]
            series.format.fill.back_color.theme_color = ROLES["white"]
            series.format.line.color.theme_color = ROLES["alert"]
        else:
            series.format.fill.solid()
            series.format.fill.fore_color.theme_color = ROLES[role]
            series.format.line.fill.background()
    cat = chart.category_axis
    cat.reverse_order = True
    cat.major_tick_mark = XL_TICK_MARK.NONE
    cat.format.line.color.theme_color = ROLES["muted"]
    cat.tick_labels.font.size = Pt(10)
    val = chart.value_axis
    val.minimum_scale = 0
    val.maximum_scale = top
    val.major_unit = unit
    val.has_major_gridlines = True
    val.major_gridlines.format.line.color.theme_color = ROLES["panel"]
    val.tick_labels.font.size = Pt(10)
    val.format.line.fill.background()
    val.has_title = True
    val.axis_title.text_frame.text = axis_title
    _font(val.axis_title.text_frame, 10, bold=True, color="muted")
    return chart


GANTT_SEGMENTS = tuple(k for k, _ in _SEGMENTS)


def _nice_unit(span: float) -> float:
    for unit in (7, 14, 30, 60, 90, 180, 365):
        if span / unit <= 10:
            return unit
    return 730
