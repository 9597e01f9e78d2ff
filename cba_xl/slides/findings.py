"""The closing slide for a workbook the check found problems in: every finding, in workbook
order, as a table that continues on further slides when it is long."""

from __future__ import annotations

from collections.abc import Sequence

from cba_xl.core.findings import Finding, Severity, count_by_severity, sort_findings
from cba_xl.core.tools import TOOLS
from cba_xl.slides import grid
from cba_xl.slides.context import Ctx
from cba_xl.spec import layout as sheets

SHEET_ORDER = (sheets.START, *(tool.sheet for tool in TOOLS))
_ROLE = {Severity.ERROR: "alert", Severity.WARNING: "text", Severity.INFO: "muted"}


def findings_slides(ctx: Ctx, findings: Sequence[Finding]) -> None:
    ordered = sort_findings(findings, SHEET_ORDER)
    counts = count_by_severity(ordered)
    data = {"errors": counts["error"], "warnings": counts["warning"], "infos": counts["info"]}
    heads = [line.partition("|")[0] for line in ctx.lines("findings", "headers", data)]
    columns = [
        grid.Column(heads[0], 0.2, bold=True),
        grid.Column(heads[1], 0.1),
        grid.Column(heads[2], 0.7),
    ]
    rows = [[str(f.loc), f.severity.value, f.message] for f in ordered]
    roles = {i: _ROLE[f.severity] for i, f in enumerate(ordered)}
    table = grid.Table(columns, rows, size=11, max_lines=4, row_roles=roles)
    notes = ctx.words.lines("findings", "notes", {**ctx.base(), **data})
    notes += [f.line() for f in ordered]
    grid.paged(
        ctx.deck,
        "Closing",
        "Body",
        title=ctx.title("findings", data),
        kicker=ctx.kicker("findings"),
        source=ctx.source("findings"),
        notes=notes,
        table=table,
    )
