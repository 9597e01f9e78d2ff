"""LibreOffice draws every trend on the trend radar, and both bars of every assessed field on the
competency profile: each trend's label (and each corner's name) is in the chart XML and found
inside the chart's frame in the PDF that LibreOffice Impress renders."""

from __future__ import annotations

import datetime as dt
import shutil
from collections import Counter
from typing import Any

import pytest
import soffice
from pptx import Presentation
from slides_support import demo_homework
from test_matrices_libreoffice import _labels, _pages

from cba_xl.core.rules.trends import radar_quadrant
from cba_xl.slides.competencies import competencies_slide
from cba_xl.slides.context import Ctx
from cba_xl.slides.deck import Deck
from cba_xl.slides.trends import radar_slide
from cba_xl.slides.words import default_words

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(
        shutil.which("soffice") is None or shutil.which("pdftotext") is None,
        reason="needs LibreOffice (soffice) and pdftotext",
    ),
]

DEMOS = (0, 2, 7, 9)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, list[Any], list[Any]]:
    out = tmp_path_factory.mktemp("radar")
    deck = Deck()
    homeworks = []
    for index in DEMOS:
        hw, _ = demo_homework(index)
        ctx = Ctx(hw, [], deck, default_words(), dt.date(2024, 11, 15))
        radar_slide(ctx)
        competencies_slide(ctx)
        homeworks.append(hw)
    path = deck.save(out / "radar.pptx")
    soffice.convert(path, "pdf", out, out / "profile", timeout=240)
    return Presentation(str(path)), _pages(out / "radar.pdf"), homeworks


def _inside(prs: Any, frame: Any, page: Any) -> Counter[str]:
    page_width, words = page
    scale = page_width / prs.slide_width
    x0, y0 = frame.left * scale - 1, frame.top * scale - 1
    x1, y1 = x0 + frame.width * scale + 2, y0 + frame.height * scale + 2
    return Counter(t for a, b, c, d, t in words if a >= x0 and c <= x1 and b >= y0 and d <= y1)


def test_every_trend_is_a_labelled_point_drawn_inside_the_radar(
    rendered: tuple[Any, list[Any], list[Any]],
) -> None:
    prs, pages, homeworks = rendered
    assert len(pages) == len(prs.slides) == 2 * len(DEMOS)
    for k, hw in enumerate(homeworks):
        slide, page = prs.slides[2 * k], pages[2 * k]
        [frame] = [sh for sh in slide.shapes if sh.has_chart]
        labels = _labels(frame.chart)
        rated = [
            (n, t)
            for n, t in enumerate(hw.trends, start=1)
            if radar_quadrant(t.influence, t.competence)
        ]
        assert len(rated) >= 6
        assert len(labels) == len(rated) + 4, hw.cluster  # every trend, the four corners
        for n, _ in rated:
            assert any(label.startswith(f"{n}. ") for label in labels), (hw.cluster, n)
        inside = _inside(prs, frame, page)
        for label in labels:
            need = Counter(label.split())
            short = {w: c for w, c in need.items() if inside[w] < c}
            assert not short, f"{hw.cluster}: '{label}' is not drawn ({short})"
            inside -= need


def test_the_competency_profile_shows_each_field_with_its_two_levels(
    rendered: tuple[Any, list[Any], list[Any]],
) -> None:
    prs, pages, homeworks = rendered
    for k, hw in enumerate(homeworks):
        slide, page = prs.slides[2 * k + 1], pages[2 * k + 1]
        [frame] = [sh for sh in slide.shapes if sh.has_chart]
        plot = frame.chart.plots[0]
        by_field = {c.field: c for c in hw.competencies}
        assert [s.name for s in plot.series] == ["Today", "Target"]
        for field, today, target in zip(
            plot.categories, plot.series[0].values, plot.series[1].values, strict=True
        ):
            assert (today, target) == (by_field[field].current, by_field[field].target)
        inside = _inside(prs, frame, page)
        # Each field's name and every level drawn as a bar label.
        for field in plot.categories:
            assert all(inside[w] for w in field.split()), field
        levels = Counter(str(int(v)) for s in plot.series for v in s.values if v is not None)
        for level, n in levels.items():
            assert inside[level] >= n, (hw.cluster, level)
