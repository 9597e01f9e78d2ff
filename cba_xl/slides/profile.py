"""The title slide and the cluster profile in the academy's best-practice format."""

from __future__ import annotations

from cba_xl.core import vocab
from cba_xl.core.rules.actions import quadrant_counts
from cba_xl.core.rules.canvas import changed_blocks
from cba_xl.core.rules.changes import top_changes
from cba_xl.core.rules.smart import smart_missing
from cba_xl.slides.challenges import top_pick
from cba_xl.slides.context import Ctx, bullets, heading
from cba_xl.slides.fitting import Para
from cba_xl.spec import layout as sheets


def title_slide(ctx: Ctx) -> None:
    data = ctx.base()
    slide = ctx.deck.add(
        "Title",
        title=ctx.words.sentence("title", "title", data),
        source="",
        notes=ctx.words.lines("title", "notes", data),
    )
    ctx.deck.text(
        slide,
        "Subtitle",
        [Para(ctx.words.sentence("title", "subtitle", data))],
        max_size=24,
        min_size=14,
    )
    ctx.deck.text(
        slide, "Date", [Para(ctx.words.sentence("title", "date", data))], max_size=16, min_size=10
    )


def region(ctx: Ctx) -> str:
    p = ctx.hw.profile
    country = vocab.COUNTRIES.get(p.country, p.country)
    return ", ".join(part for part in (p.region, country) if part)


def profile_slide(ctx: Ctx) -> None:
    hw = ctx.hw
    p = hw.profile
    challenges = sorted(hw.challenges, key=lambda c: c.rank or 99)
    quadrants = quadrant_counts(hw.actions)
    data = {
        "region": region(ctx),
        "industry": p.ecosystem,
        "members": p.members,
        "founded": p.founding_year,
        "manager": p.manager_name,
        "top_challenge": top_pick(hw.challenges),
        "rated": sum(quadrants.values()),
        "quick": quadrants[vocab.QUICK_WIN],
        "steps": len(hw.plan),
        "finish": ctx.schedule.finish_date,
        "goals": len(hw.goals),
        "smart": sum(1 for g in hw.goals if not smart_missing(g, hw.plan_start)),
        "changed_blocks": len(changed_blocks(hw.canvas_current, hw.canvas_future)),
        "blocks": len(vocab.CANVAS_BLOCK_KEYS),
    }
    slide = ctx.add("Profile", "profile", "profile", data, [sheets.PROFILE])
    empty = [Para(ctx.words.sentence("profile", "empty", data), italic=True, color="muted")]

    facts: list[Para] = []
    for line in ctx.lines("profile", "facts", data):
        label, _, value = line.partition("|")
        facts.append(Para(label, bold=True, color="brand", space_before=0.6, scale=0.85))
        facts.append(Para(value))
    ctx.deck.text(slide, "Facts", facts or empty, max_size=14, min_size=9)

    situation: list[Para] = []
    for c in challenges:
        situation.append(heading(f"{c.rank}. {c.theme}" if c.rank else c.theme))
        if c.note:
            situation.append(Para(c.note))
    ctx.deck.text(slide, "Situation", situation or empty, max_size=12, min_size=8)

    changes = top_changes(hw.changes) or hw.changes[:3]
    resolution = bullets(
        f"{c.change} ({vocab.CANVAS_BLOCK_TITLES[c.block]})"
        if c.block in vocab.CANVAS_BLOCK_TITLES
        else c.change
        for c in changes
    )
    ctx.deck.text(slide, "Resolution", resolution or empty, max_size=12, min_size=8)

    milestones = [s for s in hw.plan if s.milestone and s.outcome]
    outcomes = [s.outcome for s in (milestones or [s for s in hw.plan if s.outcome])]
    achievements = bullets(dict.fromkeys(outcomes[:4]))
    ctx.deck.text(slide, "Achievements", achievements or empty, max_size=12, min_size=8)

    takeaways = bullets(ctx.lines("profile", "takeaways", data))
    ctx.deck.text(slide, "Takeaways", takeaways or empty, max_size=12, min_size=8)
