"""LibreOffice opens the deck: one PDF page per slide, and every slide's title in the text."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import soffice
from slides_support import build, demo_homework, title

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(
        shutil.which("soffice") is None or shutil.which("pdftotext") is None,
        reason="needs LibreOffice (soffice) and pdftotext",
    ),
]


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text).split()).casefold()


def test_pdf_has_a_page_per_slide_and_every_title(tmp_path: Path) -> None:
    hw, findings = demo_homework(7)
    prs = build(hw, findings, tmp_path / "deck.pptx")
    profile = tmp_path / "profile"
    soffice.convert(tmp_path / "deck.pptx", "pdf", tmp_path, profile, timeout=240)
    pdf = tmp_path / "deck.pdf"
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages = pages[:-1]
    slides = list(prs.slides)
    assert len(pages) == len(slides)
    for page, slide in zip(pages, slides, strict=True):
        assert _words(title(slide)) in _words(page), title(slide)
