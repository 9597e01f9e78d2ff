"""`consolidate --session-decks DIR`: the decks of the academy's three days."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from pptx import Presentation

import cba_xl
from cba_xl import api
from cba_xl.cli.main import main
from cba_xl.sample import demo_cohort


@pytest.fixture(scope="module")
def days(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[list[str]]]:
    root = tmp_path_factory.mktemp("sessions")
    for i, hw in enumerate(demo_cohort()[:6], start=1):
        api.write_homework(root / "in" / f"{i}.xlsx", hw)
    summary = cba_xl.consolidate(
        [root / "in"], root / "c.xlsx", session_decks=root / "days", pitch_groups=3
    )
    return root, summary.pitch


def _kickers(deck: Path) -> list[str]:
    out = []
    for slide in Presentation(str(deck)).slides:
        kicker = next((s.text_frame.text for s in slide.shapes if s.name == "Kicker"), "")
        out.append(kicker)
    return out


def test_day1_is_every_profile_day2_the_canvases_day3_the_plans_by_pitch_group(
    days: tuple[Path, list[list[str]]],
) -> None:
    root, groups = days
    clusters = sorted(hw.cluster for hw in demo_cohort()[:6])
    day1 = _kickers(root / "days" / "day1-introductions.pptx")[1:]  # after the title slide
    assert day1 == [f"{c} · Cluster profile" for c in clusters]
    day2 = [k for k in _kickers(root / "days" / "day2-canvases.pptx")[1:] if " · " in k]
    today = [k for k in day2 if k.endswith("Canvas I")]
    assert today == [f"{c} · Business Model Canvas I" for c in clusters]
    later = day2[day2.index(today[-1]) + 2 :]  # past the section slide
    assert later[:2] == [f"{clusters[0]} · Business Model Canvas II",
                         f"{clusters[0]} · Business model changes"]  # fmt: skip
    assert all(k.endswith(("Canvas II", "changes")) for k in later)
    # Day 3 follows the pitch groups: each group's section slide, then its members' plans.
    plans = _kickers(root / "days" / "day3-plans.pptx")[1:]
    # A plan's table and timeline may take several slides: each participant once, in turn.
    runs = itertools.groupby(k.split(" · ")[0] for k in plans if k.endswith("Action plan"))
    order = [who for who, _ in runs]
    assert order == [label for group in groups for label in group]
    assert plans.count("Day 3 · Pitch") == len(groups) == 2


def test_session_decks_are_not_replaced_without_force(
    days: tuple[Path, list[list[str]]], capsys: pytest.CaptureFixture[str]
) -> None:
    root, _ = days
    before = (root / "days" / "day2-canvases.pptx").read_bytes()
    out = root / "other.xlsx"
    code = main(["consolidate", str(root / "in"), "-o", str(out), "--session-decks",
                 str(root / "days")])  # fmt: skip
    assert code == 2
    assert "day1-introductions.pptx: exists; use --force" in capsys.readouterr().err
    assert not out.exists()
    assert (root / "days" / "day2-canvases.pptx").read_bytes() == before
