"""What calamine does not tell: which cells hold formulas, and when the workbook was last saved.
Read straight from the package parts with defusedxml; nothing is evaluated or followed."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Final, NoReturn
from xml.etree.ElementTree import ParseError
from xml.parsers import expat
from xml.parsers.expat import XMLParserType as xmlparser

import defusedxml
import defusedxml.ElementTree as DET

from cba_xl.spec.cells import col_index, split

MAIN_NS: Final = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_NS: Final = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL_NS: Final = "{http://schemas.openxmlformats.org/package/2006/relationships}"
DCTERMS_NS: Final = "{http://purl.org/dc/terms/}"


class EntityDeclarations(ValueError):
    """XML with a DOCTYPE: the door to entity bombs and external entities."""


def _refuse(*_: object) -> NoReturn:
    raise EntityDeclarations("XML entity declarations")


def guarded_parser(namespace_separator: str | None = None) -> xmlparser:
    """An expat parser that refuses any DOCTYPE, entity declaration or external entity.

    The same guard defusedxml installs (forbid_dtd, forbid_entities, forbid_external), on a bare
    event parser: scanning sheets this way costs a quarter of defusedxml's iterparse, which
    builds an element for every cell. With `namespace_separator` it resolves namespaces.
    """
    parser = expat.ParserCreate(namespace_separator=namespace_separator)
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _refuse
    parser.EntityDeclHandler = _refuse
    parser.UnparsedEntityDeclHandler = _refuse
    parser.ExternalEntityRefHandler = _refuse
    return parser


# Problems reading a part of a damaged package (or one no Office program wrote).
PART_ERRORS: Final = (
    KeyError,
    ParseError,
    expat.ExpatError,
    EntityDeclarations,
    zipfile.BadZipFile,
    EOFError,
    defusedxml.DefusedXmlException,
    ValueError,  # a cell or row reference that is not one
)


def sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its part in the package, e.g. 'Action plan' -> 'xl/worksheets/sheet10.xml'."""
    with zf.open("xl/_rels/workbook.xml.rels") as f:
        rels = _elements(f, f"{PKG_REL_NS}Relationship")
    targets = {}
    for rel in rels:
        target = rel.get("Target", "")
        part = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
        targets[rel.get("Id", "")] = posixpath.normpath(part)
    with zf.open("xl/workbook.xml") as f:
        sheets = _elements(f, f"{MAIN_NS}sheet")
    return {
        sheet.get("name", ""): targets.get(sheet.get(f"{REL_NS}id", ""), "") for sheet in sheets
    }


def _elements(source: IO[bytes], tag: str) -> list[dict[str, str]]:
    """The attributes of every `tag` element ('{namespace}name', as ElementTree spells it), in
    document order: what `DET.parse(...).iter(tag)` finds, without building the tree (read for
    every submission of a cohort)."""
    wanted = tag[1:].replace("}", " ", 1) if tag.startswith("{") else tag
    found: list[dict[str, str]] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        if name == wanted:
            found.append({_qualified(key): value for key, value in attrs.items()})

    parser = guarded_parser(namespace_separator=" ")
    parser.StartElementHandler = start
    while chunk := source.read(1 << 16):
        parser.Parse(chunk, False)
    parser.Parse(b"", True)
    return found


def _qualified(name: str) -> str:
    namespace, _, local = name.rpartition(" ")
    return f"{{{namespace}}}{local}" if namespace else local


@dataclass
class SheetScan:
    """What one pass over a sheet's XML tells: its formula cells and how far its content goes."""

    # (1-based row, 0-based column) of every cell holding a formula
    formulas: set[tuple[int, int]] = field(default_factory=set)
    last_row: int = 0  # the last row holding a value or a formula; 0 when none does
    last_col: int = -1  # the last column (0-based) holding one; -1 when none does
    cells: int = 0  # cells holding a value or a formula
    # (1-based row, 0-based column) -> the `s` (cell format index) of each cell holding
    # something that has one: what tells a percent cell (40 % is stored as 0.4) from a plain one
    styles: dict[tuple[int, int], str] = field(default_factory=dict)


class TooManyCells(ValueError):
    """More cells holding something than the budget allows, over all the sheets scanned."""

    def __init__(self, budget: int) -> None:
        super().__init__(f"more than {budget} cells hold something")
        self.budget = budget


class ContentTooFar(ValueError):
    """A value so far from A1 that the grid up to it would hold more than the allowed cells."""

    def __init__(self, row: int, col: int, sheet: str = "") -> None:
        super().__init__(f"content at row {row}, column {col + 1}")
        self.row = row
        self.col = col
        self.sheet = sheet


def scan_sheets(
    path: Path,
    sheets: Iterable[str],
    *,
    max_cells: int | None = None,
    max_total: int | None = None,
) -> dict[str, SheetScan]:
    """Sheet name -> its scan, for the sheets that exist. Raises ContentTooFar when a sheet's
    content reaches beyond `max_cells` cells of grid from A1, TooManyCells when more than
    `max_total` cells of all those sheets hold something, and the errors of reading a part (see
    `PART_ERRORS`) for a damaged package. Each scan stops as soon as a limit is passed."""
    found: dict[str, SheetScan] = {}
    budget = [max_total or 0]
    with zipfile.ZipFile(path) as zf:
        parts = sheet_parts(zf)
        for sheet in sheets:
            part = parts.get(sheet)
            if part:
                try:
                    try:
                        with zf.open(part) as f:
                            found[sheet] = scan_sheet(f, max_cells=max_cells, budget=budget)
                    except expat.ExpatError:
                        # Not well-formed (some writers leave control characters raw), which
                        # calamine reads anyway: bound its extent the rough way instead.
                        with zf.open(part) as f:
                            found[sheet] = scan_cells_roughly(f, max_cells=max_cells, budget=budget)
                except ContentTooFar as far:
                    far.sheet = sheet
                    raise
                except TooManyCells as many:
                    raise TooManyCells(max_total or 0) from many
    return found


def formula_cells(path: Path, sheets: Iterable[str]) -> dict[str, set[tuple[int, int]]]:
    """Sheet name -> (1-based row, 0-based column) of every cell holding a formula."""
    try:
        return {name: scan.formulas for name, scan in scan_sheets(path, sheets).items()}
    except PART_ERRORS:
        return {}


def _count(scan: SheetScan, budget: list[int] | None) -> None:
    scan.cells += 1
    if budget and budget[0]:
        budget[0] -= 1
        if budget[0] == 0:
            raise TooManyCells(0)  # scan_sheets tells the budget


def scan_sheet(
    source: IO[bytes], *, max_cells: int | None = None, budget: list[int] | None = None
) -> SheetScan:
    """One sheet's formulas and extent. `budget` holds how many more cells may hold something
    (0: no limit); it is spent as cells are found, so one budget can span several sheets."""
    scan = SheetScan()
    formulas = scan.formulas
    styles = scan.styles
    limit = max_cells or 0
    # The current cell: its reference, split into row and column only once the cell turns out
    # to hold something (most cells of the template are empty styled cells), then its position.
    # The handlers run for every element of every sheet: plain locals keep them cheap.
    ref: str | None = None
    style: str | None = None
    pos = (0, -1)
    last = (0, -1)  # the last cell counted: a formula and its cached value are one cell
    row = 0

    def holds(formula: bool) -> None:
        nonlocal ref, pos, last
        if ref is not None:
            pos = _split(ref)
            ref = None
        if formula:
            formulas.add(pos)
        if pos != last:
            _count(scan, budget)
            last = pos
            if style is not None:
                styles[pos] = style
        r, c = pos
        if r > scan.last_row or c > scan.last_col:
            scan.last_row = max(scan.last_row, r)
            scan.last_col = max(scan.last_col, c)
            # calamine builds the whole rectangle up to the furthest cell in memory, so one
            # value in XFD1048576 would ask for half a terabyte: stop before it does.
            if limit and scan.last_row * (scan.last_col + 1) > limit:
                raise ContentTooFar(r, c)

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal ref, pos, row, style
        if ":" in name:
            name = name.rpartition(":")[2]
        if name == "c":
            style = attrs.get("s")
            r = attrs.get("r")
            if r:
                ref = r
            else:  # `r` may be left out: cells then follow each other from column A
                if ref is not None:
                    pos = _split(ref)
                    ref = None
                pos = (pos[0], pos[1] + 1)
        elif name == "v" or name == "is":
            holds(formula=False)
        elif name == "f":
            holds(formula=True)
        elif name == "row":
            row = int(attrs.get("r", row + 1))
            ref = None
            pos = (row, -1)

    parser = guarded_parser()
    parser.StartElementHandler = start
    while chunk := source.read(1 << 20):
        parser.Parse(chunk, False)
    parser.Parse(b"", True)
    return scan


# Cell references repeat from one workbook of a cohort to the next: each is split once per
# process (a bad reference raises every time, as `split` does).
_SPLIT: dict[str, tuple[int, int]] = {}


def _split(ref: str) -> tuple[int, int]:
    found = _SPLIT.get(ref)
    if found is None:
        if len(_SPLIT) >= 100_000:
            _SPLIT.clear()
        found = _SPLIT[ref] = split(ref)
    return found


# A cell element with a reference and content (not self-closing), in any namespace prefix.
_CELL_TAG: Final = re.compile(
    rb'<(?:[\w.-]+:)?c\s[^>]*?\br="\$?([A-Z]{1,3})\$?([0-9]{1,7})"[^>]*?(?<!/)>'
)


def scan_cells_roughly(
    source: IO[bytes], *, max_cells: int | None = None, budget: list[int] | None = None
) -> SheetScan:
    """The extent of a sheet that is not well-formed XML, from its cell tags alone (no formulas:
    telling them apart needs the XML structure)."""
    scan = SheetScan()
    rest = b""
    while True:
        chunk = source.read(1 << 20)
        data = rest + chunk
        # A tag cut at the chunk's end waits for the next chunk.
        cut = data.rfind(b"<")
        if cut < 0 or not chunk:
            cut = len(data)
        body, rest = data[:cut], data[cut:]
        for match in _CELL_TAG.finditer(body):
            row, col = int(match.group(2)), col_index(match.group(1).decode())
            _count(scan, budget)
            scan.last_row = max(scan.last_row, row)
            scan.last_col = max(scan.last_col, col)
            if max_cells and scan.last_row * (scan.last_col + 1) > max_cells:
                raise ContentTooFar(row, col)
        if not chunk:
            return scan


def workbook_modified(path: Path) -> dt.datetime | None:
    """When the workbook was last saved, from docProps/core.xml (dcterms:modified), in UTC.

    Office programs write this on every save; a resubmission is the later of two files.
    """
    try:
        with zipfile.ZipFile(path) as zf, zf.open("docProps/core.xml") as f:
            core = DET.parse(f, forbid_dtd=True).getroot()
    except (*PART_ERRORS, OSError):
        return None
    elem = core.find(f"{DCTERMS_NS}modified")
    text = (elem.text or "").strip() if elem is not None else ""
    if not text:
        return None
    try:
        stamp = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=dt.UTC)
    return stamp.astimezone(dt.UTC)


__all__ = [
    "PART_ERRORS",
    "ContentTooFar",
    "EntityDeclarations",
    "SheetScan",
    "TooManyCells",
    "formula_cells",
    "guarded_parser",
    "scan_cells_roughly",
    "scan_sheet",
    "scan_sheets",
    "sheet_parts",
    "workbook_modified",
]
