"""Slide words come from Jinja2 templates; a mistake in one names the file, line and variable."""

from __future__ import annotations

from pathlib import Path

import pytest

from cba_xl.slides.words import SlideWordsError, Words, count, join_and


def test_undefined_variable_names_template_line_and_variable(tmp_path: Path) -> None:
    (tmp_path / "plan.j2").write_text(
        "{% block title %}\n{{ steps | count('step') | cap }} take\n{{ finsh }}\n{% endblock %}\n"
    )
    with pytest.raises(SlideWordsError) as err:
        Words(tmp_path).sentence("plan", "title", {"steps": 3})
    message = str(err.value)
    assert "plan.j2" in message
    assert "line 3" in message
    assert "'finsh' is undefined" in message


def test_syntax_error_names_the_template(tmp_path: Path) -> None:
    (tmp_path / "bad.j2").write_text("{% block title %}{% if %}{% endblock %}")
    with pytest.raises(SlideWordsError, match=r"bad\.j2, line 1"):
        Words(tmp_path).sentence("bad", "title", {})


def test_missing_block_is_reported(tmp_path: Path) -> None:
    (tmp_path / "x.j2").write_text("{% block title %}T{% endblock %}")
    with pytest.raises(SlideWordsError, match="no block 'notes'"):
        Words(tmp_path).lines("x", "notes", {})


def test_shipped_templates_render_a_real_title() -> None:
    words = Words()
    title = words.sentence(
        "priority",
        "title",
        {"rated": 9, "quick": 3, "major": 2, "thankless": 0, "unrated": [], "legend": []},
    )
    assert title == (
        "Three of nine actions are quick wins; two are major projects (high impact, high effort)"
    )


def test_number_words() -> None:
    assert count(1, "action") == "one action"
    assert count(0, "goal") == "no goals"
    assert count(14, "block") == "14 blocks"
    assert join_and(["a", "b", "c"]) == "a, b and c"
