"""`consolidate --roster`: submissions matched to the trainer's list of people.

The cohort: the demo's first twelve participants, one of them twice (a resubmission), one
workbook that cannot be read (named after its sender), one from someone not on the roster;
two demo people sent nothing, and a roster row (a name starting with '=') matches nobody.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import os
from pathlib import Path
from typing import Any

import openpyxl
import pytest

import cba_xl
from cba_xl import api
from cba_xl.cli.main import main
from cba_xl.cohort.roster_file import RosterError, fold, read_roster
from cba_xl.sample import demo_cohort

HEADER = "Name;E-mail;Cluster name"


def _roster_rows() -> list[tuple[str, str, str]]:
    rows = [
        (hw.profile.manager_name, hw.profile.manager_email, hw.profile.cluster_name)
        for hw in demo_cohort()
    ]
    # Lucía wrote no e-mail on the roster and her cluster without its accent: matched by cluster.
    rows[3] = (rows[3][0], "", "costa calida  TOURISM innovation cluster")
    # Petr's e-mail in other case and with spaces around it.
    rows[10] = (rows[10][0], " Petr.Novak@Moravian-Timber.EXAMPLE ", rows[10][2])
    rows.append(('=HYPERLINK("http://x")', "mallory@nowhere.example", "Phantom Cluster"))
    return rows


def _write_roster(path: Path, sep: str, encoding: str) -> Path:
    """As Excel saves a sheet: quoted where needed, CRLF line ends, and in Windows-1252 a
    character it lacks (the ș of Someș) saved as '?'."""
    text = io.StringIO()
    writer = csv.writer(text, delimiter=sep, lineterminator="\r\n")
    writer.writerow(HEADER.split(";"))
    writer.writerows(_roster_rows())
    path.write_bytes(text.getvalue().encode(encoding, "replace"))
    return path


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("roster") / "downloads"
    root.mkdir()
    demo = demo_cohort()
    for i, hw in enumerate(demo[:12], start=1):
        api.write_homework(root / f"{i:02d}.xlsx", hw)
    again = copy.deepcopy(demo[0])
    again.profile.members = (again.profile.members or 0) + 5
    newer = api.write_homework(root / "01 resubmitted.xlsx", again)
    os.utime(newer, (2_000_000_000, 2_000_000_000))
    # Andrei's workbook is broken: only its name says whose it is.
    (root / "Andrei Popescu homework.xlsx").write_bytes(b"not a workbook at all")
    stranger = copy.deepcopy(demo[1])
    stranger.profile.cluster_name = "Unlisted Cluster"
    stranger.profile.manager_email = "someone@unlisted.example"
    api.write_homework(root / "stranger.xlsx", stranger)
    return root


@pytest.fixture(scope="module")
def outcome(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("out")
    roster = _write_roster(out / "people.csv", ";", "utf-8-sig")
    summary = cba_xl.consolidate(
        [folder], out / "cohort.xlsx", deck=out / "cohort.pptx", roster=roster, jobs=2
    )
    return out, summary.as_json()


def test_missing_people_are_listed_by_name(outcome: tuple[Path, dict[str, Any]]) -> None:
    _, data = outcome
    demo = demo_cohort()
    assert [(m["name"], m["email"]) for m in data["missing"]] == [
        (demo[13].profile.manager_name, demo[13].profile.manager_email),
        ('=HYPERLINK("http://x")', "mallory@nowhere.example"),
    ]
    assert data["roster"]["people"] == 15
    assert data["roster"]["submitted"] == 12


def test_unusable_resubmitted_and_strangers_are_reported(
    outcome: tuple[Path, dict[str, Any]],
) -> None:
    _, data = outcome
    (bad,) = data["unusable"]
    assert bad["name"] == "Andrei Popescu"
    assert Path(bad["files"][0]).name == "Andrei Popescu homework.xlsx"
    (twice,) = data["resubmitted"]
    assert twice["name"] == "Anna Nowak"
    assert [Path(f).name for f in twice["kept"]] == ["01 resubmitted.xlsx"]
    assert [Path(f).name for f in twice["superseded"]] == ["01.xlsx"]
    (stranger,) = data["not_on_roster"]
    assert Path(stranger["file"]).name == "stranger.xlsx"
    assert stranger["cluster"] == "Unlisted Cluster"


def test_participants_sheet_carries_roster_names(outcome: tuple[Path, dict[str, Any]]) -> None:
    out, _ = outcome
    ws = openpyxl.load_workbook(out / "cohort.xlsx")["Participants"]
    (table,) = ws.tables.values()
    cells = list(ws[table.ref])
    header = [str(c.value) for c in cells[0]]
    rows = [dict(zip(header, (c.value for c in r), strict=True)) for r in cells[1:]]
    by_file = {Path(str(r["File"])).name: r for r in rows if r["File"]}
    lucia = by_file["04.xlsx"]
    assert lucia["Name (roster)"] == "Lucía Martín" and lucia["Roster match"] == "cluster name"
    petr = by_file["11.xlsx"]
    assert petr["Roster match"] == "e-mail"
    assert petr["E-mail (roster)"] == "Petr.Novak@Moravian-Timber.EXAMPLE"
    assert by_file["stranger.xlsx"]["Roster match"] == "not on the roster"
    assert by_file["Andrei Popescu homework.xlsx"]["Roster match"] == "file name"
    assert by_file["01.xlsx"]["Status"] == "superseded"
    missing = [r for r in rows if r["Status"] == "not submitted"]
    assert [r["Name (roster)"] for r in missing] == ["Siobhán Kelly", '=HYPERLINK("http://x")']
    # A roster name starting with '=' is text, not a formula.
    cell = next(c for r in cells for c in r if c.value == '=HYPERLINK("http://x")')
    assert cell.data_type == "s"


def test_summary_sheet_counts_the_roster(outcome: tuple[Path, dict[str, Any]]) -> None:
    out, _ = outcome
    ws = openpyxl.load_workbook(out / "cohort.xlsx")["Summary"]
    counts = {r[0]: r[1] for r in ws.iter_rows(min_col=1, max_col=2, values_only=True) if r[0]}
    assert counts["People on the roster"] == 15
    assert counts["People on the roster who submitted"] == 12
    assert counts["People on the roster who have not submitted"] == 2
    assert counts["People on the roster with an unusable workbook"] == 1
    assert counts["People on the roster who submitted more than once"] == 1
    assert counts["Files matching nobody on the roster"] == 1


def test_deck_says_how_many_of_the_roster_submitted(outcome: tuple[Path, dict[str, Any]]) -> None:
    from pptx import Presentation

    out, _ = outcome
    slide = Presentation(str(out / "cohort.pptx")).slides[1]
    title = slide.shapes.title.text
    assert title.startswith("12 of 15 people on the roster have submitted"), title
    notes = slide.notes_slide.notes_text_frame.text
    assert "Not submitted: Siobhán Kelly" in notes


def test_text_summary_lists_everyone_to_chase(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = _write_roster(tmp_path / "people.csv", ",", "cp1252")
    out_file = str(tmp_path / "c.xlsx")
    code = main(
        ["consolidate", str(folder), "-o", out_file, "--roster", str(roster), "--jobs", "2"]
    )
    out = capsys.readouterr().out
    assert code == 1  # a rejected file
    assert "roster: 12 of 15 people submitted" in out
    assert "not submitted: 2" in out and "Siobhán Kelly <siobhan.kelly@" in out
    assert "workbook unusable: 1" in out and "Andrei Popescu:" in out
    assert (
        "submitted more than once: 1" in out
        and "Anna Nowak: 01 resubmitted.xlsx kept, 01.xlsx superseded" in out
    )
    assert "not on the roster: 1" in out and "stranger.xlsx (Unlisted Cluster" in out


@pytest.mark.parametrize(
    ("sep", "encoding"), [(";", "utf-8-sig"), (",", "utf-8"), (",", "cp1252"), (";", "cp1252")]
)
def test_excel_csv_flavours_read_alike(tmp_path: Path, sep: str, encoding: str) -> None:
    people = read_roster(_write_roster(tmp_path / "p.csv", sep, encoding))
    assert [(p.name, p.email, p.cluster) for p in people] == [
        tuple(" ".join(c.encode(encoding, "replace").decode(encoding).split()) for c in r)
        for r in _roster_rows()
    ]
    assert people[13].name == "Siobhán Kelly" and people[0].row == 2


def test_header_names_are_forgiving(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("First name,Last name,Email Address,Cluster\nAnna,Nowak,a@b.eu,Odra\n")
    (p,) = read_roster(path)
    assert (p.name, p.email, p.cluster) == ("Anna Nowak", "a@b.eu", "Odra")


def test_matching_forgives_case_spaces_and_accents() -> None:
    assert fold("  Costa Cálida-Tourism ") == fold("costa calida tourism")
    assert fold("Someș") == fold("SOMES")
    assert fold("Anna") != fold("Anne")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "people.csv: no such roster file"),
        (b"PK\x03\x04rest", "people.csv: is an Excel workbook, not a CSV file"),
        (b"Name;Phone\nAnna;123\n", "people.csv: row 1: has no e-mail and no cluster column"),
        (
            b"Name;E-mail\nAnna;a@b.eu\nBob;x@y.eu\nAnne;A@B.EU\n",
            "people.csv: row 4: e-mail A@B.EU is also on row 2",
        ),
        (b"\x00\x01\x02", "people.csv: is not a CSV text file"),
        (b"", "people.csv: is empty"),
    ],
)
def test_unreadable_roster_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None, message: str
) -> None:
    roster = tmp_path / "people.csv"
    if content is not None:
        roster.write_bytes(content)
    with pytest.raises(RosterError, match=r"people\.csv"):
        read_roster(roster)
    (tmp_path / "in").mkdir()
    code = main(
        [
            "consolidate",
            str(tmp_path / "in"),
            "-o",
            str(tmp_path / "c.xlsx"),
            "--roster",
            str(roster),
        ]
    )
    err = capsys.readouterr().err
    assert code == 2
    (line,) = err.strip().splitlines()
    assert message in line and "Traceback" not in err
    assert not (tmp_path / "c.xlsx").exists()


def test_emails_differing_in_a_dot_are_two_people(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("Name,E-mail\nA,a.b@x.eu\nB,ab@x.eu\nC, A.B@X.EU \n")
    with pytest.raises(RosterError, match=r"row 4: e-mail A\.B@X\.EU is also on row 2"):
        read_roster(path)


def test_a_roster_among_the_downloads_is_not_a_rejected_file(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    api.write_homework(inputs / "one.xlsx", demo_cohort()[0])
    roster = _write_roster(inputs / "people.csv", ";", "utf-8-sig")
    code = main(["consolidate", str(inputs), "-o", str(tmp_path / "c.xlsx"), "--roster",
                 str(roster), "--format", "json", "--jobs", "1"])  # fmt: skip
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["rejected"] == []
    assert data["skipped"] == [{"file": str(roster), "reason": "the roster given with --roster"}]
    assert data["roster"]["submitted"] == 1
