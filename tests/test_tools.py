"""The one registry of the academy's tools: every layer keeps a table from tool key to its own
function, and none misses a tool of the registry or names one it lacks."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from cba_xl.cohort import extract, workbook_out
from cba_xl.cohort import tables as cohort_tables
from cba_xl.core import check, compare, interpret, tools
from cba_xl.core.rules import sections
from cba_xl.excel import build_texts, build_xlsm, builder
from cba_xl.slides import build as slides_build
from cba_xl.slides.brand import DEFAULT_BRAND
from cba_xl.slides.findings import SHEET_ORDER
from cba_xl.spec.layout import LAYOUT, LAYOUTS

LAYER_TABLES: dict[str, Mapping[str, object]] = {
    "template builder (excel.builder.BUILDERS)": builder.BUILDERS,
    "template words (excel.build_texts.TEXTS)": build_texts.TEXTS,
    "add-in buttons (excel.build_xlsm.TOOL_BUTTONS)": build_xlsm.TOOL_BUTTONS,
    "reader (core.interpret.READERS)": interpret.READERS,
    "rules (core.check.RULES)": check.RULES,
    "compare (core.compare.COMPARED)": compare.COMPARED,
    "slides (slides.build.SLIDES)": slides_build.SLIDES,
    "cohort lists (cohort.tables.TOOL_LISTS)": cohort_tables.TOOL_LISTS,
    "cohort rows (cohort.extract.ROWS)": extract.ROWS,
}


@pytest.mark.parametrize("layer", list(LAYER_TABLES))
def test_every_layer_has_exactly_the_registrys_tools(layer: str) -> None:
    keys = set(LAYER_TABLES[layer])
    assert not set(tools.KEYS) - keys, f"{layer} misses {sorted(set(tools.KEYS) - keys)}"
    assert not keys - set(tools.KEYS), f"{layer} has unknown tools {sorted(keys - set(tools.KEYS))}"


def test_tools_are_declared_once() -> None:
    assert len(set(tools.KEYS)) == len(tools.TOOLS)
    assert len({t.sheet for t in tools.TOOLS}) == len(tools.TOOLS)
    # Distinct places in the method, one to the number of tools, in the deck's order.
    methods = sorted(t.method for t in tools.TOOLS)
    assert methods == list(range(1, len(tools.TOOLS) + 1)), methods


def test_the_workbook_has_one_sheet_per_tool_in_registry_order() -> None:
    for lay in LAYOUTS.values():
        # an older version has the registry's tools of its day, in the same order
        assert lay.input_sheets == tuple(t.sheet for t in tools.TOOLS if t.key in lay.tools)
    assert LAYOUT.input_sheets == tuple(t.sheet for t in tools.TOOLS)
    assert LAYOUT.sheets == SHEET_ORDER


def test_every_tool_sheet_gets_a_check_button() -> None:
    checked = {b.sheet for b in build_xlsm.buttons() if b.macro == "cba_check"}
    assert {t.sheet for t in tools.TOOLS} <= checked


def test_slides_name_each_tool_as_the_registry_does() -> None:
    for tool in tools.TOOLS:
        assert DEFAULT_BRAND.kicker(tool.key) == (tool.day, tool.title)


def test_each_finding_code_names_its_tools_sheets() -> None:
    assert tools.sheets_of_code("canvas") == (
        tools.CANVAS_CURRENT.sheet,
        tools.CANVAS_FUTURE.sheet,
    )
    assert tools.sheets_of_code("smart") == (tools.GOALS.sheet,)
    assert tools.sheets_of_code("sample") == ()


def test_every_cohort_list_has_a_sheet_in_the_cohort_workbook() -> None:
    for spec in cohort_tables.LISTS:
        assert spec.sheet in workbook_out.ORDER, spec.key


def test_empty_sheet_warnings_name_only_registered_tools() -> None:
    # Optional per tool: the others report their empty case in their own rules.
    assert set(sections.EMPTY) <= set(tools.KEYS)
