"""`cba-xl compare OLD NEW`: a coach sees what a participant changed between two submissions."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

import pytest

from cba_xl import api
from cba_xl.cli.main import main
from cba_xl.core.models import Action, Goal, PlanStep
from cba_xl.sample import demo_cohort

FIXTURES = Path(__file__).parent / "fixtures" / "v1_0" / "demo"


@pytest.fixture
def submissions(tmp_path: Path) -> tuple[Path, Path]:
    """Demo participant 008 and a resubmission a participant could really make."""
    old = demo_cohort()[7]
    new = copy.deepcopy(old)
    assert new.plan_start is not None
    new.plan[0].duration = (new.plan[0].duration or 0) + 10  # re-dates step 1 and step 3 after it
    new.plan[1].responsible = "Maria Ivanova"
    removed = new.plan.pop(3)
    new.plan.append(
        PlanStep(
            row=new.plan[-1].row + 1,
            step=6,
            action="Publish a member success story every month",
            responsible="Ivana Petrova",
            outcome="12 stories",
            duration=300,
        )
    )
    new.actions[0].status = "Done" if new.actions[0].status != "Done" else "In progress"
    new.goals[0].target = 97
    new.goals.append(
        Goal(goal_id="G3", goal="Win 5 new members abroad by 2026", metric="Members", target=5,
             owner="Georgi Dimitrov", deadline=dt.date(2026, 12, 31))
    )  # fmt: skip
    new.canvas_future.blocks["channels"].append("Podcast")
    # The RACI row with two A's is fixed.
    for row in new.raci:
        if sum("A" in r.upper() for r in row.roles) > 1:
            first = next(i for i, r in enumerate(row.roles) if "A" in r.upper())
            row.roles = [
                "A" if i == first else r.replace("A", "C") for i, r in enumerate(row.roles)
            ]
    assert removed.action
    # the new step is rated, its effort not yet
    new.actions.append(Action(row=new.actions[-1].row + 1, step=6, impact="High"))
    a = api.write_homework(tmp_path / "008-v1.xlsx", old)
    b = api.write_homework(tmp_path / "008-v2.xlsx", new)
    return a, b


def test_compare_lists_what_the_participant_changed(
    submissions: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = submissions
    assert main(["compare", str(a), str(b)]) == 0
    out = capsys.readouterr().out.splitlines()
    kinds = [line.split(":", 1)[0] for line in out[:-1]]
    assert kinds == sorted(kinds, key=_order)  # grouped, in the order a coach reads them
    assert "step added: 6. Publish a member success story every month (Ivana Petrova)" in out
    assert "step removed: 4. Launch the LinkedIn page and a posting plan (Ivana Petrova)" in out
    assert (
        "step re-assigned: 2. Plan matchmaking with the agri-food cluster: Georgi Dimitrov → "
        "Maria Ivanova"
    ) in out
    # Step 1 takes 10 days more; step 3 comes after it and step 5 after 3: all three are done
    # 10 days later, by the one schedule.
    redated = [line for line in out if line.startswith("step re-dated")]
    assert redated == [
        "step re-dated: 1. Survey members on why firms leave: 2025-02-17 → 2025-02-27",
        "step re-dated: 3. Design the leadership programme: 2025-04-18 → 2025-04-28",
        "step re-dated: 5. Run the first leadership cohort: 2025-07-17 → 2025-07-27",
    ]
    assert any(line.startswith("status: ") for line in out)
    assert "goal added: G3 Win 5 new members abroad by 2026" in out
    assert "goal changed: G1 target: 95 → 97" in out
    assert "canvas added: Channels (in 5 years): Podcast" in out
    assert any(
        line.startswith("finding resolved: RACI!")
        and "'Launch the LinkedIn page and a posting plan' has 2 A" in line
        for line in out
    )
    assert any(line.startswith("finding new: Priority matrix!") for line in out)  # effort empty
    assert out[-1] == f"{a} → {b}: {len(out) - 1} differences"


def _order(kind: str) -> int:
    from cba_xl.core.compare import KINDS

    return KINDS.index(kind)


def test_json_and_a_1_0_submission_against_a_1_1_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = FIXTURES / "008-thracian-software-cluster.xlsx"  # template 1.0, as sent last month
    new = api.write_homework(tmp_path / "008.xlsx", demo_cohort()[7])  # today's template
    assert main(["compare", str(old), str(new), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["same_participant"] is True
    kinds = {d["kind"] for d in data["differences"]}
    # The plan and canvas are the same homework in both templates: nothing moved there.
    assert not kinds & {"step added", "step removed", "step re-dated", "canvas added"}


def test_two_different_clusters_are_compared_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = api.write_homework(tmp_path / "a.xlsx", demo_cohort()[0])
    b = api.write_homework(tmp_path / "b.xlsx", demo_cohort()[1])
    assert main(["compare", str(a), str(b), "-q"]) == 0
    captured = capsys.readouterr()
    assert "look like two participants" in captured.err
    assert captured.out.count("\n") == 1  # quiet: the summary line only


def test_an_unusable_submission_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook")
    good = api.write_homework(tmp_path / "good.xlsx", demo_cohort()[0])
    assert main(["compare", str(bad), str(good)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(bad) in err[0] and "Traceback" not in err[0]
