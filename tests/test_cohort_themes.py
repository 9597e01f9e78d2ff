"""Themes across free text: what participants wrote in their own words, grouped when it means
the same, counted by participant, each wording kept with who wrote it and where."""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cba_xl import api
from cba_xl.cohort import consolidate, themes
from cba_xl.cohort.themes import Said, Theme, find_themes
from cba_xl.sample import demo_cohort


def _themes(*items: tuple[str, str], area: str = "Channels") -> list[Theme]:
    """(who, text) pairs of one area -> its themes."""
    return find_themes((area, Said(text, who)) for who, text in items)[area]


def _groups(found: list[Theme]) -> list[set[str]]:
    return [{m.said.text for m in t.members} for t in found]


def test_the_issues_linkedin_wordings_are_one_theme_with_who_said_what() -> None:
    found = _themes(
        ("A", "LinkedIn page"), ("B", "LinkedIn (English)"), ("C", "our Linkedin account")
    )
    assert len(found) == 1
    (theme,) = found
    assert theme.participants == 3
    assert theme.who == ["A", "B", "C"]
    assert sorted(text for text, _ in theme.wordings()) == [
        "LinkedIn (English)",
        "LinkedIn page",
        "our Linkedin account",
    ]
    assert dict(theme.wordings())["our Linkedin account"] == ["C"]


def test_a_participant_counts_once_however_often_they_say_it() -> None:
    (theme,) = _themes(("A", "Newsletter"), ("A", "newsletter "), ("B", "Newsletters"))
    assert theme.participants == 2
    assert len(theme.members) == 3


def test_different_numbers_never_merge() -> None:
    # Decided: "2 FTE team" and "3 FTE team" are different teams, so two themes; a number only
    # one item has keeps them apart too.
    found = _themes(
        ("A", "2 FTE team"),
        ("B", "3 FTE team"),
        ("C", "2 FTE team"),
        ("D", "two FTE team"),
        ("E", "Member database"),
        ("F", "Member database with 600 contacts"),
        ("G", "1,5 FTE team"),
        ("H", "1.5 FTE team"),
    )
    assert _groups(found) == [
        {"2 FTE team", "two FTE team"},
        {"1,5 FTE team", "1.5 FTE team"},
        {"3 FTE team"},
        {"Member database"},
        {"Member database with 600 contacts"},
    ]
    assert [t.participants for t in found] == [3, 2, 1, 1, 1]


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Regional innovation agency", "Regional innovation centre"),  # different bodies
        ("Municipal event support", "Municipal venue support"),  # one letter apart, not one thing
        ("Fees", "Fee proposal"),  # a proposal, not a fee
        ("Province", "Industrial association of the province"),  # an association
        ("Trainer", "Trainer contract"),
        ("E-mail", "E-mail newsletter"),
        ("Course page", "Course outline"),  # 'page' is dropped only after a channel's name
        ("County council", "Country council"),  # too short for a spelling slip
        ("National network", "Rational network"),  # a slip keeps its first letter
        ("Staff", "Hire staff for the new digital platform and train them"),  # too many words more
        ("Form", "Online form"),  # a generic noun alone is no theme of what it heads
        ("Form", "Mandate forms"),
        ("Event", "Matchmaking event"),
        ("Contract", "Courier contract"),  # the demo's plan requirements
    ],
)
def test_no_silly_merges(one: str, other: str) -> None:
    found = _themes(("A", one), ("B", other), ("C", one))
    assert _groups(found) == [{one}, {other}]


def test_a_longer_item_joins_the_shorter_items_theme_it_holds() -> None:
    found = _themes(
        ("A", "Website"),
        ("B", "Website in Italian"),
        ("C", "Website with event calendar"),
        ("D", "Website and LinkedIn"),
        ("E", "LinkedIn"),
    )
    website, linkedin = found
    assert (website.label, website.participants) == ("Website", 4)
    assert (linkedin.label, linkedin.participants) == ("LinkedIn", 2)
    # An item naming two themes counts in both, and says why it is in each.
    why = {m.said.text: m.why for m in website.members}
    assert why == {
        "Website": "same words",
        "Website in Italian": "adds: italian",
        "Website with event calendar": "adds: calendar event",
        "Website and LinkedIn": "adds: linkedin",
    }


def test_spelling_slips_are_read_as_the_common_word() -> None:
    common = [(who, "LinkedIn") for who in "ABCD"]
    (theme,) = _themes(*common, ("E", "Linkdin"))
    assert theme.participants == 5
    assert theme.label == "LinkedIn"
    assert {m.said.text: m.why for m in theme.members}["Linkdin"] == "spelling: linkdin = linkedin"


def test_two_common_words_one_slip_apart_stay_apart() -> None:
    found = _themes(
        *[(f"c{i}", "Contact list") for i in range(4)],
        *[(f"t{i}", "Contract list") for i in range(2)],
        area="Requirements",
    )
    assert _groups(found) == [{"Contact list"}, {"Contract list"}]


def test_without_rapidfuzz_the_themes_are_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    # Pyodide (xlwings Lite) has no rapidfuzz: plain Python measures the same slips.
    items = [
        *[(who, "LinkedIn") for who in "ABCD"],
        ("E", "Linkdin"),
        ("F", "LinkedIn page"),
        *[(f"n{i}", "Monthly newsletter") for i in range(4)],
        ("G", "Monthly newlsetter"),  # two letters swapped
        ("H", "Monthly newsletters"),
        ("I", "Contact list"),
        ("J", "Contract list"),
    ]
    with_rapidfuzz = _themes(*items)
    assert [t.participants for t in with_rapidfuzz][:2] == [6, 6]
    monkeypatch.setattr(themes, "HAVE_RAPIDFUZZ", False)
    assert _themes(*items) == with_rapidfuzz


@given(st.text("abcde", max_size=9), st.text("abcde", max_size=9))
def test_one_slip_is_rapidfuzzs_osa_distance_of_one(a: str, b: str) -> None:
    from rapidfuzz.distance import OSA

    assert themes.one_slip(a, b) == (OSA.distance(a, b) <= 1)


def test_themes_do_not_depend_on_the_order_of_the_input() -> None:
    mentions = [
        (area, Said(text, f"P{i}", f"p{i}.xlsx", "Canvas current", f"B{k}"))
        for i, hw in enumerate(demo_cohort())
        for area, items in (
            (f"Canvas: {block}", values) for block, values in hw.canvas_current.blocks.items()
        )
        for k, text in enumerate(items, start=6)
    ]
    first = find_themes(mentions)
    for seed in range(3):
        shuffled = mentions[:]
        random.Random(seed).shuffle(shuffled)
        assert find_themes(shuffled) == first


@pytest.fixture(scope="module")
def demo_book(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("themes")
    folder = root / "workbooks"
    folder.mkdir()
    for i, hw in enumerate(demo_cohort(), start=1):
        api.write_homework(folder / f"{i:02d}.xlsx", hw)
    consolidate([folder], root / "cohort.xlsx", deck=root / "cohort.pptx", jobs=1)
    return root / "cohort.xlsx", root / "cohort.pptx"


def _theme_rows(book: Path) -> list[dict[str, object]]:
    ws = openpyxl.load_workbook(book)["Themes"]
    (table,) = ws.tables.values()
    cells = list(ws[table.ref])
    header = [str(c.value) for c in cells[0]]
    return [dict(zip(header, (c.value for c in row), strict=True)) for row in cells[1:]]


def test_the_demo_cohorts_themes_sheet_lists_each_wording_where_it_was_written(
    demo_book: tuple[Path, Path],
) -> None:
    rows = _theme_rows(demo_book[0])
    shared = [r for r in rows if isinstance(r["Participants"], int) and r["Participants"] > 1]
    # Participants agree in their own words: themes with more than one distinct wording.
    wordings: dict[tuple[object, object], set[object]] = {}
    for r in shared:
        wordings.setdefault((r["Area"], r["Theme"]), set()).add(r["Wording"])
    assert sum(len(w) > 1 for w in wordings.values()) >= 10
    website = wordings[("Canvas (current): Channels", "Website")]
    assert {"Website", "Website in Italian", "Website and LinkedIn"} <= website
    # Each row's provenance points at the cell that holds that very wording.
    books: dict[object, openpyxl.Workbook] = {}
    for r in random.Random(1).sample(rows, 25):
        wb = books.setdefault(r["File"], openpyxl.load_workbook(str(r["File"]), read_only=True))
        value = wb[str(r["Sheet"])][str(r["Cell"])].value
        assert isinstance(value, str) and str(r["Wording"]) in value, r


def _slide_text(slide: Any) -> str:
    """Every text on a slide, its table cells included."""
    texts = [sh.text_frame.text for sh in slide.shapes if sh.has_text_frame]
    for sh in slide.shapes:
        if sh.has_table:
            texts += [cell.text for row in sh.table.rows for cell in row.cells]
    return " ".join(texts)


def test_the_demo_deck_shows_themes_with_counts_and_the_notes_their_wording(
    demo_book: tuple[Path, Path],
) -> None:
    from pptx import Presentation

    deck = Presentation(str(demo_book[1]))
    by_title = {s.shapes.title.text: s for s in deck.slides if s.shapes.title is not None}
    canvas = next(s for t, s in by_title.items() if "canvas theme" in t)
    assert "Website (13)" in _slide_text(canvas)
    notes = canvas.notes_slide.notes_text_frame.text
    assert "“Website in Italian” (" in notes
    shared = next(s for t, s in by_title.items() if "in plans and services" in t)
    assert "Plan requirements" in _slide_text(shared)


def _counts(text: str) -> list[int]:
    """'Website (13); LinkedIn (5)' -> [13, 5]: the participants of each theme a slide shows."""
    return [int(n) for n in re.findall(r"\((\d+)\)", text)]


def test_the_demo_deck_shows_only_themes_two_or_more_participants_share(
    demo_book: tuple[Path, Path],
) -> None:
    from pptx import Presentation

    deck = Presentation(str(demo_book[1]))
    by_title = {s.shapes.title.text: s for s in deck.slides if s.shapes.title is not None}
    canvas = next(s for t, s in by_title.items() if "canvas theme" in t)
    changes = next(s for t, s in by_title.items() if "business model" in t)
    for slide in (canvas, changes):
        text = _slide_text(slide)
        assert _counts(text) and min(_counts(text)) >= 2, text
    # A block where nobody shares an item says so instead of listing singletons.
    assert "none shared" in _slide_text(canvas)
    assert min(_counts(changes.notes_slide.notes_text_frame.text)) >= 2


def test_the_shared_themes_slide_leaves_out_the_service_fields(
    demo_book: tuple[Path, Path],
) -> None:
    from pptx import Presentation

    deck = Presentation(str(demo_book[1]))
    shared = next(s for s in deck.slides if "in plans and services" in s.shapes.title.text)
    (table,) = [sh.table for sh in shared.shapes if sh.has_table]
    where = {row.cells[1].text for row in list(table.rows)[1:]}
    assert where and "Service fields" not in where
    # Each row is something two or more participants share, in wordings of their own.
    assert all(int(row.cells[2].text) >= 2 for row in list(table.rows)[1:])


def test_themes_need_no_numpy() -> None:
    """`make demo` installs cba-xl's own dependencies only, and numpy is none of them: the
    spelling slips are measured by rapidfuzz without numpy (a run with numpy hidden)."""
    import subprocess
    import sys

    code = (
        "import sys; sys.modules['numpy'] = None\n"
        "from cba_xl.cohort.themes import HAVE_RAPIDFUZZ, Said, find_themes\n"
        "said = [('Channels', Said(t, w, 'f.xlsx', 'Canvas current', 'E14'))\n"
        "        for w, t in [('A', 'LinkedIn'), ('B', 'LinkedIn'), ('C', 'LinkedIn'),\n"
        "                     ('D', 'LinkedIn'), ('E', 'Linkdin')]]\n"
        "[theme] = find_themes(said)['Channels']\n"
        "print(HAVE_RAPIDFUZZ, theme.participants)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(themes.HAVE_RAPIDFUZZ), "5"]
