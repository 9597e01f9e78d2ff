"""What every slide builder needs: the homework, the findings, the deck, the words, and the
shared pieces of wording (kicker, source line, notes with the findings for a sheet)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from cba_xl.core.findings import Finding, sort_findings
from cba_xl.core.models import Homework
from cba_xl.core.rules.plan import plan_schedule
from cba_xl.core.rules.schedule import Schedule
from cba_xl.core.tools import sheets_of_code
from cba_xl.slides.brand import long_date
from cba_xl.slides.deck import Deck, Slide
from cba_xl.slides.fitting import Para
from cba_xl.slides.words import Words


@dataclass
class Ctx:
    hw: Homework
    findings: Sequence[Finding]
    deck: Deck
    words: Words
    date: dt.date
    used_sheets: set[str] = field(default_factory=set)

    @property
    def cluster(self) -> str:
        return self.hw.cluster or "Unnamed cluster"

    @cached_property
    def schedule(self) -> Schedule:
        """The plan's one schedule: every slide takes its dates from here."""
        return plan_schedule(self.hw)

    def base(self) -> dict[str, Any]:
        return {"cluster": self.cluster, "date": self.date, "brand": self.deck.brand}

    def kicker(self, tool: str) -> str:
        day, name = self.deck.brand.kicker(tool)
        return self.words.sentence("common", "kicker", {"day": day, "tool": name})

    def source(self, tool: str) -> str:
        ctx = {**self.base(), "method": self.deck.brand.method(tool)}
        return self.words.sentence("common", "source", ctx)

    def title(self, name: str, data: Mapping[str, Any]) -> str:
        return self.words.sentence(name, "title", {**self.base(), **data})

    def lines(self, name: str, block: str, data: Mapping[str, Any]) -> list[str]:
        return self.words.lines(name, block, {**self.base(), **data})

    def notes(
        self,
        name: str,
        data: Mapping[str, Any],
        sheets: Iterable[str],
        keep: Callable[[Finding], bool] | None = None,
    ) -> list[str]:
        """What the slide shows, then the check's findings for its sheets (those `keep` keeps,
        for a slide that shows some of a sheet's rows)."""
        sheets = list(sheets)
        self.used_sheets.update(sheets)
        found = sort_findings(
            f for f in self.findings if sheets_of(f) & set(sheets) and (keep is None or keep(f))
        )
        ctx = {**self.base(), **data, "findings": [f.line() for f in found]}
        return self.words.lines(name, "notes", ctx) + self.words.lines("common", "findings", ctx)

    def add(
        self,
        layout: str,
        name: str,
        tool: str,
        data: Mapping[str, Any],
        sheets: Iterable[str],
    ) -> Slide:
        """A content slide with its words taken from `templates/slides/<name>.j2`."""
        return self.deck.add(
            layout,
            title=self.title(name, data),
            kicker=self.kicker(tool),
            source=self.source(tool),
            notes=self.notes(name, data, sheets),
        )


def sheets_of(finding: Finding) -> set[str]:
    """A finding's sheet; a finding made on a homework that was not read from a workbook has
    none, and the rule that made it (the first part of its code) still says which it concerns."""
    if finding.sheet:
        return {finding.sheet}
    return set(sheets_of_code(finding.code.partition(".")[0]))


def bullets(items: Iterable[str], **style: Any) -> list[Para]:
    return [Para(text, bullet=True, **style) for text in items if text]


def heading(text: str, color: str = "brand") -> Para:
    return Para(text, bold=True, color=color)


def aside(text: str, *, scale: float = 1.0, space_before: float = 0.6) -> Para:
    """A side panel's quiet note (a key to the chart, what is left out): muted italics."""
    return Para(text, italic=True, color="muted", scale=scale, space_before=space_before)


def when(day: dt.date | None) -> str:
    return long_date(day) if day else ""
