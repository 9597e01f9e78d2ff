"""Consolidation where no thread or process can be started (Pyodide, so xlwings Lite): the run
falls back to one thread and writes the same cohort workbook as with workers."""

from __future__ import annotations

import threading
import zipfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, NoReturn

import pytest

from cba_xl import api
from cba_xl.cohort import consolidate, workers
from cba_xl.sample import demo_cohort


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("no-workers") / "workbooks"
    root.mkdir()
    for i, hw in enumerate(demo_cohort()[:6], start=1):
        api.write_homework(root / f"{i:02d}.xlsx", hw)
    return root


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist() if not name.startswith("docProps/")}


def _no_thread(self: threading.Thread, *args: Any, **kwargs: Any) -> NoReturn:
    raise RuntimeError("can't start new thread")  # what Pyodide says


def _no_process(*args: Any, **kwargs: Any) -> NoReturn:
    raise OSError("no processes here")


def test_pyodide_is_detected_as_without_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.platform", "emscripten")
    assert not workers.threads_available()
    assert not workers.processes_available()


def test_consolidates_in_one_thread_with_the_same_workbook(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_workers = tmp_path / "with.xlsx"
    consolidate([folder], with_workers, rooms=2, seed=1, jobs=2)

    monkeypatch.setattr("sys.platform", "emscripten")
    monkeypatch.setattr(threading.Thread, "start", _no_thread)
    monkeypatch.setattr(ProcessPoolExecutor, "__init__", _no_process)
    alone = tmp_path / "alone.xlsx"
    summary = consolidate([folder], alone, rooms=2, seed=1, jobs=2)

    assert summary.participants == 6
    assert _parts(alone) == _parts(with_workers)
