"""What a reader hands the core: cell values with their locations, nothing interpreted yet."""

from __future__ import annotations

from dataclasses import dataclass, field

from cba_xl.core.findings import Loc
from cba_xl.core.tools import KEYS


@dataclass(frozen=True, slots=True)
class RawCell:
    value: object
    loc: Loc


@dataclass
class RawRow:
    row: int  # the sheet row, 1-based
    cells: dict[str, RawCell]


@dataclass(frozen=True, slots=True)
class Moved:
    """A table, the RACI matrix or a canvas block found some rows away from where its template
    version puts it (a row inserted or deleted above it), or a table some columns away (a
    column inserted or deleted left of it): read from where it is."""

    what: str  # "the table's header", as a sentence names it
    loc: Loc  # its first header cell, where it was found
    rows: int  # rows below the template's place (inserted above it); negative: above
    cols: int = 0  # columns right of the template's place (inserted left of it); negative: left
    home: str = ""  # the template's column for it, as letters, when it moved sideways


@dataclass
class RawWorkbook:
    """Input cells only. Readers skip rows whose input cells are all blank."""

    template_version: str = ""
    # the tools (`cba_xl.core.tools` keys) the workbook's template version has sheets for: an
    # older version lacks the tools added since, which are then neither read nor checked
    tools: tuple[str, ...] = KEYS
    fields: dict[str, RawCell] = field(default_factory=dict)
    tables: dict[str, list[RawRow]] = field(default_factory=dict)
    # horizon -> block key -> the non-blank item cells, top to bottom
    canvas: dict[str, dict[str, list[RawCell]]] = field(default_factory=dict)
    # one (group, name cell) per person column, blank names included, left to right
    raci_people: list[tuple[str, RawCell]] = field(default_factory=list)
    # cells: "deliverable" and "p0", "p1", ... one per person column
    raci_rows: list[RawRow] = field(default_factory=list)
    # section key ("profile", "challenges", "canvas_current", "canvas_future", "changes",
    # "services", "actions", "goals", "plan", "raci") -> its first input cell, so a finding about
    # a whole section (say, no quick win at all) can still name a cell
    anchors: dict[str, Loc] = field(default_factory=dict)
    # cells the reader found holding a formula where a value belongs
    formula_cells: list[Loc] = field(default_factory=list)
    # what the reader found away from its place, each read from where it was found
    moved: list[Moved] = field(default_factory=list)
