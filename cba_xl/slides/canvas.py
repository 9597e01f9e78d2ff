"""The Business Model Canvas, current and in 5 years, in the academy's grid, and what changes."""

from __future__ import annotations

from collections.abc import Mapping

from pptx.enum.text import PP_ALIGN

from cba_xl.core import vocab
from cba_xl.core.models import Canvas
from cba_xl.core.rules.canvas import BlockDiff, canvas_diff, item_key
from cba_xl.core.rules.changes import top_changes
from cba_xl.slides import grid
from cba_xl.slides.context import Ctx, heading
from cba_xl.slides.fitting import Para, fit
from cba_xl.slides.words import Lead, lead
from cba_xl.spec import layout as sheets

_FUNDING_SOURCES = {
    "public_funding": "public",
    "private_funding": "private",
    "project_funding": "project",
}


MAX_SIZE, MIN_SIZE = 12.0, 7.0


def _block_color(key: str) -> str:
    return "financing" if vocab.CANVAS_BLOCK_GROUPS[key] == vocab.FINANCING_GROUP else "brand"


def _draw(
    ctx: Ctx, canvas: Canvas, tool: str, data: dict[str, object], new: dict[str, set[str]]
) -> None:
    sheet = sheets.CANVAS_SHEETS[canvas.horizon]
    slide = ctx.add("Canvas", tool, tool, data, [sheet])
    blocks: dict[str, list[Para]] = {}
    for key, title, _ in vocab.CANVAS_BLOCKS:
        items = canvas.blocks.get(key, [])
        blocks[title] = [heading(title, _block_color(key))] + [
            Para(item, bullet=True, bold=item_key(item) in new.get(key, set())) for item in items
        ]
    # One size for the whole grid, the largest at which every block fits: blocks in different
    # sizes read as different weights.
    common = min(
        fit(paras, *slide.area(title).inner_pt(), MAX_SIZE, MIN_SIZE).size
        for title, paras in blocks.items()
    )
    for title, paras in blocks.items():
        ctx.deck.text(slide, title, paras, max_size=common, min_size=MIN_SIZE)


def block_lead(diff: Mapping[str, BlockDiff]) -> Lead:
    """Which blocks hold the most added and dropped items, in canvas order."""
    return lead(
        (vocab.CANVAS_BLOCK_TITLES[k], len(diff[k].added) + len(diff[k].dropped))
        for k in vocab.CANVAS_BLOCK_KEYS
        if k in diff
    )


def canvas_slide(ctx: Ctx, horizon: str) -> None:
    hw = ctx.hw
    canvas = hw.canvas_current if horizon == "current" else hw.canvas_future
    tool = f"canvas_{horizon}"
    empty = [
        vocab.CANVAS_BLOCK_TITLES[k] for k in vocab.CANVAS_BLOCK_KEYS if not canvas.blocks.get(k)
    ]
    data: dict[str, object] = {
        "items": canvas.item_count(),
        "filled": len(canvas.filled_blocks()),
        "blocks": len(vocab.CANVAS_BLOCK_KEYS),
        "empty_blocks": empty,
        "funding": [_FUNDING_SOURCES[k] for k in _FUNDING_SOURCES if canvas.blocks.get(k)],
    }
    new: dict[str, set[str]] = {}
    if horizon == "future":
        diff = canvas_diff(hw.canvas_current, hw.canvas_future)
        data |= {
            "added": sum(len(d.added) for d in diff.values()),
            "dropped": sum(len(d.dropped) for d in diff.values()),
            "busiest": block_lead(diff),
        }
        new = {key: {item_key(i) for i in d.added} for key, d in diff.items()}
    _draw(ctx, canvas, tool, data, new)


def changes_slide(ctx: Ctx) -> None:
    hw = ctx.hw
    diff = canvas_diff(hw.canvas_current, hw.canvas_future)
    changed = [k for k, d in diff.items() if d.changed]
    top = top_changes(hw.changes)
    top_blocks = list(
        dict.fromkeys(
            vocab.CANVAS_BLOCK_TITLES[c.block] for c in top if c.block in vocab.CANVAS_BLOCK_TITLES
        )
    )
    data = {
        "changed": len(changed),
        "top": len(top),
        "placed": sum(1 for c in top if c.block in vocab.CANVAS_BLOCK_TITLES),
        "top_blocks": top_blocks,
        "unchanged": [
            vocab.CANVAS_BLOCK_TITLES[k] for k in vocab.CANVAS_BLOCK_KEYS if k not in changed
        ],
        "kept_items": [
            f"{vocab.CANVAS_BLOCK_TITLES[k]} keeps: {'; '.join(d.kept)}"
            for k, d in diff.items()
            if d.kept
        ],
    }
    headers = ctx.lines("changes", "headers", data)
    shown = [k for k, d in diff.items() if d.changed]
    rows = [
        [
            vocab.CANVAS_BLOCK_TITLES[k],
            "\n".join(f"+ {i}" for i in diff[k].added),
            "\n".join(f"– {i}" for i in diff[k].dropped),
            ctx.words.sentence("changes", "kept", {**data, "kept": len(diff[k].kept)}),
        ]
        for k in shown
    ]
    columns = [
        grid.Column(headers[0], 0.24, bold=True),
        grid.Column(headers[1], 0.38),
        grid.Column(headers[2], 0.26),
        grid.Column(headers[3], 0.12, align=PP_ALIGN.CENTER),
    ]
    table = grid.Table(
        columns,
        rows,
        size=10,
        max_lines=4,
        cell_roles={(r, 0): "panel" for r in range(len(rows))},
    )
    title = ctx.title("changes", data)
    notes = ctx.notes(
        "changes", data, [sheets.CANVAS_CURRENT, sheets.CANVAS_FUTURE, sheets.CHANGES]
    )
    if not rows:
        slide = ctx.deck.add(
            "Two content",
            title=title,
            kicker=ctx.kicker("changes"),
            source=ctx.source("changes"),
            notes=notes,
        )
        ctx.deck.text(
            slide, "Left", [Para(ctx.words.sentence("changes", "no_changes", data), italic=True)]
        )
        slides = [slide]
    else:
        slides = grid.paged(
            ctx.deck,
            "Two content",
            "Left",
            title=title,
            kicker=ctx.kicker("changes"),
            source=ctx.source("changes"),
            notes=notes,
            table=table,
        )
    right = [heading(ctx.words.sentence("changes", "right_heading", data))]
    short = ctx.words.sentence("changes", "short_term", data)
    for c in top:
        block = vocab.CANVAS_BLOCK_TITLES.get(c.block, "")
        right.append(Para(f"{c.priority}. {c.change}", bold=True, space_before=0.8))
        detail = " ".join(part for part in (block, short if c.short_term else "") if part)
        if detail:
            right.append(Para(detail, color="muted", scale=0.9))
    if not top:
        right.append(
            Para(ctx.words.sentence("changes", "no_top", data), italic=True, color="muted")
        )
    for slide in slides:
        ctx.deck.text(slide, "Right", right, max_size=14, min_size=8)
