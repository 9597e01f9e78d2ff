"""The breakout room of each submission, as a cohort workbook written by `consolidate` decided
it: the room is the trainer's decision (and its seed), so feedback reads it, never recomputes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import python_calamine as calamine

from cba_xl.cohort import tables as tb
from cba_xl.cohort.workbook_out import NOTE_ROWS, PARTICIPANTS, ROOMS
from cba_xl.errors import CbaError
from cba_xl.files import is_cohort_workbook


def _sheet(cohort: Path, name: str) -> list[list[Any]]:
    if not is_cohort_workbook(cohort):
        raise CbaError(f"{cohort}: not a cohort workbook made by cba-xl consolidate")
    try:
        book = calamine.CalamineWorkbook.from_path(str(cohort))
        rows: list[list[Any]] = book.get_sheet_by_name(name).to_python()
    except Exception as exc:  # calamine's own errors carry no common base class
        raise CbaError(f"{cohort}: its '{name}' sheet cannot be read ({exc})") from exc
    return rows


def roster_people_by_sha(cohort: Path) -> dict[str, tuple[str, str]]:
    """SHA-256 of each submission the roster matched -> (name, e-mail) on the roster, as the
    Participants sheet of a `consolidate --roster` run has them; empty without a roster."""
    rows = _sheet(cohort, PARTICIPANTS)
    header = [c.header for c in tb.PARTICIPANTS_COLUMNS]
    name, email, sha = (header.index(h) for h in ("Name (roster)", "E-mail (roster)", "SHA-256"))
    out: dict[str, tuple[str, str]] = {}
    for row in rows[NOTE_ROWS + 1 :]:
        if len(row) > sha and row[sha] and (row[name] or row[email]):
            out[str(row[sha])] = (str(row[name] or "").strip(), str(row[email] or "").strip())
    return out


def rooms_by_sha(cohort: Path) -> dict[str, str]:
    """SHA-256 of each consolidated workbook -> 'Room 2: Financial sustainability'."""
    rows = _sheet(cohort, ROOMS)
    header = [c.header for c in tb.ROOMS_COLUMNS]
    room, theme, sha = (header.index(h) for h in ("Room", "Challenge theme", "SHA-256"))
    out: dict[str, str] = {}
    for row in rows[NOTE_ROWS + 1 :]:
        if len(row) > sha and row[sha]:
            number = row[room]
            label = f"{int(number)}" if isinstance(number, float) else str(number)
            out[str(row[sha])] = f"Room {label}: {row[theme]}"
    return out
