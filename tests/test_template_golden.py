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

from cba_xl.excel.builder import TEMPLATE_PATH, build_templates, build_workbook

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


def test_committed_template_equals_a_fresh_build(tmp_path: Path) -> None:
    if os.environ.get("CBA_XL_UPDATE_GOLDEN"):
        build_templates(ROOT)
    assert COMMITTED.is_file(), f"{COMMITTED} is missing: {HINT}"
    fresh = build_workbook(tmp_path / "cba_academy.xlsx")
    expected, got = _parts(COMMITTED), _parts(fresh)
    assert sorted(expected) == sorted(got), f"the parts differ: {HINT}"
    problems = []
    for name in expected:
        if expected[name] != got[name]:
            diff = difflib.unified_diff(
                expected[name], got[name], f"committed/{name}", f"fresh/{name}", lineterm="", n=2
            )
            problems.append("\n".join(list(diff)[:60]))
    if problems:
        pytest.fail(f"{COMMITTED.name} is stale: {HINT}\n\n" + "\n\n".join(problems))


def test_the_build_is_deterministic(tmp_path: Path) -> None:
    first = build_workbook(tmp_path / "a.xlsx").read_bytes()
    second = build_workbook(tmp_path / "b.xlsx").read_bytes()
    assert first == second, "two builds differ: the template would churn in every commit"
