"""A repair for openpyxl's save of macro-enabled workbooks: it drops form-button drawings."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any


def restore_vml_drawings(saved: Path, wb: Any) -> list[str]:
    """Put back the VML drawings (the form buttons) openpyxl dropped while keeping the VBA
    project: it carries over `vmlDrawing1.vml` to `vmlDrawing9.vml` only (its pattern allows
    one digit), yet the sheets still point at vmlDrawing10.vml and up, which would leave the
    file broken. Returns the parts put back."""
    archive = getattr(wb, "vba_archive", None)
    if archive is None:
        return []
    wanted = {ws.legacy_drawing for ws in wb.worksheets if getattr(ws, "legacy_drawing", None)}
    with zipfile.ZipFile(saved) as zf:
        present = set(zf.namelist())
    missing = sorted(name for name in wanted - present if name in archive.namelist())
    if missing:
        with zipfile.ZipFile(saved, "a", zipfile.ZIP_DEFLATED) as zf:
            for name in missing:
                zf.writestr(name, archive.read(name))
    return missing
