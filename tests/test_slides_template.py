"""The academy template: rebuilt from code byte for byte, and checked in plain words."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from cba_xl.errors import TemplateProblem
from cba_xl.slides import Deck, check_template
from cba_xl.slides.deck import DEFAULT_TEMPLATE
from cba_xl.slides.master import LAYOUT_NAMES, build_template


def test_committed_template_is_up_to_date() -> None:
    """Fails when master.py changed and `make templates` was not run."""
    built = build_template()
    with (
        zipfile.ZipFile(DEFAULT_TEMPLATE) as old,
        zipfile.ZipFile(__import__("io").BytesIO(built)) as new,
    ):
        assert old.namelist() == new.namelist()
        for name in old.namelist():
            assert old.read(name) == new.read(name), f"{name} differs: run `make templates`"


def test_template_is_16_9_with_every_layout() -> None:
    prs = Presentation(str(DEFAULT_TEMPLATE))
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)
    assert tuple(layout.name for layout in prs.slide_layouts) == LAYOUT_NAMES
    assert check_template(DEFAULT_TEMPLATE) == []


def test_theme_holds_the_colours_and_the_font() -> None:
    with zipfile.ZipFile(DEFAULT_TEMPLATE) as z:
        theme = z.read("ppt/theme/theme1.xml").decode()
    assert '<a:accent1><a:srgbClr val="003399"/>' in theme  # EU blue
    assert '<a:accent2><a:srgbClr val="FFCC00"/>' in theme  # gold
    assert '<a:latin typeface="Arial"/>' in theme


def _without_layout(tmp_path: Path, name: str) -> Path:
    prs = Presentation(str(DEFAULT_TEMPLATE))
    layouts = prs.slide_master.slide_layouts
    layouts.remove(next(layout for layout in layouts if layout.name == name))
    out = tmp_path / "theirs.pptx"
    prs.save(str(out))
    return out


def test_check_names_a_missing_layout(tmp_path: Path) -> None:
    assert check_template(_without_layout(tmp_path, "Canvas")) == ["layout 'Canvas' is missing"]


def test_check_names_a_missing_placeholder(tmp_path: Path) -> None:
    prs = Presentation(str(DEFAULT_TEMPLATE))
    table = next(layout for layout in prs.slide_layouts if layout.name == "Table")
    next(ph for ph in table.placeholders if ph.name == "Body").name = "Content"
    out = tmp_path / "theirs.pptx"
    prs.save(str(out))
    assert check_template(out) == ["layout 'Table' has no placeholder named 'Body'"]


def test_check_on_a_file_that_is_not_a_deck(tmp_path: Path) -> None:
    bad = tmp_path / "notes.pptx"
    bad.write_text("hello")
    [problem] = check_template(bad)
    assert "not a PowerPoint file" in problem


def test_deck_on_a_template_without_a_layout_says_which(tmp_path: Path) -> None:
    deck = Deck(_without_layout(tmp_path, "Canvas"))
    with pytest.raises(TemplateProblem, match="layout 'Canvas' is missing"):
        deck.add("Canvas", title="x")
