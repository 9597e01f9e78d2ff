"""cba_xl.cohort_frames: the cohort's lists as pandas DataFrames for trainers in Jupyter."""

from __future__ import annotations

import sys
from pathlib import Path

import openpyxl
import pytest

import cba_xl
from cba_xl import api
from cba_xl.cohort import consolidate
from cba_xl.cohort.frames import MISSING_PANDAS
from cba_xl.sample import demo_cohort

PROVENANCE = ["File", "SHA-256", "Sheet", "Cell"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("frames") / "workbooks"
    root.mkdir()
    for i, hw in enumerate(demo_cohort()[:5], start=1):
        api.write_homework(root / f"{i:02d}.xlsx", hw)
    (root / "notes.xlsx").write_bytes(b"not a workbook")  # rejected, so in no frame
    return root


def test_frames_hold_the_cohort_workbooks_lists_row_for_row(folder: Path, tmp_path: Path) -> None:
    frames = cba_xl.cohort_frames([folder], jobs=1)
    assert set(frames) == {
        "profile", "challenges", "canvas", "changes", "services", "actions", "plan", "goals",
        "raci", "findings", "themes", "trends", "needs", "vision", "competencies",
        "communication",
    }  # fmt: skip
    book = tmp_path / "cohort.xlsx"
    consolidate([folder], book, jobs=1)
    wb = openpyxl.load_workbook(book, read_only=True)
    for key, sheet in (("canvas", "Canvas"), ("plan", "Action plan"), ("themes", "Themes")):
        frame = frames[key]
        rows = [r for r in wb[sheet].iter_rows(values_only=True) if any(v is not None for v in r)]
        top = next(i for i, r in enumerate(rows) if r[: len(frame.columns)] == tuple(frame.columns))
        assert len(frame) == len(rows) - top - 1, key
        provenance = PROVENANCE if key != "themes" else ["File", "Sheet", "Cell"]
        assert list(frame.columns[-len(provenance) :]) == provenance, key
    canvas = frames["canvas"]
    assert list(canvas.columns[:1]) == ["Participant"]
    assert canvas["Participant"].nunique() == 5
    assert set(canvas["File"].map(lambda f: Path(f).name)) == {f"0{i}.xlsx" for i in range(1, 6)}
    # What a trainer does with it: the themes two or more participants share.
    shared = frames["themes"].query("Participants > 1")
    assert not shared.empty
    assert (shared.groupby(["Area", "Theme"])["Participant"].nunique() > 1).all()


def test_without_pandas_a_clear_message(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now raises ImportError
    with pytest.raises(cba_xl.CbaError) as raised:
        cba_xl.cohort_frames([folder])
    assert str(raised.value) == MISSING_PANDAS
    assert "pip install 'cba-xl[pandas]'" in MISSING_PANDAS
