"""The challenges slide: the participant's ranked top three against the academy's ten themes."""

from __future__ import annotations

from collections.abc import Sequence

from cba_xl.core import vocab
from cba_xl.core.models import ChallengePick
from cba_xl.slides.context import Ctx, heading
from cba_xl.slides.fitting import Para
from cba_xl.spec import layout as sheets


def ranked(picks: Sequence[ChallengePick]) -> list[ChallengePick]:
    """The picks with a theme, best rank first; unranked ones last, in sheet order."""
    return sorted((c for c in picks if c.theme), key=lambda c: c.rank or 99)


def top_pick(picks: Sequence[ChallengePick]) -> str:
    """The theme ranked first, when exactly one pick holds the best rank: with two picks at the
    same rank, or none ranked, no challenge is 'the top one'."""
    shown = [c for c in ranked(picks) if c.rank]
    if not shown or (len(shown) > 1 and shown[1].rank == shown[0].rank):
        return ""
    return shown[0].theme


def challenges_slide(ctx: Ctx) -> None:
    picks = sorted(ctx.hw.challenges, key=lambda c: c.rank or 99)
    shown = ranked(ctx.hw.challenges)
    ranks = [c.rank for c in shown]
    data = {
        "picks": [c.theme for c in shown],
        "top": top_pick(ctx.hw.challenges),
        # Each pick has its own rank: "X comes first, ahead of Y and Z" is then true.
        "distinct": all(ranks) and len(set(ranks)) == len(ranks),
        "themes": len(vocab.CHALLENGE_THEMES),
    }
    slide = ctx.add("Two content", "challenges", "challenges", data, [sheets.CHALLENGES])
    left: list[Para] = [heading(ctx.words.sentence("challenges", "left_heading", data), "muted")]
    for c in picks:
        left.append(
            Para(
                f"{c.rank}  {c.theme}" if c.rank else c.theme,
                bold=True,
                color="brand",
                scale=1.25,
                space_before=0.9,
            )
        )
        if c.note:
            left.append(Para(c.note))
    if not picks:
        left.append(
            Para(ctx.words.sentence("challenges", "empty", data), italic=True, color="muted")
        )
    ctx.deck.text(slide, "Left", left, max_size=16, min_size=9)

    chosen = {c.theme.casefold() for c in picks}
    right: list[Para] = [heading(ctx.words.sentence("challenges", "right_heading", data), "muted")]
    for n, theme in enumerate(vocab.CHALLENGE_THEMES, start=1):
        picked = theme.casefold() in chosen
        right.append(
            Para(
                f"{n}. {theme}",
                bold=picked,
                color="brand" if picked else "muted",
                space_before=0.35,
            )
        )
    ctx.deck.text(slide, "Right", right, max_size=13, min_size=8)
