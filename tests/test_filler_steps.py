"""`cba-xl fill` gives each plan step its row in the priority matrix and the RACI (template
2.x): the step's number in the first row nobody wrote in, so the participant rates and assigns
it beside the step's words. A row in use is never touched, a full table is said, not written
past, and the checks then ask for the ratings and roles in those rows instead of for rows."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from cba_xl import api
from cba_xl.cli.main import main
from cba_xl.core.findings import Finding
from cba_xl.core.models import Action, Homework, PlanStep, RaciRow
from cba_xl.excel.filler import fill_workbook
from cba_xl.sample import generate
from cba_xl.spec.cells import a1
from cba_xl.spec.layout import LAYOUT
from cba_xl.workbook_check import check

FIXTURES = Path(__file__).parent / "fixtures" / "v1_1" / "demo"
TODAY = dt.date(2025, 1, 2)
MATRIX = LAYOUT.tables["actions"]
RACI = LAYOUT.raci
ASKED = {"actions.step-unrated", "raci.step-missing"}


def _findings(path: Path) -> list[Finding]:
    result = check(path, today=TODAY)
    assert result.homework is not None
    return result.findings


def _key(f: Finding) -> tuple[str, str, str, str]:
    return (f.code, f.sheet, f.cell, f.message)


def _cells(path: Path, sheet: str, rows: list[int], cols: range) -> dict[str, Any]:
    ws = openpyxl.load_workbook(path)[sheet]
    return {a1(r, c): ws.cell(r, c + 1).value for r in rows for c in cols}


def _matrix_cols() -> range:
    return range(MATRIX.first_col, MATRIX.last_col + 1)


def _raci_cols() -> range:
    return range(RACI.step_col or 0, RACI.check_col + 1)


def _read(path: Path) -> Homework:
    result = check(path, today=TODAY)
    assert result.homework is not None
    return result.homework


def _assert_every_step_has_its_rows(hw: Homework) -> None:
    steps = {s.step for s in hw.plan}
    assert steps <= {a.step for a in hw.actions}
    assert steps <= {r.step for r in hw.raci}


@pytest.fixture(scope="module")
def sample() -> Homework:
    return next(h for h in generate(6, seed=5) if len(h.plan) >= 5)


@pytest.mark.parametrize(
    "name", ["008-thracian-software-cluster", "012-pirkanmaa-game-media-cluster"]
)
def test_an_upgraded_1_1_workbook_gets_a_row_per_step_once_its_old_rows_are_numbered(
    name: str, tmp_path: Path
) -> None:
    upgraded = tmp_path / f"{name}.xlsx"
    api.upgrade(FIXTURES / f"{name}.xlsx", upgraded)
    before_hw = _read(upgraded)
    assert "raci.step-missing" in {f.code for f in _findings(upgraded)}
    # 1.x rated actions and assigned deliverables that were not a step's own words keep their
    # ratings and roles without a step number: a new row beside them would rate a step twice,
    # so fill adds none to such a table and says which rows want their numbers.
    unnumbered = {
        MATRIX.sheet: sorted(a.row for a in before_hw.actions if a.step is None),
        RACI.sheet: sorted(r.row for r in before_hw.raci if r.step is None and any(r.roles)),
    }
    result = fill_workbook(upgraded, tmp_path / "filled.xlsx")
    for sheet, kind, rows in (
        (MATRIX.sheet, "matrix step", unnumbered[MATRIX.sheet]),
        (RACI.sheet, "raci step", unnumbered[RACI.sheet]),
    ):
        said = [line for line in result.full if line.startswith(f"{sheet}: ")]
        if rows:
            assert kind not in result.written
            [line] = said
            assert "but no step number" in line and "write each row's step number" in line
            assert all(str(r) in line for r in rows)
        else:
            assert not said
    used = [a.row for a in before_hw.actions]
    assert _cells(result.out, MATRIX.sheet, used, _matrix_cols()) == _cells(
        upgraded, MATRIX.sheet, used, _matrix_cols()
    )
    used = [r.row for r in before_hw.raci]
    assert _cells(result.out, RACI.sheet, used, _raci_cols()) == _cells(
        upgraded, RACI.sheet, used, _raci_cols()
    )
    # The participant clears the old rows that are no plan step (or numbers them): then every
    # step gets its rows, and the checks ask for ratings and roles in them.
    wb = openpyxl.load_workbook(result.out)
    for sheet, rows, cols in (
        (MATRIX.sheet, unnumbered[MATRIX.sheet], _matrix_cols()),
        (RACI.sheet, unnumbered[RACI.sheet], _raci_cols()),
    ):
        for r in rows:
            for c in cols:
                cell = wb[sheet].cell(r, c + 1)
                if not (isinstance(cell.value, str) and cell.value.startswith("=")):
                    cell.value = None
    cleared = tmp_path / "cleared.xlsx"
    wb.save(cleared)
    again = fill_workbook(cleared, tmp_path / "filled-again.xlsx")
    assert not again.full
    _assert_every_step_has_its_rows(_read(again.out))
    asked = [f for f in _findings(again.out) if f.code in ASKED]
    assert asked and all("yet" in f.message for f in asked)


def test_an_emptied_matrix_is_given_the_steps_in_order_and_a_second_fill_writes_nothing(
    sample: Homework, tmp_path: Path
) -> None:
    hw = copy.deepcopy(sample)
    hw.actions = []
    path = api.write_homework(tmp_path / "empty-matrix.xlsx", hw)
    before = _findings(path)
    result = fill_workbook(path, now=dt.datetime(2025, 3, 1, 9, 0))
    assert result.backup is not None
    assert result.written["matrix step"] == len(hw.plan)
    assert "raci step" not in result.written  # every step has its RACI row
    ws = openpyxl.load_workbook(path)[MATRIX.sheet]
    rows = range(MATRIX.first_row, MATRIX.first_row + len(hw.plan))
    assert [ws[MATRIX.cell("step", r)].value for r in rows] == [s.step for s in hw.plan]
    assert ws[MATRIX.cell("step", MATRIX.first_row + len(hw.plan))].value is None
    # The step's words by the native lookup: the formula the template has in that row.
    first = MATRIX.first_row
    action = next(d for d in MATRIX.derived if d.key == "action")
    assert ws[MATRIX.cell("action", first)].value == MATRIX.formula(action, first, "")
    # Nothing is rated yet: the empty section's one warning, as before, and nothing else.
    assert sorted(map(_key, _findings(path))) == sorted(map(_key, before))
    assert "actions.empty" in {f.code for f in before}
    again = fill_workbook(path, now=dt.datetime(2025, 3, 1, 9, 5))
    assert again.written == {} and again.backup is None


def test_a_row_the_participant_used_is_untouched_and_the_check_points_at_the_new_rows(
    sample: Homework, tmp_path: Path
) -> None:
    hw = copy.deepcopy(sample)
    kept = hw.actions[1]
    # The participant typed an impact alone into the matrix's first row (for a step they have
    # not numbered yet) and rated step 2 in the row below.
    hw.actions = [Action(impact="High"), kept]
    hw.raci = [r for r in hw.raci if r.step != hw.plan[0].step]
    path = api.write_homework(tmp_path / "partly.xlsx", hw)
    used = [a.row for a in _read(path).actions]
    assert used == [MATRIX.first_row, MATRIX.first_row + 1]
    before = _cells(path, MATRIX.sheet, used, _matrix_cols())
    before_findings = _findings(path)
    # the row rated without a number holds back the matrix's new rows (which step is it?)
    held = fill_workbook(path, tmp_path / "held.xlsx")
    assert "matrix step" not in held.written
    assert any(
        line.startswith(f"{MATRIX.sheet}: row {MATRIX.first_row} has ratings") for line in held.full
    )
    wb = openpyxl.load_workbook(path)
    wb[MATRIX.sheet][MATRIX.cell("impact", MATRIX.first_row)].value = None
    wb.save(path)
    used = used[1:]
    before = _cells(path, MATRIX.sheet, used, _matrix_cols())
    before_findings = _findings(path)
    result = fill_workbook(path, tmp_path / "filled.xlsx")
    assert _cells(result.out, MATRIX.sheet, used, _matrix_cols()) == before
    ws = openpyxl.load_workbook(result.out)[MATRIX.sheet]
    todo = [s.step for s in hw.plan if s.step != kept.step]
    free = [r for r in range(MATRIX.first_row, MATRIX.last_row + 1) if r not in used]
    assert [ws[MATRIX.cell("step", r)].value for r in free[: len(todo)]] == todo
    assert result.written["matrix step"] == len(todo)
    # The RACI's missing step goes into its first empty row, below the participant's rows.
    raci_ws = openpyxl.load_workbook(result.out)[RACI.sheet]
    assert RACI.step_col is not None
    last = max(r.row for r in _read(path).raci)
    assert raci_ws.cell(last + 1, RACI.step_col + 1).value == hw.plan[0].step
    assert result.written["raci step"] == 1
    after = _findings(result.out)
    assert {_key(f) for f in after if f.code not in ASKED} == {
        _key(f) for f in before_findings if f.code not in ASKED
    }
    (unrated,) = [f for f in after if f.code == "actions.step-unrated"]
    assert unrated.cell == MATRIX.cell("impact", free[0])
    assert unrated.message.startswith(f"steps {todo[0]}, ")
    (missing,) = [f for f in after if f.code == "raci.step-missing"]
    assert "no roles yet" in missing.message


def test_a_full_table_is_named_not_written_past(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hw = next(iter(generate(1, seed=5)))
    base = copy.deepcopy(hw.plan[0])
    extra = MATRIX.capacity + 2
    hw.plan = [
        PlanStep(row=LAYOUT.tables["plan"].first_row + i, step=i + 1, action=f"Step {i + 1}",
                 responsible=base.responsible, duration=5, goal=base.goal, change=base.change)
        for i in range(extra)
    ]  # fmt: skip
    hw.actions = [
        Action(row=MATRIX.first_row + i, step=i + 1, impact="High", effort="Low", status="Done")
        for i in range(MATRIX.capacity)
    ]
    roles = ["R/A"] + [""] * (len(hw.raci[0].roles) - 1)
    hw.raci = [
        RaciRow(row=RACI.first_row + i, step=i + 1, deliverable=f"Step {i + 1}", roles=roles)
        for i in range(RACI.capacity)
    ]
    path = api.write_homework(tmp_path / "full.xlsx", hw)
    out = tmp_path / "filled.xlsx"
    assert main(["fill", str(path), "-o", str(out)]) == 0
    captured = capsys.readouterr()
    warned = [line for line in captured.err.splitlines() if "no empty row left" in line]
    assert len(warned) == 2, captured.err
    assert all(f"steps {extra - 1} and {extra}" in line for line in warned)
    assert "plan steps added" not in captured.out
    ws = openpyxl.load_workbook(out)[MATRIX.sheet]
    assert ws[MATRIX.cell("step", MATRIX.last_row + 1)].value is None
    assert RACI.step_col is not None
    raci_ws = openpyxl.load_workbook(out)[RACI.sheet]
    assert raci_ws.cell(RACI.last_row + 1, RACI.step_col + 1).value is None


def test_the_cli_summary_says_how_many_steps_were_given_rows(
    sample: Homework, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hw = copy.deepcopy(sample)
    hw.actions = hw.actions[:1]
    hw.raci = []
    path = api.write_homework(tmp_path / "a.xlsx", hw)
    out = tmp_path / "b.xlsx"
    assert main(["fill", str(path), "-o", str(out)]) == 0
    line = capsys.readouterr().out.splitlines()[0]
    steps = len({s.step for s in hw.plan})
    assert line.endswith(
        f"{steps - 1} plan steps added to the priority matrix, "
        f"{steps} plan steps added to the RACI)"
    ), line


def test_a_1_1_workbook_is_not_given_step_rows(tmp_path: Path) -> None:
    # 1.x's matrix and RACI name their own actions and deliverables: no step column to fill
    src = FIXTURES / "008-thracian-software-cluster.xlsx"
    result = fill_workbook(src, tmp_path / "filled.xlsx")
    assert not {"matrix step", "raci step"} & set(result.written)


def test_words_typed_over_the_lookup_keep_their_row(sample: Homework, tmp_path: Path) -> None:
    hw = copy.deepcopy(sample)
    hw.actions = hw.actions[:1]
    path = api.write_homework(tmp_path / "typed.xlsx", hw)
    wb = openpyxl.load_workbook(path)
    row = MATRIX.first_row + 1  # the first row after the one rating, its words typed over
    wb[MATRIX.sheet][MATRIX.cell("action", row)] = "Our own words for a step"
    wb.save(path)
    out = fill_workbook(path, tmp_path / "filled.xlsx").out
    ws = openpyxl.load_workbook(out)[MATRIX.sheet]
    assert ws[MATRIX.cell("action", row)].value == "Our own words for a step"
    assert ws[MATRIX.cell("step", row)].value is None
    assert ws[MATRIX.cell("step", row + 1)].value == hw.plan[1].step
