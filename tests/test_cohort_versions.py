"""`consolidate` keeps every submission of a participant: the Versions sheet and the JSON.

The cohort: four demo participants; participant 2 sent three versions (the second re-dates the
plan and resolves nothing, the third adds a step), participant 3 sent the same file twice.
"""

from __future__ import annotations

import copy
import itertools
import os
from collections import Counter
from pathlib import Path
from typing import Any

import openpyxl
import pytest

import cba_xl
from cba_xl import api
from cba_xl.core.compare import compare
from cba_xl.core.models import PlanStep
from cba_xl.sample import demo_cohort
from cba_xl.workbook_check import check


def _sheet(path: Path, name: str) -> list[dict[str, Any]]:
    ws = openpyxl.load_workbook(path)[name]
    (table,) = ws.tables.values()
    cells = list(ws[table.ref])
    header = [str(c.value) for c in cells[0]]
    return [dict(zip(header, (c.value for c in r), strict=True)) for r in cells[1:]]


@pytest.fixture(scope="module")
def cohort(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, Any]]:
    root = tmp_path_factory.mktemp("versions")
    inbox = root / "inbox"
    inbox.mkdir()
    demo = demo_cohort()
    for i, hw in enumerate(demo[:4], start=1):
        api.write_homework(inbox / f"{i}.xlsx", hw)
    v2 = copy.deepcopy(demo[1])
    v2.plan[0].duration = (v2.plan[0].duration or 0) + 20  # re-dates step 1 and those after
    v3 = copy.deepcopy(v2)
    v3.plan.append(PlanStep(step=len(v3.plan) + 1, action="Run a members' survey", duration=10))
    for name, hw, when in (("2 v2.xlsx", v2, 1_900_000_000), ("2 v3.xlsx", v3, 2_000_000_000)):
        os.utime(api.write_homework(inbox / name, hw), (when, when))
    os.utime(inbox / "2.xlsx", (1_800_000_000, 1_800_000_000))
    (inbox / "3 again.xlsx").write_bytes((inbox / "3.xlsx").read_bytes())
    out = root / "cohort.xlsx"
    summary = cba_xl.consolidate([inbox], out, jobs=1)
    return inbox, out, summary.as_json()


def _kinds(old: Path, new: Path) -> Counter[str]:
    a, b = check(old), check(new)
    assert a.homework is not None and b.homework is not None
    return Counter(d.kind for d in compare(a.homework, a.findings, b.homework, b.findings))


def test_every_submission_is_on_the_versions_sheet_the_newest_consolidated(
    cohort: tuple[Path, Path, dict[str, Any]],
) -> None:
    _, out, _ = cohort
    rows = _sheet(out, "Versions")
    assert len(rows) == 7  # every usable file, once
    second = [r for r in rows if r["Of"] == 3]
    assert [Path(str(r["File"])).name for r in second] == ["2.xlsx", "2 v2.xlsx", "2 v3.xlsx"]
    assert [r["Version"] for r in second] == [1, 2, 3]
    assert [r["Consolidated"] for r in second] == ["No", "No", "Yes"]
    assert len({r["Participant"] for r in second}) == 1
    # The counts are compare's, version against the version before.
    for before, row in itertools.pairwise(second):
        kinds = _kinds(Path(str(before["File"])), Path(str(row["File"])))
        assert row["Steps added"] == kinds["step added"]
        assert row["Steps re-dated"] == kinds["step re-dated"]
        assert row["Findings resolved"] == kinds["finding resolved"]
        assert row["Findings new"] == kinds["finding new"]
    assert second[1]["Steps re-dated"] and not second[1]["Steps added"]
    assert second[2]["Steps added"] == 1
    assert second[0]["Against the previous version"] == "first submission"
    # The same file sent twice: two versions, no change.
    third = [r for r in rows if r["Of"] == 2]
    assert [r["Against the previous version"] for r in third] == ["first submission", "no change"]
    assert all(r["SHA-256"] for r in rows)


def test_json_lists_the_versions_of_who_resubmitted(
    cohort: tuple[Path, Path, dict[str, Any]],
) -> None:
    _, _, data = cohort
    assert [len(p["versions"]) for p in data["versions"]] == [3, 2]
    chain = data["versions"][0]["versions"]
    assert [v["consolidated"] for v in chain] == [False, False, True]
    assert chain[2]["changes"]["step added"] == 1
    assert chain[2]["summary"].startswith("1 step added")
