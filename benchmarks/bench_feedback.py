"""Feedback pages and the mail-merge file for a cohort, against consolidating the same cohort.

Issue 12's goal: `cba-xl feedback` for N workbooks takes no longer than `cba-xl consolidate`
for them. Both run as separate processes on the same cached sample folder (written once by
`cba-xl sample`, shared with bench_consolidate.py), each end to end.

Run: .venv/bin/python benchmarks/bench_feedback.py [--sizes 100,1000] [--jobs 2]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_consolidate import sample_folder


def _timed(args: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "cba_xl", *args], check=False, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="100,1000")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    failed = False
    for n in (int(s) for s in args.sizes.split(",")):
        folder = sample_folder(n)
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp)
            cohort = _timed(
                ["consolidate", str(folder), "-o", str(out / "c.xlsx"), "--jobs", str(args.jobs)]
            )
            shutil.rmtree(out / "fb", ignore_errors=True)
            pages = _timed(["feedback", str(folder), "-o", str(out / "fb"), "-q"])
            written = len(list((out / "fb").glob("*.html")))
        ok = pages <= cohort * 1.1 and written == n  # 10 % for a shared machine's noise
        failed |= not ok
        print(
            f"{n:>6} workbooks: feedback {pages:.2f} s ({written} pages), consolidate "
            f"{cohort:.2f} s: {'ok' if ok else 'SLOWER THAN CONSOLIDATE'}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
