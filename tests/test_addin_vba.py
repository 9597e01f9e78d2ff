"""What the xlwings ribbon's Import Functions would write into the workbook's VBA project,
produced by xlwings' own generator (xlwings/udfs.py, generate_vba_wrapper).

xlwings.udfs imports the Windows COM modules (pythoncom, pywintypes, win32com) at the top; they
are faked (tests/fake_com.py), since the generator itself only writes text. The add-in's modules
are loaded with xlwings' real Windows decorators (xlfunc, xlarg, xlret, xlsub), as on Windows.
"""

from __future__ import annotations

import inspect
import io
import re
import sys
from collections.abc import Iterator
from types import ModuleType, SimpleNamespace

import fake_com
import pytest

from cba_xl.addin import macros, udfs
from cba_xl.excel.build_xlsm import UDF_MODULES

SIGNATURE = re.compile(r"^(Sub|Function) (\w+)\((.*)\)$", re.MULTILINE)


@pytest.fixture
def xlwings_udfs(monkeypatch: pytest.MonkeyPatch) -> Iterator[ModuleType]:
    fake = fake_com.install(monkeypatch)
    yield fake.udfs
    monkeypatch.undo()
    fake_com.uninstall(fake)


def decorated(module_name: str) -> ModuleType:
    """One of our modules as loaded with xlwings' Windows decorators (by fake_com.install)."""
    return sys.modules[module_name]


def imported_vba(xlwings_udfs: ModuleType) -> str:
    """The xlwings_udfs VBA module Import Functions writes for the workbook's UDF Modules."""
    out = io.StringIO()
    book = SimpleNamespace(Name="cba_academy.xlsm")
    for name in UDF_MODULES.split(";"):
        xlwings_udfs.generate_vba_wrapper(name, decorated(name), out, book)
    return out.getvalue()


def signatures(vba: str) -> dict[str, tuple[str, str]]:
    return {name: (kind, params) for kind, name, params in SIGNATURE.findall(vba)}


def test_every_button_macro_becomes_a_sub_without_parameters(xlwings_udfs: ModuleType) -> None:
    found = signatures(imported_vba(xlwings_udfs))
    for macro in macros.BUTTON_MACROS:
        assert found[macro] == ("Sub", ""), macro


def test_every_cba_function_becomes_an_excel_function(xlwings_udfs: ModuleType) -> None:
    found = signatures(imported_vba(xlwings_udfs))
    names = [n for n in dir(udfs) if n.startswith("CBA_")]
    assert names
    for name in names:
        kind, params = found[name]
        assert kind == "Function"
        python = inspect.signature(getattr(udfs, name)).parameters.values()
        expected = [
            ("Optional " if p.default is not inspect.Parameter.empty else "") + p.name
            for p in python
            if p.name != "caller"  # xlwings fills it with the calling cell; hidden from Excel
        ]
        assert (params.split(", ") if params else []) == expected, name


def test_nothing_else_is_imported(xlwings_udfs: ModuleType) -> None:
    """Only the CBA_ functions and the button macros reach VBA: a helper picked up by mistake
    would clash or confuse (Import Functions exports every marked object of the modules)."""
    vba = imported_vba(xlwings_udfs)
    names = sorted(name for _, name, _ in SIGNATURE.findall(vba))
    expected = sorted([*(n for n in dir(udfs) if n.startswith("CBA_")), *macros.BUTTON_MACROS])
    assert names == expected


def test_findings_hides_the_caller_argument(xlwings_udfs: ModuleType) -> None:
    vba = imported_vba(xlwings_udfs)
    assert "Function CBA_FINDINGS(Optional severity)" in vba
    assert 'CallUDF("cba_xl.addin.udfs", "CBA_FINDINGS", Array(Nothing, severity)' in vba


def test_functions_carry_their_help_for_the_function_wizard(xlwings_udfs: ModuleType) -> None:
    module = decorated("cba_xl.addin.udfs")
    info = module.CBA_DUE.__xlfunc__
    assert info["category"] == udfs.CATEGORY
    assert info["ret"]["doc"].startswith("Due date of a plan step")
    assert [a["doc"] for a in info["args"]][1].startswith("Days from the plan start")
    ranges = module.CBA_QUADRANTS.__xlfunc__["args"]
    assert all(a["options"]["ndim"] == 2 for a in ranges)


def test_macros_have_no_return_converter(xlwings_udfs: ModuleType) -> None:
    """A return annotation becomes xlwings' return converter; `-> None` has none, and every
    click would end in a VBA run-time error after the work is done."""
    for name in macros.BUTTON_MACROS:
        assert (
            "convert" not in decorated(macros.__name__).__dict__[name].__xlfunc__["ret"]["options"]
        )


def test_each_button_sub_calls_what_the_call_udf_tests_call(xlwings_udfs: ModuleType) -> None:
    """tests/test_addin_xlwings.py clicks a button as this line does: no arguments, the
    workbook, and Application.Caller (the button's name, or an error value from Alt+F8)."""
    vba = imported_vba(xlwings_udfs)
    for name in macros.BUTTON_MACROS:
        line = (
            f'XLPy.CallUDF "{macros.__name__}", "{name}", Array(), ThisWorkbook, Application.Caller'
        )
        assert line in vba, name
