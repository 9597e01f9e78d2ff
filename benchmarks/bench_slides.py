"""Building one participant's deck: `build_deck` against the floor of bare python-pptx.

In one process, after a warm-up run (template bytes and font metrics are cached, as in a CLI run
over a folder or a cohort), the benchmark times:

- `build_deck` for one demo participant, written to a file (median of --runs);
- the floor: bare python-pptx building a deck with the same number of slides, charts (same chart
  types and point counts) and tables (same rows and columns), each slide with a title text box
  and notes, written to a file; no fitting, words, styling or layout work.

Goals: at most 150 ms per deck, and at most 4x the floor.

Run: .venv/bin/python benchmarks/bench_slides.py [--runs 15] [--participant 0] [--stress]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.chart.data import CategoryChartData, XyChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches, Pt

from cba_xl.core.check import check_homework
from cba_xl.sample import demo_cohort
from cba_xl.sample.stress import stress_homework
from cba_xl.slides import build_deck

DAY = dt.date(2024, 11, 15)


def shape_of(path: Path) -> dict[str, Any]:
    """What the built deck holds, for the floor to build the same amount."""
    prs = Presentation(str(path))
    charts: list[tuple[Any, list[int]]] = []
    tables: list[tuple[int, int]] = []
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_chart:
                chart = shape.chart
                charts.append((chart.chart_type, [len(s.values) for s in chart.plots[0].series]))
            if shape.has_table:
                tables.append((len(shape.table.rows), len(shape.table.columns)))
    return {"slides": len(prs.slides), "charts": charts, "tables": tables}


def floor(shape: dict[str, Any], out: Path) -> None:
    prs = Presentation()
    layout = prs.slide_layouts[6]
    charts = list(shape["charts"])
    tables = list(shape["tables"])
    for i in range(shape["slides"]):
        slide = prs.slides.add_slide(layout)
        box = slide.shapes.add_textbox(Inches(0.5), Inches(0.5), Inches(9), Inches(1))
        box.text_frame.text = f"Slide {i}"
        box.text_frame.paragraphs[0].runs[0].font.size = Pt(24)
        slide.notes_slide.notes_text_frame.text = "notes"
        if charts:
            kind, counts = charts.pop()
            if kind == XL_CHART_TYPE.XY_SCATTER:
                data: Any = XyChartData()
                for k, n in enumerate(counts):
                    series = data.add_series(f"s{k}")
                    for j in range(n):
                        series.add_data_point(j, j)
            else:
                data = CategoryChartData()
                data.categories = [f"c{j}" for j in range(counts[0])]
                for k, n in enumerate(counts):
                    data.add_series(f"s{k}", list(range(n)))
            slide.shapes.add_chart(kind, Inches(0.5), Inches(1.5), Inches(8), Inches(5), data)
        elif tables:
            rows, cols = tables.pop()
            table = slide.shapes.add_table(
                rows, cols, Inches(0.5), Inches(1.5), Inches(9), Inches(5)
            )
            for r in range(rows):
                for c in range(cols):
                    table.table.cell(r, c).text = "cell"
    prs.save(str(out))


def median_ms(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--participant", type=int, default=0)
    parser.add_argument("--stress", action="store_true", help="the stress homework instead")
    args = parser.parse_args()
    hw = stress_homework() if args.stress else demo_cohort()[args.participant]
    findings = check_homework(hw, today=DAY)
    with tempfile.TemporaryDirectory() as tmp:
        deck = Path(tmp) / "deck.pptx"
        bare = Path(tmp) / "floor.pptx"

        def ours() -> None:
            build_deck(hw, findings, deck, source_date=DAY, exemplary=True)

        built = median_ms(ours, args.runs)
        shape = shape_of(deck)
        base = median_ms(lambda: floor(shape, bare), args.runs)
    print(f"deck: {hw.cluster}")
    print(
        f"  {shape['slides']} slides, {len(shape['charts'])} charts, {len(shape['tables'])} tables"
    )
    print(f"  build_deck median: {built:7.1f} ms   (goal <= 150 ms)")
    print(f"  bare python-pptx:  {base:7.1f} ms")
    print(f"  ratio:             {built / base:7.2f} x   (goal <= 4x)")


if __name__ == "__main__":
    main()
