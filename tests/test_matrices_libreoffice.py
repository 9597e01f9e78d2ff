"""LibreOffice draws every point of the two matrices: each point's label (and each quadrant
name) is found inside the chart's frame in the PDF that LibreOffice Impress renders.

LibreOffice drops every series that comes before the chart's first series with the most points;
before the fix, the demo decks 001, 003, 008, 010 and 011 lost points this way (008 lost
"1. Monthly meet-ups")."""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import soffice
from pptx import Presentation
from slides_support import demo_homework

from cba_xl.core.rules.derived import quadrant
from cba_xl.slides.context import Ctx
from cba_xl.slides.deck import Deck
from cba_xl.slides.matrices import priority_slide, profitability_slide
from cba_xl.slides.words import default_words

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(
        shutil.which("soffice") is None or shutil.which("pdftotext") is None,
        reason="needs LibreOffice (soffice) and pdftotext",
    ),
]

DEMOS = (0, 2, 7, 9, 10)  # 001, 003, 008, 010, 011: each lost points before
_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)


def _labels(chart: Any) -> list[str]:
    """Every data label's text, its lines joined by spaces."""
    out = []
    for label in chart._chartSpace.xpath(".//c:dLbl"):
        text = " ".join(label.xpath(".//a:t/text()"))
        if text:
            out.append(text)
    return out


def _pages(pdf: Path) -> list[tuple[float, list[tuple[float, float, float, float, str]]]]:
    """Per page: its width and its words with their boxes (points)."""
    text = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    pages = []
    for page in text.split("<page ")[1:]:
        m = re.search(r'width="([\d.]+)"', page)
        assert m
        words = [
            (float(a), float(b), float(c), float(d), html.unescape(t))
            for a, b, c, d, t in _WORD.findall(page)
        ]
        pages.append((float(m[1]), words))
    return pages


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, list[Any], list[int]]:
    """One deck with the two matrices of each demo participant, rendered once."""
    out = tmp_path_factory.mktemp("matrices")
    deck = Deck()
    expected = []  # points each chart must show
    for index in DEMOS:
        hw, _ = demo_homework(index)
        ctx = Ctx(hw, [], deck, default_words(), dt.date(2024, 11, 15))
        profitability_slide(ctx)
        expected.append(
            sum(
                1
                for s in hw.services
                if s.effort is not None and (s.value is not None or s.rating is not None)
            )
        )
        priority_slide(ctx)
        expected.append(sum(1 for a in hw.actions if quadrant(a.impact, a.effort)))
    path = deck.save(out / "matrices.pptx")
    soffice.convert(path, "pdf", out, out / "profile", timeout=240)
    return Presentation(str(path)), _pages(out / "matrices.pdf"), expected


def test_every_point_label_is_drawn_inside_its_chart(
    rendered: tuple[Any, list[Any], list[int]],
) -> None:
    prs, pages, expected = rendered
    assert len(pages) == len(prs.slides) == 2 * len(DEMOS)
    for number, (slide, (page_width, words), points) in enumerate(
        zip(prs.slides, pages, expected, strict=True), start=1
    ):
        [frame] = [sh for sh in slide.shapes if sh.has_chart]
        labels = _labels(frame.chart)
        assert len(labels) == points + 4, number  # every point and the four quadrant names
        scale = page_width / prs.slide_width
        x0, y0 = frame.left * scale - 1, frame.top * scale - 1
        x1, y1 = x0 + frame.width * scale + 2, y0 + frame.height * scale + 2
        inside = Counter(
            t for a, b, c, d, t in words if a >= x0 and c <= x1 and b >= y0 and d <= y1
        )
        for label in labels:
            need = Counter(label.split())
            short = {w: n for w, n in need.items() if inside[w] < n}
            assert not short, f"slide {number}: '{label}' is not drawn ({short})"
            inside -= need  # two labels with the same words need them twice
