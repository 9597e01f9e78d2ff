"""The decks the academy's three days use, built from every consolidated participant's workbook
with the participant deck's own slide builders (`cba_xl.slides.build.SLIDES`):

- Day 1, the introduction round: every participant's profile slide.
- Day 2: every current canvas, then every future canvas followed by its changes.
- Day 3: every action plan (with its timeline), in pitch-group order when there are groups.

The workers hand back no Homework, so the consolidated workbooks are read again here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from cba_xl.cohort.record import Submission
from cba_xl.core.findings import Finding
from cba_xl.core.models import Homework
from cba_xl.slides import Deck, Para
from cba_xl.slides.brand import long_date
from cba_xl.slides.build import SLIDES
from cba_xl.slides.context import Ctx
from cba_xl.slides.words import default_words
from cba_xl.wording import join_and, tally

DAY1: Final = "day1-introductions.pptx"
DAY2: Final = "day2-canvases.pptx"
DAY3: Final = "day3-plans.pptx"
NAMES: Final = (DAY1, DAY2, DAY3)


class _SessionCtx(Ctx):
    """A participant's slides inside a session deck: the kicker names whose slide it is, and
    leaves out the day the tool was introduced on (a Day-2 deck shows the canvas made as the
    homework of Day 1)."""

    def kicker(self, tool: str) -> str:
        return f"{self.cluster} · {self.deck.brand.kicker(tool)[1]}"


@dataclass
class Participant:
    label: str
    homework: Homework
    findings: list[Finding]


def read_participants(
    labelled: Sequence[tuple[str, Submission]], today: dt.date | None
) -> list[Participant]:
    from cba_xl.workbook_check import check

    out = []
    for label, sub in labelled:
        result = check(Path(sub.file), today=today)
        if result.homework is not None:  # it was usable moments ago; skip it if no longer
            out.append(Participant(label, result.homework, result.findings))
    return out


def _deck(title: str, subtitle: str, made: dt.datetime, n: int) -> Deck:
    whose = "participant's workbook" if n == 1 else "participants' workbooks"
    deck = Deck(source=f"Source: {n} {whose}, consolidated by cba-xl")
    slide = deck.add("Title", title=title, source="")
    deck.text(slide, "Subtitle", [Para(subtitle)], max_size=24)
    deck.text(slide, "Date", [Para(long_date(made.date()))], max_size=16)
    return deck


def _ctx(deck: Deck, p: Participant, made: dt.datetime) -> Ctx:
    return _SessionCtx(p.homework, p.findings, deck, default_words(), made.date())


def day1(out: Path, people: Sequence[Participant], made: dt.datetime) -> None:
    deck = _deck(
        "Day 1: introduction round",
        f"{tally(len(people), 'cluster')} introduce themselves: who we are",
        made,
        len(people),
    )
    for p in people:
        for make in SLIDES["profile"]:
            make(_ctx(deck, p, made))
    deck.save(out)


def day2(out: Path, people: Sequence[Participant], made: dt.datetime) -> None:
    deck = _deck(
        "Day 2: business models today and in five years",
        f"{tally(len(people), 'canvas', 'canvases')} of today, then of the future with the "
        "changes that lead there",
        made,
        len(people),
    )
    deck.add("Section", title="Today's business models", kicker="Day 2 · Canvas today")
    for p in people:
        for make in SLIDES["canvas_current"]:
            make(_ctx(deck, p, made))
    deck.add("Section", title="In five years, and the changes", kicker="Day 2 · Canvas in 5 years")
    for p in people:
        for make in (*SLIDES["canvas_future"], *SLIDES["changes"]):
            make(_ctx(deck, p, made))
    deck.save(out)


def day3(
    out: Path,
    people: Sequence[Participant],
    groups: Sequence[Sequence[str]],
    made: dt.datetime,
) -> None:
    """The plans, group by group, each group opened by a section slide naming its members;
    without pitch groups, one after the other in the participants' order."""
    by_label = {p.label: p for p in people}
    grouped = [[by_label[x] for x in g if x in by_label] for g in groups]
    subtitle = f"{tally(len(people), 'action plan')}"
    if groups:
        subtitle += f" in {tally(len(groups), 'pitch group')}"
    deck = _deck("Day 3: action plans", subtitle, made, len(people))
    for number, members in enumerate(grouped or [list(people)], start=1):
        if groups:
            names = join_and(m.homework.profile.manager_name or m.label for m in members)
            deck.add("Section", title=f"Pitch group {number}: {names}", kicker="Day 3 · Pitch")
        for p in members:
            for make in SLIDES["plan"]:
                make(_ctx(deck, p, made))
    deck.save(out)


__all__ = ["NAMES", "Participant", "day1", "day2", "day3", "read_participants"]
