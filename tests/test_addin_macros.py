"""Every button's work run through the file implementation of the workbook interface, on real
workbooks made by the builder: the same code the macros run in Excel."""

from __future__ import annotations

import posixpath
import random
import shutil
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import openpyxl
import pytest
from openpyxl.comments import Comment

from cba_xl import api
from cba_xl.addin.book import MARK_FILL, MARK_PREFIX, Formula
from cba_xl.addin.cell_changes import cell_changes
from cba_xl.addin.checks_sheet import CHECKS_SHEET, HEADER, NO_FILL, clear_marks
from cba_xl.addin.file_book import FileBook
from cba_xl.addin.runs import (
    COHORT_DECK,
    COHORT_FOLDER_KEY,
    COHORT_WORKBOOK,
    run_check,
    run_consolidate,
    run_fill,
    run_slides,
)
from cba_xl.core.findings import Loc
from cba_xl.core.models import Homework
from cba_xl.sample import demo_cohort
from cba_xl.sample.mistakes import plant
from cba_xl.spec import LAYOUT


def with_mistakes(hw: Homework) -> Homework:
    rng = random.Random(5)
    for kind in ("raci-two-a", "deadline-before-start", "missing-responsible"):
        assert plant(hw, kind, rng), kind
    return hw


@pytest.fixture
def homework_file(tmp_path: Path) -> Path:
    return api.write_homework(tmp_path / "cluster.xlsx", with_mistakes(demo_cohort()[0]))


def load(path: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(path)


def checks_rows(path: Path) -> list[list[object]]:
    ws = load(path)[CHECKS_SHEET]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    head = next(i for i, r in enumerate(rows) if tuple(r[: len(HEADER)]) == HEADER)
    return rows[head + 1 :]


def fill_of(path: Path, loc: Loc) -> str:
    cell = load(path)[loc.sheet][loc.cell]
    if cell.fill.fill_type != "solid":
        return ""
    return "#" + str(cell.fill.fgColor.rgb)[2:].upper()


def test_check_lists_every_finding_of_the_cli_with_a_link(homework_file: Path) -> None:
    expected = api.check(homework_file).findings
    assert any(f.severity.value == "error" for f in expected)
    book = FileBook(homework_file)
    findings = run_check(book)
    assert findings == expected
    rows = checks_rows(homework_file)
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [
        (f.severity.value, f.sheet, f.cell or None, f.message) for f in expected
    ]
    ws = load(homework_file)[CHECKS_SHEET]
    links = [c.hyperlink for c in ws["E"] if c.hyperlink is not None]
    assert [link.location for link in links] == [f"'{f.sheet}'!{f.cell or 'A1'}" for f in expected]
    assert all(link.target is None for link in links)  # internal links only
    assert book.messages and "error" in book.messages[-1]


def test_check_marks_the_cells_and_the_next_check_puts_them_back(homework_file: Path) -> None:
    findings = api.check(homework_file).findings
    cells = {f.loc for f in findings if f.cell}
    before = {loc: fill_of(homework_file, loc) for loc in cells}

    run_check(FileBook(homework_file))
    wb = load(homework_file)
    for loc in cells:
        cell = wb[loc.sheet][loc.cell]
        assert cell.fill.fgColor.rgb == "FF" + MARK_FILL.lstrip("#"), loc
        assert cell.comment is not None and cell.comment.text.startswith(MARK_PREFIX)
    remembered = [r[5] for r in checks_rows(homework_file) if r[5]]
    assert len(remembered) == len(cells)
    assert all(fill == NO_FILL or fill.startswith("#") for fill in remembered)

    # Checking again must not take the red fill for the cell's own.
    run_check(FileBook(homework_file))
    book = FileBook(homework_file)
    assert clear_marks(book) == len(cells)
    book.save()
    wb = load(homework_file)
    for loc in cells:
        assert fill_of(homework_file, loc) == before[loc], loc
        assert wb[loc.sheet][loc.cell].comment is None


def test_check_keeps_a_note_the_cell_already_had(homework_file: Path) -> None:
    finding = next(f for f in api.check(homework_file).findings if f.cell)
    wb = load(homework_file)
    wb[finding.sheet][finding.cell].comment = Comment("the trainer's own note", "trainer")
    wb.save(homework_file)
    run_check(FileBook(homework_file))
    note = load(homework_file)[finding.sheet][finding.cell].comment
    assert note is not None
    assert note.text.startswith(MARK_PREFIX) and note.text.endswith("the trainer's own note")
    run_check(FileBook(homework_file))  # twice: the note must not pile up
    book = FileBook(homework_file)
    clear_marks(book)
    book.save()
    back = load(homework_file)[finding.sheet][finding.cell].comment
    assert back is not None and back.text == "the trainer's own note"


def test_check_of_an_unreadable_file_says_why(tmp_path: Path) -> None:
    path = api.write_homework(tmp_path / "hw.xlsx", demo_cohort()[0])
    wb = load(path)
    del wb["cba_meta"]
    wb.save(path)
    book = FileBook(path)
    assert run_check(book) == []
    first = load(path)[CHECKS_SHEET]["A1"].value
    assert isinstance(first, str) and "Could not check the workbook" in first
    assert "not a Cluster Booster Academy workbook" in book.messages[-1]


def test_fill_writes_what_cba_xl_fill_writes(homework_file: Path, tmp_path: Path) -> None:
    cli = api.fill(homework_file, tmp_path / "cli.xlsx", force=True)
    macro_copy = shutil.copy(homework_file, tmp_path / "macro.xlsx")
    book = FileBook(Path(macro_copy))
    written = run_fill(book)
    assert written > 0
    assert cell_changes(cli, Path(macro_copy), LAYOUT.input_sheets) == []
    assert book.messages[-1] == f"Filled {written} cell(s)."
    # Filled once, nothing is left to fill.
    assert run_fill(FileBook(Path(macro_copy))) == 0


def test_fill_writes_formulas_as_formulas_and_text_as_text(tmp_path: Path) -> None:
    path = api.write_homework(tmp_path / "hw.xlsx", demo_cohort()[0])
    book = FileBook(path)
    plan = LAYOUT.tables["plan"]
    book.write(Loc(plan.sheet, plan.cell("action", plan.first_row)), "=cmd|' /C calc'!A0")
    book.write(Loc(plan.sheet, plan.cell("finish", plan.first_row)), Formula("=1+1"))
    book.save()
    ws = load(path)[plan.sheet]
    assert ws[plan.cell("action", plan.first_row)].data_type == "s"
    assert ws[plan.cell("finish", plan.first_row)].data_type == "f"


def test_slides_are_written_beside_the_workbook_and_opened(homework_file: Path) -> None:
    opened: list[Path] = []
    deck = run_slides(FileBook(homework_file), opener=opened.append)
    assert deck == homework_file.with_suffix(".pptx")
    assert deck.is_file() and deck.stat().st_size > 0
    assert opened == [deck]
    # A second click replaces the deck instead of refusing.
    assert run_slides(FileBook(homework_file), opener=opened.append) == deck


@pytest.fixture
def cohort_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "submissions"
    folder.mkdir()
    for i, hw in enumerate(demo_cohort()[:3]):
        api.write_homework(folder / f"participant{i}.xlsx", hw)
    return folder


def trainer_workbook(tmp_path: Path) -> Path:
    from cba_xl.excel.build_xlsm import build_xlsm

    return build_xlsm(tmp_path / "trainer")


def test_consolidate_reads_the_folder_from_the_config_sheet(
    tmp_path: Path, cohort_folder: Path
) -> None:
    xlsm = trainer_workbook(tmp_path)
    book = FileBook(xlsm)
    key_row = next(
        i
        for i, r in enumerate(book.sheet_rows("xlwings.conf"), start=1)
        if r[0] == COHORT_FOLDER_KEY
    )
    book.write(Loc("xlwings.conf", f"B{key_row}"), str(cohort_folder))
    book.save()
    opened: list[Path] = []
    result = run_consolidate(book, opener=opened.append)
    assert result is not None
    assert result.workbook == cohort_folder / COHORT_WORKBOOK
    assert result.workbook.is_file() and result.deck == cohort_folder / COHORT_DECK
    assert result.deck.is_file()
    assert opened == [result.workbook]
    assert "3 participant(s)" in book.messages[-1]
    # Its own outputs in the folder are not read as submissions the next time.
    second = FileBook(xlsm)
    assert run_consolidate(second, opener=opened.append) is not None
    assert "3 participant(s)" in second.messages[-1]


def test_consolidate_asks_for_the_folder_when_none_is_configured(
    tmp_path: Path, cohort_folder: Path
) -> None:
    xlsm = trainer_workbook(tmp_path)
    result = run_consolidate(FileBook(xlsm, folder_answer=cohort_folder), opener=lambda p: None)
    assert result is not None and result.folder == cohort_folder
    book = FileBook(xlsm)
    assert run_consolidate(book, opener=lambda p: None) is None
    assert COHORT_FOLDER_KEY in book.messages[-1]


def test_buttons_work_on_the_macro_workbook_and_keep_its_vba_and_live_cells(
    tmp_path: Path,
) -> None:
    from cba_xl.excel.build_xlsm import build_addin_workbook

    hw = with_mistakes(demo_cohort()[0])
    path = build_addin_workbook(tmp_path / "cluster.xlsm", hw)
    assert run_fill(FileBook(path)) > 0
    assert run_check(FileBook(path)) == api.check(path).findings
    with zipfile.ZipFile(path) as zf:
        assert "xl/vbaProject.bin" in zf.namelist()
    wb = openpyxl.load_workbook(path, keep_vba=True)
    goals, plan = LAYOUT.tables["goals"], LAYOUT.tables["plan"]
    smart = wb[goals.sheet][goals.cell("smart", hw.goals[0].row)].value
    assert isinstance(smart, str) and "CBA_SMART(" in smart  # left live, not overwritten
    critical = wb[plan.sheet][plan.cell("critical", hw.plan[0].row)].value
    assert isinstance(critical, str) and "CBA_CRITICAL_RESULT" in critical
    step = wb[plan.sheet][plan.cell("step", hw.plan[0].row)].value
    assert step == hw.plan[0].step


def test_a_saved_macro_workbook_keeps_every_part_its_sheets_point_to(tmp_path: Path) -> None:
    """openpyxl keeps only vmlDrawing1-9.vml; the file implementation puts the others back,
    or the buttons of later sheets would point at nothing and Excel would repair the file."""
    from cba_xl.excel.build_xlsm import build_addin_workbook, buttons

    path = build_addin_workbook(tmp_path / "cluster.xlsm", demo_cohort()[0])
    run_fill(FileBook(path))  # writes no notes, so openpyxl has no reason to rewrite the VML
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        for name in names:
            if not name.endswith(".rels"):
                continue
            folder = posixpath.dirname(posixpath.dirname(name))
            for rel in ET.fromstring(zf.read(name)):
                if rel.get("TargetMode") == "External":
                    continue
                target = posixpath.normpath(posixpath.join(folder, rel.get("Target", "")))
                assert target.lstrip("/") in names, (name, target)
        vml = b"".join(zf.read(n) for n in names if n.endswith(".vml"))
    assert vml.count(b"<x:FmlaMacro>") == len(buttons())  # the buttons survive too
