"""Consolidating a cohort: `cba-xl consolidate` against a naive one-process openpyxl reader.

For each size N (default 100 and 1000) the benchmark writes N sample workbooks with
`cba-xl sample` (cached in the system's temp folder, so only the first run pays), then, in the
same run:

- times `cba-xl consolidate DIR -o cohort.xlsx --jobs J` end to end as a separate process
  (interpreter start, discovery, parallel reading and checking, writing the cohort workbook),
  sampling the resident memory of its whole process tree (main process plus workers) every
  10 ms from /proc for the peak;
- times the naive baseline: the same files opened with openpyxl in this one process, every
  cell of every sheet read one by one (and nothing checked or written).

Goals on a 2-core machine: at least 5x faster than naive, 1,000 workbooks in at most 5 s, peak
memory of the process tree at most 300 MB.

Run: .venv/bin/python benchmarks/bench_consolidate.py [--sizes 100,1000] [--jobs 2]
     [--naive-max 1000] [--deck]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import openpyxl

CACHE = Path(tempfile.gettempdir()) / "cba-xl-bench-cache"
SEED = 1


def sample_folder(n: int) -> Path:
    folder = CACHE / f"sample-{n}-seed-{SEED}"
    done = folder / ".complete"
    if not done.exists():
        print(f"  writing {n} sample workbooks to {folder} (cached for later runs) ...", flush=True)
        subprocess.run(
            [sys.executable, "-m", "cba_xl", "sample", str(folder), "--participants", str(n),
             "--seed", str(SEED), "--force"],
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        done.write_text("ok\n")
    return folder


def _children(pid: int) -> list[int]:
    # Worker processes are started by a thread of the pool, so every thread's list counts.
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(p) for p in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_mb(pid: int) -> float:
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        total += _rss_kb(p)
        stack.extend(_children(p))
    return total / 1024


def run_consolidate(folder: Path, out: Path, jobs: int, deck: bool) -> tuple[float, float, dict]:
    cmd = [sys.executable, "-m", "cba_xl", "consolidate", str(folder), "-o", str(out),
           "--jobs", str(jobs), "--force", "--format", "json"]  # fmt: skip
    if deck:
        cmd += ["--deck", str(out.with_suffix(".pptx"))]
    peak = 0.0
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def sample() -> None:
        nonlocal peak
        while proc.poll() is None:
            peak = max(peak, tree_rss_mb(proc.pid))
            time.sleep(0.01)

    sampler = threading.Thread(target=sample)
    sampler.start()
    stdout, stderr = proc.communicate()
    seconds = time.perf_counter() - start
    sampler.join()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"consolidate failed ({proc.returncode}): {stderr.decode()}")
    return seconds, peak, json.loads(stdout)


def naive(paths: list[Path]) -> float:
    """Every cell of every sheet, one by one, with openpyxl, in this process."""
    start = time.perf_counter()
    cells = 0
    for path in paths:
        wb = openpyxl.load_workbook(path, data_only=True)
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    if cell.value is not None:
                        cells += 1
        wb.close()
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--sizes", default="100,1000", help="comma-separated cohort sizes")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument(
        "--naive-max",
        type=int,
        default=1000,
        help="time the naive reader on at most this many files, then scale",
    )
    ap.add_argument("--deck", action="store_true", help="also write the cohort deck")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"cba-xl consolidate benchmark: {os.cpu_count()} cores, --jobs {args.jobs}")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            folder = sample_folder(n)
            paths = sorted(folder.glob("*.xlsx"))
            out = Path(tmp) / f"cohort-{n}.xlsx"
            seconds, peak, summary = run_consolidate(folder, out, args.jobs, args.deck)
            assert summary["participants"] == n, summary
            subset = paths[: args.naive_max]
            naive_s = naive(subset) * len(paths) / len(subset)
            scaled = "" if len(subset) == len(paths) else f" (scaled from {len(subset)})"
            rows.append((n, seconds, peak, naive_s))
            print(
                f"  {n:>6} workbooks: consolidate {seconds:6.2f} s ({n / seconds:6.0f}/s), "
                f"peak tree RSS {peak:5.0f} MB, output {out.stat().st_size / 1e6:5.1f} MB | "
                f"naive openpyxl {naive_s:7.2f} s{scaled} | {naive_s / seconds:5.1f}x faster",
                flush=True,
            )
    for (n0, s0, p0, _), (n1, s1, p1, _) in itertools.pairwise(rows):
        print(
            f"  growth {n0} -> {n1} workbooks: time x{s1 / s0:.1f} for x{n1 / n0:.0f} files, "
            f"peak memory {p0:.0f} -> {p1:.0f} MB"
        )
    n, seconds, peak, naive_s = rows[-1]
    if n == 1000:
        goals = [
            ("5x faster than naive", naive_s / seconds >= 5),
            ("1,000 workbooks in at most 5 s", seconds <= 5),
            ("peak memory at most 300 MB", peak <= 300),
        ]
        for name, ok in goals:
            print(f"  goal {name}: {'met' if ok else 'NOT met'}")


if __name__ == "__main__":
    main()
