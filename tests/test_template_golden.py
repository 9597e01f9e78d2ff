"""The committed workbook template is what the code builds today.

In the style of XlsxWriter's own tests: unzip both files, pretty-print each XML part so that
every element sits on its own line, drop what legitimately varies, and show a unified diff.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from defusedxml.ElementTree import fromstring

from cba_xl.excel.builder import LITE_TEMPLATE_PATH, TEMPLATE_PATH, build_templates, build_workbook

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / TEMPLATE_PATH
HINT = "run `make templates` (cba-xl build-templates) and review the diff"
# Properties that may differ between two honest builds; the builder fixes them today, but a
# stale timestamp alone should never be the reason this test fails.
VARYING = {
    "{http://purl.org/dc/terms/}created",
    "{http://purl.org/dc/terms/}modified",
}


def _lines(data: bytes, name: str) -> list[str]:
    if not name.endswith((".xml", ".rels", ".vml")):
        return [f"<binary part, {len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()}>"]
    root = fromstring(data)
    for element in root.iter():
        if element.tag in VARYING:
            element.text = "(varies)"
    ET.indent(root)
    return ET.tostring(root, encoding="unicode").splitlines()


def _parts(path: Path) -> dict[str, list[str]]:
    with zipfile.ZipFile(path) as z:
        return {name: _lines(z.read(name), name) for name in sorted(z.namelist())}


@pytest.mark.parametrize("protected", [True, False], ids=["template", "lite-template"])
def test_committed_template_equals_a_fresh_build(tmp_path: Path, protected: bool) -> None:
    if os.environ.get("CBA_XL_UPDATE_GOLDEN"):
        build_templates(ROOT)
    committed = ROOT / (TEMPLATE_PATH if protected else LITE_TEMPLATE_PATH)
    assert committed.is_file(), f"{committed} is missing: {HINT}"
    fresh = build_workbook(tmp_path / committed.name, protected=protected)
    expected, got = _parts(committed), _parts(fresh)
    assert sorted(expected) == sorted(got), f"the parts differ: {HINT}"
    problems = []
    for name in expected:
        if expected[name] != got[name]:
            diff = difflib.unified_diff(
                expected[name], got[name], f"committed/{name}", f"fresh/{name}", lineterm="", n=2
            )
            problems.append("\n".join(list(diff)[:60]))
    if problems:
        pytest.fail(f"{committed.name} is stale: {HINT}\n\n" + "\n\n".join(problems))


def test_the_lite_template_differs_only_by_its_unprotected_tool_sheets() -> None:
    """The xlwings Lite variant: the same workbook, but no tool sheet is protected (Lite cannot
    lift protection for Check's marks and Fill's values); the hidden sheets stay protected."""
    import openpyxl

    plain = openpyxl.load_workbook(ROOT / TEMPLATE_PATH)
    lite = openpyxl.load_workbook(ROOT / LITE_TEMPLATE_PATH)
    assert plain.sheetnames == lite.sheetnames
    for name in plain.sheetnames:
        hidden = plain[name].sheet_state != "visible"
        assert plain[name].protection.sheet
        assert bool(lite[name].protection.sheet) == hidden, name
    with (
        zipfile.ZipFile(ROOT / TEMPLATE_PATH) as a,
        zipfile.ZipFile(ROOT / LITE_TEMPLATE_PATH) as b,
    ):
        differ = [n for n in a.namelist() if a.read(n) != b.read(n)]
    # the sheets (their protection) and the Start sheet's words about protection and buttons
    allowed = ("xl/worksheets/sheet", "xl/sharedStrings.xml")
    assert differ and all(n.startswith(allowed) for n in differ), differ
    start = [str(c.value) for row in lite["Start"].iter_rows() for c in row if c.value]
    plain_start = [str(c.value) for row in plain["Start"].iter_rows() for c in row if c.value]
    assert any("protected WITHOUT a password" in line for line in plain_start)
    assert not any("protected WITHOUT" in line for line in start)
    assert any("not protected" in line for line in start)
    assert any("xlwings Lite pane" in line and "cba_check" in line for line in start)


def test_the_build_is_deterministic(tmp_path: Path) -> None:
    first = build_workbook(tmp_path / "a.xlsx").read_bytes()
    second = build_workbook(tmp_path / "b.xlsx").read_bytes()
    assert first == second, "two builds differ: the template would churn in every commit"
