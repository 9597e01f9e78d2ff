"""Which cell formats of a workbook show a number as a percentage.

calamine hands over values only: "40 %" typed into a cell is stored as 0.4 with a percent number
format, and only the format says that 0.4 means 40. A cell's `s` attribute (see
`sheet_xml.SheetScan.styles`) indexes the `cellXfs` list of xl/styles.xml, each of which names a
number format: built in (9 and 10 are the percent ones) or defined in `numFmts`.
"""

from __future__ import annotations

import contextlib
import posixpath
import re
import zipfile
from pathlib import Path
from typing import Final

from cba_xl.excel.sheet_xml import MAIN_NS, PART_ERRORS, PKG_REL_NS, guarded_parser

STYLES_TYPE: Final = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
_BUILT_IN_PERCENT: Final = frozenset({9, 10})  # 0% and 0.00%
# What a format code holds that is not a format symbol: quoted text, escaped characters,
# [colours], [conditions] and [$locale] codes. A '%' outside them multiplies by 100.
_LITERALS: Final = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')


def is_percent_code(code: str) -> bool:
    """True when a number format code shows its number as a percentage (its first section,
    the one positive numbers use)."""
    first = _LITERALS.sub("", code).split(";", 1)[0]
    return "%" in first


def percent_styles(path: Path) -> frozenset[int]:
    """The indexes (a cell's `s`) of the workbook's cell formats that show percentages; none
    for a package without a readable styles part, whose cells then read as plain numbers."""
    try:
        with zipfile.ZipFile(path) as zf:
            part = _styles_part(zf)
            if part is None:
                return frozenset()
            with zf.open(part) as f:
                data = f.read()
    except (*PART_ERRORS, OSError):
        return frozenset()
    try:
        return _percent_xfs(data)
    except PART_ERRORS:
        return frozenset()


def _styles_part(zf: zipfile.ZipFile) -> str | None:
    names = set(zf.namelist())
    rels = "xl/_rels/workbook.xml.rels"
    if rels in names:
        with zf.open(rels) as f:
            parser = guarded_parser(namespace_separator=" ")
            targets: list[str] = []

            def start(name: str, attrs: dict[str, str]) -> None:
                if name == f"{PKG_REL_NS[1:-1]} Relationship" and attrs.get("Type") == STYLES_TYPE:
                    targets.append(attrs.get("Target", ""))

            parser.StartElementHandler = start
            parser.Parse(f.read(), True)
        for target in targets:
            part = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
            part = posixpath.normpath(part)
            if part in names:
                return part
    return "xl/styles.xml" if "xl/styles.xml" in names else None


def _percent_xfs(data: bytes) -> frozenset[int]:
    main = MAIN_NS[1:-1]
    codes: dict[int, str] = {}
    xf_formats: list[int] = []
    depth = {"cellXfs": False}

    def start(name: str, attrs: dict[str, str]) -> None:
        namespace, _, local = name.rpartition(" ")
        if namespace != main:
            return
        if local == "numFmt":
            with contextlib.suppress(ValueError):
                codes[int(attrs.get("numFmtId", ""))] = attrs.get("formatCode", "")
        elif local == "cellXfs":
            depth["cellXfs"] = True
        elif local == "xf" and depth["cellXfs"]:
            try:
                xf_formats.append(int(attrs.get("numFmtId", "0")))
            except ValueError:
                xf_formats.append(0)

    def end(name: str) -> None:
        if name == f"{main} cellXfs":
            depth["cellXfs"] = False

    parser = guarded_parser(namespace_separator=" ")
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.Parse(data, True)
    return frozenset(
        i
        for i, fmt in enumerate(xf_formats)
        if (is_percent_code(codes[fmt]) if fmt in codes else fmt in _BUILT_IN_PERCENT)
    )


__all__ = ["is_percent_code", "percent_styles"]
