from __future__ import annotations

from cba_xl.core import vocab
from cba_xl.core.findings import Loc, Severity
from cba_xl.core.models import Canvas, Homework
from cba_xl.core.rules.canvas import canvas_diff, check_canvas, check_canvases

ANCHOR = Loc("Canvas current", "B5")


def canvas(horizon: str = "current", /, **blocks: list[str]) -> Canvas:
    c = Canvas(horizon=horizon)
    sheet = "Canvas current" if horizon == "current" else "Canvas future"
    for i, (key, items) in enumerate(blocks.items()):
        c.blocks[key] = items
        c.item_where[key] = [Loc(sheet, f"{'BCDEFGHIJKLMNO'[i]}{5 + n}") for n in range(len(items))]
    return c


FULL = {
    "value_proposition": ["Matchmaking"],
    "members": ["Food SMEs"],
    "public_funding": ["Regional grant"],
}


def test_diff_matches_items_ignoring_case_and_spaces() -> None:
    now = canvas(activities=["Matchmaking events", "Newsletter"], members=["SMEs"])
    later = canvas("future", activities=["matchmaking  EVENTS ", "Academy"], members=["SMEs"])
    diff = canvas_diff(now, later)
    assert list(diff) == list(vocab.CANVAS_BLOCK_KEYS)
    acts = diff["activities"]
    assert acts.added == ("Academy",)
    assert acts.dropped == ("Newsletter",)
    assert acts.kept == ("matchmaking  EVENTS ",)
    assert acts.changed
    assert not diff["members"].changed
    assert not diff["channels"].changed


def test_value_proposition_without_members_or_funding_warns_at_its_cell() -> None:
    found = check_canvas(canvas(value_proposition=["Matchmaking"]), ANCHOR)
    assert {f.code for f in found} == {"canvas.no-members", "canvas.no-funding"}
    assert all(f.cell == "B5" and f.severity is Severity.WARNING for f in found)
    assert check_canvas(canvas(**FULL), ANCHOR) == []
    only_potential = dict(FULL, members=[], potential_members=["Start-ups"])
    assert check_canvas(canvas(**only_potential), ANCHOR) == []


def test_empty_canvas_warns_at_the_anchor() -> None:
    [f] = check_canvas(canvas(), ANCHOR)
    assert (f.code, f.cell) == ("canvas.empty", "B5")
    assert "current canvas" in f.message


def hw(now: Canvas, later: Canvas) -> Homework:
    return Homework(
        canvas_current=now,
        canvas_future=later,
        anchors={"canvas_current": ANCHOR, "canvas_future": Loc("Canvas future", "B5")},
    )


def test_identical_future_canvas_warns() -> None:
    found = check_canvases(hw(canvas(**FULL), canvas("future", **FULL)))
    assert [(f.code, f.sheet) for f in found] == [("canvas.unchanged", "Canvas future")]
    assert check_canvases(hw(canvas(**FULL), canvas("future", **FULL, channels=["Web"]))) == []


def test_empty_future_is_reported_once_as_empty() -> None:
    found = check_canvases(hw(canvas(**FULL), canvas("future")))
    assert [(f.code, f.sheet) for f in found] == [("canvas.empty", "Canvas future")]
    assert "the canvas in 5 years" in found[0].message
