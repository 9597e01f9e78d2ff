"""Excel's COM side faked, so that xlwings' own Windows code runs here: the VBA wrappers Import
Functions writes call `XLPython.CallUDF` (xlwings/com_server.py), which calls
`xlwings.udfs.call_udf`, which converts the arguments with xlwings' converters, runs our
function and converts its result; the macros reach the workbook through `xw.Book.caller()` and
xlwings' `_xlwindows` implementation. Only what pywin32 provides is faked: the modules
`pythoncom`, `pywintypes`, `win32api`, `win32com.*` and friends, ctypes' Windows DLLs, and the
Excel objects themselves (Application, Workbook, Worksheet, Range) as far as that code uses them.

The fake workbook is loaded from a real file (values and formulas as openpyxl reads them, sheet
protection as saved), keeps what the add-in writes in memory, refuses writes to a protected
sheet as Excel does, and `SaveCopyAs` copies the file it was loaded from.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import importlib
import importlib.util
import shutil
import sys
import types
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlwings

from cba_xl.spec.cells import split

MISSING = -2147352572  # DISP_E_PARAMNOTFOUND: what VBA passes for an omitted Optional argument
XL_ERR_REF = -2146826265  # Application.Caller of a macro started from Alt+F8 (CVErr(xlErrRef))
RANGE_IID = "{00020846-0000-0000-C000-000000000046}"
COLOR_INDEX_NONE = -4142
ADDIN_MODULES = ("cba_xl.addin.udfs", "cba_xl.addin.macros")


class ComError(Exception):
    """pywintypes.com_error: (hresult, text, excepinfo, argerror)."""

    def __init__(self, text: str) -> None:
        super().__init__(
            -2147352567,
            "Exception occurred.",
            (0, "Microsoft Excel", text, None, 0, -2146827284),
            None,
        )
        self.hresult = -2147352567


class TimeType(dt.datetime):
    """pywintypes.TimeType: how pywin32 hands over a date cell."""


def _module(name: str, **attrs: Any) -> types.ModuleType:
    module = types.ModuleType(name)
    module.__dict__.update(attrs)
    return module


class _Dll:
    """ctypes.windll, oledll and a PyDLL: every library, every function, doing nothing."""

    def __getattr__(self, name: str) -> Any:
        return _Dll()

    def __call__(self, *args: Any) -> int:
        return 0


class _TypeAttr:
    iid = RANGE_IID


class _OleObj:
    def GetTypeInfo(self) -> Any:
        return types.SimpleNamespace(GetTypeAttr=lambda: _TypeAttr())


# ---------------------------------------------------------------------------------------------
# Excel's objects
# ---------------------------------------------------------------------------------------------


class _Count:
    def __init__(self, n: int) -> None:
        self.Count = n


class _Interior:
    def __init__(self, rng: FakeRange) -> None:
        object.__setattr__(self, "rng", rng)

    def __getattr__(self, name: str) -> Any:
        fill = self.rng.sheet.fills.get(self.rng.top_left)
        if name == "ColorIndex":
            return COLOR_INDEX_NONE if fill is None else 1
        if name == "Color":
            return 16777215 if fill is None else fill
        raise AttributeError(name)

    def __setattr__(self, name: str, value: Any) -> None:
        self.rng.sheet.check_unprotected()
        for cell in self.rng.cells():
            if name == "ColorIndex" and value == COLOR_INDEX_NONE:
                self.rng.sheet.fills.pop(cell, None)
            elif name == "Color":
                self.rng.sheet.fills[cell] = value
            else:
                raise AttributeError(name)


class _Hyperlink:
    def __init__(self, rng: FakeRange) -> None:
        object.__setattr__(self, "rng", rng)

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "TextToDisplay":  # what the cell shows
            self.rng.sheet.cells[self.rng.top_left] = value
        elif name != "ScreenTip":
            raise AttributeError(name)


class _Hyperlinks:
    def __init__(self, rng: FakeRange) -> None:
        self.rng = rng

    def Add(self, Anchor: Any, Address: str, **kwargs: Any) -> _Hyperlink:
        self.rng.sheet.check_unprotected()
        self.rng.sheet.links[self.rng.top_left] = Address
        return _Hyperlink(self.rng)


class FakeRange:
    """A rectangle of one sheet, 1-based and inclusive."""

    _oleobj_ = _OleObj()
    CLSID = RANGE_IID

    def __init__(self, sheet: FakeSheet, r1: int, c1: int, r2: int, c2: int) -> None:
        object.__setattr__(self, "sheet", sheet)
        object.__setattr__(self, "box", (min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)))

    def cells(self) -> Iterator[tuple[int, int]]:
        r1, c1, r2, c2 = self.box
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                yield (r, c)

    @property
    def top_left(self) -> tuple[int, int]:
        return self.box[0], self.box[1]

    def __getattr__(self, name: str) -> Any:
        r1, c1, r2, c2 = self.box
        if name == "Row":
            return r1
        if name == "Column":
            return c1
        if name == "Rows":
            return _Count(r2 - r1 + 1)
        if name == "Columns":
            return _Count(c2 - c1 + 1)
        if name == "Worksheet":
            return self.sheet
        if name in ("Value", "Value2"):
            rows = tuple(
                tuple(_com_value(self.sheet.cells.get((r, c))) for c in range(c1, c2 + 1))
                for r in range(r1, r2 + 1)
            )
            return rows[0][0] if len(rows) == 1 and len(rows[0]) == 1 else rows
        if name == "Formula":
            return self.sheet.cells.get(self.top_left) or ""
        if name == "Interior":
            return _Interior(self)
        if name == "Hyperlinks":
            return _Hyperlinks(self)
        if name == "Comment":
            text = self.sheet.notes.get(self.top_left)
            return None if text is None else _NoteRef(self)
        if name == "Address":
            return self.GetAddress()
        raise AttributeError(f"fake Range has no {name}")

    def __setattr__(self, name: str, value: Any) -> None:
        if name in ("Value", "Value2", "Formula"):
            self.sheet.check_unprotected()
            rows = value if isinstance(value, tuple | list) else ((value,),)
            rows = [r if isinstance(r, tuple | list) else (r,) for r in rows]
            r1, c1, _, _ = self.box
            for i, row in enumerate(rows):
                for j, v in enumerate(row):
                    if name != "Formula" and isinstance(v, str) and v.startswith("'"):
                        # Excel takes a leading apostrophe as the mark "keep this as text" and
                        # stores the rest (Range.PrefixCharacter), as typing it does.
                        v = v[1:]
                    self.sheet.put((r1 + i, c1 + j), v)
            return
        if name == "ColumnWidth":
            self.sheet.widths[self.box[1]] = value
            return
        raise AttributeError(f"fake Range cannot set {name}")

    def GetAddress(self, *args: Any, **kwargs: Any) -> str:
        from openpyxl.utils import get_column_letter

        r1, c1, r2, c2 = self.box
        first = f"${get_column_letter(c1)}${r1}"
        return first if (r1, c1) == (r2, c2) else f"{first}:${get_column_letter(c2)}${r2}"

    def __call__(self, row: int, col: int) -> FakeRange:
        """Range.Item: a cell relative to the top left one."""
        r, c = self.box[0] + row - 1, self.box[1] + col - 1
        return FakeRange(self.sheet, r, c, r, c)

    def Resize(self, rows: int, cols: int) -> FakeRange:
        r1, c1, _, _ = self.box
        return FakeRange(self.sheet, r1, c1, r1 + rows - 1, c1 + cols - 1)

    def End(self, direction: int) -> FakeRange:
        r, c = self.top_left
        if direction == -4121:  # xlDown
            while self.sheet.cells.get((r + 1, c)) not in (None, ""):
                r += 1
            return FakeRange(self.sheet, r, c, r, c)
        raise AttributeError(f"fake Range.End({direction})")

    def AddComment(self, text: str) -> _NoteRef:
        self.sheet.check_unprotected()
        self.sheet.notes[self.top_left] = text
        return _NoteRef(self)

    def ClearContents(self) -> None:
        self.Clear()

    def Clear(self) -> None:
        self.sheet.check_unprotected()
        for cell in list(self.cells()):
            for store in (self.sheet.cells, self.sheet.fills, self.sheet.notes, self.sheet.links):
                store.pop(cell, None)


class _NoteRef:
    def __init__(self, rng: FakeRange) -> None:
        self.rng = rng

    def Text(self, Text: Any = None, Start: Any = None, Overwrite: Any = None) -> str:
        if Text is not None:
            self.rng.sheet.notes[self.rng.top_left] = Text
        return self.rng.sheet.notes[self.rng.top_left]

    def Delete(self) -> None:
        self.rng.sheet.check_unprotected()
        self.rng.sheet.notes.pop(self.rng.top_left, None)

    def __bool__(self) -> bool:
        return True


def _com_value(value: object) -> object:
    """A cell's value as pywin32 returns it: numbers as floats, dates as TimeType."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, dt.datetime):
        return TimeType(value.year, value.month, value.day, value.hour, value.minute, value.second)
    if isinstance(value, dt.date):
        return TimeType(value.year, value.month, value.day)
    if isinstance(value, int | float):
        return float(value)
    return str(value)


@dataclass
class Protection:
    AllowFormattingCells: bool = True
    AllowFormattingColumns: bool = False
    AllowFormattingRows: bool = False
    AllowInsertingRows: bool = False
    AllowDeletingRows: bool = False
    AllowSorting: bool = False
    AllowFiltering: bool = False


class FakeSheet:
    def __init__(self, book: FakeWorkbook, name: str, protected: bool) -> None:
        self.Parent = book
        self.Name = name
        self.ProtectContents = protected
        self.Protection = Protection()
        self.cells: dict[tuple[int, int], object] = {}
        self.fills: dict[tuple[int, int], int] = {}
        self.notes: dict[tuple[int, int], str] = {}
        self.links: dict[tuple[int, int], str] = {}
        self.widths: dict[int, float] = {}
        self.writes_while_protected = 0

    @property
    def Index(self) -> int:
        return self.Parent.sheets.index(self) + 1

    def check_unprotected(self) -> None:
        if self.ProtectContents:
            self.writes_while_protected += 1
            raise ComError("The cell or chart you're trying to change is on a protected sheet.")

    def put(self, cell: tuple[int, int], value: object) -> None:
        if value in ("", None):
            self.cells.pop(cell, None)
        else:
            self.cells[cell] = value

    def Range(self, a: Any, b: Any = None) -> FakeRange:
        if isinstance(a, FakeRange):
            end = b if b is not None else a
            return FakeRange(self, a.box[0], a.box[1], end.box[2], end.box[3])
        parts = a.replace("$", "").split(":")
        (r1, c1), (r2, c2) = _a1(parts[0]), _a1(parts[-1])
        return FakeRange(self, r1, c1, r2, c2)

    def Cells(self, row: int, col: int) -> FakeRange:
        return FakeRange(self, row, col, row, col)

    @property
    def UsedRange(self) -> FakeRange:
        if not self.cells:
            return FakeRange(self, 1, 1, 1, 1)
        rows = [r for r, _ in self.cells]
        cols = [c for _, c in self.cells]
        return FakeRange(self, 1, 1, max(rows), max(cols))

    def Unprotect(self, Password: Any = None) -> None:
        self.ProtectContents = False

    def Protect(self, Password: Any = None, Contents: bool = True, **allowed: bool) -> None:
        self.ProtectContents = Contents
        self.Protection = Protection(**allowed)

    def Activate(self) -> None:
        self.Parent.active = self

    def rows(self) -> list[list[object]]:
        """What the sheet shows, from A1, as lists of rows."""
        if not self.cells:
            return []
        last_r = max(r for r, _ in self.cells)
        last_c = max(c for _, c in self.cells)
        return [
            [self.cells.get((r, c)) for c in range(1, last_c + 1)] for r in range(1, last_r + 1)
        ]


def _a1(ref: str) -> tuple[int, int]:
    row, col = split(ref)
    return row, col + 1


class FakeSheets:
    def __init__(self, book: FakeWorkbook) -> None:
        self.book = book
        self.Parent = book

    @property
    def Count(self) -> int:
        return len(self.book.sheets)

    def __call__(self, key: str | int) -> FakeSheet:
        if isinstance(key, int):
            return self.book.sheets[key - 1]
        for sheet in self.book.sheets:
            if sheet.Name.lower() == key.lower():
                return sheet
        raise ComError(f"no sheet {key}")

    def __iter__(self) -> Iterator[FakeSheet]:
        return iter(list(self.book.sheets))

    def Add(self, Before: FakeSheet | None = None, After: Any = None) -> FakeSheet:
        sheet = FakeSheet(self.book, f"Sheet{len(self.book.sheets) + 1}", False)
        at = self.book.sheets.index(Before) if Before is not None else len(self.book.sheets)
        self.book.sheets.insert(at, sheet)
        return sheet


class FakeApplication:
    Hwnd = 4242
    Version = "16.0"

    def __init__(self) -> None:
        self.messages: list[tuple[str, str]] = []
        self.DisplayAlerts = True
        self.folder_answer: Path | None = None  # what the user picks in the folder dialog

    def FileDialog(self, kind: int) -> Any:
        assert kind == 4  # msoFileDialogFolderPicker
        answer = self.folder_answer
        return types.SimpleNamespace(
            Title="",
            Show=lambda: -1 if answer is not None else 0,
            SelectedItems=lambda i: str(answer),
        )


class FakeWorkbook:
    """The workbook open in Excel, loaded from `path`."""

    def __init__(self, path: Path, app: FakeApplication) -> None:
        self.source = path
        self.Name = path.name
        self.FullName = str(path)
        self.Path = str(path.parent)
        self.Application = app
        self.sheets: list[FakeSheet] = []
        self.active: FakeSheet | None = None
        self.copies: list[Path] = []
        wb = openpyxl.load_workbook(path, keep_vba=path.suffix == ".xlsm")
        for ws in wb.worksheets:
            sheet = FakeSheet(self, ws.title, bool(ws.protection.sheet))
            for row in ws.iter_rows():
                for cell in row:
                    if cell.value is not None:
                        value = cell.value
                        sheet.cells[(cell.row, cell.column)] = getattr(value, "text", value)
                    if cell.comment is not None:
                        sheet.notes[(cell.row, cell.column)] = cell.comment.text
            self.sheets.append(sheet)

    @property
    def Worksheets(self) -> FakeSheets:
        return FakeSheets(self)

    def SaveCopyAs(self, filename: str) -> None:
        # The fake keeps its changes in memory; the snapshot is the file as it was loaded.
        shutil.copyfile(self.source, filename)
        self.copies.append(Path(filename))

    def Activate(self) -> None:
        pass

    def Save(self) -> None:
        raise AssertionError("a macro saved the workbook behind the user's back")

    def sheet(self, name: str) -> FakeSheet:
        return self.Worksheets(name)


# ---------------------------------------------------------------------------------------------
# pywin32, installed
# ---------------------------------------------------------------------------------------------


@dataclass
class FakeExcel:
    """xlwings' Windows side, loaded over the fake COM modules."""

    udfs: types.ModuleType
    com_server: types.ModuleType
    app: FakeApplication = field(default_factory=FakeApplication)

    def open(self, path: Path) -> FakeWorkbook:
        return FakeWorkbook(path, self.app)

    def call(
        self,
        module: str,
        name: str,
        args: tuple[object, ...],
        book: FakeWorkbook | None,
        caller: object,
    ) -> object:
        """What the VBA wrapper does: XLPy.CallUDF(module, name, Array(args), ThisWorkbook,
        Application.Caller)."""
        return self.com_server.XLPython().CallUDF(module, name, args, book, caller)

    @property
    def messages(self) -> list[tuple[str, str]]:
        return self.app.messages


def install(monkeypatch: pytest.MonkeyPatch) -> FakeExcel:
    """Fake pywin32 and load xlwings' Windows modules over it; the add-in's modules are loaded
    afresh with xlwings' Windows decorators, as Import Functions and call_udf see them."""
    app_messages: list[tuple[str, str]] = []

    class PyIDispatch:
        pass

    def message_box(hwnd: int, text: str, title: str, style: int) -> int:
        app_messages.append((title, text))
        return 1

    def unwrap(obj: object) -> Any:
        raise ValueError("not a wrapped Python object")

    modules = {
        "pywintypes": _module(
            "pywintypes", com_error=ComError, error=ComError, TimeType=TimeType, IID=lambda s: s
        ),
        "pythoncom": _module(
            "pythoncom",
            __file__="pythoncom.dll",
            CoInitialize=lambda: None,
            IID_IDispatch="IDispatch",
            IID_IEnumVARIANT="IEnumVARIANT",
            TypeIIDs={"IDispatch": PyIDispatch},
            ole_error=ComError,
            CoMarshalInterThreadInterfaceInStream=lambda iid, obj: obj,
        ),
        "win32api": _module("win32api", MessageBox=message_box, GetCurrentThreadId=lambda: 1),
        "win32con": _module(
            "win32con",
            MB_OK=0,
            MB_OKCANCEL=1,
            MB_YESNO=4,
            MB_YESNOCANCEL=3,
            MB_ICONINFORMATION=64,
            MB_ICONWARNING=48,
        ),
        "win32event": _module("win32event"),
        "win32gui": _module("win32gui", FindWindowEx=lambda *args: 0),
        "win32process": _module("win32process", GetWindowThreadProcessId=lambda hwnd: (1, 4242)),
        "win32timezone": _module(
            "win32timezone", TimeZoneInfo=types.SimpleNamespace(utc=lambda: dt.UTC)
        ),
        "win32com": _module("win32com"),
        "win32com.client": _module(
            "win32com.client",
            CDispatch=type("CDispatch", (), {}),
            CoClassBaseClass=type("CoClassBaseClass", (), {}),
            DispatchBaseClass=type("DispatchBaseClass", (), {}),
            Dispatch=lambda obj, *a, **k: obj,
            DispatchEx=lambda *a, **k: None,
            gencache=types.SimpleNamespace(EnsureModule=lambda *a, **k: None),
        ),
        "win32com.server": _module("win32com.server"),
        "win32com.server.dispatcher": _module("win32com.server.dispatcher"),
        "win32com.server.policy": _module("win32com.server.policy"),
        "win32com.server.util": _module(
            "win32com.server.util", unwrap=unwrap, wrap=lambda o, **k: o
        ),
        "win32com.server.exception": _module("win32com.server.exception"),
    }
    for name, module in modules.items():
        monkeypatch.setitem(sys.modules, name, module)
        parent, _, child = name.rpartition(".")
        if parent:
            setattr(modules[parent], child, module)
    for dll in ("oledll", "windll"):
        monkeypatch.setattr(ctypes, dll, _Dll(), raising=False)
    monkeypatch.setattr(ctypes, "PyDLL", lambda name: _Dll())
    for name in ("xlwings._xlwindows", "xlwings.udfs", "xlwings.com_server"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    windows = importlib.import_module("xlwings._xlwindows")
    udfs = importlib.import_module("xlwings.udfs")
    com_server = importlib.import_module("xlwings.com_server")
    # As xlwings/__init__.py registers Excel on Windows:
    excel = xlwings.main.Engine(impl=windows.engine)
    monkeypatch.setattr(xlwings.engines, "engines", [excel])
    monkeypatch.setattr(xlwings.engines, "engines_by_name", {excel.name: excel})
    monkeypatch.setattr(xlwings.engines, "active", excel)
    # As xlwings/__init__.py binds them on Windows with pywin32:
    monkeypatch.setattr(xlwings, "func", udfs.xlfunc)
    monkeypatch.setattr(xlwings, "arg", udfs.xlarg)
    monkeypatch.setattr(xlwings, "ret", udfs.xlret)
    monkeypatch.setattr(xlwings, "script", udfs.xlsub)
    monkeypatch.setattr(xlwings, "sub", udfs.xlsub, raising=False)
    for name in ADDIN_MODULES:
        monkeypatch.setitem(sys.modules, name, _fresh(name))
    fake = FakeExcel(udfs, com_server)
    fake.app.messages = app_messages
    return fake


def uninstall(fake: FakeExcel) -> None:
    fake.com_server.loop.close()
    fake.udfs.com_executor.shutdown()
    # Imported over the fakes: neither the modules nor the package's attributes may outlive
    # the test (monkeypatch does not know of what an import adds).
    for name in ("xlwings._xlwindows", "xlwings.udfs", "xlwings.com_server"):
        sys.modules.pop(name, None)
        if hasattr(xlwings, name.split(".")[1]):
            delattr(xlwings, name.split(".")[1])


def _fresh(module_name: str) -> types.ModuleType:
    """A fresh copy of one of our modules, its decorators run with xlwings' Windows ones."""
    spec = importlib.util.find_spec(module_name)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def vba_args(func: Any, given: dict[str, object]) -> tuple[object, ...]:
    """The Array(...) the VBA wrapper passes: every parameter in order, `Nothing` (None) for
    `caller`, MISSING for an omitted Optional one."""
    out: list[object] = []
    for info in func.__xlfunc__["args"]:
        name = info["name"]
        if name == "caller":
            out.append(None)
        else:
            out.append(given.get(name, MISSING))
    return tuple(out)
