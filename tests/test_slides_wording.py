"""The wording fixes seen on review: kicker days, the method's slide order, table headers that
never break inside a word, shortened cells that keep their line breaks, plurals, thousands
separators and the cohort deck's text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from claims import cohort, cohort_slide_titles
from pptx import Presentation
from pptx.util import Emu
from slides_support import build, demo_homework, title

from cba_xl.cohort.deck_out import write_deck
from cba_xl.cohort.resubmissions import RULE
from cba_xl.sample import demo_cohort
from cba_xl.slides import Rect, grid
from cba_xl.slides.brand import DAY_1, DAY_2, DAY_3, DEFAULT_BRAND
from cba_xl.slides.fitting import metrics
from cba_xl.wording import grouped, join_and, lead, share, tally


@pytest.fixture(scope="module")
def deck(tmp_path_factory: pytest.TempPathFactory) -> Any:
    hw, findings = demo_homework(7)
    return build(hw, findings, tmp_path_factory.mktemp("deck") / "demo.pptx")


def _kicker(slide: Any) -> str:
    return next(sh.text_frame.text for sh in slide.shapes if sh.name == "Kicker")


def test_kickers_follow_the_academys_agenda() -> None:
    # Seed, agenda: Day 1 profile, challenges, canvas homework and the strategy review (service
    # portfolio); Day 2 the future canvas; Day 3 changes, action plan, priorities, goals, RACI.
    days = {
        DAY_1: {"profile", "challenges", "canvas_current", "services", "profitability"},
        DAY_2: {"canvas_future"},
        DAY_3: {"changes", "plan", "timeline", "priority", "goals", "raci"},
    }
    for day, kinds in days.items():
        for kind in kinds:
            assert DEFAULT_BRAND.kicker(kind)[0] == day, kind


def test_deck_follows_the_method_goals_tasks_priorities_roles(deck: Any) -> None:
    kickers = [_kicker(s) for s in list(deck.slides)[1:]]
    tools = [k.rpartition(" · ")[2] for k in kickers]
    method = ["SMART goals", "Action plan", "Action priority matrix", "RACI matrix"]
    firsts = [tools.index(t) for t in method]
    assert firsts == sorted(firsts)
    assert tools.index("Action plan") < tools.index("Action priority matrix")
    changes = next(k for k in kickers if k.endswith("Business model changes"))
    assert changes.startswith(DAY_3)


def test_table_headers_never_break_inside_a_word(deck: Any) -> None:
    m = metrics()
    checked = 0
    for slide in deck.slides:
        for shape in slide.shapes:
            if not shape.has_table:
                continue
            tbl = shape.table
            header_rows = [r for r in range(min(len(tbl.rows), 3)) if _is_header(tbl, r)]
            for r in header_rows:
                for c, column in enumerate(tbl.columns):
                    cell = tbl.cell(r, c)
                    width = (Emu(column.width).pt) - 2 * Emu(grid.CELL_X).pt
                    for run in (run for p in cell.text_frame.paragraphs for run in p.runs):
                        size = run.font.size.pt
                        for word in run.text.split():
                            assert m.width(word, size, bool(run.font.bold)) <= width, (
                                title(slide),
                                word,
                            )
                            checked += 1
    assert checked > 50


def _is_header(tbl: Any, row: int) -> bool:
    fill = tbl.cell(row, 0)._tc.xpath("./a:tcPr/a:solidFill/a:schemeClr/@val")
    italic = tbl.cell(row, 1)._tc.xpath(".//a:rPr/@i")
    return fill == ["accent1"] or "1" in italic


def test_header_shrinks_rather_than_break_a_word() -> None:
    table = grid.Table(
        [grid.Column("Value", 0.06, "to members, 1-5"), grid.Column("Service", 0.94)],
        [["4", "Monthly meet-ups"]],
        size=10.5,
    )
    area = Rect(0, 0, 9_000_000, 3_000_000)
    measured, _ = grid.plan_pages(table, area)
    width = (table.widths(area.w)[0] - 2 * grid.CELL_X) / 12700
    assert metrics().width("members,", measured.head - 1) <= width
    assert measured.head <= measured.size


def test_a_shortened_cell_keeps_each_item_on_its_own_line() -> None:
    text = "\n".join(f"+ Item number {i} with a long description of what it is" for i in range(6))
    short, cut = metrics().clip(text, 150, 10, 4)
    assert cut and short.endswith("…")
    lines = short.split("\n")
    assert len(lines) >= 2 and all(line.startswith("+ ") for line in lines)


def test_numbers_plurals_and_lists() -> None:
    assert grouped(12000) == "12,000"
    assert grouped(95.0) == "95"
    assert grouped(2.5) == "2.5"
    assert tally(1, "error") == "1 error" and tally(5, "error") == "5 errors"
    assert share(11, 14, "participant") == "11 of 14 participants"
    assert share(3, 5, "goal") == "three of five goals"
    assert share(14, 14, "business model") == "all 14 business models"
    assert join_and(["marketing and visibility", "digitalization"]) == (
        "marketing and visibility, and digitalization"
    )
    assert join_and(["a", "b", "c"]) == "a, b and c"


def test_most_means_a_strict_majority_and_a_tie_is_no_leader() -> None:
    assert lead([("a", 3), ("b", 2)]).majority
    assert not lead([("a", 3), ("b", 2), ("c", 2)]).majority
    assert lead([("a", 3), ("b", 2), ("c", 2)]).unique
    tie = lead([("a", 3), ("b", 3)])
    assert not tie.unique and tie.names == ("a", "b")
    assert lead([("a", 0)]).names == ()


def test_profile_title_prints_members_with_thousands_separators(tmp_path: Path) -> None:
    hw, findings = demo_homework(7)
    hw.profile.members = 12000
    prs = build(hw, findings, tmp_path / "big.pptx")
    assert "brings together 12,000 members" in title(prs.slides[1])
    assert "its top challenge is" in title(prs.slides[1])


def test_resubmission_rule_does_not_repeat_its_heading() -> None:
    assert not RULE.startswith("Resubmissions")


def test_cohort_deck_shows_no_finding_codes_and_computed_titles(tmp_path: Path) -> None:
    c = cohort("demo", demo_cohort())
    out = tmp_path / "cohort.pptx"
    write_deck(out, c.stats, c.summary, seed=1, made=dt.datetime(2024, 11, 15, 10))
    prs = Presentation(str(out))
    text = " ".join(sh.text_frame.text for s in prs.slides for sh in s.shapes if sh.has_text_frame)
    for code in c.stats.finding_codes:
        assert f"{code}:" not in text
    titles = [title(s) for s in prs.slides]
    assert "Breakout rooms" not in titles
    assert len(set(titles)) == len(titles)
    computed = list(cohort_slide_titles(c).values())  # every slide between title and rules
    assert titles[1:-1] == computed
    assert " 1 errors" not in text and "Resubmissions: Resubmissions" not in text
