"""Raw cells to the homework: values parsed, locations kept, problems named by cell."""

from __future__ import annotations

import datetime as dt

from cba_xl.core.findings import Loc
from cba_xl.core.interpret import interpret
from cba_xl.core.raw import RawCell, RawRow, RawWorkbook


def cell(value: object, sheet: str, ref: str) -> RawCell:
    return RawCell(value, Loc(sheet, ref))


def plan_row(row: int, **values: object) -> RawRow:
    cols = {
        "step": "A",
        "action": "B",
        "responsible": "C",
        "outcome": "F",
        "deadline": "G",
        "days": "H",
        "after": "K",
    }
    return RawRow(row, {k: cell(v, "Action plan", f"{cols[k]}{row}") for k, v in values.items()})


def test_values_are_parsed_and_locations_kept() -> None:
    raw = RawWorkbook(
        fields={
            "cluster_name": cell(" Agri  Cluster ", "Profile", "B4"),
            "country": cell("de", "Profile", "B6"),
            "founding_year": cell("2009", "Profile", "B9"),
            "plan_start": cell("01.02.2025", "Action plan", "B4"),
        },
        tables={"plan": [plan_row(7, step=1, action="Kick-off", deadline="31.03.2025")]},
    )
    hw, _ = interpret(raw)
    assert hw.profile.cluster_name == "Agri Cluster"
    assert hw.profile.country == "DE"
    assert hw.profile.founding_year == 2009
    assert hw.plan_start == dt.date(2025, 2, 1)
    assert hw.plan_start_where == Loc("Action plan", "B4")
    step = hw.plan[0]
    assert step.deadline == dt.date(2025, 3, 31)
    assert step.loc("deadline") == Loc("Action plan", "G7")
    assert step.loc("step") == Loc("Action plan", "A7")


def test_unreadable_and_empty_required_cells_are_errors_at_their_cell() -> None:
    raw = RawWorkbook(
        tables={
            "plan": [plan_row(7, step=1, action="Kick-off", responsible="", deadline="31.13.2025")]
        }
    )
    _, findings = interpret(raw)
    by_cell = {(f.cell, f.code): f for f in findings}
    assert ("C7", "required") in by_cell
    assert ("G7", "type.date") in by_cell
    assert "'31.13.2025' is not a date" in by_cell[("G7", "type.date")].message


def test_shares_typed_as_fractions_become_percentages() -> None:
    shares = {"share_public": 0.4, "share_fees": 0.3, "share_services": 0.1, "share_projects": 0.2}
    raw = RawWorkbook(
        fields={k: cell(v, "Profile", f"B{14 + i}") for i, (k, v) in enumerate(shares.items())}
    )
    hw, _ = interpret(raw)
    assert hw.profile.share_public == 40
    assert hw.profile.share_projects == 20


def test_unnumbered_steps_get_free_numbers() -> None:
    raw = RawWorkbook(
        tables={
            "plan": [
                plan_row(7, step=2, action="a"),
                plan_row(8, action="b"),
                plan_row(9, action="c"),
            ]
        }
    )
    hw, _ = interpret(raw)
    assert [s.step for s in hw.plan] == [2, 1, 3]


def test_raci_roles_are_normalised_per_person_column() -> None:
    raw = RawWorkbook(
        raci_people=[
            ("Cluster management", cell("Anna", "RACI", "B5")),
            ("Cluster management", cell(None, "RACI", "C5")),
        ],
        raci_rows=[
            RawRow(
                6,
                {
                    "deliverable": cell("Survey", "RACI", "A6"),
                    "p0": cell("c / a", "RACI", "B6"),
                    "p1": cell("Q", "RACI", "C6"),
                },
            )
        ],
    )
    hw, findings = interpret(raw)
    assert hw.raci[0].roles == ["A/C", ""]
    assert [p.name for p in hw.raci_people] == ["Anna", ""]
    assert [(f.cell, f.code) for f in findings] == [("C6", "choice")]
