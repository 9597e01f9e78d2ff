"""workbook/cba_academy.xlsm: the participant workbook from the same specification as the
.xlsx, plus what the Excel add-in needs.

- The `xlwings.conf` sheet: key/value rows from A1 down, as xlwings reads them; "UDF Modules"
  names the modules the ribbon's Import Functions turns into VBA (functions and macros).
- A VBA project referencing the xlwings add-in: the vbaProject.bin of xlwings' own packaged
  quickstart.xlsm (BSD-3-Clause, xlwings Open Source), whose only code is a sample macro.
  Writing VBA from Python on Linux is not practical; Import Functions writes the rest in Excel.
- Form buttons assigned to the macro names Import Functions creates (parameterless Subs).
- Derived cells with live functions where the workbook has no native formula (SMART check,
  critical path), each showing "needs the add-in" until the functions are imported.

The critical path needs the whole plan, so it is computed once per recalculation, not once per
row: one CBA_CRITICAL call as a classic (Ctrl+Shift+Enter) array formula over a hidden column
right of the plan table, one result per plan row, named CBA_CRITICAL_RESULT; each row of the
table's Critical path column only reads its own row of that name with INDEX. Array formulas and
spills are not allowed inside an Excel Table (#SPILL!), outside one they are; a classic array
formula has a fixed size, so it needs no dynamic arrays (any Excel version) and never spills
into anything, and xlwings passes the whole block as the caller and gets one column back.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Final

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from cba_xl.core.models import Homework
from cba_xl.core.tools import TOOLS
from cba_xl.excel.xlsxwriter_internals import written_format
from cba_xl.spec import layout
from cba_xl.spec.cells import col_letter
from cba_xl.spec.layout import LAYOUT, Layout, TableSpec

XLSM_PATH: Final = Path("workbook") / "cba_academy.xlsm"
CONFIG_SHEET: Final = "xlwings.conf"
UDF_MODULES: Final = "cba_xl.addin.udfs;cba_xl.addin.macros"
COHORT_FOLDER_KEY: Final = "CBA Cohort Folder"
NEEDS_ADDIN: Final = "needs the add-in"
CRITICAL_RESULT: Final = "CBA_CRITICAL_RESULT"  # the defined name of the one CBA_CRITICAL call
CRITICAL_HELPER_GAP: Final = 6  # columns right of the plan table: clear of its two buttons
VBA_SOURCE: Final = "quickstart.xlsm"  # inside the installed xlwings package


@dataclass(frozen=True, slots=True)
class Button:
    sheet: str
    macro: str
    caption: str
    row: int  # 0-based, as XlsxWriter counts
    col: int
    x_offset: int = 0


BUTTON_WIDTH: Final = 110
BUTTON_HEIGHT: Final = 26
START_BUTTONS: Final = (
    ("cba_check", "Check", "Check the workbook: findings in the Checks sheet, cells marked."),
    ("cba_fill", "Fill", "Fill step numbers, SMART checks, critical path and service notes."),
    ("cba_slides", "Slides", "Write the slides beside this workbook and open them."),
    (
        "cba_consolidate",
        "Consolidate",
        "Trainers: a cohort workbook and deck from a folder of workbooks.",
    ),
)


def vba_project() -> bytes:
    """xlwings' sample VBA project: a reference to the xlwings add-in and one sample macro."""
    package = resources.files("xlwings")
    with (
        package.joinpath(VBA_SOURCE).open("rb") as fh,
        zipfile.ZipFile(io.BytesIO(fh.read())) as zf,
    ):
        return zf.read("xl/vbaProject.bin")


START_COL: Final = 5  # the Start sheet's buttons: right of its three text columns


@dataclass(frozen=True, slots=True)
class ToolButtons:
    """Where a tool sheet's buttons go: Check on every one, Fill where the fill writes."""

    right_of: Callable[[Layout], int]  # the first free column right of the sheet's content
    fill: bool = False


def _right_of_table(key: str) -> Callable[[Layout], int]:
    return lambda lay: lay.tables[key].last_col + 2


def _right_of_canvas(horizon: str) -> Callable[[Layout], int]:
    return lambda lay: max(b.col + b.span for b in lay.canvases[horizon].blocks) + 1


# Each tool sheet's buttons, by tool key (`cba_xl.core.tools`).
TOOL_BUTTONS: Final[dict[str, ToolButtons]] = {
    "profile": ToolButtons(lambda lay: lay.profile[0].col + 2),
    "challenges": ToolButtons(_right_of_table("challenges")),
    "canvas_current": ToolButtons(_right_of_canvas("current")),
    "canvas_future": ToolButtons(_right_of_canvas("future")),
    "changes": ToolButtons(_right_of_table("changes")),
    "services": ToolButtons(_right_of_table("services"), fill=True),
    "needs": ToolButtons(_right_of_table("needs")),
    "vision": ToolButtons(_right_of_table("objectives")),
    "communication": ToolButtons(_right_of_table("communication")),
    "priority": ToolButtons(_right_of_table("actions")),
    "goals": ToolButtons(_right_of_table("goals"), fill=True),
    "plan": ToolButtons(_right_of_table("plan"), fill=True),
    "raci": ToolButtons(lambda lay: lay.raci.check_col + 2),
    "trends": ToolButtons(_right_of_table("trends")),
    "competencies": ToolButtons(_right_of_table("competencies")),
}


def buttons(lay: Layout = LAYOUT) -> list[Button]:
    """Every button of the workbook: all four on Start, Check on every tool sheet, Fill where
    the fill writes."""
    out = [
        Button(layout.START, macro, caption, 4 + 2 * i, START_COL)
        for i, (macro, caption, _) in enumerate(START_BUTTONS)
    ]
    for tool in TOOLS:
        place = TOOL_BUTTONS[tool.key]
        col = place.right_of(lay)
        out.append(Button(tool.sheet, "cba_check", "Check", 0, col))
        if place.fill:
            out.append(Button(tool.sheet, "cba_fill", "Fill", 0, col, BUTTON_WIDTH + 10))
    return out


def _formula(ws: Worksheet, row: int, col: int, formula: str) -> None:
    ws.write_formula(row - 1, col, formula, written_format(ws, row - 1, col), "")


def _plan_start(lay: Layout) -> str:
    c = lay.plan_start
    return f"'{c.sheet}'!${col_letter(c.col)}${c.row}"


def _column(table: TableSpec, key: str) -> str:
    letter = table.letter(key)
    return f"${letter}${table.first_row}:${letter}${table.last_row}"


def smart_formula(goals: TableSpec, row: int, lay: Layout = LAYOUT) -> str:
    args = ",".join(goals.cell(k, row) for k in ("goal", "metric", "target", "owner", "deadline"))
    first, last = goals.cell("goal", row), goals.cell("deadline", row)
    return (
        f'=IF(COUNTA({first}:{last})=0,"",'
        f'IFERROR(CBA_SMART({args},{_plan_start(lay)}),"{NEEDS_ADDIN}"))'
    )


def critical_helper_col(plan: TableSpec) -> int:
    """The hidden column (0-based) holding the one CBA_CRITICAL array formula."""
    return plan.last_col + CRITICAL_HELPER_GAP


def critical_call(plan: TableSpec, lay: Layout = LAYOUT) -> str:
    """The one CBA_CRITICAL call for the whole plan, one result per plan row."""
    # Template 1.1 has no "days from start" column: that argument is left empty (xlwings passes
    # an omitted argument as the parameter's default), keeping 1.0 workbooks' calls valid.
    keys = ("step", "duration", "after", "deadline", "days")
    cols = ",".join(_column(plan, k) if k in plan.columns else "" for k in keys)
    return f"=CBA_CRITICAL({cols},{_plan_start(lay)})"


def critical_result_range(plan: TableSpec) -> str:
    letter = col_letter(critical_helper_col(plan))
    return f"='{plan.sheet}'!${letter}${plan.first_row}:${letter}${plan.last_row}"


def critical_formula(plan: TableSpec, row: int, lay: Layout = LAYOUT) -> str:
    """A row of the Critical path column: its own row of the one call's result."""
    n = row - plan.first_row + 1
    return (
        f'=IF({plan.cell("action", row)}="","",'
        f'IFERROR(INDEX({CRITICAL_RESULT},{n}),"{NEEDS_ADDIN}"))'
    )


def _critical_helper(wb: Workbook, ws: Worksheet, plan: TableSpec, lay: Layout) -> None:
    col = critical_helper_col(plan)
    head = wb.add_format({"italic": True, "font_color": "#595959"})
    ws.write_string(plan.first_row - 2, col, "Critical path: one CBA_CRITICAL call", head)
    ws.write_array_formula(
        plan.first_row - 1,
        col,
        plan.last_row - 1,
        col,
        "{" + critical_call(plan, lay) + "}",
        None,
        "",
    )
    ws.set_column(col, col, 14, None, {"hidden": True})
    wb.define_name(CRITICAL_RESULT, critical_result_range(plan))


def add_addin_parts(wb: Workbook, sheets: dict[str, Worksheet], lay: Layout = LAYOUT) -> None:
    """The add-in's parts, added to the participant workbook before it is closed."""
    for b in buttons(lay):
        sheets[b.sheet].insert_button(
            b.row,
            b.col,
            {
                "macro": b.macro,
                "caption": b.caption,
                "width": BUTTON_WIDTH,
                "height": BUTTON_HEIGHT,
                "x_offset": b.x_offset,
                "y_offset": 4,
            },
        )
    start = sheets[layout.START]
    col = START_COL
    bold = wb.add_format({"bold": True, "font_color": "#1F3864"})
    note = wb.add_format({"italic": True, "font_color": "#595959", "valign": "vcenter"})
    start.set_column(col, col, 18)
    start.set_column(col + 1, col + 1, 64)
    start.write_string(2, col, "With Python (Windows): one-click buttons", bold)
    start.write_string(
        3,
        col + 1,
        "Needs Python, cba-xl and the xlwings add-in, and xlwings > Import Functions done once "
        "in this workbook (README: Use it in Excel).",
        note,
    )
    for i, (_, _, purpose) in enumerate(START_BUTTONS):
        start.set_row(4 + 2 * i, 24)
        start.write_string(4 + 2 * i, col + 1, purpose, note)
    findings_row = 4 + 2 * len(START_BUTTONS)
    start.write_string(findings_row, col, "Findings (last save)", bold)
    start.write_formula(
        findings_row, col + 1, f'=IFERROR(CBA_FINDINGS(),"{NEEDS_ADDIN}")', note, NEEDS_ADDIN
    )

    goals, plan = lay.tables["goals"], lay.tables["plan"]
    for row in range(goals.first_row, goals.last_row + 1):
        _formula(sheets[goals.sheet], row, goals.col("smart"), smart_formula(goals, row, lay))
    _critical_helper(wb, sheets[plan.sheet], plan, lay)
    for row in range(plan.first_row, plan.last_row + 1):
        _formula(sheets[plan.sheet], row, plan.col("critical"), critical_formula(plan, row, lay))

    _config_sheet(wb)


def _config_sheet(wb: Workbook) -> None:
    ws = wb.add_worksheet(CONFIG_SHEET)
    key = wb.add_format({"bold": True})
    note = wb.add_format({"italic": True, "font_color": "#595959"})
    ws.set_column(0, 0, 22)
    ws.set_column(1, 1, 48)
    ws.set_column(3, 3, 90)
    # xlwings reads keys from A1 down to the first empty cell; explanations stay in column D.
    ws.write_string(0, 0, "UDF Modules", key)
    ws.write_string(0, 1, UDF_MODULES)
    ws.write_string(1, 0, COHORT_FOLDER_KEY, key)
    ws.write_blank(1, 1, None)
    lines = (
        "Settings for the xlwings add-in (they override the ribbon's) and for cba-xl.",
        "UDF Modules: what Import Functions imports; keep it as it is.",
        f"{COHORT_FOLDER_KEY}: the folder of participants' workbooks for Consolidate "
        "(trainers); empty = you are asked.",
        "More xlwings settings (e.g. Interpreter_Win) may be added as further rows from A3 down.",
    )
    for i, line in enumerate(lines):
        ws.write_string(i, 3, line, note)


def build_addin_workbook(
    path: Path, homework: Homework | None = None, *, cluster_name: str | None = None
) -> Path:
    """A macro-enabled participant workbook with the add-in's parts (`cba-xl new x.xlsm`)."""
    from cba_xl.excel.builder import build_workbook

    with tempfile.TemporaryDirectory(prefix="cba-xl-") as folder:
        bin_path = Path(folder) / "vbaProject.bin"
        bin_path.write_bytes(vba_project())
        return build_workbook(
            path,
            homework,
            cluster_name=cluster_name,
            macro_enabled=True,
            vba_project=bin_path,
            extend=add_addin_parts,
        )


def build_xlsm(root: Path) -> Path:
    """Rebuild root/workbook/cba_academy.xlsm; the same code gives the same bytes."""
    target = root / XLSM_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    return build_addin_workbook(target)


__all__ = [
    "CONFIG_SHEET",
    "CRITICAL_RESULT",
    "NEEDS_ADDIN",
    "UDF_MODULES",
    "XLSM_PATH",
    "Button",
    "add_addin_parts",
    "build_addin_workbook",
    "build_xlsm",
    "buttons",
    "critical_call",
    "critical_formula",
    "critical_helper_col",
    "smart_formula",
    "vba_project",
]
