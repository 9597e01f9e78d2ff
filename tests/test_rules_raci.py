from __future__ import annotations

from cba_xl.core.findings import Loc, Severity
from cba_xl.core.models import RaciPerson, RaciRow
from cba_xl.core.rules import derived
from cba_xl.core.rules.raci import check_raci_row, too_many_c

COLS = "BCDEF"


def row(*roles: str) -> RaciRow:
    where = {"deliverable": Loc("RACI", "A6")}
    where.update({f"p{i}": Loc("RACI", f"{COLS[i]}6") for i, r in enumerate(roles) if r})
    return RaciRow(row=6, deliverable="Member survey", roles=list(roles), where=where)


PEOPLE = [RaciPerson(name=n) for n in ("Anna", "Ben", "Cleo", "Dan", "Eva")]


def found(r: RaciRow, people: list[RaciPerson] = PEOPLE) -> list[tuple[str, str, Severity]]:
    return [(f.code, f.cell, f.severity) for f in check_raci_row(r, people)]


def test_one_a_and_an_r_pass() -> None:
    assert found(row("A", "R", "C", "I")) == []
    assert found(row("R/A", "I")) == []


def test_exactly_one_a_is_required() -> None:
    assert ("raci.one-a", "A6", Severity.ERROR) in found(row("R", "I"))
    assert ("raci.one-a", "A6", Severity.ERROR) in found(row("A", "A/C", "R"))


def test_a_row_needs_someone_marked_r_for_the_work() -> None:
    # A lone A is not taken to do the work; the academy's example writes R/A for that.
    assert found(row("A", "I")) == [("raci.no-r", "A6", Severity.WARNING)]
    assert found(row("R/A", "I")) == []
    assert found(row("A/C", "R", "I")) == []
    assert ("raci.no-r", "A6", Severity.WARNING) in found(row("C", "I"))
    [f] = check_raci_row(row("A", "I"), PEOPLE)
    assert "write R/A" in f.message


def test_the_check_column_and_the_findings_agree() -> None:
    for roles in (("A", "I"), ("R/A",), ("A", "R"), ("C", "I"), ("A", "A", "R"), ("R", "C")):
        codes = {code for code, _, _ in found(row(*roles))}
        status = derived.raci_row_status(list(roles))
        assert (status == derived.RACI_NEEDS_R) == (
            "raci.no-r" in codes and "raci.one-a" not in codes
        ), roles
        assert (status == derived.RACI_ONE_A) == ("raci.one-a" in codes), roles


def test_more_than_half_of_the_filled_cells_consulted_warns() -> None:
    assert too_many_c(["A/C", "C", "R", ""])  # 2 of 3 filled cells
    assert not too_many_c(["A", "C", "R", "C", ""])  # 2 of 4: half is fine
    assert ("raci.many-c", "A6", Severity.WARNING) in found(row("A", "R/C", "C", ""))


def test_a_role_in_an_unnamed_column_warns_at_the_role_cell() -> None:
    people = [RaciPerson(name="Anna"), RaciPerson(name=""), RaciPerson(name="")]
    assert found(row("A", "R", ""), people) == [("raci.unnamed", "C6", Severity.WARNING)]
