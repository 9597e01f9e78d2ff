"""Odd but honest content of the hostile corpus, read in-process: nothing a participant typed is
lost or misread, and the limits that keep a hostile sheet from exhausting memory hold."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import openpyxl
import pytest
from corpus import (
    LONG,
    by_name,
    clean_homework,
    formulas_typed_in,
    injection_texts,
    input_cells,
    long_text,
)

from cba_xl import api
from cba_xl.core import parse
from cba_xl.core.findings import Severity
from cba_xl.core.schema import Kind
from cba_xl.errors import UnusableWorkbook
from cba_xl.excel.filler import fill_workbook
from cba_xl.excel.reader import MAX_SHEET_CELLS, read_raw
from cba_xl.excel.sheet_xml import ContentTooFar, scan_sheet
from cba_xl.spec.layout import LAYOUT, PLAN, PROFILE


def make(name: str, folder: Path) -> Path:
    return by_name(name).make(folder)


def errors(path: Path) -> list[str]:
    return [f.line(path.name) for f in api.read(path)[1] if f.severity is Severity.ERROR]


def test_numbers_and_dates_typed_as_european_text_read_as_the_values(tmp_path: Path) -> None:
    path = make("european_text_numbers_dates", tmp_path)
    homework, _ = api.read(path)
    clean = clean_homework()
    assert errors(path) == []
    assert homework.profile == clean.profile
    assert homework.plan_start == clean.plan_start
    assert [(s.deadline, s.duration) for s in homework.plan] == [
        (s.deadline, s.duration) for s in clean.plan
    ]
    assert [g.target for g in homework.goals] == [g.target for g in clean.goals]


def test_formulas_typed_into_inputs_give_their_cached_results_and_a_warning(
    tmp_path: Path,
) -> None:
    path = make("formulas_in_inputs", tmp_path)
    homework, findings = api.read(path)
    profile = homework.profile
    assert profile.cluster_name == "Silesia Food Cluster"
    assert (profile.members, profile.budget_eur, profile.region) == (42, 250000, "Lower Silesia")
    warned = {f.cell for f in findings if f.code == "formula-input"}
    assert warned == {LAYOUT.profile_cell(key).ref for key in formulas_typed_in()}
    # WEBSERVICE's cached #VALUE! is no name: the required field is reported empty.
    manager = LAYOUT.profile_cell("manager_name").ref
    assert any(f.cell == manager and f.code == "required" for f in findings)


def test_long_texts_in_many_scripts_are_read_whole(tmp_path: Path) -> None:
    path = make("long_texts_many_scripts", tmp_path)
    homework, _ = api.read(path)
    typed = {(c.sheet, c.ref): (i, c.field) for i, c in enumerate(input_cells())}
    text_fields = [c.field.key for c in LAYOUT.profile if c.field.kind is Kind.TEXT]
    assert text_fields
    for key in text_fields:
        i, _ = typed[(PROFILE, LAYOUT.profile_cell(key).ref)]
        value = getattr(homework.profile, key)
        assert value == parse.text(long_text(i))
        assert len(value) >= LONG - 10  # only the surrounding blanks and doubled spaces go
    first_step = homework.plan[0]
    i, _ = typed[(PLAN, LAYOUT.tables["plan"].cell("action", first_step.row))]
    assert first_step.action == parse.text(long_text(i))
    # the first two items of each block were typed long (the sample may hold more)
    items = homework.canvas_current.blocks["partners"][:2]
    assert len(items) == 2 and all(len(item) >= LONG - 10 for item in items)


def test_a_thousand_plan_steps_are_read_filled_and_read_again(tmp_path: Path) -> None:
    path = make("plan_1000_rows", tmp_path)
    homework, _ = api.read(path)
    assert [s.step for s in homework.plan] == list(range(1, 1001))
    assert errors(path) == []
    filled = fill_workbook(path, tmp_path / "filled.xlsx")
    again, _ = api.read(filled.out)
    assert [s.step for s in again.plan] == list(range(1, 1001))
    assert [s.action for s in again.plan] == [s.action for s in homework.plan]


def test_fill_keeps_formula_like_text_as_the_same_text(tmp_path: Path) -> None:
    path = make("formula_injection_text", tmp_path)
    out = fill_workbook(path, tmp_path / "filled.xlsx").out
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = openpyxl.load_workbook(out)
    for (sheet, ref), text in injection_texts().items():
        cell = book[sheet][ref]
        assert (cell.value, cell.data_type) == (text, "s"), (sheet, ref)


def test_fill_writes_into_sheets_renamed_only_in_case_and_spaces(tmp_path: Path) -> None:
    path = make("renamed_sheets_case_and_spaces", tmp_path)
    result = fill_workbook(path, tmp_path / "filled.xlsx")
    assert result.written.get("critical", 0) > 0  # on the sheet now called "Action  Plan"
    homework, findings = api.read(result.out)
    assert [s.step for s in homework.plan] == list(range(1, len(homework.plan) + 1))
    assert not [f for f in findings if f.severity is Severity.ERROR]


def test_a_value_far_out_is_refused_naming_the_cell(tmp_path: Path) -> None:
    path = make("far_value", tmp_path)
    with pytest.raises(UnusableWorkbook) as info:
        read_raw(path)
    assert info.value.reason == (
        "sheet 'Action plan' has content far outside the template (cell XFD1048576)"
    )


class Endless(io.RawIOBase):
    """A sheet of a million rows, one cell each in column ALL, made up as it is read."""

    def __init__(self) -> None:
        self.row = 0
        self.served = 0
        self.pending = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        while len(self.pending) < len(buffer) and self.row < 1_000_000:
            self.row += 1
            self.pending += f'<row r="{self.row}"><c r="ALL{self.row}"><v>1</v></c></row>'.encode()
        chunk, self.pending = self.pending[: len(buffer)], self.pending[len(buffer) :]
        buffer[: len(chunk)] = chunk
        self.served += len(chunk)
        return len(chunk)


def test_the_sheet_scan_stops_at_the_limit_without_reading_on() -> None:
    sheet = Endless()
    with pytest.raises(ContentTooFar) as info:
        scan_sheet(io.BufferedReader(sheet), max_cells=MAX_SHEET_CELLS)
    assert (info.value.row, info.value.col) == (MAX_SHEET_CELLS // 1000 + 1, 999)
    assert sheet.row < 100_000  # stopped within a chunk of the limit, not at a million rows


def _open_files() -> set[str]:
    """The files this process has open (Linux)."""
    fds = Path("/proc/self/fd")
    if not fds.is_dir():
        pytest.skip("needs /proc to list open files")
    names = set()
    for fd in fds.iterdir():
        try:
            names.add(str(fd.readlink()))
        except OSError:
            continue  # closed meanwhile (the listing's own descriptor)
    return names


def test_a_sheet_that_is_not_well_formed_is_still_bounded(tmp_path: Path) -> None:
    """Some writers leave control characters raw in the XML (XlsxWriter does in a formula's
    cached text). calamine reads such a sheet; the extent check must hold for it too."""
    from test_fuzz_reader import write

    raw = {(PROFILE, "C4"): ("formula", ("=1/0", "\x1f"))}
    path = write(tmp_path / "raw.xlsx", raw)
    assert api.check(path).unusable is None
    with pytest.raises(UnusableWorkbook, match="cannot be rewritten") as refused:
        fill_workbook(path, tmp_path / "filled.xlsx")
    assert not (tmp_path / "filled.xlsx").exists()
    # The refused file is closed again at once (openpyxl left it open until garbage collection:
    # a ResourceWarning, so a failure, from Python 3.13 on, and a locked file on Windows).
    assert refused.value.__cause__ is not None  # the parser's error, and its frames, still live
    assert str(path) not in _open_files()

    far = write(tmp_path / "far.xlsx", {**raw, (PROFILE, "XFD1048576"): ("text", "x")})
    with pytest.raises(UnusableWorkbook, match=r"far outside the template \(cell XFD1048576\)"):
        read_raw(far)


def test_decks_are_as_readable_as_any_file_the_user_saves(tmp_path: Path) -> None:
    import os

    path = make("empty_template", tmp_path)
    deck, _ = api.make_deck(path, tmp_path / "deck.pptx")
    umask = os.umask(0)
    os.umask(umask)
    assert deck.stat().st_mode & 0o777 == 0o666 & ~umask
