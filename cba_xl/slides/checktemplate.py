"""`check_template`: what a trainer's own .pptx lacks to be used as the slide template."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pptx import Presentation

from cba_xl.slides.master import REQUIRED


def check_template(path: Path) -> list[str]:
    """Plain-word problems ("layout 'Canvas' is missing"); an empty list means it can be used."""
    try:
        prs = Presentation(str(path))
    except FileNotFoundError:
        return [f"{path}: no such file"]
    except Exception as exc:  # python-pptx raises several kinds for a file that is not a deck
        return [f"{path}: not a PowerPoint file ({type(exc).__name__})"]
    layouts: dict[str, Any] = {}
    for master in prs.slide_masters:
        for layout in master.slide_layouts:
            layouts.setdefault(layout.name, layout)
    problems: list[str] = []
    for name, placeholders in REQUIRED.items():
        layout = layouts.get(name)
        if layout is None:
            problems.append(f"layout '{name}' is missing")
            continue
        have = {ph.name for ph in layout.placeholders}
        problems += [
            f"layout '{name}' has no placeholder named '{ph}'"
            for ph in placeholders
            if ph not in have
        ]
    return problems
