"""The stress homework (40 actions, 300-character cells, Polish, Greek and Bulgarian, a very
long cluster name): nothing runs off the slide, tables continue on further slides, and what
had to be shortened is in the notes in full."""

from __future__ import annotations

import re
from typing import Any

import pytest
from slides_support import shapes, stress, title

from cba_xl.sample.stress import stress_homework
from cba_xl.slides.fitting import ELLIPSIS, LINE_SPACING, metrics

EMU_PER_PT = 12700


@pytest.fixture(scope="module")
def deck(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return stress(tmp_path_factory.mktemp("stress") / "stress.pptx")


def test_every_shape_stays_on_the_slide(deck: Any) -> None:
    for number, shape in shapes(deck):
        assert shape.left >= 0 and shape.top >= 0, (number, shape.name)
        assert shape.left + shape.width <= deck.slide_width, (number, shape.name)
        assert shape.top + shape.height <= deck.slide_height, (number, shape.name)


def test_tables_stay_above_the_source_line(deck: Any) -> None:
    for number, slide in enumerate(deck.slides, start=1):
        source = next((sh for sh in slide.shapes if sh.name == "Source"), None)
        for shape in slide.shapes:
            if shape.has_table and source is not None:
                height = sum(row.height for row in shape.table.rows)
                assert shape.top + height <= source.top + source.height, number


def test_long_tables_continue_with_page_numbers_in_the_title(deck: Any) -> None:
    titles = [title(s) for s in deck.slides]
    plan_pages = [t for t in titles if "steps take the plan" in t]
    assert len(plan_pages) >= 3
    n = len(plan_pages)
    assert [re.search(r"\((\d+)/(\d+)\)$", t).groups() for t in plan_pages] == [  # type: ignore[union-attr]
        (str(i), str(n)) for i in range(1, n + 1)
    ]
    rows = sum(
        len(sh.table.rows) - 2
        for s in deck.slides
        if "steps take the plan" in title(s)
        for sh in s.shapes
        if sh.has_table
    )
    assert rows == len(stress_homework().plan)


def test_text_is_measured_to_fit_its_box(deck: Any) -> None:
    """Every title and text placeholder, at the size written, needs no more lines than fit."""
    m = metrics()
    for number, shape in shapes(deck):
        if not shape.is_placeholder or not shape.has_text_frame:
            continue
        tf = shape.text_frame
        width = (shape.width - tf.margin_left - tf.margin_right) / EMU_PER_PT
        height = (shape.height - tf.margin_top - tf.margin_bottom) / EMU_PER_PT
        used = 0.0
        for p in tf.paragraphs:
            if not p.runs:
                continue
            run = p.runs[0]
            size = run.font.size.pt if run.font.size else 12
            indent = 12 if p.level else 0
            used += (
                len(m.wrap(p.text, width - indent, size, bool(run.font.bold))) * size * LINE_SPACING
            )
            used += p.space_before.pt if p.space_before is not None else 0
        assert used <= height + 0.5, (number, shape.name, used, height)


def test_shortened_text_ends_in_an_ellipsis_and_is_in_the_notes_in_full(deck: Any) -> None:
    marker = "Shortened on the slide, in full:"
    slides = 0
    for slide in deck.slides:
        notes = slide.notes_slide.notes_text_frame.text
        if marker not in notes:
            continue
        slides += 1
        full = [
            line[2:] for line in notes.split(marker, 1)[1].splitlines() if line.startswith("- ")
        ]
        shown = [sh.text_frame.text for sh in slide.shapes if sh.has_text_frame]
        shown += [
            c.text for sh in slide.shapes if sh.has_table for r in sh.table.rows for c in r.cells
        ]
        pieces = [p for t in shown for p in t.split("\n") if p.endswith(ELLIPSIS)]
        assert full and pieces  # something on the slide ends in an ellipsis
        for text in full:
            assert text not in shown  # shortened or left out on the slide, whole in the notes
    assert slides >= 3


def test_non_latin_text_survives(deck: Any) -> None:
    text = " ".join(
        c.text for _, sh in shapes(deck) if sh.has_table for r in sh.table.rows for c in r.cells
    )
    assert re.search(r"[α-ω]", text) and re.search(r"[а-я]", text) and re.search(r"[ąęłńśźż]", text)
