"""The slide builder: a participant's homework as a PowerPoint deck in the academy format.

Public API: `build_deck`, `check_template`, and `Deck` for other decks (the cohort deck).
"""

from __future__ import annotations

from cba_xl.slides.brand import DEFAULT_BRAND, Brand
from cba_xl.slides.build import build_deck, compose
from cba_xl.slides.checktemplate import check_template
from cba_xl.slides.deck import Deck, Rect, Slide
from cba_xl.slides.fitting import Para
from cba_xl.slides.words import SlideWordsError, Words

__all__ = [
    "DEFAULT_BRAND",
    "Brand",
    "Deck",
    "Para",
    "Rect",
    "Slide",
    "SlideWordsError",
    "Words",
    "build_deck",
    "check_template",
    "compose",
]
