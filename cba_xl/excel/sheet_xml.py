"""What calamine does not tell: which cells hold formulas, and when the workbook was last saved.
Read straight from the package parts with defusedxml; nothing is evaluated or followed."""

from __future__ import annotations

import datetime as dt
import posixpath
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Final, NoReturn
from xml.etree.ElementTree import ParseError
from xml.parsers import expat
from xml.parsers.expat import XMLParserType as xmlparser

import defusedxml
import defusedxml.ElementTree as DET

from cba_xl.spec.cells import split

MAIN_NS: Final = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_NS: Final = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL_NS: Final = "{http://schemas.openxmlformats.org/package/2006/relationships}"
DCTERMS_NS: Final = "{http://purl.org/dc/terms/}"


class EntityDeclarations(ValueError):
    """XML with a DOCTYPE: the door to entity bombs and external entities."""


def _refuse(*_: object) -> NoReturn:
    raise EntityDeclarations("XML entity declarations")


def guarded_parser() -> xmlparser:
    """An expat parser that refuses any DOCTYPE, entity declaration or external entity.

    The same guard defusedxml installs (forbid_dtd, forbid_entities, forbid_external), on a bare
    event parser: scanning sheets this way costs a quarter of defusedxml's iterparse, which
    builds an element for every cell.
    """
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _refuse
    parser.EntityDeclHandler = _refuse
    parser.UnparsedEntityDeclHandler = _refuse
    parser.ExternalEntityRefHandler = _refuse
    return parser


# Problems reading a part: the file is left to calamine's own verdict, not refused here.
_PART_ERRORS: Final = (
    KeyError,
    ParseError,
    expat.ExpatError,
    EntityDeclarations,
    zipfile.BadZipFile,
    EOFError,
    defusedxml.DefusedXmlException,
)


def sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its part in the package, e.g. 'Action plan' -> 'xl/worksheets/sheet10.xml'."""
    with zf.open("xl/_rels/workbook.xml.rels") as f:
        rels = DET.parse(f, forbid_dtd=True).getroot()
    targets = {}
    for rel in rels.iter(f"{PKG_REL_NS}Relationship"):
        target = rel.get("Target", "")
        part = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
        targets[rel.get("Id", "")] = posixpath.normpath(part)
    with zf.open("xl/workbook.xml") as f:
        book = DET.parse(f, forbid_dtd=True).getroot()
    return {
        sheet.get("name", ""): targets.get(sheet.get(f"{REL_NS}id", ""), "")
        for sheet in book.iter(f"{MAIN_NS}sheet")
    }


def formula_cells(path: Path, sheets: Iterable[str]) -> dict[str, set[tuple[int, int]]]:
    """Sheet name -> (1-based row, 0-based column) of every cell holding a formula."""
    found: dict[str, set[tuple[int, int]]] = {}
    try:
        with zipfile.ZipFile(path) as zf:
            parts = sheet_parts(zf)
            for sheet in sheets:
                part = parts.get(sheet)
                if part:
                    with zf.open(part) as f:
                        found[sheet] = _formulas(f)
    except _PART_ERRORS:
        return found
    return found


def _formulas(source: IO[bytes]) -> set[tuple[int, int]]:
    found: list[str | tuple[int, int]] = []
    # The current cell's reference; splitting it into row and column waits until a formula is
    # seen, as almost no cell has one.
    current: list[str | tuple[int, int]] = [(0, -1)]
    row = [0]

    def start(name: str, attrs: dict[str, str]) -> None:
        local = name.rpartition(":")[2]
        if local == "c":
            ref = attrs.get("r")
            if ref:
                current[0] = ref
            else:  # `r` may be left out: cells then follow each other from column A
                prev = current[0]
                r, c = split(prev) if isinstance(prev, str) else prev
                current[0] = (r, c + 1)
        elif local == "f":
            found.append(current[0])
        elif local == "row":
            row[0] = int(attrs.get("r", row[0] + 1))
            current[0] = (row[0], -1)

    parser = guarded_parser()
    parser.StartElementHandler = start
    parser.Parse(source.read(), True)
    return {split(ref) if isinstance(ref, str) else ref for ref in found}


def workbook_modified(path: Path) -> dt.datetime | None:
    """When the workbook was last saved, from docProps/core.xml (dcterms:modified), in UTC.

    Office programs write this on every save; a resubmission is the later of two files.
    """
    try:
        with zipfile.ZipFile(path) as zf, zf.open("docProps/core.xml") as f:
            core = DET.parse(f, forbid_dtd=True).getroot()
    except (*_PART_ERRORS, OSError):
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
    "EntityDeclarations",
    "formula_cells",
    "guarded_parser",
    "sheet_parts",
    "workbook_modified",
]
