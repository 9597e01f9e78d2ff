"""The participant workbook, built with XlsxWriter from the layout specification.

`build_workbook` writes an empty template or, given a `Homework`, a filled workbook (the sample
cohort, `cba-xl new --cluster`, tests). `build_templates` rebuilds the committed template
byte for byte the same: every document property, the creation date included, is fixed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Final

from xlsxwriter.exceptions import XlsxWriterException
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from cba_xl.core.models import Homework
from cba_xl.core.tools import TOOLS
from cba_xl.errors import OutputRefused, TemplateProblem
from cba_xl.excel.build_canvas import build_canvas
from cba_xl.excel.build_common import sheets_protected
from cba_xl.excel.build_communication import build_communication
from cba_xl.excel.build_lists import Lists, write_meta, write_sources
from cba_xl.excel.build_needs import build_needs
from cba_xl.excel.build_raci import build_raci
from cba_xl.excel.build_sheets import build_profile, build_start
from cba_xl.excel.build_tables import build_table_sheet
from cba_xl.excel.build_trends import build_competencies, build_trends
from cba_xl.excel.build_vision import build_vision
from cba_xl.excel.styles import FONT, FONT_SIZE, Styles
from cba_xl.spec.layout import LAYOUT, TEMPLATE_ID, Layout

TEMPLATE_PATH = Path("workbook") / "cba_academy.xlsx"
# The same template with its sheets unprotected, for xlwings Lite (README, "Use it with xlwings
# Lite"): Lite cannot lift a sheet's protection, which Check's marks and Fill's values need.
LITE_TEMPLATE_PATH = Path("workbook") / "cba_academy_lite.xlsx"

# Fixed, so that rebuilding the template gives the same file (the first academy day).
CREATED = dt.datetime(2024, 11, 6, 10, 0, 0)
PROPERTIES = {
    "title": "Cluster Booster Academy: participant workbook",
    "subject": "Homework for the three academy days",
    "author": "Cluster Booster Academy",
    "company": "Cluster Booster Academy",
    "keywords": "cluster, business model canvas, action plan",
    "comments": "Built by cba-xl from its layout specification. Send back as .xlsx.",
    "created": CREATED,
}


def build_workbook(
    path: Path,
    homework: Homework | None = None,
    *,
    cluster_name: str | None = None,
    macro_enabled: bool = False,
    vba_project: Path | None = None,
    extend: Callable[[Workbook, dict[str, Worksheet]], None] | None = None,
    protected: bool = True,
    saved: dt.datetime | None = None,
) -> Path:
    """Write the participant workbook to `path`, filled from `homework` when given.

    `cluster_name` pre-fills the profile's cluster name (over the homework's). With
    `macro_enabled`, `vba_project` (a vbaProject.bin) is embedded; `path` should then end in
    .xlsm. `extend` is called with the workbook and its sheets by name before it is closed
    (the Excel add-in adds its buttons, config sheet and live-function cells there). Without
    `protected`, the tool sheets are left unprotected (the xlwings Lite variant).
    """
    hw = _with_cluster_name(homework, cluster_name)
    wb = Workbook(
        str(path),
        {
            "strings_to_formulas": False,  # belt and braces: participant text is never a formula
            "strings_to_urls": False,
            "default_format_properties": {"font_name": FONT, "font_size": FONT_SIZE},
        },
    )
    properties: dict[str, object] = dict(PROPERTIES)
    if saved is not None:
        # XlsxWriter writes the time as given, marked UTC; it stamps created and modified alike.
        utc = saved.astimezone(dt.UTC) if saved.tzinfo else saved
        properties["created"] = utc.replace(tzinfo=None, microsecond=0)
    wb.set_properties(properties)
    wb.set_custom_property("cba_template_id", TEMPLATE_ID)
    wb.set_custom_property("cba_template_version", LAYOUT.version)
    if macro_enabled:
        _attach_vba(wb, path, vba_project)
    with sheets_protected(protected):
        _build_sheets(wb, LAYOUT, hw)
    if extend is not None:
        extend(wb, {ws.get_name(): ws for ws in wb.worksheets()})
    try:
        wb.close()
    except (XlsxWriterException, OSError) as exc:
        raise OutputRefused(path, f"cannot be written ({exc})") from exc
    return path


def build_templates(root: Path) -> list[Path]:
    """Rebuild root/workbook/cba_academy.xlsx and its unprotected Lite variant; the same code
    gives the same bytes."""
    target = root / TEMPLATE_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    return [build_workbook(target), build_workbook(root / LITE_TEMPLATE_PATH, protected=False)]


def _with_cluster_name(homework: Homework | None, cluster_name: str | None) -> Homework | None:
    if cluster_name is None:
        return homework
    hw = homework if homework is not None else Homework()
    return dataclasses.replace(
        hw, profile=dataclasses.replace(hw.profile, cluster_name=cluster_name)
    )


def _attach_vba(wb: Workbook, path: Path, vba_project: Path | None) -> None:
    if vba_project is None or not vba_project.is_file():
        raise TemplateProblem(
            f"{path}: a macro-enabled workbook needs the add-in's vbaProject.bin "
            f"(not found: {vba_project})"
        )
    if path.suffix.lower() != ".xlsm":
        raise TemplateProblem(f"{path}: a macro-enabled workbook must end in .xlsm")
    wb.add_vba_project(str(vba_project))
    wb.set_vba_name("ThisWorkbook")


@dataclasses.dataclass(frozen=True, slots=True)
class _Sheets:
    """What every sheet's builder needs."""

    wb: Workbook
    styles: Styles
    lists: Lists
    lay: Layout
    hw: Homework | None

    def table(self, key: str) -> None:
        build_table_sheet(self.wb, self.styles, self.lists, self.lay, key, self.hw)

    def canvas(self, horizon: str) -> None:
        canvas = None
        if self.hw is not None:
            canvas = self.hw.canvas_current if horizon == "current" else self.hw.canvas_future
        build_canvas(self.wb, self.styles, self.lists, self.lay.canvases[horizon], canvas)


# Each tool's sheet, by tool key (`cba_xl.core.tools`), built in the workbook's sheet order.
BUILDERS: Final[dict[str, Callable[[_Sheets], None]]] = {
    "profile": lambda s: build_profile(
        s.wb, s.styles, s.lists, s.lay, s.hw.profile if s.hw is not None else None
    ),
    "challenges": lambda s: s.table("challenges"),
    "canvas_current": lambda s: s.canvas("current"),
    "canvas_future": lambda s: s.canvas("future"),
    "changes": lambda s: s.table("changes"),
    "services": lambda s: s.table("services"),
    "needs": lambda s: build_needs(s.wb, s.styles, s.lists, s.lay, s.hw),
    "vision": lambda s: build_vision(s.wb, s.styles, s.lists, s.lay, s.hw),
    "communication": lambda s: build_communication(s.wb, s.styles, s.lists, s.lay, s.hw),
    "priority": lambda s: s.table("actions"),
    "goals": lambda s: s.table("goals"),
    "plan": lambda s: s.table("plan"),
    "raci": lambda s: build_raci(s.wb, s.styles, s.lists, s.lay.raci, s.hw, s.lay.tables["plan"]),
    "trends": lambda s: build_trends(s.wb, s.styles, s.lists, s.lay, s.hw),
    "competencies": lambda s: build_competencies(s.wb, s.styles, s.lists, s.lay, s.hw),
}


def _build_sheets(wb: Workbook, lay: Layout, hw: Homework | None) -> None:
    styles = Styles(wb)
    lists = Lists(lay)
    build_start(wb, styles, lay)
    sheets = _Sheets(wb, styles, lists, lay, hw)
    for tool in TOOLS:
        if tool.key in lay.tools:
            BUILDERS[tool.key](sheets)
    listed = lists.write(wb, styles)
    write_sources(wb, listed, lay, hw)
    write_meta(wb, lay)
