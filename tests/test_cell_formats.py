"""Telling percent cell formats from the others, from xl/styles.xml alone."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from cba_xl.excel.cell_formats import is_percent_code, percent_styles


@pytest.mark.parametrize(
    ("code", "percent"),
    [
        ("0%", True),
        ("0.00%", True),
        ('0.00" "%', True),  # LibreOffice's de-DE and fr-FR percent
        ("[Red]0.0%;-0.0%", True),
        ("#,##0.00 %", True),
        ("General", False),
        ("0.00", False),
        ('0" %"', False),  # the sign is text: 25 shows as "25 %"
        ("0\\%", False),
        ("[$%-407]0", False),
        ('0;"-%"', False),  # a sign in the negative section only
    ],
)
def test_percent_codes(code: str, percent: bool) -> None:
    assert is_percent_code(code) is percent


STYLES = """<?xml version="1.0" encoding="UTF-8"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="2"><numFmt numFmtId="164" formatCode="0.00&quot; &quot;%"/>
<numFmt numFmtId="165" formatCode="0&quot; %&quot;"/></numFmts>
<cellStyleXfs count="1"><xf numFmtId="9"/></cellStyleXfs>
<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="9"/><xf numFmtId="164"/><xf numFmtId="165"/>
<xf numFmtId="10"/></cellXfs>
</styleSheet>
"""


def _package(path: Path, styles: str | None) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/styles" Target="theStyles.xml"/></Relationships>',
        )
        if styles is not None:
            zf.writestr("xl/theStyles.xml", styles)
    return path


def test_percent_styles_index_cell_formats_not_cell_style_formats(tmp_path: Path) -> None:
    assert percent_styles(_package(tmp_path / "a.xlsx", STYLES)) == {1, 2, 4}


@pytest.mark.parametrize("styles", [None, "<styleSheet", "<!DOCTYPE x><styleSheet/>"])
def test_no_readable_styles_means_no_percent_cells(tmp_path: Path, styles: str | None) -> None:
    assert percent_styles(_package(tmp_path / "b.xlsx", styles)) == frozenset()
