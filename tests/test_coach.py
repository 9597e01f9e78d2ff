"""`cba-xl coach`: the coach's pre-read for a one-hour call on a participant's action plan."""

from __future__ import annotations

import copy
import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from claims import DAY, homeworks
from pptx import Presentation

import cba_xl
from cba_xl import api
from cba_xl.cli.main import main
from cba_xl.core import vocab
from cba_xl.core.check import check_homework
from cba_xl.core.compare import compare
from cba_xl.core.findings import Finding
from cba_xl.core.models import Homework
from cba_xl.core.rules.actions import action_quadrant
from cba_xl.core.rules.schedule import unique_steps
from cba_xl.sample import demo_cohort
from cba_xl.slides.brand import short_date
from cba_xl.slides.coach import compose_preread, question_text
from cba_xl.slides.context import Ctx
from cba_xl.slides.deck import Deck
from cba_xl.slides.questions import Question, questions
from cba_xl.slides.words import default_words
from cba_xl.wording import cap, number


def _notes(slide: Any) -> str:
    return str(slide.notes_slide.notes_text_frame.text)


def _text(slide: Any) -> str:
    return "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)


@pytest.fixture
def resubmission(tmp_path: Path) -> tuple[Path, Path, Homework, Homework]:
    """Demo participant 008 and a changed resubmission, both as workbooks."""
    old = demo_cohort()[7]
    new = copy.deepcopy(old)
    new.plan[0].duration = (new.plan[0].duration or 0) + 30  # re-dates step 1 and those after it
    new.plan[1].responsible = "Maria Ivanova"
    new.actions[0].status = "Done" if new.actions[0].status != "Done" else "In progress"
    new.canvas_future.blocks["channels"].append("Podcast for members")
    a = api.write_homework(tmp_path / "008-v1.xlsx", old)
    b = api.write_homework(tmp_path / "008-v2.xlsx", new)
    return a, b, old, new


def test_the_preread_has_four_slides_and_a_fifth_with_the_previous_submission(
    tmp_path: Path, resubmission: tuple[Path, Path, Homework, Homework]
) -> None:
    old_wb, new_wb, _, _ = resubmission
    four = tmp_path / "four.pptx"
    five = tmp_path / "five.pptx"
    api.make_preread(new_wb, four, today=DAY)
    api.make_preread(new_wb, five, previous=old_wb, today=DAY)
    layouts = ["Two content", "Two content", "Closing", "Closing"]
    prs = Presentation(str(four))
    assert [s.slide_layout.name for s in prs.slides] == layouts
    prs5 = Presentation(str(five))
    assert [s.slide_layout.name for s in prs5.slides] == [*layouts, "Two content"]
    for slide in prs5.slides:
        assert "Coaching call" in _text(slide)  # the kicker
        assert _notes(slide).startswith("Coaching pre-read, slide ")
    # The findings slide's notes hold every open finding with its cell.
    result = api.check(new_wb, today=DAY)
    for f in result.findings:
        if f.severity.value != "info":
            assert f.line() in _notes(prs.slides[2])


def _check_question(q: Question, text: str, hw: Homework, findings: list[Finding]) -> None:
    """The question is true of the homework: its fact holds and its cell is that fact's."""
    sched = cba_xl.plan_schedule(hw)
    steps = unique_steps(hw.plan)
    if q.kind == "late":
        assert q.step in sched.late, text
        step = steps[q.step]
        assert q.loc in (step.loc("deadline"), step.loc("days")), text
        assert text.startswith(f"Step {q.step} cannot meet its deadline"), text
        deadline = sched.deadline(q.step)
        if deadline is not None:
            assert short_date(deadline) in text, text
        assert f"{sched.late[q.step]} day" in text, text
        m = re.search(r"shorten step (\d+)", text)
        if m:
            before = int(m.group(1))
            assert before in step.after and sched.finish[before] == sched.start[q.step], text
    elif q.kind == "no_owner":
        step = steps[q.step]
        assert not step.responsible.strip() and q.loc == step.loc("responsible"), text
        assert text.startswith(f"Step {q.step} ({step.action}) has no owner"), text
    elif q.kind == "cycle":
        assert sched.cycle and q.step == sched.cycle[0], text
    elif q.kind == "no_durations":
        assert hw.plan and not sched.duration_days, text
    elif q.kind == "quick_win":
        action = next(a for a in hw.actions if a.action == q.data["action"])
        assert action_quadrant(action) == vocab.QUICK_WIN, text
        assert action.status in ("", "Not started") and q.loc == action.loc("status"), text
    elif q.kind == "required":
        sheet = q.covers[0].sheet
        assert len(q.covers) > 1 and q.finding == q.covers[0] and q.loc == q.finding.loc, text
        for f in q.covers:
            assert f in findings and f.code == "required" and f.sheet == sheet, text
            assert f.cell in text, text
        assert text.startswith(f"{sheet}: {number(len(q.covers))} required cells empty"), text
    else:
        assert q.kind == "finding" and q.finding in findings, text
        assert q.loc == q.finding.loc and text.startswith(f"{q.finding.loc}: "), text
        assert q.finding.severity.value != "info", text
    assert text.endswith("?"), text


def _cases(tmp: Path) -> list[tuple[str, Homework, list[Finding]]]:
    """The claims corpus; demo participants with a step nobody is responsible for; and one
    read back from a workbook with required cells left empty (only reading finds those)."""
    cases = [(label, hw, check_homework(hw, today=DAY)) for label, hw in homeworks()]
    for i, hw in enumerate(demo_cohort()[:4]):
        hw.plan[i % len(hw.plan)].responsible = ""
        cases.append((f"demo {i + 1} without an owner", hw, check_homework(hw, today=DAY)))
    blank = demo_cohort()[0]
    blank.profile.region = blank.profile.ecosystem = ""
    read = api.check(api.write_homework(tmp / "blank.xlsx", blank), today=DAY)
    assert read.homework is not None
    cases.append(("demo 1 with empty required cells", read.homework, list(read.findings)))
    return cases


def test_every_question_comes_from_a_finding_or_a_schedule_fact(tmp_path: Path) -> None:
    kinds: set[str] = set()
    for label, hw, findings in _cases(tmp_path):
        deck = compose_preread(hw, findings, source_date=DAY)
        ctx = Ctx(hw, findings, Deck(), default_words(), DAY)
        asked = questions(hw, findings, cba_xl.plan_schedule(hw))
        notes = "\n".join(deck.slides[3].notes)
        for i, q in enumerate(asked, start=1):
            text = question_text(ctx, q)
            try:
                _check_question(q, text, hw, findings)
            except AssertionError as exc:
                raise AssertionError(f"{label}: {exc}") from None
            assert f"{i}. {text} [{q.loc}]" in notes, label  # with its cell, in the notes
            kinds.add(q.kind)
        # Nothing the coach should ask about is left out.
        sched = cba_xl.plan_schedule(hw)
        # late by the plan's own doing; a deadline before the start is asked as its finding
        assert {q.step for q in asked if q.kind == "late"} == set(sched.overrun), label
        unowned = {n for n, s in unique_steps(hw.plan).items() if s.action and not s.responsible}
        assert {q.step for q in asked if q.kind == "no_owner"} == unowned, label
        errors = {f.loc for f in findings if f.severity.value == "error"}
        covered = {f.loc for q in asked for f in q.covers}
        assert errors <= {q.loc for q in asked} | covered | {
            f.loc for f in findings if f.code in ("plan.late", "plan.cycle")
        }, label
    assert {"late", "no_owner", "finding", "quick_win", "required"} <= kinds


def test_the_example_questions_read_as_the_issue_asks() -> None:
    hw = demo_cohort()[7]
    hw.plan[3].responsible = ""
    assert hw.plan_start is not None
    hw.plan[-1].deadline = hw.plan_start + dt.timedelta(days=1)  # a deadline the plan misses
    findings = check_homework(hw, today=DAY)
    deck = compose_preread(hw, findings, source_date=DAY)
    notes = deck.slides[3].notes
    step = hw.plan[3]
    assert any(
        line.endswith(f"has no owner: who will do it? [{step.loc('responsible')}]")
        and f"Step {step.step} (" in line
        for line in notes
    ), notes
    late = cba_xl.plan_schedule(hw).overrun
    assert late
    assert any(
        "cannot meet its deadline of " in line and "or move the date?" in line for line in notes
    )


def test_the_progress_slide_shows_what_the_resubmission_changed(
    tmp_path: Path, resubmission: tuple[Path, Path, Homework, Homework]
) -> None:
    old_wb, new_wb, _, _ = resubmission
    out = tmp_path / "pre.pptx"
    api.make_preread(new_wb, out, previous=old_wb, today=DAY)
    slide = Presentation(str(out)).slides[4]
    old, new = api.check(old_wb, today=DAY), api.check(new_wb, today=DAY)
    assert old.homework is not None and new.homework is not None
    found = compare(old.homework, old.findings, new.homework, new.findings)
    kinds = {d.kind for d in found}
    assert {"step re-dated", "step re-assigned", "status", "canvas added"} <= kinds
    notes = _notes(slide)
    for d in found:
        assert d.line() in notes
    text = _text(slide)
    assert "Plan matchmaking with the agri-food cluster: Georgi Dimitrov → Maria Ivanova" in text
    assert "Channels (in 5 years): Podcast for members" in text
    changes = sum(1 for d in found if not d.kind.startswith("finding"))
    assert slide.shapes.title.text_frame.text.startswith(
        f"{cap(number(changes))} changes since the previous submission"
    )


# --- the command line ---------------------------------------------------------------------


def test_cli_writes_the_preread_and_refuses_to_overwrite(
    tmp_path: Path,
    resubmission: tuple[Path, Path, Homework, Homework],
    capsys: pytest.CaptureFixture[str],
) -> None:
    old_wb, new_wb, _, _ = resubmission
    out = tmp_path / "pre.pptx"
    args = ["coach", str(new_wb), "--previous", str(old_wb), "-o", str(out)]
    assert main(args) == 0
    assert f"wrote {out}" in capsys.readouterr().out
    assert len(Presentation(str(out)).slides) == 5
    before = out.read_bytes()
    assert main(args) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "--force" in err and str(out) in err
    assert out.read_bytes() == before
    assert main([*args, "--force"]) == 0
    # An input is never the output, not even with --force.
    assert main(["coach", str(new_wb), "-o", str(new_wb), "--force"]) == 2
    capsys.readouterr()


@pytest.mark.parametrize("which", ["workbook", "previous"])
def test_cli_unusable_workbook_or_previous_is_one_line_exit_2(
    tmp_path: Path,
    which: str,
    resubmission: tuple[Path, Path, Homework, Homework],
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, good, _, _ = resubmission
    bad = tmp_path / "broken.xlsx"
    bad.write_text("not a workbook")
    out = tmp_path / "pre.pptx"
    args = (
        ["coach", str(bad), "-o", str(out)]
        if which == "workbook"
        else ["coach", str(good), "--previous", str(bad), "-o", str(out)]
    )
    assert main(args) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and str(bad) in lines[0], captured.err
    assert "Traceback" not in captured.err
    assert not out.exists()
    assert not list(tmp_path.glob(".*pre*"))  # no temporary file left behind


def test_a_plan_without_steps_still_gets_a_preread(tmp_path: Path) -> None:
    hw = Homework()
    hw.profile.cluster_name = "Empty Cluster"
    hw.plan_start = dt.date(2025, 1, 1)
    deck = compose_preread(hw, check_homework(hw, today=DAY), source_date=DAY)
    assert [s.title for s in deck.slides][1] == (
        "The action plan has no steps yet, so there is no schedule to discuss"
    )
