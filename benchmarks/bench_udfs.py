"""The Excel functions' Python work, timed (a benchmark, not a test).

Goals (issue 5): at most 50 µs per single-value call; a 200-row column in one call at most 5 ms.
What is timed is the function as xlwings calls it, with xlwings' value shapes (floats, None,
lists of rows, datetimes); the COM round trip between Excel and Python is not part of it.

    .venv/bin/python benchmarks/bench_udfs.py          # prints a table, exit 1 if a goal is missed
"""

from __future__ import annotations

import datetime as dt
import sys
import timeit
from collections.abc import Callable
from typing import Any

from cba_xl.addin import udfs

SINGLE_GOAL_US = 50.0
COLUMN_GOAL_MS = 5.0
ROWS = 200
START = dt.datetime(2025, 1, 6)
# The Services sheet's 25 service names, as CBA_NEED_SERVED(S) gets them.
SERVICES = [[f"Service {i}"] for i in range(24)] + [["Trade missions"]]
MISSION = "We connect ocean tech firms, research and the region so that our members grow"


def col(values: list[Any]) -> list[list[Any]]:
    return [[v] for v in values]


def _best(fn: Callable[[], object], number: int) -> float:
    """Seconds per call: the best of 5 repeats (the least disturbed by the machine)."""
    return min(timeit.repeat(fn, number=number, repeat=5)) / number


def single_cases() -> dict[str, Callable[[], object]]:
    deadline = dt.datetime(2026, 6, 30)
    return {
        "CBA_QUADRANT": lambda: udfs.CBA_QUADRANT("High", "Low"),
        "CBA_SERVICE_DECISION": lambda: udfs.CBA_SERVICE_DECISION(5.0, 1.0),
        "CBA_SMART": lambda: udfs.CBA_SMART(
            "Grow to 60 members by June", "Members", 60.0, "Anna", deadline, START
        ),
        "CBA_RACI": lambda: udfs.CBA_RACI([["R", "A/C", None, "C", "I", None, None, None]]),
        "CBA_DUE": lambda: udfs.CBA_DUE(None, 30.0, START),
        "CBA_QUADRANT (error text)": lambda: udfs.CBA_QUADRANT("Medium", "Low"),
        "CBA_TREND_RADAR": lambda: udfs.CBA_TREND_RADAR(5.0, 2.0),
        "CBA_NEED_SERVED": lambda: udfs.CBA_NEED_SERVED(
            "Partners abroad", "Trade missions", SERVICES
        ),
        "CBA_COMPETENCE_GAP": lambda: udfs.CBA_COMPETENCE_GAP(2.0, 4.0),
        "CBA_WORDS": lambda: udfs.CBA_WORDS(MISSION),
        "CBA_MISSION_TOO_LONG": lambda: udfs.CBA_MISSION_TOO_LONG(MISSION),
    }


def column_cases() -> dict[str, Callable[[], object]]:
    n = ROWS
    highs = col(["High" if i % 2 else "Low" for i in range(n)])
    lows = col(["Low" if i % 3 else "High" for i in range(n)])
    scores = col([float(1 + i % 5) for i in range(n)])
    goals = col([f"Win {i} new members" if i % 4 else "Improve visibility" for i in range(n)])
    deadlines = col([START + dt.timedelta(days=30 + i) for i in range(n)])
    days = col([float(10 + i) for i in range(n)])
    roles = [["R", "A", None, "C", "I", None, "C", None] for _ in range(n)]
    steps = col([float(i + 1) for i in range(n)])
    after = col([None] + [float(i) for i in range(1, n)])  # one long chain
    empty = col([None] * n)
    named = col([SERVICES[i % 26][0] if i % 26 < 25 else None for i in range(n)])
    return {
        "CBA_QUADRANTS": lambda: udfs.CBA_QUADRANTS(highs, lows),
        "CBA_SERVICE_DECISIONS": lambda: udfs.CBA_SERVICE_DECISIONS(scores, scores),
        "CBA_SMARTS": lambda: udfs.CBA_SMARTS(goals, goals, days, goals, deadlines, START),
        "CBA_RACIS": lambda: udfs.CBA_RACIS(goals, roles),
        "CBA_DUES": lambda: udfs.CBA_DUES(empty, days, START),
        "CBA_CRITICAL": lambda: udfs.CBA_CRITICAL(steps, days, after, empty, empty, START),
        "CBA_CRITICAL_PATH": lambda: udfs.CBA_CRITICAL_PATH(steps, days, after),
        "CBA_TOP_CHALLENGES": lambda: udfs.CBA_TOP_CHALLENGES(
            [["Digitalization", "Service innovation", "Financial sustainability"]] * n, 5.0
        ),
        "CBA_TREND_RADARS": lambda: udfs.CBA_TREND_RADARS(scores, scores),
        "CBA_NEED_PRIORITIES": lambda: udfs.CBA_NEED_PRIORITIES(scores),
        "CBA_NEEDS_SERVED": lambda: udfs.CBA_NEEDS_SERVED(goals, named, SERVICES),
        "CBA_COMPETENCE_GAPS": lambda: udfs.CBA_COMPETENCE_GAPS(scores, scores),
    }


def main() -> int:
    missed = 0
    print(f"{'single-value call':34} {'µs/call':>9}  goal <= {SINGLE_GOAL_US:.0f} µs")
    for name, fn in single_cases().items():
        us = _best(fn, 2000) * 1e6
        ok = us <= SINGLE_GOAL_US
        missed += not ok
        print(f"{name:34} {us:9.1f}  {'ok' if ok else 'MISSED'}")
    print()
    print(f"{f'{ROWS}-row column, one call':34} {'ms/call':>9}  goal <= {COLUMN_GOAL_MS:.0f} ms")
    for name, fn in column_cases().items():
        ms = _best(fn, 20) * 1e3
        ok = ms <= COLUMN_GOAL_MS
        missed += not ok
        print(f"{name:34} {ms:9.2f}  {'ok' if ok else 'MISSED'}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
