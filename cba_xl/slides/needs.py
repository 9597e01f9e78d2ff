"""The member needs slide: key members' needs in priority order (relevance first, as the sheet
ranks them), each with the service that serves it or marked as a gap."""

from __future__ import annotations

from typing import Any

from cba_xl.core.models import Homework
from cba_xl.core.rules import needs as rules
from cba_xl.slides import grid
from cba_xl.slides.context import Ctx
from cba_xl.slides.tables import header_columns, table_slides
from cba_xl.spec import layout as sheets


def needs_data(hw: Homework) -> dict[str, Any]:
    """What the title says: how many needs, how many are gaps, and how relevant the gaps are."""
    shown = rules.prioritised(hw.needs)
    gaps = [n for n in shown if rules.is_gap(n, hw.services)]
    high = [n for n in gaps if (n.relevance or 0) >= rules.HIGH_RELEVANCE]
    return {
        "needs": len(shown),
        "gaps": len(gaps),
        "high_gaps": len(high),
        "high": rules.HIGH_RELEVANCE,
        "gap_relevance": gaps[0].relevance if len(gaps) == 1 else None,
    }


def _served(ctx: Ctx, need: Any) -> str:
    service = rules.serving(need, ctx.hw.services)
    data = {
        "service": service.service if service is not None else need.service.strip(),
        "listed": service is not None,
        "gap": rules.is_gap(need, ctx.hw.services),
        "terminated": service is not None and service.decision == "Terminate",
    }
    return ctx.words.sentence("needs", "served", data)


def needs_slide(ctx: Ctx) -> None:
    hw = ctx.hw
    data = needs_data(hw)
    shown = rules.prioritised(hw.needs)
    ranks = rules.priorities(hw.needs)
    columns = header_columns(ctx, "needs", data, (0.07, 0.19, 0.3, 0.16, 0.08, 0.2), {0, 4})
    rows = []
    gap_cells: dict[tuple[int, int], str] = {}
    for r, n in enumerate(shown):
        rows.append(
            [
                str(ranks.get(n.row, "")),
                n.member,
                n.need,
                n.field,
                "" if n.relevance is None else str(n.relevance),
                _served(ctx, n),
            ]
        )
        if rules.is_gap(n, hw.services):
            gap_cells[(r, 5)] = "accent"
    table = grid.Table(columns, rows, size=10.5, max_lines=4, cell_roles=gap_cells)
    table_slides(ctx, "needs", "needs", data, [sheets.NEEDS, sheets.SERVICES], table)


__all__ = ["needs_data", "needs_slide"]
