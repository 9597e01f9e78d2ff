"""What `make demo` (`cba-xl demo`) shows a trainer: a resubmission dated no later than the demo
itself, rooms seated by preference, and a rooms sheet whose Sheet and Cell point at the note
they quote. One demo run for the module: it takes half a minute."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from cba_xl.cli.main import main


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dt.datetime]]:
    folder = tmp_path_factory.mktemp("demo") / "out"
    assert main(["demo", str(folder), "--quiet"]) == 0
    yield folder, dt.datetime.now(dt.UTC)


def _table(folder: Path, sheet: str, first: str) -> list[dict[str, Any]]:
    """The rows of `sheet`'s list in the cohort workbook, by header (its header row is the one
    that starts with `first`)."""
    ws = openpyxl.load_workbook(folder / "cohort.xlsx")[sheet]
    rows = list(ws.iter_rows(values_only=True))
    at = next(i for i, r in enumerate(rows) if r and r[0] == first)
    header = rows[at]
    return [dict(zip(header, r, strict=True)) for r in rows[at + 1 :] if any(r)]


@pytest.mark.parametrize(
    ("sheet", "first"), [("Participants", "File"), ("Versions", "Participant")]
)
def test_no_time_the_demo_shows_lies_in_the_future(
    demo: tuple[Path, dt.datetime], sheet: str, first: str
) -> None:
    folder, done = demo
    rows = _table(folder, sheet, first)
    saved = [r["Saved in Excel"] for r in rows if r.get("Saved in Excel")]
    modified = [r["File modified"] for r in rows if r.get("File modified")]
    assert saved and modified
    # Saved in Excel is UTC (the document properties); File modified is the machine's time.
    assert max(saved) <= done.replace(tzinfo=None)
    assert max(modified) <= dt.datetime.now()


def test_the_resubmission_is_newer_by_its_saved_in_excel_time(
    demo: tuple[Path, dt.datetime],
) -> None:
    folder, _ = demo
    versions = [r for r in _table(folder, "Versions", "Participant") if r["Of"] == 2]
    first, second = sorted(versions, key=lambda r: r["Version"])
    assert (first["Consolidated"], second["Consolidated"]) == ("No", "Yes")
    assert second["Saved in Excel"] > first["Saved in Excel"]
    assert first["File modified"] < second["File modified"]


def test_the_demo_seats_everyone_in_a_room_they_picked(demo: tuple[Path, dt.datetime]) -> None:
    folder, _ = demo
    rows = _table(folder, "Breakout rooms", "Room")
    assert len(rows) == 14
    assert {r["Picked this theme"] for r in rows} == {"Yes"}


def test_each_room_row_points_at_the_cell_that_holds_its_note(
    demo: tuple[Path, dt.datetime],
) -> None:
    folder, _ = demo
    rows = _table(folder, "Breakout rooms", "Room")
    books: dict[str, Any] = {}
    for r in rows:
        book = books.setdefault(r["File"], openpyxl.load_workbook(Path(r["File"])))
        assert r["Sheet"] == "Challenges", r
        held = book[r["Sheet"]][r["Cell"]].value
        assert (held or "").strip() == (r["Their note on it (room brief)"] or ""), r
    assert all(r["Their note on it (room brief)"] for r in rows)
