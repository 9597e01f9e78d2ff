"""Business model changes: the long list, its top 3, and its link to the two canvases."""

from __future__ import annotations

from collections import Counter

from cba_xl.core import vocab
from cba_xl.core.findings import Finding, error, info, warning
from cba_xl.core.models import Change, Homework
from cba_xl.core.rules.canvas import changed_blocks
from cba_xl.wording import tally

TOP: tuple[int, ...] = (1, 2, 3)


def top_changes(changes: list[Change]) -> list[Change]:
    """The changes marked 1 to 3, by priority."""
    return sorted((c for c in changes if c.priority in TOP), key=lambda c: c.priority or 0)


def _top_three(hw: Homework) -> list[Finding]:
    changes = [c for c in hw.changes if c.change]
    marked = [c for c in changes if c.priority is not None]
    found: list[Finding] = []
    counts = Counter(c.priority for c in marked)
    for c in marked:
        if counts[c.priority] > 1:
            found.append(
                error(
                    c.loc("priority"),
                    "changes.priority-duplicate",
                    f"priority {c.priority} is given to {counts[c.priority]} changes; "
                    "use 1, 2 and 3 once each",
                )
            )
    if changes and len(marked) != len(TOP):
        where = marked[-1].loc("priority") if marked else hw.anchor("changes")
        found.append(
            warning(
                where,
                "changes.top3-count",
                f"{tally(len(marked), 'change')} marked as top 1-3; "
                "mark exactly 3 as your most promising",
            )
        )
    if marked and not any(c.short_term for c in marked):
        found.append(
            warning(
                marked[0].loc("short_term"),
                "changes.no-short-term",
                "none of the top changes is marked short-term (3-6 months); "
                "make at least one of them short-term",
            )
        )
    return found


def _against_canvas(hw: Homework) -> list[Finding]:
    changed = changed_blocks(hw.canvas_current, hw.canvas_future)
    listed = [c for c in hw.changes if c.change]
    if not listed and not changed:
        return [
            warning(
                hw.anchor("changes"),
                "changes.empty",
                "no business model change is listed; list the changes from your current to "
                "your future canvas",
            )
        ]
    if not listed:
        titles = ", ".join(vocab.CANVAS_BLOCK_TITLES[k] for k in changed)
        return [
            warning(
                hw.anchor("changes"),
                "changes.none-listed",
                f"the canvases differ ({titles}) but no change is listed; "
                "list each desired change here",
            )
        ]
    named = {c.block for c in listed if c.block}
    if not changed or not named:
        return []  # the block column is optional; only compare when the participant uses it
    return [
        info(
            hw.anchor("changes"),
            "changes.block-unlisted",
            f"'{vocab.CANVAS_BLOCK_TITLES[k]}' differs between the canvases "
            "but no listed change names it",
        )
        for k in changed
        if k not in named
    ]


def check_changes(hw: Homework) -> list[Finding]:
    return [*_top_three(hw), *_against_canvas(hw)]


__all__ = ["TOP", "check_changes", "top_changes"]
