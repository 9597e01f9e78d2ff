"""Golden text summary of one demo participant's deck: every slide's layout, shapes, table
cells, chart series and point labels, and notes. Regenerate after an intended change with
`CBA_XL_UPDATE_GOLDEN=1 pytest tests -k golden` and review the diff."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

from slides_support import build, demo_homework, summary

GOLDEN = Path(__file__).parent / "golden" / "slides_demo.txt"


def test_demo_deck_matches_golden_summary(tmp_path: Path) -> None:
    hw, findings = demo_homework(7)  # has findings, so the closing slide is covered too
    text = summary(build(hw, findings, tmp_path / "demo.pptx"))
    if os.environ.get("CBA_XL_UPDATE_GOLDEN") == "1":
        GOLDEN.write_text(text, encoding="utf-8")
    expected = GOLDEN.read_text(encoding="utf-8")
    if text != expected:
        diff = "\n".join(
            difflib.unified_diff(
                expected.splitlines(), text.splitlines(), "golden", "built", lineterm=""
            )
        )
        raise AssertionError(f"deck summary differs from {GOLDEN.name}:\n{diff}")
