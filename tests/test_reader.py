"""Reading a participant workbook: input cells at the layout's positions, tolerant of what people
type, strict about what is not our workbook."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
import soffice

from cba_xl.core.findings import Loc, Severity
from cba_xl.core.models import Homework
from cba_xl.errors import UnusableWorkbook
from cba_xl.excel.reader import read_homework, read_raw, workbook_modified
from cba_xl.spec.layout import COMMUNICATION, LAYOUT, PLAN, TEMPLATE_ID, TRENDS

MakeWorkbook = Callable[..., Path]


def at(key: str, field: str, row_offset: int = 0) -> tuple[str, str]:
    table = LAYOUT.tables[key]
    return table.sheet, table.cell(field, table.first_row + row_offset)


def profile(key: str) -> tuple[str, str]:
    cell = LAYOUT.profile_cell(key)
    return cell.sheet, cell.ref


def test_input_cells_are_read_with_their_locations(filled_workbook: Path):
    raw = read_raw(filled_workbook)
    assert raw.template_version == LAYOUT.version
    name = raw.fields["cluster_name"]
    assert name.value == "Silesia Food Cluster"
    assert name.loc == LAYOUT.profile_cell("cluster_name").loc
    assert raw.fields["members"].value == 42
    assert raw.fields["plan_start"].value == dt.date(2025, 1, 6)
    assert [r.cells["theme"].value for r in raw.tables["challenges"]] == [
        "Digitalization",
        "Service innovation",
        "Financial sustainability",
    ]
    # The lead column is kept; blank inputs of a row with content are present as None.
    first = raw.tables["challenges"][1]
    assert first.cells["rank"].value == 2
    assert first.cells["note"].value is None
    people = [(group, cell.value) for group, cell in raw.raci_people[:2]]
    assert people == [("Cluster management", "Anna"), ("Cluster management", None)]
    assert raw.raci_people[4][0] == "Cluster members"
    assert raw.raci_rows[0].cells["p0"].value == "A/R"
    assert [c.value for c in raw.canvas["current"]["partners"]] == ["University", "Region"]
    assert raw.canvas["future"]["partners"] == []


def test_only_input_cells_are_read(filled_workbook: Path):
    raw = read_raw(filled_workbook)
    for key, rows in raw.tables.items():
        table = LAYOUT.tables[key]
        lead = [table.lead.key] if table.lead else []
        for row in rows:
            assert list(row.cells) == lead + [f.key for f in table.inputs]
    assert "share_total" not in raw.fields
    # The template's own formulas in derived columns are not "formulas in input cells".
    assert raw.formula_cells == []


def test_rows_added_below_the_table_are_read_and_blank_rows_skipped(filled_workbook: Path):
    raw = read_raw(filled_workbook)
    plan = LAYOUT.tables["plan"]
    assert [r.row for r in raw.tables["plan"]] == [
        plan.first_row,
        plan.first_row + 1,
        plan.last_row + 1,
    ]
    assert raw.tables["plan"][-1].cells["action"].value == "Launch"
    assert [r.row for r in raw.tables["actions"]] == [
        LAYOUT.tables["actions"].first_row + i for i in range(2)
    ]


def test_every_section_has_an_anchor(filled_workbook: Path):
    anchors = read_raw(filled_workbook).anchors
    assert set(anchors) == {
        "profile",
        "challenges",
        "canvas_current",
        "canvas_future",
        "changes",
        "services",
        "actions",
        "goals",
        "plan",
        "raci",
        "needs",
        "objectives",
        "communication",
        "trends",
        "competencies",
    }
    assert anchors["plan"] == LAYOUT.tables["plan"].loc("action", LAYOUT.tables["plan"].first_row)


def test_what_people_type_is_read_tolerantly(make_workbook: MakeWorkbook):
    cells = {
        profile("members"): " 42 ",  # a number stored as text, with stray spaces
        profile("founding_year"): "2009",
        profile("ecosystem"): "  agri-FOOD ",
        profile("budget_eur"): "250.000",
        profile("share_public"): 0.4,  # shares formatted as %: fractions
        profile("share_fees"): 0.3,
        profile("share_services"): 0.2,
        profile("share_projects"): 0.1,
        (PLAN, LAYOUT.plan_start.ref): "06.01.2025",  # European date text
        at("plan", "action"): "Survey",
        at("plan", "deadline"): 45700,  # a date serial in a cell not formatted as a date
        at("actions", "action"): "Newsletter",
        at("actions", "impact"): "high ",
        at("actions", "effort"): "LOW",
        at("goals", "goal_id"): "G1",
        at("goals", "deadline"): "31/12/2026",
    }
    hw, findings = read_homework(make_workbook(cells=cells))
    assert hw.profile.members == 42
    assert hw.profile.founding_year == 2009
    assert hw.profile.ecosystem == "Agri-food"
    assert hw.profile.budget_eur == 250000
    assert hw.profile.share_public == 40
    assert hw.plan_start == dt.date(2025, 1, 6)
    assert hw.plan[0].deadline == dt.date(2025, 2, 12)
    assert (hw.actions[0].impact, hw.actions[0].effort) == ("High", "Low")
    assert hw.goals[0].deadline == dt.date(2026, 12, 31)
    problems = {f.cell for f in findings if f.code.startswith(("type", "choice"))}
    assert problems == set()


def test_a_formula_typed_into_an_input_cell_is_reported(make_workbook: MakeWorkbook):
    sheet, ref = profile("members")
    _, findings = read_homework(make_workbook(cells={(sheet, ref): "=40+2"}))
    assert (
        Loc(sheet, ref)
        in read_raw(make_workbook("again.xlsx", {(sheet, ref): "=40+2"})).formula_cells
    )
    warned = [f for f in findings if f.code == "formula-input"]
    assert [(f.sheet, f.cell, f.severity) for f in warned] == [(sheet, ref, Severity.WARNING)]


def test_a_workbook_without_the_template_marker_is_not_ours(make_workbook: MakeWorkbook):
    for path in (
        make_workbook("no-meta.xlsx", drop=("cba_meta",)),
        make_workbook("no-marker.xlsx", marker=None),
        make_workbook("other.xlsx", marker=("someone-else/template", "1.0")),
    ):
        with pytest.raises(UnusableWorkbook) as info:
            read_raw(path)
        assert info.value.reason == "not a Cluster Booster Academy workbook (no template marker)"
        assert "cba-xl new" in info.value.hint


def test_template_versions(make_workbook: MakeWorkbook):
    with pytest.raises(UnusableWorkbook) as info:
        read_raw(make_workbook("newer.xlsx", marker=(TEMPLATE_ID, "9.2")))
    assert info.value.reason == "made with a newer template version 9.2"
    assert info.value.hint == "update cba-xl"
    with pytest.raises(UnusableWorkbook) as info:
        read_raw(make_workbook("older.xlsx", marker=(TEMPLATE_ID, "0.3")))
    assert "template version 0.3" in info.value.reason
    # A version typed as a number by some program still names a known layout.
    assert (
        read_raw(make_workbook("number.xlsx", marker=(TEMPLATE_ID, 1.0))).template_version == "1.0"
    )


def test_a_missing_sheet_is_named(make_workbook: MakeWorkbook):
    with pytest.raises(UnusableWorkbook) as info:
        read_raw(make_workbook(rename={PLAN: "My plan"}))
    assert info.value.reason == "sheet 'Action plan' is missing (renamed or deleted?)"


def test_every_missing_sheet_is_named_in_one_run(make_workbook: MakeWorkbook):
    """A sheet renamed and another deleted: one check names both, not one per run."""
    path = make_workbook(rename={TRENDS: "Trend radar"}, drop=(COMMUNICATION,))
    with pytest.raises(UnusableWorkbook) as info:
        read_raw(path)
    assert info.value.reason == (
        "sheets 'Trends' and 'Communication' are missing (renamed or deleted?)"
    )
    assert "name the sheets 'Trends' and 'Communication' again" in info.value.hint


def test_sheet_names_forgive_case_and_spaces(make_workbook: MakeWorkbook):
    path = make_workbook(cells={at("plan", "action"): "Survey"}, rename={PLAN: "action  Plan"})
    raw = read_raw(path)
    assert raw.tables["plan"][0].cells["action"].value == "Survey"
    assert raw.tables["plan"][0].cells["action"].loc.sheet == PLAN


def test_macro_workbook_is_read(make_workbook: MakeWorkbook):
    raw = read_raw(make_workbook("hw.xlsm", cells={profile("region"): "Catalonia"}, macro=True))
    assert raw.fields["region"].value == "Catalonia"


def test_reading_leaves_the_file_byte_identical(filled_workbook: Path):
    before = hashlib.sha256(filled_workbook.read_bytes()).hexdigest()
    stat = filled_workbook.stat()
    read_homework(filled_workbook)
    workbook_modified(filled_workbook)
    assert hashlib.sha256(filled_workbook.read_bytes()).hexdigest() == before
    assert filled_workbook.stat().st_mtime_ns == stat.st_mtime_ns


def test_workbook_modified_reads_the_saved_time(make_workbook: MakeWorkbook, tmp_path: Path):
    path = make_workbook()
    stamp = workbook_modified(path)
    assert stamp is not None
    assert stamp.tzinfo is not None
    bare = tmp_path / "bare.xlsx"
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(bare, "w") as zout:
        for name in zin.namelist():
            if name != "docProps/core.xml":
                zout.writestr(name, zin.read(name))
    assert workbook_modified(bare) is None


def unrowed(records: list[object]) -> list[object]:
    """Records without their sheet row, which only the reader knows."""
    return [replace(r, row=0) if hasattr(r, "row") else r for r in records]  # type: ignore[type-var]


def raci_roles(hw: Homework) -> list[tuple[str, dict[tuple[str, str], str]]]:
    return [
        (
            row.deliverable,
            {(p.group, p.name): r for p, r in zip(hw.raci_people, row.roles, strict=True) if r},
        )
        for row in hw.raci
    ]


def test_round_trip_through_the_template_builder(tmp_path: Path):
    builder = pytest.importorskip("cba_xl.excel.builder")
    from template_homework import sample_homework

    homework = sample_homework()
    expected_actions = [
        replace(a, impact=a.impact.strip().capitalize(), effort=a.effort.strip().capitalize())
        for a in homework.actions
    ]
    path = builder.build_workbook(tmp_path / "built.xlsx", homework)
    read, findings = read_homework(path)
    assert [f for f in findings if f.code.startswith(("type", "choice"))] == []
    assert read.profile == homework.profile
    assert read.plan_start == homework.plan_start
    for key in (
        "challenges",
        "changes",
        "services",
        "goals",
        "plan",
    ):
        assert unrowed(getattr(read, key)) == unrowed(getattr(homework, key)), key
    # The workbook has a column for every person, named or not.
    assert raci_roles(read) == raci_roles(homework)
    assert {(p.group, p.name) for p in read.raci_people if p.name} == {
        (p.group, p.name) for p in homework.raci_people
    }
    # The sample types ' high ' and 'low' on purpose; the reader gives the dropdown's spelling.
    assert unrowed(read.actions) == unrowed(expected_actions)
    assert read.canvas_current.blocks == homework.canvas_current.blocks
    assert read.canvas_future.blocks == homework.canvas_future.blocks


@pytest.mark.libreoffice
def test_a_workbook_saved_again_by_libreoffice_reads_the_same(
    filled_workbook: Path, tmp_path: Path
):
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    out = tmp_path / "out"
    soffice.convert(filled_workbook, "xlsx:Calc MS Excel 2007 XML", out, tmp_path / "profile")
    before, _ = read_homework(filled_workbook)
    after, _ = read_homework(out / filled_workbook.name)
    assert after == before


def _with_number_formats(path: Path, formats: dict[tuple[str, str], str]) -> Path:
    """The workbook with number formats set on some cells, as "40 %" typed into a General cell
    leaves one (Excel and LibreOffice both switch the cell to a percent format)."""
    import openpyxl

    book = openpyxl.load_workbook(path)
    for (sheet, ref), code in formats.items():
        book[sheet][ref].number_format = code
    book.save(path)
    return path


def test_a_share_in_a_percent_formatted_cell_is_read_as_the_percent_it_shows(
    make_workbook: MakeWorkbook,
):
    cells = {
        profile("share_public"): 0.4,  # "40 %" typed: 0.4 in a percent cell
        profile("share_fees"): 30,  # typed next to it as plain numbers
        profile("share_services"): 0.2,
        profile("share_projects"): 0.1,
    }
    path = _with_number_formats(
        make_workbook(cells=cells),
        {
            profile("share_public"): "0.00%",
            profile("share_services"): '0.00" "%',  # LibreOffice's "20 %" in de-DE
            profile("share_projects"): "0.0",  # a plain decimal format: 0.1 is 0.1
        },
    )
    hw, findings = read_homework(path)
    p = hw.profile
    assert [p.share_public, p.share_fees, p.share_services, p.share_projects] == [40, 30, 20, 0.1]
    assert not [f for f in findings if f.code.startswith("type")]


def test_a_percent_sign_that_is_only_text_in_the_format_is_no_percent(make_workbook: MakeWorkbook):
    cells = {profile(k): 25 for k in ("share_public", "share_fees", "share_services")}
    cells[profile("share_projects")] = 25
    path = _with_number_formats(
        make_workbook(cells=cells),
        {profile("share_public"): '0" %"', profile("share_fees"): "0\\%"},  # shows 25 %
    )
    hw, _ = read_homework(path)
    assert [hw.profile.share_public, hw.profile.share_fees] == [25, 25]


def test_a_number_in_after_steps_reads_as_the_steps_either_side_of_its_decimal_mark(
    make_workbook: MakeWorkbook,
):
    cells = {
        at("plan", "action", 0): "Survey",
        at("plan", "action", 1): "Draft",
        at("plan", "action", 2): "Decide",
        at("plan", "after", 2): 1.2,  # "1,2" typed in a German or French spreadsheet
        at("plan", "action", 3): "Launch",
        at("plan", "after", 3): "2,3",
    }
    hw, findings = read_homework(make_workbook(cells=cells))
    assert [s.after for s in hw.plan] == [(), (), (1, 2), (2, 3)]
    assert not [f for f in findings if f.code == "type.steps"]
