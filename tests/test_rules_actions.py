from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cba_xl.core import vocab
from cba_xl.core.findings import Loc
from cba_xl.core.models import Action, Homework
from cba_xl.core.rules.actions import action_quadrant, check_actions, quadrant_counts
from cba_xl.core.rules.derived import quadrant

ANCHOR = Loc("Priority matrix", "B4")


def act(impact: str, effort: str, text: str = "Do it") -> Action:
    return Action(action=text, impact=impact, effort=effort)


def test_quadrants_follow_the_convention() -> None:
    assert action_quadrant(act("High", "Low")) == vocab.QUICK_WIN
    assert action_quadrant(act("High", "High")) == vocab.MAJOR_PROJECT
    assert action_quadrant(act("Low", "Low")) == vocab.FILL_IN
    assert action_quadrant(act("Low", "High")) == vocab.THANKLESS_TASK
    assert action_quadrant(act("", "High")) == ""


@given(st.sampled_from(["High", "Low", " high ", "LOW"]), st.sampled_from(["High", "Low", "low"]))
def test_quadrant_is_total_over_rated_actions(impact: str, effort: str) -> None:
    assert quadrant(impact, effort) in vocab.QUADRANTS


@given(st.one_of(st.none(), st.text()), st.one_of(st.none(), st.text()))
def test_quadrant_never_fails(impact: str | None, effort: str | None) -> None:
    assert quadrant(impact, effort) in (*vocab.QUADRANTS, "")


def hw(*actions: Action) -> Homework:
    return Homework(actions=list(actions), anchors={"actions": ANCHOR})


def test_no_quick_win_warns_at_the_section() -> None:
    [f] = check_actions(hw(act("High", "High"), act("Low", "High")))
    assert (f.code, f.cell) == ("actions.no-quick-win", "B4")
    assert check_actions(hw(act("High", "High"), act("High", "Low"))) == []
    assert check_actions(hw()) == []


def test_saying_why_there_is_no_quick_win_silences_the_warning() -> None:
    why = act("Low", "Low", "No quick win: all easy steps are done already")
    assert check_actions(hw(act("High", "High"), why)) == []


def test_quadrant_counts_cover_every_quadrant() -> None:
    counts = quadrant_counts([act("High", "Low"), act("High", "Low"), act("Low", "High")])
    assert counts == {
        vocab.QUICK_WIN: 2,
        vocab.MAJOR_PROJECT: 0,
        vocab.FILL_IN: 0,
        vocab.THANKLESS_TASK: 1,
    }
