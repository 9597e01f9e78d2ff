"""`build_deck`: one participant's homework as a deck in the academy format."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from cba_xl.core.findings import Finding
from cba_xl.core.models import Homework
from cba_xl.excel.atomic import write_atomically
from cba_xl.slides.brand import DEFAULT_BRAND, Brand
from cba_xl.slides.canvas import canvas_slide, changes_slide
from cba_xl.slides.challenges import challenges_slide
from cba_xl.slides.context import Ctx
from cba_xl.slides.deck import Deck
from cba_xl.slides.findings import findings_slides
from cba_xl.slides.goals import goals_slide
from cba_xl.slides.matrices import priority_slide, profitability_slide
from cba_xl.slides.profile import profile_slide, title_slide
from cba_xl.slides.tables import plan_slide, raci_slide, services_slide
from cba_xl.slides.timeline import timeline_slides
from cba_xl.slides.words import Words, default_words


def compose(
    homework: Homework,
    findings: Sequence[Finding],
    *,
    template: Path | None = None,
    source_date: dt.date | None = None,
    exemplary: bool = False,
    brand: Brand = DEFAULT_BRAND,
    words: Words | None = None,
) -> Deck:
    """The deck in memory, in the order a participant presents: who we are, where we stand,
    where we go, how we get there, and what the check found."""
    deck = Deck(template, brand=brand, exemplary=exemplary)
    ctx = Ctx(
        homework, list(findings), deck, words or default_words(), source_date or dt.date.today()
    )
    title_slide(ctx)
    profile_slide(ctx)
    challenges_slide(ctx)
    canvas_slide(ctx, "current")
    canvas_slide(ctx, "future")
    changes_slide(ctx)
    services_slide(ctx)
    profitability_slide(ctx)
    # The academy's method from goals to tasks to priorities to roles: SMART goals, the action
    # plan and its timeline, the priority matrix, then who does what.
    goals_slide(ctx)
    plan_slide(ctx)
    timeline_slides(ctx)
    priority_slide(ctx)
    raci_slide(ctx)
    if findings:
        findings_slides(ctx, findings)
    return deck


def build_deck(
    homework: Homework,
    findings: Sequence[Finding],
    out: Path,
    *,
    template: Path | None = None,
    source_date: dt.date | None = None,
    exemplary: bool = False,
) -> Path:
    """Write the participant's deck to `out` (atomically) and return the path. The caller decides
    whether an existing file may be replaced."""
    deck = compose(
        homework, findings, template=template, source_date=source_date, exemplary=exemplary
    )
    return write_atomically(out, deck.save, force=True)
