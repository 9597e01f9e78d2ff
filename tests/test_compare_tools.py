"""`compare` covers every tool of the registry: a resubmission that changed only its trends,
member needs, vision and mission, competencies or communication plan shows what changed, named
as the participant wrote it, in `cba-xl compare`, the coaching pre-read and the Versions sheet.

Both submissions are sample workbooks written to disk and read back, as a trainer gets them.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pptx import Presentation

import cba_xl
from cba_xl import api
from cba_xl.cli.main import main
from cba_xl.core import compare as compare_mod
from cba_xl.core.models import Homework, Need, TargetGroup, Trend
from cba_xl.sample import generate
from cba_xl.workbook_check import check


@pytest.fixture(scope="module")
def sample() -> Homework:
    return next(iter(generate(1, seed=11)))


def _differences(tmp: Path, old: Homework, new: Homework) -> list[compare_mod.Difference]:
    a, b = (
        check(api.write_homework(tmp / "v1.xlsx", old)),
        check(api.write_homework(tmp / "v2.xlsx", new)),
    )
    assert a.homework is not None and b.homework is not None
    return compare_mod.compare(a.homework, a.findings, b.homework, b.findings)


def _trends(hw: Homework) -> list[str]:
    first, second = hw.trends[0], hw.trends[1]
    first.influence = 1 if first.influence != 1 else 5
    removed = hw.trends.pop(1)
    hw.trends.append(
        Trend(row=hw.trends[-1].row + 1, trend="Rising energy prices", factor="Economic",
              influence=4, competence=3)
    )  # fmt: skip
    assert second is removed
    return [
        f"trend changed: {first.trend} (influence)",
        f"trend removed: {second.trend}",
        "trend added: Rising energy prices",
    ]


def _needs(hw: Homework) -> list[str]:
    n = hw.needs[0]
    n.relevance = 1 if n.relevance != 1 else 5
    hw.needs.append(
        Need(row=hw.needs[-1].row + 1, member="Start-ups", need="Access to venture capital",
             field=n.field, relevance=3)
    )  # fmt: skip
    return [
        f"need changed: {n.need} – {n.member} (relevance)",
        "need added: Access to venture capital – Start-ups",
    ]


def _vision(hw: Homework) -> list[str]:
    hw.vision.mission = "We connect our members with the markets of tomorrow"
    objective = hw.vision.objectives[0]
    objective.year = (objective.year or 2030) + 1
    return [
        "statement changed: Mission (text)",
        f"objective changed: {objective.objective} (year)",
    ]


def _competencies(hw: Homework) -> list[str]:
    c = hw.competencies[3]
    c.target = 5 if c.target != 5 else 4
    return [f"competence changed: {c.field} (target)"]


def _communication(hw: Homework) -> list[str]:
    hw.communication.brand_values = "Trust and curiosity"
    group = hw.communication.plan[0]
    group.timing = "Every two weeks"
    hw.communication.plan.append(
        TargetGroup(row=hw.communication.plan[-1].row + 1, group="Regional press",
                    objective="Two articles a year", channel="Press releases")
    )  # fmt: skip
    return [
        "brand changed: Brand (values)",
        f"target group changed: {group.group} (timing)",
        "target group added: Regional press",
    ]


MUTATIONS: dict[str, Callable[[Homework], list[str]]] = {
    "trends": _trends,
    "needs": _needs,
    "vision": _vision,
    "competencies": _competencies,
    "communication": _communication,
}


@pytest.mark.parametrize("tool", list(MUTATIONS))
def test_a_change_to_a_2_1_tool_is_found_and_named(
    tool: str, sample: Homework, tmp_path: Path
) -> None:
    new = copy.deepcopy(sample)
    expected = MUTATIONS[tool](new)
    found = _differences(tmp_path, sample, new)
    lines = [f"{d.kind}: {d.what}" for d in found if not d.kind.startswith("finding")]
    assert sorted(lines) == sorted(expected)
    assert {d.tool for d in found if not d.kind.startswith("finding")} == {tool}


def test_the_before_and_after_are_what_the_participant_wrote(
    sample: Homework, tmp_path: Path
) -> None:
    new = copy.deepcopy(sample)
    _vision(new)
    (mission,) = [d for d in _differences(tmp_path, sample, new) if d.what == "Mission (text)"]
    assert (mission.before, mission.after) == (
        sample.vision.mission,
        "We connect our members with the markets of tomorrow",
    )


def test_an_unchanged_workbook_gives_no_change(sample: Homework, tmp_path: Path) -> None:
    assert _differences(tmp_path, sample, copy.deepcopy(sample)) == []


def test_kinds_are_one_each_with_the_findings_last() -> None:
    # (every tool has its entry in compare's table: tests/test_tools.py)
    assert compare_mod.KINDS[-2:] == ("finding resolved", "finding new")
    assert len(set(compare_mod.KINDS)) == len(compare_mod.KINDS)


def test_cli_prints_the_trend_change(
    sample: Homework, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = copy.deepcopy(sample)
    trend = new.trends[0]
    before = trend.competence
    trend.competence = 5 if before != 5 else 1
    a = api.write_homework(tmp_path / "a.xlsx", sample)
    b = api.write_homework(tmp_path / "b.xlsx", new)
    assert main(["compare", str(a), str(b)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert f"trend changed: {trend.trend} (competence): {before} → {trend.competence}" in out


def _versions(path: Path) -> list[dict[str, Any]]:
    ws = openpyxl.load_workbook(path)["Versions"]
    (table,) = ws.tables.values()
    cells = list(ws[table.ref])
    header = [str(c.value) for c in cells[0]]
    return [dict(zip(header, (c.value for c in r), strict=True)) for r in cells[1:]]


def test_the_versions_sheet_shows_a_resubmission_that_only_changed_a_trend(
    tmp_path: Path,
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    first, other = generate(2, seed=11)
    api.write_homework(inbox / "1.xlsx", first)
    api.write_homework(inbox / "2.xlsx", other)
    again = copy.deepcopy(first)
    again.trends[0].factor = "Legal" if again.trends[0].factor != "Legal" else "Political"
    os.utime(inbox / "1.xlsx", (1_800_000_000, 1_800_000_000))
    os.utime(api.write_homework(inbox / "1 v2.xlsx", again), (1_900_000_000, 1_900_000_000))
    out = tmp_path / "cohort.xlsx"
    cba_xl.consolidate([inbox], out, jobs=1)
    (row,) = [r for r in _versions(out) if r["Version"] == 2]
    assert row["Other changes"] == 1
    assert row["Against the previous version"] == "1 other change (Trends)"


def test_the_coaching_preread_shows_a_need_and_a_competence_change(
    sample: Homework, tmp_path: Path
) -> None:
    # coach lists no tools of its own: its progress slide shows every kind compare finds
    new = copy.deepcopy(sample)
    expected = _needs(new) + _competencies(new)
    a = api.write_homework(tmp_path / "v1.xlsx", sample)
    b = api.write_homework(tmp_path / "v2.xlsx", new)
    out = tmp_path / "pre.pptx"
    api.make_preread(b, out, previous=a)
    slide = Presentation(str(out)).slides[4]
    text = "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
    assert "Need added (1)" in text and "Need changed (1)" in text
    assert "Competence changed (1)" in text
    for line in expected:
        assert line.split(": ", 1)[1] in text
    assert slide.shapes.title.text_frame.text.startswith("Three changes since")
