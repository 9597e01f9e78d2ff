"""`build_deck`: one participant's homework as a deck in the academy format."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Final

from cba_xl.core.findings import Finding
from cba_xl.core.models import Homework
from cba_xl.core.tools import by_method
from cba_xl.files.atomic import write_atomically
from cba_xl.slides.brand import DEFAULT_BRAND, Brand
from cba_xl.slides.canvas import canvas_slide, changes_slide
from cba_xl.slides.chain import chain_slides
from cba_xl.slides.challenges import challenges_slide
from cba_xl.slides.communication import communication_slide
from cba_xl.slides.competencies import competencies_slide
from cba_xl.slides.context import Ctx
from cba_xl.slides.deck import Deck
from cba_xl.slides.findings import findings_slides
from cba_xl.slides.goals import goals_slide
from cba_xl.slides.matrices import priority_slide, profitability_slide
from cba_xl.slides.needs import needs_slide
from cba_xl.slides.profile import profile_slide, title_slide
from cba_xl.slides.tables import plan_slide, raci_slide, services_slide
from cba_xl.slides.timeline import timeline_slides
from cba_xl.slides.trends import pestel_slide, radar_slide
from cba_xl.slides.vision import vision_slide
from cba_xl.slides.words import Words, default_words

SlideMaker = Callable[[Ctx], None]

# Each tool's slides, by tool key (`cba_xl.core.tools`). The deck presents the tools in the
# academy's method order: from goals to tasks to priorities to roles (SMART goals, the action
# plan and its timeline, the priority matrix, then who does what).
SLIDES: Final[dict[str, tuple[SlideMaker, ...]]] = {
    "profile": (profile_slide,),
    "challenges": (challenges_slide,),
    "canvas_current": (lambda ctx: canvas_slide(ctx, "current"),),
    "canvas_future": (lambda ctx: canvas_slide(ctx, "future"),),
    "changes": (changes_slide,),
    "services": (services_slide, profitability_slide),
    "needs": (needs_slide,),
    "vision": (vision_slide,),
    "communication": (communication_slide,),
    "goals": (goals_slide,),
    "plan": (plan_slide, timeline_slides),
    "priority": (priority_slide,),
    "raci": (raci_slide, chain_slides),
    "trends": (pestel_slide, radar_slide),
    "competencies": (competencies_slide,),
}


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
    for tool in by_method():
        if tool.key not in homework.tools:
            continue  # an older template version has no sheet for it
        for slide in SLIDES[tool.key]:
            slide(ctx)
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
