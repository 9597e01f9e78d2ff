"""`cba-xl feedback`: a page per participant and a mail-merge file a trainer can send as it is."""

from __future__ import annotations

import copy
import csv
from pathlib import Path

import pytest

from cba_xl import api
from cba_xl.cli.main import main
from cba_xl.core.findings import Severity
from cba_xl.sample import demo_cohort


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Three participants (one with planted mistakes, one with hostile text) and a broken file."""
    cohort = demo_cohort()
    hostile = copy.deepcopy(cohort[0])
    hostile.profile.cluster_name = '=HYPERLINK("http://x.example","y") <b>&</b>'
    hostile.profile.manager_name = "@SUM(1)"
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name, hw in (("a.xlsx", hostile), ("b.xlsx", cohort[7]), ("c.xlsx", cohort[12])):
        api.write_homework(inbox / name, hw)
    (inbox / "broken.xlsx").write_bytes(b"not a workbook")
    return inbox


def test_pages_and_mail_merge_for_a_folder(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "feedback"
    assert main(["feedback", str(folder), "-o", str(out)]) == 1  # one file unusable
    printed = capsys.readouterr().out
    assert "broken.xlsx: error:" in printed
    assert sorted(p.name for p in out.iterdir()) == ["a.html", "b.html", "c.html", "mail-merge.csv"]

    raw = (out / "mail-merge.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw  # Excel's and Outlook's UTF-8 CSV
    with (out / "mail-merge.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["file"] for r in rows] == ["a.xlsx", "b.xlsx", "c.xlsx"]
    assert list(rows[0]) == [
        "name",
        "email",
        "cluster",
        "errors",
        "warnings",
        "room",
        "file",
        "page",
    ]
    # Text that a spreadsheet would run as a formula is neutralised (OWASP).
    assert rows[0]["cluster"].startswith("'=HYPERLINK(") and rows[0]["name"] == "'@SUM(1)"
    for row in rows:
        result = api.check(folder / row["file"])
        errors = sum(f.severity is Severity.ERROR for f in result.findings)
        warnings = sum(f.severity is Severity.WARNING for f in result.findings)
        assert (int(row["errors"]), int(row["warnings"])) == (errors, warnings)
        assert row["room"] == ""  # no cohort given: rooms are the trainer's decision

    page = (out / "b.html").read_text(encoding="utf-8")
    assert "Fix first" in page and "(cell D9)" in page  # 008's RACI row with two A's
    plan = "Your plan: Five steps, done by 17 July 2025; one step has a deadline before the plan"
    assert plan + " start." in page
    hostile = (out / "a.html").read_text(encoding="utf-8")
    assert "<b>&</b>" not in hostile and "&lt;b&gt;&amp;&lt;/b&gt;" in hostile
    # demo 001's costly fee service, and its short-term change whose steps end after 6 months
    assert "Nothing to fix; 2 points worth a look" in hostile


def test_rooms_come_from_the_cohort_workbook(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "broken.xlsx").unlink()
    cohort = tmp_path / "cohort.xlsx"
    assert main(["consolidate", str(folder), "-o", str(cohort), "--seed", "7"]) in (0, 1)
    out = tmp_path / "feedback"
    assert main(["feedback", str(folder), "-o", str(out), "--cohort", str(cohort), "-q"]) == 0
    capsys.readouterr()
    with (out / "mail-merge.csv").open(encoding="utf-8-sig", newline="") as f:
        rooms = [r["room"] for r in csv.DictReader(f)]
    assert all(r.startswith("Room ") for r in rooms), rooms
    assert "Your breakout room: <strong>Room " in (out / "a.html").read_text(encoding="utf-8")


def test_nothing_is_replaced_without_force_and_nothing_half_written(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "feedback"
    out.mkdir()
    (out / "b.html").write_text("the trainer's own notes", encoding="utf-8")
    assert main(["feedback", str(folder), "-o", str(out)]) == 2
    assert "exists" in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == ["b.html"]  # no other page, no mail merge
    assert (out / "b.html").read_text(encoding="utf-8") == "the trainer's own notes"
    assert main(["feedback", str(folder), "-o", str(out), "--force"]) == 1
    assert "Fix first" in (out / "b.html").read_text(encoding="utf-8")


def test_worker_processes_give_the_same_pages_as_one_process(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cba_xl.feedback import pages

    workbooks = sorted(folder.glob("*.xlsx"))
    serial = pages.write_feedback(workbooks, tmp_path / "one", jobs=1)
    monkeypatch.setattr(pages, "PER_BATCH", 1)  # three files are enough for the pool
    pooled = pages.write_feedback(workbooks, tmp_path / "pool", jobs=2)
    assert [p.name for p in pooled.pages] == [p.name for p in serial.pages]
    for a, b in zip(serial.pages, pooled.pages, strict=True):
        assert a.read_bytes() == b.read_bytes()
    assert (tmp_path / "one" / "mail-merge.csv").read_bytes() == (
        tmp_path / "pool" / "mail-merge.csv"
    ).read_bytes()
    assert [path.name for path, _ in pooled.unusable] == ["broken.xlsx"]


def test_names_and_e_mails_come_from_the_roster_when_consolidate_had_one(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "broken.xlsx").unlink()
    demo = demo_cohort()
    roster = tmp_path / "people.csv"
    # The roster spells b's manager in full and has c's current address; a is not on it.
    b, c = demo[7].profile, demo[12].profile
    roster.write_text(
        "Name;E-mail;Cluster\n"
        f"Dr. {b.manager_name};{b.manager_email};{b.cluster_name}\n"
        f"{c.manager_name};new.address@example.org;{c.cluster_name}\n",
        encoding="utf-8",
    )
    cohort = tmp_path / "cohort.xlsx"
    assert main(["consolidate", str(folder), "-o", str(cohort), "--roster", str(roster)]) in (0, 1)
    out = tmp_path / "feedback"
    assert main(["feedback", str(folder), "-o", str(out), "--cohort", str(cohort), "-q"]) == 0
    capsys.readouterr()
    with (out / "mail-merge.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = {r["file"]: r for r in csv.DictReader(f)}
    assert (rows["b.xlsx"]["name"], rows["b.xlsx"]["email"]) == (
        f"Dr. {b.manager_name}",
        b.manager_email,
    )
    assert rows["c.xlsx"]["email"] == "new.address@example.org"
    # Not on the roster: the Profile's name and address, the name neutralised as before.
    assert rows["a.xlsx"]["name"] == "'@SUM(1)"
    assert rows["a.xlsx"]["email"] == demo[0].profile.manager_email
    assert f"Dr. {b.manager_name}" in (out / "b.html").read_text(encoding="utf-8")
