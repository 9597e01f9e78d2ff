"""`consolidate --rooms-by preference`: the rooms sheet and deck with names, picks and briefs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pptx import Presentation

from cba_xl import api
from cba_xl.cli.main import main
from cba_xl.sample import demo_cohort


def _sheet(path: Path, name: str) -> list[dict[str, Any]]:
    ws = openpyxl.load_workbook(path)[name]
    (table,) = ws.tables.values()
    cells = list(ws[table.ref])
    header = [str(c.value) for c in cells[0]]
    return [dict(zip(header, (c.value for c in r), strict=True)) for r in cells[1:]]


@pytest.fixture(scope="module")
def inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("rooms")
    for i, hw in enumerate(demo_cohort(), start=1):
        api.write_homework(root / f"{i:02d}.xlsx", hw)
    return root


def _run(inbox: Path, out: Path, *extra: str, capsys: pytest.CaptureFixture[str]) -> Any:
    code = main(["consolidate", str(inbox), "-o", str(out), "--format", "json", *extra])
    assert code in (0, 1)
    return json.loads(capsys.readouterr().out)


def test_preference_puts_more_people_in_a_room_they_picked_than_chance(
    inbox: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    by_chance = _run(inbox, tmp_path / "r.xlsx", "--seed", "3", capsys=capsys)["rooms"]
    data = _run(
        inbox, tmp_path / "p.xlsx", "--rooms-by", "preference", "--seed", "3", capsys=capsys
    )
    rooms = data["rooms"]
    assert rooms["by"] == "preference" and rooms["participants"] == 14
    # Every demo participant ranked three challenges and the five rooms are the most picked,
    # so each can sit in one they picked (the rule's tests show no balanced assignment does
    # better in general).
    assert rooms["in_a_room_they_picked"] == 14 > by_chance["in_a_room_they_picked"]
    rows = _sheet(tmp_path / "p.xlsx", "Breakout rooms")
    assert sum(r["Picked this theme"] == "Yes" for r in rows) == 14
    sizes = [sum(r["Room"] == n for r in rows) for n in range(1, 6)]
    assert max(sizes) - min(sizes) <= 1
    managers = {hw.profile.manager_name for hw in demo_cohort()}
    assert {r["Manager"] for r in rows} == managers
    # The room brief is each member's own note on the room's challenge.
    notes = {
        (hw.profile.manager_name, c.theme): c.note for hw in demo_cohort() for c in hw.challenges
    }
    assert all(
        r["Their note on it (room brief)"] == notes[(r["Manager"], r["Challenge theme"])]
        for r in rows
    )


def test_preference_rooms_are_the_same_for_the_same_seed(
    inbox: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def rooms(name: str, seed: str) -> list[tuple[Any, Any]]:
        _run(inbox, tmp_path / name, "--rooms-by", "preference", "--seed", seed, capsys=capsys)
        return sorted(
            (r["Room"], r["Participant"]) for r in _sheet(tmp_path / name, "Breakout rooms")
        )

    first = rooms("a.xlsx", "5")
    assert first == rooms("b.xlsx", "5")
    assert any(rooms(f"s{s}.xlsx", str(s)) != first for s in range(6, 9))


def test_rooms_slide_names_managers_and_each_room_gets_a_brief(
    inbox: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = tmp_path / "c.pptx"
    _run(inbox, tmp_path / "c.xlsx", "--deck", str(deck), "--rooms-by", "preference",
         capsys=capsys)  # fmt: skip
    texts = [
        "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
        + "\n".join(
            c.text for s in slide.shapes if s.has_table for r in s.table.rows for c in r.cells
        )
        for slide in Presentation(str(deck)).slides
    ]
    rooms = next(t for t in texts if "breakout rooms, one per top challenge" in t)
    assert "all 14 participants sit in one they picked" in rooms
    assert all(hw.profile.manager_name in rooms for hw in demo_cohort())
    briefs = [t for t in texts if t.startswith("Breakout room ")]
    assert len(briefs) == 5
    assert all("Their note on this challenge" in t for t in briefs)


def test_pitch_groups_sheet_and_slide_give_the_reason_for_each_member(
    inbox: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = tmp_path / "c.pptx"
    data = _run(inbox, tmp_path / "c.xlsx", "--deck", str(deck), "--pitch-groups", "4",
                capsys=capsys)  # fmt: skip
    rows = _sheet(tmp_path / "c.xlsx", "Pitch groups")
    assert len(rows) == 14
    sizes = [sum(r["Group"] == g for r in rows) for g in range(1, 5)]
    assert sorted(sizes) == [3, 3, 4, 4]
    # The demo's 14 come from 14 countries: every group mixes them, and each reason says
    # whom the member shares a challenge with.
    for g in range(1, 5):
        assert len({r["Country"] for r in rows if r["Group"] == g}) == sizes[g - 1]
    for r in rows:
        assert r["Why in this group"].startswith("shares "), r
        for other in str(r["Shares a challenge with"]).split("; "):
            who = other.rsplit(" (", 1)[0]
            assert any(o["Participant"] == who and o["Group"] == r["Group"] for o in rows)
    assert [len(g) for g in data["pitch_groups"]] == [sizes[i] for i in range(4)]
    # Deterministic: the seed is for the rooms only.
    again = _run(inbox, tmp_path / "d.xlsx", "--pitch-groups", "4", "--seed", "99", capsys=capsys)
    assert again["pitch_groups"] == data["pitch_groups"]
    titles = [
        s.shapes.title.text for s in Presentation(str(deck)).slides if s.shapes.title is not None
    ]
    assert any(t.startswith("Four pitch groups of three to four people") for t in titles)
