"""Generating sample participants (core models only, no workbook): the goal is 1,000 models
well under a second, so that `cba-xl sample -n 1000` spends its time writing files.

Run: .venv/bin/python benchmarks/bench_sample.py
"""

from __future__ import annotations

import time

from cba_xl.sample import demo_cohort, generate, stress_homework

GOAL_SECONDS = 1.0


def best_seconds(run: object, repeat: int = 5) -> float:
    assert callable(run)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    clean = best_seconds(lambda: list(generate(1000, 1)))
    flawed = best_seconds(lambda: list(generate(1000, 1, with_mistakes=True)))
    # Streamed: holding 10,000 models in a list adds Python's garbage collector's time on top.
    big = best_seconds(lambda: sum(1 for _ in generate(10_000, 1)), repeat=1)
    demo = best_seconds(demo_cohort)
    stress = best_seconds(stress_homework)
    print(f"generate 1,000 clean:          {clean:6.3f} s  (goal < {GOAL_SECONDS:g} s)")
    print(f"generate 1,000 with mistakes:  {flawed:6.3f} s")
    print(f"generate 10,000 clean, streamed: {big:4.3f} s")
    print(f"demo cohort (14):              {demo * 1000:6.1f} ms")
    print(f"stress homework:               {stress * 1000:6.1f} ms")


if __name__ == "__main__":
    main()
