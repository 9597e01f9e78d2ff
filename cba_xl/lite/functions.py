"""The custom functions of the Lite edition: the Windows add-in's own functions
(cba_xl.addin.udfs, decorated by xlwings' `func` and `arg`, which in Lite are the Office.js
ones), except where Lite calls them differently.

Lite passes a function's Python default for an empty cell as for a missing argument (xlwings'
`custom_functions_call`: an argument that arrives as None becomes its default). So a default
that means "not given" cannot tell the two apart: CBA_RACI here treats an empty deliverable
like a missing one and leaves a row without roles empty. CBA_FINDINGS counts the findings of
the workbook file, which a Lite function cannot reach: the Check script reports them.
"""

from __future__ import annotations

from typing import Any, Final

from xlwings import arg, func

from cba_xl.addin import values as v
from cba_xl.addin.udfs import (
    CATEGORY,
    CBA_COMPETENCE_GAP,
    CBA_COMPETENCE_GAPS,
    CBA_CRITICAL,
    CBA_CRITICAL_PATH,
    CBA_DUE,
    CBA_DUES,
    CBA_MISSION_TOO_LONG,
    CBA_NEED_PRIORITIES,
    CBA_NEED_SERVED,
    CBA_NEEDS_SERVED,
    CBA_QUADRANT,
    CBA_QUADRANTS,
    CBA_RACIS,
    CBA_SERVICE_DECISION,
    CBA_SERVICE_DECISIONS,
    CBA_SMART,
    CBA_SMARTS,
    CBA_TOP_CHALLENGES,
    CBA_TREND_RADAR,
    CBA_TREND_RADARS,
    CBA_WORDS,
    _raci,
)


@func(category=CATEGORY)
@arg("roles", ndim=2, doc="The row's role cells (R, A, C, I or combinations such as A/C).")
@arg("deliverable", doc="Optional: the row's deliverable.")
@v.cell_errors("CBA_RACI")
def CBA_RACI(roles: Any, deliverable: Any = None) -> Any:
    """RACI check of one row: OK, Needs exactly one A, or Needs an R; empty for a row with
    neither a deliverable nor roles. Example: =CBA_RACI(C6:N6,B6)."""
    cells = [c for row in v.rows("roles", roles) for c in row]
    if v.blank(deliverable) and all(v.blank(c) for c in cells):
        return ""
    return _raci(cells)


NOT_IN_LITE: Final = ("CBA_FINDINGS",)

__all__ = [
    "CBA_COMPETENCE_GAP",
    "CBA_COMPETENCE_GAPS",
    "CBA_CRITICAL",
    "CBA_CRITICAL_PATH",
    "CBA_DUE",
    "CBA_DUES",
    "CBA_MISSION_TOO_LONG",
    "CBA_NEEDS_SERVED",
    "CBA_NEED_PRIORITIES",
    "CBA_NEED_SERVED",
    "CBA_QUADRANT",
    "CBA_QUADRANTS",
    "CBA_RACI",
    "CBA_RACIS",
    "CBA_SERVICE_DECISION",
    "CBA_SERVICE_DECISIONS",
    "CBA_SMART",
    "CBA_SMARTS",
    "CBA_TOP_CHALLENGES",
    "CBA_TREND_RADAR",
    "CBA_TREND_RADARS",
    "CBA_WORDS",
]
