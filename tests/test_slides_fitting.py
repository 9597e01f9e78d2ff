"""Text fitting with real font metrics."""

from __future__ import annotations

from cba_xl.slides.fitting import ELLIPSIS, Para, fit, font_file, metrics


def test_metric_compatible_font_is_found() -> None:
    assert font_file().suffix.lower() == ".ttf"
    # Liberation Sans has Arial's widths: 'W' is much wider than 'i'.
    m = metrics()
    assert m.width("W", 10) > 3 * m.width("i", 10)


def test_wrap_breaks_at_spaces_and_inside_overlong_words() -> None:
    m = metrics()
    lines = m.wrap("one two three four five six seven", 60, 10)
    assert len(lines) > 1 and all(m.width(line, 10) <= 60 for line in lines)
    assert all(m.width(line, 10) <= 40 for line in m.wrap("Przybyszewska-Wąsowicz", 40, 10))


def test_fit_shrinks_before_it_cuts() -> None:
    text = "A sentence of moderate length that needs two lines at the largest size."
    fitted = fit([Para(text)], 200, 30, max_size=14, min_size=8)
    assert 8 <= fitted.size < 14
    assert fitted.paras[0].text == text and fitted.cut == []


def test_fit_cuts_with_an_ellipsis_and_returns_the_full_text() -> None:
    long = "word " * 200
    fitted = fit([Para("Heading", bold=True), Para(long.strip())], 150, 60, max_size=12, min_size=9)
    assert fitted.size == 9
    assert fitted.paras[-1].text.endswith(ELLIPSIS)
    assert fitted.cut == [long.strip()]
