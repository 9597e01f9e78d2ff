"""`cba-xl upgrade`: a 1.0 homework carried into the current template without losing a value.

Values are compared by field key, as the reader reads both files (raw, unparsed): the 1.0 file
through the 1.0 layout, the upgraded one through the current layout. Only the version change may
move or convert a value, and what has no place must be on the "Upgrade notes" sheet."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

import cba_xl
from cba_xl import api
from cba_xl.cli.main import main
from cba_xl.core.compare import compare
from cba_xl.core.findings import Finding
from cba_xl.core.raw import RawCell, RawWorkbook
from cba_xl.core.tools import BY_KEY
from cba_xl.errors import OutputRefused, UnusableWorkbook
from cba_xl.excel.reader import read_raw
from cba_xl.excel.upgrade import NOTES_SHEET
from cba_xl.spec import TEMPLATE_VERSION
from cba_xl.spec.cells import col_index, col_letter, split
from cba_xl.spec.layout import LAYOUT, LAYOUTS, META, Layout

FIXTURES = Path(__file__).parent / "fixtures" / "v1_0"
DEMO = sorted((FIXTURES / "demo").glob("*.xlsx"))
THRACIAN = FIXTURES / "demo" / "008-thracian-software-cluster.xlsx"
TEMPLATE = Path(__file__).parent.parent / "workbook" / "cba_academy.xlsx"
OLD = LAYOUTS["1.0"]
PLAN_OLD, PLAN_NEW = OLD.tables["plan"], LAYOUT.tables["plan"]
# What template 2.0 checks that 1.x could not say (its chain), and what said so in 1.x.
CHAIN_CODES = {
    "changes.no-step",
    "smart.no-step",
    "plan.no-goal",
    "actions.step-unrated",
    "actions.step-twice",
    "raci.step-missing",
    "raci.responsible-missing",
    "raci.responsible-not-ra",
}
OLD_ONLY = {"plan.assumed-duration", "plan.no-chain", "template.older-version"}
# The sheets of tools the old versions lack (2.1's strategy tools): empty after an upgrade, and
# checked as such.
NEW_SHEETS = {BY_KEY[k].sheet for k in LAYOUT.tools if k not in LAYOUTS["1.1"].tools}


def _new(f: tuple[str, str, str, str, str]) -> bool:
    """A finding the old version could not make: the chain's, or about a tool it had no sheet
    for, or a 1.x action whose words are no plan step's (see `_unrated`)."""
    return f[1] in CHAIN_CODES or f[2] in NEW_SHEETS or _unrated(f)


Key = tuple[object, ...]


def _by_key(raw: RawWorkbook) -> dict[Key, RawCell]:
    """Every non-blank raw value by what it is, independent of its cell: a field by key, a table
    cell by table, distance from the first row and column key, a canvas item by block and
    index, a RACI name by person column, a role by row distance and person column."""
    lay = LAYOUTS[raw.template_version]
    out: dict[Key, RawCell] = {("field", k): c for k, c in raw.fields.items()}
    for table, rows in raw.tables.items():
        first = lay.tables[table].first_row
        for row in rows:
            out.update({("table", table, row.row - first, k): c for k, c in row.cells.items()})
    for horizon, blocks in raw.canvas.items():
        for block, items in blocks.items():
            top = lay.canvases[horizon].block(block).item_rows[0]
            out.update({("canvas", horizon, block, split(c.loc.cell)[0] - top): c for c in items})
    out.update({("person", i): c for i, (_, c) in enumerate(raw.raci_people)})
    for row in raw.raci_rows:
        offset = row.row - lay.raci.first_row
        out.update({("raci", offset, k): c for k, c in row.cells.items()})
    return {k: c for k, c in out.items() if c.value is not None}


def _same(a: object, b: object) -> bool:
    def plain(v: object) -> object:
        return v.date() if isinstance(v, dt.datetime) and v.time() == dt.time() else v

    return plain(a) == plain(b)


def _notes(path: Path) -> dict[tuple[str, str], object]:
    """The Upgrade notes sheet: (old sheet, old cell) -> the value as typed."""
    book = openpyxl.load_workbook(path)
    ws = book[NOTES_SHEET]
    assert ws.sheet_state == "visible"
    header = [c.value for c in ws[5]][1:6]
    assert header == ["Sheet", "Cell", "Field or column", "Value (as typed)", "What happened"]
    return {
        (str(r[1].value), str(r[2].value or "")): r[4].value
        for r in ws.iter_rows(min_row=6)
        if r[1].value
    }


def _assert_lossless(old_path: Path, new_path: Path) -> None:
    old_raw, new_raw = read_raw(old_path), read_raw(new_path)
    old, new = _by_key(old_raw), _by_key(new_raw)
    notes = _notes(new_path)
    for key, cell in old.items():
        found = new.get(key)
        if found is not None and _same(found.value, cell.value):
            continue
        where = (cell.loc.sheet, cell.loc.cell)
        assert where in notes and _same(notes[where], cell.value), (key, cell)
    start = old_raw.fields["plan_start"].value
    words = {
        " ".join(str(c.value).split()).casefold(): row.cells["step"].value
        for row in old_raw.tables["plan"]
        for k, c in row.cells.items()
        if k == "action"
    }
    for key, cell in new.items():
        if key in old:
            continue
        if key[-1] == "step" and key[0] in ("table", "raci"):
            # 2.0 rates and assigns plan steps: an action or deliverable written as a step's
            # own words became that step's number, and nothing else did
            said = old[(*key[:-1], "action" if key[0] == "table" else "deliverable")].value
            assert words[" ".join(str(said).split()).casefold()] == cell.value, key
            continue
        # Nothing else is invented: the only other new value is 1.0's days as a date.
        assert key[:2] == ("table", "plan") and key[3] == "deadline", key
        days = old[("table", "plan", key[2], "days")].value
        assert isinstance(start, dt.date) and isinstance(days, float)
        assert _same(cell.value, start + dt.timedelta(days=int(days)))


def _moved(f: Finding, origin: Layout = OLD) -> tuple[str, str, str, str, str]:
    """An old finding's place in the upgraded workbook: table columns move by key (1.0's days
    become the deadline, 1.x's action names rate steps), RACI roles by person; every other
    cell stays."""
    cell = f.cell
    for key, old in origin.tables.items():
        new = LAYOUT.tables[key]
        if f.sheet != old.sheet or not cell:
            continue
        row, col = split(cell)
        column = old.columns[col - old.first_col] if old.first_col <= col <= old.last_col else ""
        if row >= old.first_row and column:
            column = {"days": "deadline", "action": "step" if key == "actions" else column}.get(
                column, column
            )
            cell = new.cell(column, row)
    raci, now = origin.raci, LAYOUT.raci
    if f.sheet == raci.sheet and cell:
        row, col = split(cell)
        if row >= raci.first_row and col >= raci.first_person_col:
            cell = col_letter(now.person_col(col - raci.first_person_col)) + str(row)
        elif row >= raci.first_row and col == raci.deliverable_col:
            cell = col_letter(now.deliverable_col) + str(row)
    return (f.severity.value, f.code, f.sheet, cell, f.message)


def _findings(path: Path) -> list[tuple[str, str, str, str, str]]:
    [result] = api.check_many([path])
    assert result.unusable is None
    return sorted((f.severity.value, f.code, f.sheet, f.cell, f.message) for f in result.findings)


@pytest.mark.parametrize("path", DEMO, ids=lambda p: p.name[:3])
def test_every_1_0_demo_workbook_upgrades_losslessly_with_the_same_findings(
    path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "new.xlsx"
    result = cba_xl.upgrade(path, out)
    assert (result.source_version, result.target_version) == ("1.0", TEMPLATE_VERSION)
    assert read_raw(out).template_version == TEMPLATE_VERSION
    _assert_lossless(path, out)
    # The demo steps all have durations, so only 1.0's infos about what it lacks may go, and
    # 2.0 adds the chain's checks, which 1.x could not make (the steps name no goal or change).
    [before] = api.check_many([path])
    expected = sorted(_moved(f) for f in before.findings if f.code not in OLD_ONLY)
    added = [f for f in _findings(out) if _new(f)]
    assert sorted(set(_findings(out)) - set(added)) == expected
    assert {f[1] for f in added} >= {"plan.no-goal", "changes.no-step"}
    # The same homework: nothing a trainer compares changed, and the one schedule gives every
    # step the same deadline and finish.
    [after] = api.check_many([out])
    assert before.homework is not None and after.homework is not None
    changed = compare(before.homework, before.findings, after.homework, after.findings)
    # (the findings differ by the chain's checks, as asserted above)
    assert [d for d in changed if not d.kind.startswith("finding")] == []
    then, now = cba_xl.plan_schedule(before.homework), cba_xl.plan_schedule(after.homework)
    for step in before.homework.plan:
        n = step.step
        assert (then.deadline(n), then.finish_date_of(n)) == (
            now.deadline(n),
            now.finish_date_of(n),
        )


DEMO_1_1 = sorted((Path(__file__).parent / "fixtures" / "v1_1" / "demo").glob("*.xlsx"))


@pytest.mark.parametrize("path", DEMO_1_1, ids=lambda p: p.name[:3])
def test_every_1_1_demo_workbook_upgrades_losslessly(path: Path, tmp_path: Path) -> None:
    """Template 1.1 (before the chain) to the current template: every value carried or noted,
    the same findings at their new cells, plus only what the chain can now check."""
    out = tmp_path / "new.xlsx"
    result = cba_xl.upgrade(path, out)
    assert (result.source_version, result.target_version) == ("1.1", TEMPLATE_VERSION)
    _assert_lossless(path, out)
    [before] = api.check_many([path])
    expected = sorted(_moved(f, LAYOUTS["1.1"]) for f in before.findings if f.code not in OLD_ONLY)
    added = [f for f in _findings(out) if _new(f)]
    assert sorted(set(_findings(out)) - set(added)) == expected


def _unrated(f: tuple[str, str, str, str, str]) -> bool:
    """A 1.x action whose words are no plan step's keeps its ratings with an empty step number,
    which the check asks for (the words are on the Upgrade notes)."""
    actions = LAYOUT.tables["actions"]
    return f[1] == "required" and f[2] == actions.sheet and f[3][:1] == actions.letter("step")


def _planted(tmp_path: Path) -> Path:
    """A 1.0 homework with values the reader cannot parse, a step below the template's rows, an
    empty duration, text that looks like a formula and a sheet of the participant's own."""
    path = tmp_path / "planted-1.0.xlsx"
    shutil.copyfile(THRACIAN, path)
    book = openpyxl.load_workbook(path)
    plan = book[PLAN_OLD.sheet]
    assert isinstance(plan, Worksheet)
    plan[PLAN_OLD.cell("deadline", 9)] = "31.13.2025"  # step 2
    plan[PLAN_OLD.cell("days", 12)] = "soon"  # step 5, which has a deadline date too
    plan[PLAN_OLD.cell("duration", 11)] = None  # step 4: 30 days from start, no duration
    below = PLAN_OLD.last_row + 3
    plan[PLAN_OLD.cell("action", below)] = "Report to the board"
    plan[PLAN_OLD.cell("days", below)] = "soon"
    members = OLD.profile_cell("members")
    book[members.sheet][members.ref] = "about forty"
    canvas = OLD.canvases["current"]
    item = book[canvas.sheet][canvas.item_loc(canvas.block("partners"), 7).cell]
    item.value = "=not a formula"
    item.data_type = "s"
    book.create_sheet("My notes")["A1"] = "call Ivana"
    book.save(path)
    return path


def test_unreadable_values_and_rows_past_the_template_survive_the_upgrade(tmp_path: Path) -> None:
    old = _planted(tmp_path)
    out = tmp_path / "new.xlsx"
    result = cba_xl.upgrade(old, out)
    _assert_lossless(old, out)
    new = openpyxl.load_workbook(out)
    plan = new[PLAN_NEW.sheet]
    below = PLAN_OLD.last_row + 3
    assert plan[PLAN_NEW.cell("deadline", 9)].value == "31.13.2025"
    assert plan[PLAN_NEW.cell("action", below)].value == "Report to the board"
    # the step below the old rows keeps the number the reader gave it (6), not the row's 43
    steps = {s.row: s.step for s in cba_xl.read(out)[0].plan}
    assert steps[below] == 6
    # the new template grows its table over that row, with the dropdowns and formats of a row
    _, last = plan.tables[PLAN_NEW.name].ref.split(":")
    assert split(last)[0] >= below
    milestone = PLAN_NEW.cell("milestone", below)
    assert any(milestone in dv.sqref for dv in plan.data_validations.dataValidation)
    assert plan[milestone].protection.locked is False
    item = new[OLD.canvases["current"].sheet][
        OLD.canvases["current"].item_loc(OLD.canvases["current"].block("partners"), 7).cell
    ]
    assert (item.value, item.data_type) == ("=not a formula", "s")
    assert plan[PLAN_NEW.cell("duration", 11)].value is None  # not invented
    why = {(n.source.sheet, n.source.cell): n.why for n in result.notes}
    assert "30 days" in why[(PLAN_OLD.sheet, PLAN_OLD.cell("duration", 11))]
    assert "deadline date too" in why[(PLAN_OLD.sheet, PLAN_OLD.cell("days", 12))]
    assert "not a number" in why[(PLAN_OLD.sheet, PLAN_OLD.cell("days", below))]
    assert "not carried" in why[("My notes", "")]


def test_check_of_the_upgrade_differs_only_by_what_the_version_change_explains(
    tmp_path: Path,
) -> None:
    old = _planted(tmp_path)
    out = tmp_path / "new.xlsx"
    cba_xl.upgrade(old, out)
    [before] = api.check_many([old])
    days_col = col_index(PLAN_OLD.letter("days"))
    gone = [
        f
        for f in before.findings
        # 1.0 only: its info about durations taken from deadlines, and its error for a step
        # with neither (1.1 reports the empty duration as a required cell instead)
        if f.code in ("plan.assumed-duration", "plan.no-duration")
        # unreadable "days from start" have no column in 1.1: they are on the Upgrade notes
        or (f.code == "type.int" and f.cell and split(f.cell)[1] == days_col)
    ]
    assert sorted(f.code for f in gone) == [
        "plan.assumed-duration",
        "plan.no-duration",
        "type.int",
        "type.int",
    ]
    below = PLAN_OLD.last_row + 3
    required = [
        ("error", "required", PLAN_NEW.sheet, PLAN_NEW.cell("duration", row), msg)
        for row in (11, below)  # steps 4 and 6 have no duration, which 1.1 requires
        for msg in ["Duration (days) is empty; it is required"]
    ]
    expected = sorted([_moved(f) for f in before.findings if f not in gone] + required)
    now = [f for f in _findings(out) if not _new(f)]
    assert now == [f for f in expected if f[1] not in OLD_ONLY]


def test_notes_of_an_earlier_upgrade_are_carried_by_the_next(tmp_path: Path) -> None:
    old = tmp_path / "old.xlsx"
    shutil.copyfile(THRACIAN, old)
    book = openpyxl.load_workbook(old)
    ws = book.create_sheet(NOTES_SHEET)
    for col, value in enumerate(["Sheet", "Cell", "Field", "Value", "Why"], 2):
        ws.cell(5, col, value)
    for col, value in enumerate(["Action plan", "Z9", "Old column", "kept", "no place"], 2):
        ws.cell(6, col, value)
    book.save(old)
    out = tmp_path / "new.xlsx"
    result = cba_xl.upgrade(old, out)
    [earlier] = [n for n in result.notes if n.source.cell == "Z9"]
    assert (earlier.value, earlier.why) == ("kept", "(an earlier upgrade) no place")
    assert _notes(out)[("Action plan", "Z9")] == "kept"


def test_an_xlsm_output_keeps_the_add_in(tmp_path: Path) -> None:
    import zipfile

    out = tmp_path / "new.xlsm"
    cba_xl.upgrade(THRACIAN, out)
    with zipfile.ZipFile(out) as zf:
        assert "xl/vbaProject.bin" in zf.namelist()
    _assert_lossless(THRACIAN, out)


def test_the_current_template_has_nothing_to_upgrade(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "new.xlsx"
    result = cba_xl.upgrade(TEMPLATE, out)
    assert result.current and not out.exists()
    assert main(["upgrade", str(TEMPLATE), "-o", str(out)]) == 0
    assert "nothing to do" in capsys.readouterr().out
    assert not out.exists()


def test_a_newer_template_version_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    newer = tmp_path / "newer.xlsx"
    book = openpyxl.load_workbook(TEMPLATE)
    book[META][LAYOUT.meta_version_cell] = "99.0"
    book.save(newer)
    with pytest.raises(UnusableWorkbook, match=r"newer template version 99\.0"):
        cba_xl.upgrade(newer, tmp_path / "new.xlsx")
    assert main(["upgrade", str(newer), "-o", str(tmp_path / "new.xlsx")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(newer) in err[0] and "update cba-xl" in err[0]
    assert not (tmp_path / "new.xlsx").exists()


def test_cli_exit_codes_no_overwrite_and_the_old_file_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = tmp_path / "old.xlsx"
    shutil.copyfile(THRACIAN, old)
    digest = hashlib.sha256(old.read_bytes()).hexdigest()
    out = tmp_path / "new.xlsx"
    assert main(["upgrade", str(old), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "or days from start '21'" in printed and printed.rstrip().endswith("sheet")
    made = out.read_bytes()

    assert main(["upgrade", str(old), "-o", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert out.read_bytes() == made
    with pytest.raises(OutputRefused):
        cba_xl.upgrade(old, out)
    assert main(["upgrade", str(old), "-o", str(out), "--force", "-q"]) == 0
    assert len(capsys.readouterr().out.strip().splitlines()) == 1
    # the input is never the output, not even with --force
    assert main(["upgrade", str(old), "-o", str(old), "--force"]) == 2
    capsys.readouterr()

    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    assert main(["upgrade", str(broken), "-o", str(tmp_path / "b.xlsx")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(broken) in err[0]
    assert hashlib.sha256(old.read_bytes()).hexdigest() == digest
