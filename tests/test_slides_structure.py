"""The demo deck, read back through python-pptx: layouts, native charts and tables, notes,
bounds, footer and sticker."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE_TYPE
from slides_support import build, demo_homework, shapes, title

from cba_xl.core import vocab
from cba_xl.slides.charts import GANTT_SEGMENTS


@pytest.fixture(scope="module")
def deck(tmp_path_factory: pytest.TempPathFactory) -> Any:
    hw, findings = demo_homework(0)
    return build(hw, findings, tmp_path_factory.mktemp("deck") / "demo.pptx")


@pytest.fixture(scope="module")
def faulty(tmp_path_factory: pytest.TempPathFactory) -> Any:
    hw, findings = demo_homework(7)  # a RACI row with two A, a deadline before the start
    assert findings
    return build(hw, findings, tmp_path_factory.mktemp("deck") / "faulty.pptx", exemplary=False)


def _by_title(prs: Any, start: str) -> Any:
    return next(s for s in prs.slides if title(s).startswith(start) or start in title(s))


def test_slides_in_presenting_order_use_the_named_layouts(deck: Any) -> None:
    layouts = [s.slide_layout.name for s in deck.slides]
    assert layouts[:6] == ["Title", "Profile", "Two content", "Canvas", "Canvas", "Two content"]
    assert {"Table", "Chart"} <= set(layouts)
    _, findings = demo_homework(0)
    assert ("Closing" in layouts) == bool(findings)  # the findings slide closes the deck


def test_both_matrices_are_native_scatter_charts_with_every_point_labelled(deck: Any) -> None:
    charts = [sh.chart for _, sh in shapes(deck) if sh.has_chart]
    scatters = [c for c in charts if c.chart_type == XL_CHART_TYPE.XY_SCATTER]
    # The profitability and priority matrices, and the trend radar.
    assert len(scatters) == 3
    priority = next(c for c in scatters if vocab.QUICK_WIN in [s.name for s in c.plots[0].series])
    names = [s.name for s in priority.plots[0].series]
    # The lines first (LibreOffice draws no series before the one with the most points), the
    # longer one holding as many points as the largest quadrant.
    assert names[:2] == ["Quadrant line (vertical)", "Quadrant line (horizontal)"]
    assert names[2:6] == list(vocab.QUADRANTS)
    series = list(priority.plots[0].series)
    assert len(series[0].values) == max(len(s.values) for s in series)
    hw, _ = demo_homework(0)
    labelled = 0
    for series in list(priority.plots[0].series)[2:6]:
        for i in range(len(series.values)):
            label = series.points[i].data_label
            assert label.has_text_frame and label.text_frame.text.strip()
            labelled += 1
    assert labelled == len(hw.actions)


def test_timeline_is_a_stacked_bar_chart_with_the_critical_path(deck: Any) -> None:
    bars = [
        sh.chart
        for _, sh in shapes(deck)
        if sh.has_chart and sh.chart.chart_type == XL_CHART_TYPE.BAR_STACKED
    ]
    assert len(bars) == 1
    series = [(s.name, list(s.values)) for s in bars[0].plots[0].series]
    assert len(series) == len(GANTT_SEGMENTS)
    names = dict(zip(GANTT_SEGMENTS, (name for name, _ in series), strict=True))
    assert (names["step"], names["critical"], names["deadline"]) == (
        "Step",
        "Critical path",
        "Deadline",
    )
    values = dict(zip(GANTT_SEGMENTS, (v for _, v in series), strict=True))
    assert sum(values["critical"]) > 0
    # Every step of the demo plan with a deadline shows its marker.
    hw, _ = demo_homework(0)
    dated = sum(1 for s in hw.plan if s.deadline is not None)
    marks = ("early_deadline", "due", "deadline")
    assert sum(1 for i in range(len(hw.plan)) if any(values[k][i] for k in marks)) == dated


def test_action_plan_table_has_guiding_questions_in_italics_and_a_row_per_step(deck: Any) -> None:
    hw, _ = demo_homework(0)
    slide = _by_title(deck, "steps take the plan")
    table = next(sh.table for sh in slide.shapes if sh.has_table)
    assert len(table.rows) == len(hw.plan) + 2
    question = table.cell(1, 1)
    assert question.text == "What will be done?"
    assert question.text_frame.paragraphs[0].runs[0].font.italic is True
    assert table.cell(0, 6).text == "Deadline"


def test_every_slide_has_notes_footer_number_and_sticker(deck: Any) -> None:
    for number, slide in enumerate(deck.slides, start=1):
        notes = slide.notes_slide.notes_text_frame.text
        assert len(notes) > 40, f"slide {number} has no real notes"
        texts = [sh.text_frame.text for sh in slide.shapes if sh.has_text_frame]
        assert "An initiative of the European Union" in texts
        assert str(number) in texts
        assert "Exemplary" in texts


def test_content_slides_carry_kicker_and_source_canvas_names_the_method(deck: Any) -> None:
    for slide in list(deck.slides)[1:]:
        names = {sh.name: sh for sh in slide.shapes}
        assert "Kicker" in names and "Source" in names
        assert names["Source"].text_frame.text.startswith(
            "Source: Odra Valley Food Innovation Cluster workbook, 15 November 2024"
        )
    canvas = [s for s in deck.slides if s.slide_layout.name == "Canvas"]
    for slide in canvas:
        source = next(sh for sh in slide.shapes if sh.name == "Source").text_frame.text
        assert source.endswith("GIZ Cluster Business Model Guide 2021")


def test_no_shape_outside_the_slide_and_no_picture(deck: Any) -> None:
    width, height = deck.slide_width, deck.slide_height
    for number, shape in shapes(deck):
        assert shape.shape_type != MSO_SHAPE_TYPE.PICTURE
        assert shape.left >= 0 and shape.top >= 0, (number, shape.name)
        assert shape.left + shape.width <= width, (number, shape.name)
        assert shape.top + shape.height <= height, (number, shape.name)


def test_no_placeholder_is_left_empty(deck: Any, faulty: Any) -> None:
    for prs in (deck, faulty):
        for number, slide in enumerate(prs.slides, start=1):
            for ph in slide.placeholders:
                assert ph.has_text_frame and ph.text_frame.text.strip(), (number, ph.name)


def test_canvas_slide_shows_every_block_with_its_items(deck: Any) -> None:
    hw, _ = demo_homework(0)
    slide = next(s for s in deck.slides if s.slide_layout.name == "Canvas")
    blocks = {
        sh.name: sh.text_frame.text
        for sh in slide.shapes
        if sh.name in vocab.CANVAS_BLOCK_TITLES.values()
    }
    assert len(blocks) == 14
    for key, title_text in vocab.CANVAS_BLOCK_TITLES.items():
        for item in hw.canvas_current.blocks[key]:
            assert item in blocks[title_text]


def test_workbook_with_errors_ends_with_its_findings(faulty: Any) -> None:
    last = list(faulty.slides)[-1]
    assert last.slide_layout.name == "Closing"
    assert title(last).startswith("The check found")
    table = next(sh.table for sh in last.shapes if sh.has_table)
    assert any(c.text == "error" for row in table.rows for c in row.cells)
    assert not any(sh.name == "Exemplary" for _, sh in shapes(faulty))
    raci = next(
        s
        for s in faulty.slides
        if "RACI" in s.shapes[0].text_frame.text or "deliverable" in title(s)
    )
    assert "Findings of the workbook check" in raci.notes_slide.notes_text_frame.text


def test_deck_is_written_atomically_without_leftovers(tmp_path: Path) -> None:
    hw, findings = demo_homework(0)
    out = tmp_path / "deck.pptx"
    build(hw, findings, out)
    assert [p.name for p in tmp_path.iterdir()] == ["deck.pptx"]
