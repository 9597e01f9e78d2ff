"""Reading one filled participant workbook: cba-xl's reader (calamine) against openpyxl.

Run: .venv/bin/python benchmarks/bench_reader.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import openpyxl

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from template_homework import sample_homework

from cba_xl.excel.builder import build_workbook
from cba_xl.excel.opening import inspect_file
from cba_xl.excel.reader import read_homework, read_raw
from cba_xl.excel.sheet_xml import formula_cells
from cba_xl.spec.layout import LAYOUT


def best_ms(run: Callable[[], object], repeat: int = 50) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    times.sort()
    return times[len(times) // 2] * 1000  # the median


def openpyxl_values(path: Path) -> None:
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    for name in LAYOUT.input_sheets:
        for _ in wb[name].iter_rows(values_only=True):
            pass
    wb.close()


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = build_workbook(Path(folder) / "filled.xlsx", sample_homework())
        rows = [
            ("inspect_file (safety checks)", lambda: inspect_file(path)),
            ("formula scan of input sheets", lambda: formula_cells(path, LAYOUT.input_sheets)),
            ("read_raw (all of the above + calamine)", lambda: read_raw(path)),
            ("read_homework (read_raw + interpret)", lambda: read_homework(path)),
            ("openpyxl read_only, values only", lambda: openpyxl_values(path)),
        ]
        print(f"{path.stat().st_size // 1024} KB workbook, median of 50 runs")
        for label, run in rows:
            print(f"  {label:42} {best_ms(run):7.2f} ms")


if __name__ == "__main__":
    main()
