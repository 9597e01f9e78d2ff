"""Business Model Canvas: the current and the 5-year canvas, each checked, then compared."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from cba_xl.core import vocab
from cba_xl.core.findings import Finding, Loc, warning
from cba_xl.core.models import Canvas, Homework

_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=4096)  # each item is compared several times per workbook
def item_key(item: str) -> str:
    """Two items are the same when they differ only in case and spacing."""
    return _SPACES.sub(" ", item).strip().casefold()


@dataclass(frozen=True, slots=True)
class BlockDiff:
    added: tuple[str, ...]  # in the future canvas only (future wording)
    dropped: tuple[str, ...]  # in the current canvas only (current wording)
    kept: tuple[str, ...]  # in both (future wording)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.dropped)


def _unique(items: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items:
        if item_key(item):
            out.setdefault(item_key(item), item)
    return out


def canvas_diff(current: Canvas, future: Canvas) -> dict[str, BlockDiff]:
    """Every block, in canvas order: what the 5-year canvas adds, drops and keeps."""
    diff: dict[str, BlockDiff] = {}
    for key in vocab.CANVAS_BLOCK_KEYS:
        now = _unique(current.blocks.get(key, []))
        later = _unique(future.blocks.get(key, []))
        diff[key] = BlockDiff(
            added=tuple(v for k, v in later.items() if k not in now),
            dropped=tuple(v for k, v in now.items() if k not in later),
            kept=tuple(v for k, v in later.items() if k in now),
        )
    return diff


def changed_blocks(current: Canvas, future: Canvas) -> list[str]:
    return [key for key, d in canvas_diff(current, future).items() if d.changed]


def _block_loc(canvas: Canvas, key: str, fallback: Loc) -> Loc:
    cells = canvas.item_where.get(key) or []
    return cells[0] if cells else fallback


def _label(canvas: Canvas) -> str:
    return "the current canvas" if canvas.horizon == "current" else "the canvas in 5 years"


def check_canvas(canvas: Canvas, anchor: Loc) -> list[Finding]:
    """One canvas: not empty; a value proposition needs members to serve and money to pay."""
    if not canvas.filled_blocks():
        return [
            warning(
                anchor,
                "canvas.empty",
                f"{_label(canvas)} is empty; fill at least the value proposition, "
                "the members and the funding blocks",
            )
        ]
    if not canvas.blocks.get("value_proposition"):
        return []
    found: list[Finding] = []
    where = _block_loc(canvas, "value_proposition", anchor)
    if not any(canvas.blocks.get(k) for k in vocab.MEMBER_SEGMENT_BLOCKS):
        found.append(
            warning(
                where,
                "canvas.no-members",
                f"{_label(canvas)} has a value proposition but no member segment; fill "
                "'Cluster members' or 'Potential cluster members'",
            )
        )
    if not any(canvas.blocks.get(k) for k in vocab.FUNDING_BLOCKS):
        titles = ", ".join(f"'{vocab.CANVAS_BLOCK_TITLES[k]}'" for k in vocab.FUNDING_BLOCKS)
        found.append(
            warning(
                where,
                "canvas.no-funding",
                f"{_label(canvas)} has a value proposition but no funding block filled; "
                f"fill at least one of {titles}",
            )
        )
    return found


def check_current_canvas(hw: Homework) -> list[Finding]:
    return check_canvas(hw.canvas_current, hw.anchor("canvas_current"))


def check_future_canvas(hw: Homework) -> list[Finding]:
    """The canvas in 5 years, and whether it differs from today's at all."""
    current, future = hw.canvas_current, hw.canvas_future
    found = check_canvas(future, hw.anchor("canvas_future"))
    if current.filled_blocks() and not changed_blocks(current, future):
        found.append(
            warning(
                hw.anchor("canvas_future"),
                "canvas.unchanged",
                "the canvas in 5 years is identical to the current one; "
                "write down how the business model should look in 5 years",
            )
        )
    return found


def check_canvases(hw: Homework) -> list[Finding]:
    return [*check_current_canvas(hw), *check_future_canvas(hw)]


__all__ = [
    "BlockDiff",
    "canvas_diff",
    "changed_blocks",
    "check_canvas",
    "check_canvases",
    "check_current_canvas",
    "check_future_canvas",
    "item_key",
]
