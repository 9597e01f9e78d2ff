from __future__ import annotations

from cba_xl.core.findings import Loc, Severity
from cba_xl.core.models import Canvas, Change, Homework
from cba_xl.core.rules.changes import check_changes, top_changes

ANCHOR = Loc("Changes", "B4")


def change(
    row: int, text: str, priority: int | None = None, short: bool | None = None, block: str = ""
) -> Change:
    where = {
        k: Loc("Changes", f"{c}{row}")
        for k, c in {"change": "B", "block": "C", "priority": "D", "short_term": "E"}.items()
    }
    return Change(
        row=row, change=text, priority=priority, short_term=short, block=block, where=where
    )


def hw(*changes: Change, differ: bool = True) -> Homework:
    now, later = Canvas(horizon="current"), Canvas(horizon="future")
    now.blocks["activities"] = ["Events"]
    later.blocks["activities"] = ["Events", "Academy"] if differ else ["Events"]
    return Homework(
        changes=list(changes), canvas_current=now, canvas_future=later, anchors={"changes": ANCHOR}
    )


def codes(h: Homework) -> list[tuple[str, str, Severity]]:
    return [(f.code, f.cell, f.severity) for f in check_changes(h)]


GOOD = (
    change(4, "Start an academy", 1, True, "activities"),
    change(5, "Fee-based services", 2, False),
    change(6, "EU projects", 3, False),
    change(7, "More members"),
)


def test_three_ranked_with_a_short_term_one_pass() -> None:
    assert codes(hw(*GOOD)) == []
    assert [c.change for c in top_changes(list(reversed(GOOD)))] == [
        "Start an academy",
        "Fee-based services",
        "EU projects",
    ]


def test_not_exactly_three_top_changes_warns() -> None:
    found = codes(hw(*GOOD[:2], GOOD[3]))
    assert ("changes.top3-count", "D5", Severity.WARNING) in found


def test_a_priority_used_twice_is_an_error_on_each_use() -> None:
    found = codes(hw(GOOD[0], change(5, "b", 1, False), GOOD[2]))
    assert [c for c in found if c[0] == "changes.priority-duplicate"] == [
        ("changes.priority-duplicate", "D4", Severity.ERROR),
        ("changes.priority-duplicate", "D5", Severity.ERROR),
    ]


def test_no_short_term_top_change_warns() -> None:
    found = codes(hw(change(4, "a", 1, False), GOOD[1], GOOD[2]))
    assert found == [("changes.no-short-term", "E4", Severity.WARNING)]


def test_canvases_differ_but_nothing_listed_warns_with_the_blocks() -> None:
    [f] = check_changes(hw())
    assert (f.code, f.cell) == ("changes.none-listed", "B4")
    assert "Cluster activities" in f.message
    [g] = check_changes(hw(differ=False))
    assert g.code == "changes.empty"


def test_changed_block_not_named_by_any_change_is_info_when_blocks_are_used() -> None:
    found = codes(hw(change(4, "a", 1, True, "channels"), GOOD[1], GOOD[2]))
    assert found == [("changes.block-unlisted", "B4", Severity.INFO)]
