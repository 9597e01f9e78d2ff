"""The communication plan slide: per target group the objective, tools and channels, timing
and who is responsible, with the brand's values and attributes in the notes and title."""

from __future__ import annotations

from typing import Any

from cba_xl.core.models import Homework
from cba_xl.core.rules.communication import planned
from cba_xl.slides import grid
from cba_xl.slides.context import Ctx
from cba_xl.slides.tables import header_columns, table_slides
from cba_xl.spec import layout as sheets


def communication_data(hw: Homework) -> dict[str, Any]:
    comm = hw.communication
    groups = planned(comm)
    return {
        "groups": len(groups),
        "complete": sum(1 for t in groups if t.objective.strip() and t.channel.strip()),
        "brand": bool(comm.brand_values.strip() or comm.brand_attributes.strip()),
        "values": comm.brand_values,
        "attributes": comm.brand_attributes,
    }


def communication_slide(ctx: Ctx) -> None:
    groups = planned(ctx.hw.communication)
    data = communication_data(ctx.hw)
    columns = header_columns(ctx, "communication", data, (0.17, 0.27, 0.22, 0.17, 0.17))
    rows = [[t.group, t.objective, t.channel, t.timing, t.responsible] for t in groups]
    missing = {
        (r, c): "accent"
        for r, t in enumerate(groups)
        for c, text in ((1, t.objective), (2, t.channel))
        if not text.strip()
    }
    table = grid.Table(columns, rows, size=10.5, max_lines=4, cell_roles=missing)
    table_slides(ctx, "communication", "communication", data, [sheets.COMMUNICATION], table)


__all__ = ["communication_data", "communication_slide"]
