"""The Excel functions as plain Python functions, called the way xlwings calls them on Windows:
numbers as floats, empty cells as None, ranges (ndim=2) as lists of rows, dates as datetime."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import pytest

from cba_xl import api
from cba_xl.addin import udfs
from cba_xl.addin.file_book import FileBook
from cba_xl.core import vocab
from cba_xl.core.findings import count_by_severity
from cba_xl.sample import demo_cohort

START = dt.datetime(2025, 1, 6)


def col(*values: object) -> list[list[object]]:
    return [[v] for v in values]


def test_quadrant_of_one_action_forgives_case_and_spaces() -> None:
    assert udfs.CBA_QUADRANT("High", "Low") == vocab.QUICK_WIN
    assert udfs.CBA_QUADRANT(" high ", "HIGH") == vocab.MAJOR_PROJECT
    assert udfs.CBA_QUADRANT("Low", "High") == vocab.THANKLESS_TASK
    assert udfs.CBA_QUADRANT(None, "Low") == ""


def test_quadrant_names_the_bad_argument_instead_of_guessing() -> None:
    assert udfs.CBA_QUADRANT("Hihg", "Low") == (
        "CBA_QUADRANT: impact must be one of High, Low, got 'Hihg'"
    )


def test_quadrants_column_has_one_result_per_row_and_a_typo_stays_in_its_row() -> None:
    out = udfs.CBA_QUADRANTS(col("High", "Low", None, "x"), col("Low", "Low", None, "Low"))
    assert out == [
        [vocab.QUICK_WIN],
        [vocab.FILL_IN],
        [""],
        ["CBA_QUADRANTS: row 4: impact must be one of High, Low, got 'x'"],
    ]


def test_column_functions_refuse_ranges_of_different_heights() -> None:
    out = udfs.CBA_QUADRANTS(col("High", "Low"), col("Low"))
    assert out == (
        "CBA_QUADRANTS: the ranges must have the same number of rows (impacts has 2, efforts has 1)"
    )


def test_service_decision_takes_scores_as_floats() -> None:
    assert udfs.CBA_SERVICE_DECISION(5.0, 1.0) == "Terminate or make fee-based"
    assert udfs.CBA_SERVICE_DECISION(1.0, 5.0) == "Keep and promote"
    assert udfs.CBA_SERVICE_DECISION(3.0, None) == ""
    assert udfs.CBA_SERVICE_DECISION(2.5, 4.0) == (
        "CBA_SERVICE_DECISION: effort must be a whole number, got '2.5'"
    )
    assert udfs.CBA_SERVICE_DECISION(9.0, 4.0) == (
        "CBA_SERVICE_DECISION: effort must be from 1 to 5, got '9'"
    )
    assert udfs.CBA_SERVICE_DECISIONS(col(5.0, 1.0), col(1.0, 5.0)) == [
        ["Terminate or make fee-based"],
        ["Keep and promote"],
    ]


def test_service_decision_uses_the_members_rating_and_the_financing() -> None:
    assert udfs.CBA_SERVICE_DECISION(5.0, 5.0, 1.0) == "Terminate or make fee-based"
    assert udfs.CBA_SERVICE_DECISION(5.0, 1.0, None, "Fee-based") == "Terminate or change"
    assert udfs.CBA_SERVICE_DECISION(4.0, 3.0, None, "Included in membership fee") == (
        "Make fee-based"
    )
    assert udfs.CBA_SERVICE_DECISION(5.0, 1.0, 7.0) == (
        "CBA_SERVICE_DECISION: rating must be from 1 to 5, got '7'"
    )
    out = udfs.CBA_SERVICE_DECISIONS(
        col(5.0, 5.0), col(5.0, 1.0), col(None, None), col("Fee-based", "Subsidised")
    )
    assert out == [["Keep; already fee-based"], ["Terminate or make fee-based"]]


def test_smart_says_what_is_missing_in_words() -> None:
    assert udfs.CBA_SMART("Improve visibility", None, None, None, None) == (
        "Missing: a number, an owner, a deadline, an action word instead of 'improve'"
    )
    smart = udfs.CBA_SMART("Grow to 60 members", "Members", 60.0, "Anna", dt.datetime(2026, 6, 30))
    assert smart == "SMART"


def test_smart_deadline_must_follow_the_plan_start() -> None:
    early = udfs.CBA_SMART("Win 5 members", "Members", 5.0, "Anna", dt.datetime(2024, 1, 1), START)
    assert early == "Missing: a deadline after the plan start"


def test_smart_empty_row_is_empty_and_a_bad_date_is_named() -> None:
    assert udfs.CBA_SMART(None, None, None, None, None) == ""
    assert udfs.CBA_SMART("Win 5", "x", 5.0, "Anna", "31.13.2025") == (
        "CBA_SMART: deadline must be a date (e.g. 31.12.2025), got '31.13.2025'"
    )


def test_smarts_column() -> None:
    out = udfs.CBA_SMARTS(
        col("Grow to 60 members", None),
        col("Members", None),
        col(60.0, None),
        col("Anna", None),
        col(dt.datetime(2026, 6, 30), None),
        START,
    )
    assert out == [["SMART"], [""]]


def test_raci_row_mirrors_the_workbook_check_column() -> None:
    assert udfs.CBA_RACI([["R", "A", None, "C"]]) == "OK"
    assert udfs.CBA_RACI([["R", "A/C", "A", None]]) == "Needs exactly one A"
    assert udfs.CBA_RACI([["A", None]]) == "Needs an R"  # nobody is marked for the work
    assert udfs.CBA_RACI([["R/A", None]]) == "OK"  # the accountable person does the work
    assert udfs.CBA_RACI([["R", "C"]], "Website") == "Needs exactly one A"
    assert udfs.CBA_RACI([["R", "C"]], None) == ""  # deliverable given, but its cell is empty
    assert udfs.CBA_RACI([["R", "X"]]) == (
        "CBA_RACI: roles must be R, A, C, I or a combination such as A/C, got 'X'"
    )


def test_racis_one_check_per_deliverable() -> None:
    out = udfs.CBA_RACIS(col("Survey", None, "Launch"), [["A", "R"], [None, None], ["R", "C"]])
    assert out == [["OK"], [""], ["Needs exactly one A"]]


def test_due_date_from_a_date_or_from_days() -> None:
    assert udfs.CBA_DUE(dt.datetime(2025, 3, 1), 10.0, START) == dt.date(2025, 3, 1)
    assert udfs.CBA_DUE(None, 30.0, START) == dt.date(2025, 2, 5)
    assert udfs.CBA_DUE(None, 30.0, 45663.0) == dt.date(2025, 2, 5)  # a date cell as a serial
    assert udfs.CBA_DUE(None, None, START) == ""
    assert udfs.CBA_DUE(None, "abc", START) == "CBA_DUE: days must be a whole number, got 'abc'"
    assert udfs.CBA_DUES(col(None, dt.datetime(2025, 3, 1)), col(30.0, None), START) == [
        [dt.date(2025, 2, 5)],
        [dt.date(2025, 3, 1)],
    ]
    # Template 1.1 has no days column: the argument is left empty.
    assert udfs.CBA_DUES(col(None, dt.datetime(2025, 3, 1)), None, START) == [
        [""],
        [dt.date(2025, 3, 1)],
    ]


PLAN_STEPS = col(1.0, 2.0, 3.0, 4.0)
PLAN_DURATIONS = col(5.0, 3.0, 10.0, None)
PLAN_AFTER = col(None, 1.0, "1", None)  # step 4 is an empty template row


def test_critical_path_spills_the_chain_of_critical_steps() -> None:
    assert udfs.CBA_CRITICAL_PATH(PLAN_STEPS, PLAN_DURATIONS, PLAN_AFTER) == [[1], [3]]


def test_critical_column_marks_rows_and_leaves_empty_rows_empty() -> None:
    out = udfs.CBA_CRITICAL(PLAN_STEPS, PLAN_DURATIONS, PLAN_AFTER)
    assert out == [["Yes"], [""], ["Yes"], [""]]


def test_critical_path_reports_a_loop() -> None:
    out = udfs.CBA_CRITICAL_PATH(col(1.0, 2.0), col(5.0, 3.0), col("2", 1.0))
    assert out == "CBA_CRITICAL_PATH: the steps depend on each other in a loop (1 → 2 → 1)"
    flags = udfs.CBA_CRITICAL(col(1.0, 2.0), col(5.0, 3.0), col("2", 1.0))
    assert flags == [["In a cycle"], ["In a cycle"]]


def test_critical_path_counts_days_from_dates() -> None:
    out = udfs.CBA_CRITICAL_PATH(
        col(1.0, 2.0, 3.0),
        col(None, None, None),
        col(None, "1", None),
        col(dt.datetime(2025, 2, 5), None, None),
        col(None, 60.0, 10.0),
        START,
    )
    assert out == [[1], [2]]


def test_top_challenges_one_row_per_participant_ranked_left_to_right() -> None:
    picks = [
        ["Digitalization", "service innovation", None],
        ["Digitalization", "Financial sustainability", "Service innovation"],
        ["Financial sustainability", None, None],
    ]
    # Financial sustainability and Service innovation both have 2 picks; rank points decide
    # (rank 1 + rank 2 = 5 points against rank 2 + rank 3 = 3).
    assert udfs.CBA_TOP_CHALLENGES(picks, 2.0) == [
        ["Digitalization"],
        ["Financial sustainability"],
    ]
    assert udfs.CBA_TOP_CHALLENGES(picks) == [
        ["Digitalization"],
        ["Financial sustainability"],
        ["Service innovation"],
    ]
    assert udfs.CBA_TOP_CHALLENGES(picks, 0.0) == (
        "CBA_TOP_CHALLENGES: n must be from 1 to 10, got '0'"
    )


# --- Template 2.1's strategy review -------------------------------------------------------


def test_trend_radar_places_a_trend_as_the_trends_sheet_does() -> None:
    assert udfs.CBA_TREND_RADAR(5.0, 2.0) == vocab.TREND_ACT == "Act: build competence"
    assert udfs.CBA_TREND_RADAR(4.0, 3.0) == vocab.TREND_USE  # high influence: 4 counts
    assert udfs.CBA_TREND_RADAR(3.0, 4.0) == vocab.TREND_REVIEW
    assert udfs.CBA_TREND_RADAR(3.0, 3.0) == vocab.TREND_WATCH
    assert udfs.CBA_TREND_RADAR(None, 3.0) == udfs.CBA_TREND_RADAR(5.0, None) == ""
    assert udfs.CBA_TREND_RADAR(6.0, 2.0) == (
        "CBA_TREND_RADAR: influence must be from 1 to 5, got '6'"
    )
    assert udfs.CBA_TREND_RADAR(5.0, "high") == (
        "CBA_TREND_RADAR: competence must be a whole number, got 'high'"
    )


def test_trend_radar_is_what_the_check_calls_pressing() -> None:
    from cba_xl.core.models import Trend
    from cba_xl.core.rules.trends import is_pressing

    for i in range(1, 6):
        for c in range(1, 6):
            pressing = is_pressing(Trend(influence=i, competence=c))
            assert (udfs.CBA_TREND_RADAR(float(i), float(c)) == vocab.TREND_ACT) is pressing


def test_trend_radars_column_keeps_a_typo_in_its_row() -> None:
    out = udfs.CBA_TREND_RADARS(col(5.0, 2.0, None, "x"), col(1.0, 5.0, 3.0, 2.0))
    assert out == [
        [vocab.TREND_ACT],
        [vocab.TREND_REVIEW],
        [""],
        ["CBA_TREND_RADARS: row 4: influence must be a whole number, got 'x'"],
    ]


def test_need_priorities_rank_by_relevance_ties_in_the_order_listed() -> None:
    out = udfs.CBA_NEED_PRIORITIES(col(3.0, 5.0, None, 3.0, 5.0, "4"))
    assert out == [[4], [1], [""], [5], [2], [3]]


def test_need_priorities_leave_a_bad_relevance_out_of_the_ranking() -> None:
    # As the check reads it: a relevance of 9 is an error, and the need has no priority.
    out = udfs.CBA_NEED_PRIORITIES(col(2.0, 9.0, 4.0))
    assert out == [[2], ["CBA_NEED_PRIORITIES: row 2: relevance must be from 1 to 5, got '9'"], [1]]


def test_need_served_names_a_gap_and_a_service_not_listed() -> None:
    listed = col("Matchmaking events", None, "Trade missions")
    assert udfs.CBA_NEED_SERVED("Partners abroad", " trade  MISSIONS", listed) == "Served"
    assert udfs.CBA_NEED_SERVED("Partners abroad", None, listed) == "Gap"
    assert udfs.CBA_NEED_SERVED("Partners abroad", "Fairs", listed) == "Not a listed service"
    assert udfs.CBA_NEED_SERVED(None, "Trade missions", listed) == ""
    out = udfs.CBA_NEEDS_SERVED(
        col("Funding", None, "Skills"), col("Grants desk", None, None), listed
    )
    assert out == [["Not a listed service"], [""], ["Gap"]]


def test_need_served_is_the_checks_gap() -> None:
    """A relevant need the function calls a Gap is the check's needs.gap, one it calls Not a
    listed service is needs.unknown-service, a Served one has no finding."""
    from cba_xl.core.models import Homework, Need, Service
    from cba_xl.core.rules.needs import check_needs

    services = [Service(service="Trade missions")]
    expected = {"": "needs.gap", "Grants desk": "needs.unknown-service", "trade missions": None}
    for service, code in expected.items():
        need = Need(member="A firm", need="Partners abroad", relevance=5, service=service)
        codes = [f.code for f in check_needs(Homework(needs=[need], services=services))]
        assert codes == ([code] if code else [])
        served = udfs.CBA_NEED_SERVED(need.need, service or None, col("Trade missions"))
        assert served == {None: "Served", "needs.gap": "Gap"}.get(code, "Not a listed service")


def test_competence_gap_is_target_minus_current() -> None:
    assert udfs.CBA_COMPETENCE_GAP(2.0, 4.0) == 2
    assert udfs.CBA_COMPETENCE_GAP(4.0, 4.0) == 0  # no gap is 0, not empty
    assert udfs.CBA_COMPETENCE_GAP(5.0, 2.0) == -3  # the target below today's level
    assert udfs.CBA_COMPETENCE_GAP(None, 4.0) == udfs.CBA_COMPETENCE_GAP(2.0, None) == ""
    assert udfs.CBA_COMPETENCE_GAP(2.5, 4.0) == (
        "CBA_COMPETENCE_GAP: current must be a whole number, got '2.5'"
    )
    assert udfs.CBA_COMPETENCE_GAPS(col(1.0, 3.0, None), col(3.0, "x", None)) == [
        [2],
        ["CBA_COMPETENCE_GAPS: row 2: target must be a whole number, got 'x'"],
        [""],
    ]


def test_words_count_as_the_vision_sheet_counts_them() -> None:
    assert udfs.CBA_WORDS("We connect ocean tech firms,\nresearch and  the region") == 9
    assert udfs.CBA_WORDS("  ") == udfs.CBA_WORDS(None) == ""
    assert udfs.CBA_WORDS(2030.0) == 1


def test_mission_too_long_is_the_checks_mission_long() -> None:
    from cba_xl.core.models import Homework, VisionMission
    from cba_xl.core.rules.vision import MISSION_WORD_LIMIT, check_vision

    for n in (0, MISSION_WORD_LIMIT, MISSION_WORD_LIMIT + 1):
        mission = " ".join(["word"] * n)
        hw = Homework(vision=VisionMission(vision="A vision", mission=mission))
        warned = any(f.code == "vision.mission-long" for f in check_vision(hw))
        assert udfs.CBA_MISSION_TOO_LONG(mission or None) is warned, n
    assert warned  # the last one is too long
    help_text = " ".join((udfs.CBA_MISSION_TOO_LONG.__doc__ or "").split())
    assert f"(more than {MISSION_WORD_LIMIT})" in help_text  # the wizard names the rule's limit


def test_findings_counts_what_cba_xl_check_reports(tmp_path: Path) -> None:
    path = api.write_homework(tmp_path / "hw.xlsx", demo_cohort()[0])
    expected = count_by_severity(api.check(path).findings)
    book = FileBook(path)
    assert udfs._findings(book, None) == sum(expected.values())
    assert udfs._findings(book, "Error") == expected["error"]
    assert udfs._findings(book, "warning") == expected["warning"]


def caller_in(path: Path) -> object:
    """What xlwings passes as `caller`: the calling cell, with .sheet.book.fullname."""
    book = SimpleNamespace(fullname=str(path))
    return SimpleNamespace(sheet=SimpleNamespace(book=book))


def test_findings_through_the_caller_argument(tmp_path: Path) -> None:
    path = api.write_homework(tmp_path / "hw.xlsx", demo_cohort()[0])
    assert udfs.CBA_FINDINGS(caller_in(path), None) == len(api.check(path).findings)
    assert udfs.CBA_FINDINGS(caller_in(path), "fatal") == (
        "CBA_FINDINGS: severity must be one of error, warning, info, got 'fatal'"
    )


def test_an_unreadable_workbook_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook")
    out = udfs.CBA_FINDINGS(caller_in(bad), None)
    assert isinstance(out, str)
    assert out.startswith("CBA_FINDINGS: ")
    assert "Traceback" not in out


@pytest.mark.parametrize("name", [n for n in dir(udfs) if n.startswith("CBA_")])
def test_every_function_is_documented_with_an_example_excel_shows_whole(name: str) -> None:
    doc = getattr(udfs, name).__doc__ or ""
    assert "Example" in doc
    assert f"{name}(" in doc
    assert len(doc) <= 255  # Excel's function wizard (MacroOptions) takes 255 characters


def test_findings_of_a_workbook_never_saved_asks_to_save(tmp_path: Path) -> None:
    out = udfs.CBA_FINDINGS(caller_in(tmp_path / "Book1"), None)
    assert (
        out
        == f"CBA_FINDINGS: {tmp_path / 'Book1'}: not saved yet: save the workbook, then recalculate"
    )


def test_the_readme_lists_every_function_with_its_arguments() -> None:
    import inspect
    import re

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    listed = dict(re.findall(r"^\| `(CBA_\w+)\(([^)]*)\)` \|", readme, flags=re.MULTILINE))
    names = [n for n in dir(udfs) if n.startswith("CBA_")]
    assert sorted(listed) == names
    for name in names:
        params = [p for p in inspect.signature(getattr(udfs, name)).parameters if p != "caller"]
        assert [a.strip(" []") for a in listed[name].split(",") if a.strip()] == params, name
