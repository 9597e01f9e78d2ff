"""Shared helpers of the slide tests: build the demo and stress decks once, walk their shapes,
and write a normalised text summary for the golden file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from cba_xl.core.check import check_homework
from cba_xl.core.findings import Finding
from cba_xl.core.models import Homework
from cba_xl.sample import demo_samples
from cba_xl.sample.stress import stress_homework
from cba_xl.slides import build_deck

DAY = dt.date(2024, 11, 15)


def demo_homework(index: int = 0) -> tuple[Homework, list[Finding]]:
    hw = demo_samples()[index].homework
    return hw, check_homework(hw, today=DAY)


def build(hw: Homework, findings: list[Finding], out: Path, *, exemplary: bool = True) -> Any:
    build_deck(hw, findings, out, source_date=DAY, exemplary=exemplary)
    return Presentation(str(out))


def stress(out: Path) -> Any:
    hw = stress_homework()
    return build(hw, check_homework(hw, today=DAY), out, exemplary=False)


def shapes(prs: Any) -> Iterator[tuple[int, Any]]:
    for number, slide in enumerate(prs.slides, start=1):
        for shape in slide.shapes:
            yield number, shape


def title(slide: Any) -> str:
    return str(slide.shapes.title.text_frame.text) if slide.shapes.title is not None else ""


def summary(prs: Any) -> str:
    """One block per slide: layout, then each shape's kind and text, in a stable form."""
    lines: list[str] = []
    for number, slide in enumerate(prs.slides, start=1):
        lines.append(f"=== slide {number}: {slide.slide_layout.name}")
        for shape in slide.shapes:
            lines.extend(_describe(shape))
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        lines.extend(f"  notes: {line}" for line in notes.splitlines())
    return "\n".join(lines) + "\n"


def _describe(shape: Any) -> list[str]:
    name = shape.name
    if shape.has_chart:
        chart = shape.chart
        out = [f"  [{name}] chart {chart.chart_type.name}"]
        for series in chart.plots[0].series:
            labels = []
            if chart.chart_type.name == "XY_SCATTER":
                for i in range(len(series.values)):
                    dl = series.points[i].data_label
                    if dl.has_text_frame:
                        labels.append(dl.text_frame.text.replace("\n", " / "))
            values = ", ".join(f"{v:g}" for v in series.values)
            out.append(
                f"    series {series.name}: {values}"
                + (f" | {'; '.join(labels)}" if labels else "")
            )
        return out
    if shape.has_table:
        out = [f"  [{name}] table {len(shape.table.rows)}x{len(shape.table.columns)}"]
        for row in shape.table.rows:
            out.append("    | " + " | ".join(c.text.replace("\n", " / ") for c in row.cells))
        return out
    if shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
        return [f"  [{name}] PICTURE"]
    if shape.has_text_frame and shape.text_frame.text.strip():
        text = shape.text_frame.text.replace("\n", " / ").replace("\v", " ")
        return [f"  [{name}] {text}"]
    return [f"  [{name}] (no text)"]
