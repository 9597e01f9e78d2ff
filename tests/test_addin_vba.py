"""What the xlwings ribbon's Import Functions would write into the workbook's VBA project,
produced by xlwings' own generator (xlwings/udfs.py, generate_vba_wrapper).

xlwings.udfs imports the Windows COM modules (pythoncom, pywintypes, win32com) at the top; they
are stubbed here, since the generator itself only writes text. The add-in's modules are loaded
with xlwings' real Windows decorators (xlfunc, xlarg, xlret, xlsub), as on Windows.
"""

from __future__ import annotations

import importlib.util
import inspect
import io
import re
import sys
import types
from types import ModuleType, SimpleNamespace

import pytest
import xlwings

from cba_xl.addin import macros, udfs
from cba_xl.excel.build_xlsm import UDF_MODULES

SIGNATURE = re.compile(r"^(Sub|Function) (\w+)\((.*)\)$", re.MULTILINE)


@pytest.fixture
def xlwings_udfs(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    class ComError(Exception):
        pass

    stubs = {
        "pythoncom": SimpleNamespace(CoInitialize=lambda: None),
        "pywintypes": SimpleNamespace(com_error=ComError, TimeType=type(None)),
        "win32com": SimpleNamespace(),
        "win32com.client": SimpleNamespace(Dispatch=lambda *a: None),
    }
    for name, stub in stubs.items():
        module = types.ModuleType(name)
        module.__dict__.update(vars(stub))
        monkeypatch.setitem(sys.modules, name, module)
    monkeypatch.delitem(sys.modules, "xlwings.udfs", raising=False)
    real = importlib.import_module("xlwings.udfs")
    monkeypatch.delitem(sys.modules, "xlwings.udfs")  # do not leave the stubbed import behind
    # As xlwings/__init__.py binds them on Windows with pywin32:
    monkeypatch.setattr(xlwings, "func", real.xlfunc)
    monkeypatch.setattr(xlwings, "arg", real.xlarg)
    monkeypatch.setattr(xlwings, "ret", real.xlret)
    monkeypatch.setattr(xlwings, "script", real.xlsub)
    monkeypatch.setattr(xlwings, "sub", real.xlsub, raising=False)
    return real


def decorated(module_name: str) -> ModuleType:
    """A fresh copy of one of our modules, its decorators run with xlwings' Windows ones."""
    spec = importlib.util.find_spec(module_name)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


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
