"""The claims harness: build decks from many homeworks and check every title against the model.

Each slide kind registers a checker with `@claim("kind")` (the kind is the name of the slide's
words template, `templates/slides/<kind>.j2`; cohort slides use `cohort.<slide>`). A checker gets
the homework (or the cohort), the findings and the title as shown, recomputes what the title
says from the data with the domain core, and asserts. Titles are recorded while the deck is
composed, so a checker sees exactly the sentence that went onto the slide.

To add a slide: write `@claim("goals") def _goals(case: Case, title: str) -> None: ...` here.
Every title also passes `common_checks` (nouns agree with their numbers, large numbers have
thousands separators, no template debris). `UNCHECKED` lists the kinds without a checker yet;
the test fails when a kind is neither checked nor listed, so a new slide is not forgotten.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import cba_xl
from cba_xl.cohort import tables as tb
from cba_xl.cohort import titles as cohort_titles
from cba_xl.cohort.extract import homework_rows
from cba_xl.cohort.pitch import pitch_groups_of, pitchers
from cba_xl.cohort.record import Submission
from cba_xl.cohort.rooms import rooms_with_members
from cba_xl.cohort.roster_file import Person
from cba_xl.cohort.roster_match import match_roster
from cba_xl.cohort.summary import CohortStats, CohortSummary
from cba_xl.cohort.themes import Said, Theme, find_themes
from cba_xl.core import vocab
from cba_xl.core.check import check_homework
from cba_xl.core.compare import compare
from cba_xl.core.findings import Finding, Severity
from cba_xl.core.models import Canvas, ChallengePick, Change, Homework
from cba_xl.core.rules import needs as needs_rules
from cba_xl.core.rules import vision as vision_rules
from cba_xl.core.rules.actions import action_quadrant
from cba_xl.core.rules.canvas import canvas_diff, item_key
from cba_xl.core.rules.challenges import TIE_RULE
from cba_xl.core.rules.changes import top_changes
from cba_xl.core.rules.pitch import pitch_groups
from cba_xl.core.rules.rooms import picked_count
from cba_xl.core.rules.schedule import unique_steps
from cba_xl.core.rules.trends import answered, is_pressing, radar_quadrant
from cba_xl.sample import demo_cohort, generate
from cba_xl.slides import compose
from cba_xl.slides.brand import month_year
from cba_xl.slides.coach import compose_preread, open_findings
from cba_xl.slides.questions import questions
from cba_xl.slides.words import Words

DAY = dt.date(2024, 11, 15)
K = TypeVar("K")

_WORDS = (
    "no", "one", "two", "three", "four", "five", "six",
    "seven", "eight", "nine", "ten", "eleven", "twelve",
)  # fmt: skip
NUMBER = r"(?:no|none|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d[\d,]*)"


def num(text: str) -> int:
    """'three' -> 3, '12,000' -> 12000, 'none'/'no' -> 0."""
    word = text.strip().lower()
    if word == "none":
        return 0
    if word in _WORDS:
        return _WORDS.index(word)
    return int(word.replace(",", ""))


def low(text: str) -> str:
    """How a name reads inside a sentence (the slides' lower_first)."""
    return text if len(text) > 1 and text[1].isupper() else text[:1].lower() + text[1:]


def names(text: str) -> list[str]:
    """'a, b and c' (or 'a, b, and c') -> ['a', 'b', 'c']; names holding an 'and' of their own
    come with a serial comma, which this undoes first."""
    if ", and " in text:
        head, last = text.rsplit(", and ", 1)
        return [*head.split(", "), last]
    if " and " not in text:
        return [text]
    head, last = text.rsplit(" and ", 1)
    return [*head.split(", "), last]


# --- cases --------------------------------------------------------------------------------


@dataclass
class Case:
    """One homework, its findings and the titles its deck was composed with."""

    label: str
    hw: Homework
    findings: list[Finding]
    titles: list[tuple[str, str]] = field(default_factory=list)  # (kind, title)
    deck_titles: list[str] = field(default_factory=list)
    previous: Homework | None = None  # the earlier submission the coaching pre-read compares
    previous_findings: list[Finding] = field(default_factory=list)
    lines: list[tuple[str, str]] = field(default_factory=list)  # (template.block, bullet)


class RecordingWords(Words):
    """The deck's own words, noting every title as it is rendered."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple[str, str]] = []

        self.lines_seen: list[tuple[str, str]] = []  # (template, line) of bullet lists

    def sentence(self, name: str, block: str, context: Mapping[str, Any]) -> str:
        text = super().sentence(name, block, context)
        if block == "title":
            self.seen.append((name, text))
        return text

    def lines(self, name: str, block: str, context: Mapping[str, Any]) -> list[str]:
        out = super().lines(name, block, context)
        self.lines_seen += [(f"{name}.{block}", line) for line in out]
        return out


def earlier_submission(hw: Homework) -> Homework:
    """What the participant could have sent before: the last plan step not written yet, the
    first action without its status, the first step due a month later."""
    old = copy.deepcopy(hw)
    old.plan = old.plan[:-1]
    if old.actions:
        old.actions[0].status = ""
    if old.plan and old.plan[0].deadline is not None:
        old.plan[0].deadline += dt.timedelta(days=30)
    return old


def build(label: str, hw: Homework) -> Case:
    """The participant's deck and the coach's pre-read (with an earlier submission)."""
    findings = check_homework(hw, today=DAY)
    words = RecordingWords()
    deck = compose(hw, findings, source_date=DAY, words=words)
    old = earlier_submission(hw)
    old_findings = check_homework(old, today=DAY)
    preread = compose_preread(
        hw, findings, previous=(old, old_findings), source_date=DAY, words=words
    )
    shown = [s.title for s in (*deck.slides, *preread.slides)]
    return Case(label, hw, findings, words.seen, shown, old, old_findings, words.lines_seen)


def _empty_canvas(horizon: str) -> Canvas:
    return Canvas(horizon=horizon)


def _mutations(hw: Homework) -> Iterator[tuple[str, Homework]]:
    """Variants that titles written for the demo get wrong: empty, single, tied, large."""
    one = copy.deepcopy(hw)
    for name in (
        "challenges",
        "changes",
        "services",
        "actions",
        "goals",
        "plan",
        "raci",
        "needs",
        "trends",
        "competencies",
    ):
        setattr(one, name, getattr(one, name)[:1])
    one.communication.plan = one.communication.plan[:1]
    one.vision.mission = " ".join(["word"] * 30)
    one.profile.members = 1
    yield "one of each", one

    empty = Homework()
    empty.profile.cluster_name = hw.profile.cluster_name
    yield "empty", empty

    tied = copy.deepcopy(hw)
    for pick in tied.challenges:
        pick.rank = 1
    # Two blocks with the same number of new items, none with more: a tie for "most".
    tied.canvas_future = copy.deepcopy(tied.canvas_current)
    for key in ("activities", "channels"):
        tied.canvas_future.blocks[key] = [*tied.canvas_future.blocks[key], "New A", "New B"]
    tied.profile.members = 12000
    for need in tied.needs:
        need.relevance, need.service = 3, ""  # every need a gap, none rated high
    tied.vision.ticks = {"vision": {}, "mission": {}}
    for t in tied.communication.plan[1:]:
        t.channel = ""
    yield "ties", tied

    same = copy.deepcopy(hw)
    same.canvas_future = copy.deepcopy(same.canvas_current)
    same.canvas_future.horizon = "future"
    same.challenges = [ChallengePick(rank=0, theme=c.theme) for c in same.challenges]
    yield "no change, unranked", same

    lopsided = copy.deepcopy(hw)
    lopsided.canvas_future = copy.deepcopy(lopsided.canvas_current)
    lopsided.canvas_future.horizon = "future"
    lopsided.canvas_future.blocks["channels"] = [
        *lopsided.canvas_future.blocks["channels"],
        "LinkedIn",
        "Podcast",
        "Newsletter",
    ]
    lopsided.canvas_future.blocks["cost_structure"] = []
    lopsided.changes = [
        Change(row=1, change="Start a podcast", block="channels", priority=1),
        Change(row=2, change="Something", block="", priority=2),
    ]
    yield "one block, unplaced top change", lopsided

    only_new = copy.deepcopy(hw)
    only_new.canvas_current = _empty_canvas("current")
    yield "current canvas empty", only_new

    # The demo's one late step has its deadline before the plan start; a plan that overruns a
    # deadline after the start is the other case the titles tell apart.
    if hw.plan_start is not None and hw.plan:
        overrun = copy.deepcopy(hw)
        overrun.plan[-1].deadline = hw.plan_start + dt.timedelta(days=1)
        yield "a deadline the plan misses", overrun


def homeworks(seeds: Sequence[int] = (1, 2, 3)) -> Iterator[tuple[str, Homework]]:
    """The demo cohort, generated participants (some with planted mistakes), and each of the
    first demo participants mutated."""
    demo = demo_cohort()
    for i, hw in enumerate(demo):
        yield f"demo {i + 1}", hw
    for seed in seeds:
        for i, hw in enumerate(generate(4, seed, with_mistakes=True)):
            yield f"seed {seed} #{i}", hw
    for i, hw in enumerate(demo[:3]):
        for name, variant in _mutations(hw):
            yield f"demo {i + 1} {name}", variant


# --- the registry -------------------------------------------------------------------------

Checker = Callable[[Case, str], None]
CLAIMS: dict[str, Checker] = {}
# Slide kinds without a checker here: their titles are read back against the rules in
# tests/test_slides_rule_titles.py instead.
UNCHECKED = {"priority", "profitability", "services", "goals", "raci"}


def claim(kind: str) -> Callable[[Checker], Checker]:
    def register(check: Checker) -> Checker:
        CLAIMS[kind] = check
        return check

    return register


_NOUNS = (
    "error", "warning", "note", "item", "block", "step", "goal", "action", "service",
    "deliverable", "challenge", "member", "participant", "change", "pick", "theme", "file",
    "plan step", "business model", "breakout room", "canvas item", "quick win", "month",
    "trend", "rated trend", "field", "assessed field", "level", "gap",
)  # fmt: skip


# Verbs after a singular subject ("one step takes", not "one step take").
_PLURAL_VERBS = "take|set|carry|give|cost|need|are|have|change|cover|make|target"


def agreement_checks(title: str) -> None:
    """A count of one takes a singular verb, and 'all'/'each of the'/'none of the' need more
    than one."""
    assert not re.search(
        r"\b(?:All|all|Each of the|each of the|None of the|none of the) one\b", title
    ), f"'all one' or 'each of the one': {title!r}"
    nouns = "|".join(n for n in _NOUNS if " " not in n)
    wrong = re.search(rf"\b(?:One|one) (?:{nouns})(?: \w+)? (?:{_PLURAL_VERBS})\b", title)
    assert not wrong, f"'one' with a plural verb: {title!r}"


_COUNT_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"


def common_checks(title: str, *, agreement: bool = True) -> None:
    if agreement:
        agreement_checks(title)
    assert title, "empty title"
    assert title == " ".join(title.split()), f"stray white space: {title!r}"
    assert not re.search(r"\s[,;:.]", title), f"space before punctuation: {title!r}"
    assert "{" not in title and "}" not in title, f"template debris: {title!r}"
    assert not title.endswith((".", ",", ";")), f"title ends in punctuation: {title!r}"
    for noun in _NOUNS:
        one = re.search(rf"\b(?:one|1) {noun}s\b", title)
        assert not one, f"'one' with a plural: {title!r}"
        # "no block changes" is English; "two block" and "5 block" are not.
        many = re.search(
            rf"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|0|[2-9]|\d[\d,]+)"
            rf" {noun}\b(?!s)",
            title,
        )
        if many:
            raise AssertionError(f"a plural number with a singular noun: {title!r}")
    # "Four of four goals are SMART": all of them, said the long way
    every = re.search(rf"(?<!rated )\b({_COUNT_WORDS}|\d+) of (?:the )?\1\b", title, re.I)
    assert not every, f"'N of N' where all is meant: {title!r}"
    for big in re.findall(r"\b\d{4,}\b", title):
        year = len(big) == 4 and 1900 <= int(big) <= 2100
        assert year, f"{big} without thousands separators: {title!r}"


# --- participant slides -------------------------------------------------------------------


def _top_pick(picks: Sequence[ChallengePick]) -> str:
    ranked = sorted((p for p in picks if p.theme and p.rank), key=lambda p: p.rank)
    if not ranked or (len(ranked) > 1 and ranked[0].rank == ranked[1].rank):
        return ""
    return ranked[0].theme


@claim("profile")
def _profile(case: Case, title: str) -> None:
    p = case.hw.profile
    cluster = case.hw.cluster or "Unnamed cluster"
    assert title.startswith(cluster), title
    m = re.search(r"brings together ([\d,]+) members?\b", title)
    if p.members:
        assert m and num(m.group(1)) == p.members, title
    else:
        assert m is None, title
    top = _top_pick(case.hw.challenges)
    m = re.search(r"top challenge is (.+)$", title)
    if top:
        assert m and m.group(1) == low(top), title
    else:
        assert m is None, f"names a top challenge without a unique best rank: {title}"


@claim("challenges")
def _challenges(case: Case, title: str) -> None:
    picks = [c for c in case.hw.challenges if c.theme]
    if not picks:
        assert title.startswith("No challenges are ranked yet"), title
        return
    if m := re.fullmatch(r"(.+) comes first, ahead of (.+)", title):
        ranks = [c.rank for c in picks]
        assert all(ranks) and len(set(ranks)) == len(ranks), f"ranks are not distinct: {title}"
        ordered = sorted(picks, key=lambda c: c.rank)
        assert m.group(1) == ordered[0].theme[:1].upper() + ordered[0].theme[1:], title
        assert names(m.group(2)) == [low(c.theme) for c in ordered[1:]], title
    elif m := re.fullmatch(r"(.+) comes first among (\w+) challenges", title):
        top = _top_pick(picks)
        assert top and m.group(1).lower() == top.lower(), title
        assert num(m.group(2)) == len(picks), title
    elif "is the one challenge" in title:
        assert len(picks) == 1, title
    else:
        assert title.startswith("The top challenges are"), title
        assert not _top_pick(picks), f"says unranked but one pick leads: {title}"


@claim("canvas_current")
def _canvas_current(case: Case, title: str) -> None:
    canvas = case.hw.canvas_current
    total = len(vocab.CANVAS_BLOCK_KEYS)
    filled = len(canvas.filled_blocks())
    if not canvas.item_count():
        assert "still empty" in title, title
        return
    if m := re.search(rf"fills all ({NUMBER}) blocks", title):
        assert filled == total == num(m.group(1)), title
    else:
        m = re.search(rf"fills ({NUMBER}) of ({NUMBER}) blocks?", title)
        assert m and num(m.group(1)) == filled and num(m.group(2)) == total, title
    sources = {
        "public": "public_funding",
        "private": "private_funding",
        "project": "project_funding",
    }
    named = [s for s, key in sources.items() if canvas.blocks.get(key)]
    if named:
        m = re.search(r"draws on (.+) funding$", title)
        assert m and names(m.group(1)) == named, title
    else:
        assert "no funding source named" in title, title


def _diff_counts(hw: Homework) -> tuple[int, int, Counter[str]]:
    diff = canvas_diff(hw.canvas_current, hw.canvas_future)
    per_block: Counter[str] = Counter()
    for key, d in diff.items():
        per_block[vocab.CANVAS_BLOCK_TITLES[key]] = len(d.added) + len(d.dropped)
    added = sum(len(d.added) for d in diff.values())
    dropped = sum(len(d.dropped) for d in diff.values())
    return added, dropped, per_block


@claim("canvas_future")
def _canvas_future(case: Case, title: str) -> None:
    hw = case.hw
    if not hw.canvas_future.item_count():
        assert "still empty" in title, title
        return
    added, dropped, per_block = _diff_counts(hw)
    if "stays as it is" in title:
        assert added == dropped == 0, title
        return
    m = re.search(rf"adds ({NUMBER})", title)
    assert (m and num(m.group(1)) == added) or (added == 0 and "adds none" in title), title
    m = re.search(rf"drops ({NUMBER})", title)
    assert m and num(m.group(1)) == dropped, title
    most = max(per_block.values(), default=0)
    leaders = [b for b, n in per_block.items() if n == most]
    total = added + dropped
    if m := re.search(r", most of them in (.+)$", title):
        assert leaders == [b for b in per_block if low(b) == m.group(1)], title
        assert 2 * most > total, f"'most of them' without a majority ({most} of {total}): {title}"
    elif m := re.search(r", the most in (.+)$", title):
        assert len(leaders) == 1 and low(leaders[0]) == m.group(1), title
    elif m := re.search(r", (.+) changing most$", title):
        assert sorted(names(m.group(1))) == sorted(low(b) for b in leaders), title
        assert len(leaders) > 1, title
    else:
        assert len(leaders) != 1 or most == 0, f"a unique leader left unsaid: {title}"


@claim("changes")
def _changes(case: Case, title: str) -> None:
    hw = case.hw
    diff = canvas_diff(hw.canvas_current, hw.canvas_future)
    changed = sum(1 for d in diff.values() if d.changed)
    if not changed:
        assert "no block changes yet" in title, title
        return
    m = re.match(rf"({NUMBER}) (blocks? change[s]?)\b", title, re.IGNORECASE)
    assert m and num(m.group(1)) == changed, title
    assert m.group(2) == ("block changes" if changed == 1 else "blocks change"), title
    top = top_changes(hw.changes)
    placed = [c for c in top if c.block in vocab.CANVAS_BLOCK_TITLES]
    blocks = list(dict.fromkeys(low(vocab.CANVAS_BLOCK_TITLES[c.block]) for c in placed))
    # "target": the Changes sheet names the block a change aims at, whether or not the future
    # canvas already shows it.
    if m := re.search(r"; the top (?:change targets|(\w+) changes target) (.+)$", title):
        assert len(placed) == len(top) == (num(m.group(1)) if m.group(1) else 1), title
        assert names(m.group(2)) == blocks, title
    elif m := re.search(r"; (\w+) of the top (\w+) changes targets? (.+)$", title):
        assert num(m.group(1)) == len(placed) and num(m.group(2)) == len(top), title
        assert names(m.group(3)) == blocks, title
    else:
        assert not placed, f"top changes with blocks left unsaid: {title}"


@claim("chain")
def _chain(case: Case, title: str) -> None:
    """A chain slide (template 2.0) names its top-3 change, the steps that advance it, the goals
    they serve, when the one schedule has them all done, and how many are done."""
    hw = case.hw
    m = re.match(r"Change (\d), “(.+?)”(.*)$", title, re.DOTALL)
    assert m, title
    rank, text, rest = int(m.group(1)), m.group(2), m.group(3)
    [change] = [c for c in top_changes(hw.changes) if c.priority == rank]
    assert text == change.change, title

    def fold(t: str) -> str:
        return " ".join(t.split()).casefold()

    steps = [s for s in hw.plan if s.change and fold(s.change) == fold(change.change)]
    if not steps:
        assert rest == ", has no step in the action plan yet", title
        return
    m = re.match(
        rf": ({NUMBER}) steps? (?:for goals? (.+?)|with no goal named)"
        rf"(?:, done by ({MONTH_YEAR}))?(?:; (all |{NUMBER} |)already done)?$",
        rest,
    )
    assert m, title
    assert num(m.group(1)) == len(steps), title
    goals = list(dict.fromkeys(s.goal.strip() for s in steps if s.goal.strip()))
    assert (names(m.group(2)) if m.group(2) else []) == goals, title
    sched = cba_xl.plan_schedule(hw)
    ends = [sched.finish_date_of(s.step) for s in steps]
    if all(e is not None for e in ends):
        assert m.group(3) == month_year(max(e for e in ends if e is not None)), title
    else:
        assert m.group(3) is None, title
    status = {a.step: a.status for a in hw.actions if a.step is not None}
    done = sum(1 for s in steps if status.get(s.step) == "Done")
    said = m.group(4)
    if said is None:
        assert done == 0, title
    elif done == len(steps):
        # "all already done" for several; the one step is just "already done"
        assert said == ("" if done == 1 else "all "), title
    else:
        assert said and num(said.strip()) == done, title


@claim("findings")
def _findings(case: Case, title: str) -> None:
    counts = Counter(f.severity for f in case.findings)
    said = {
        Severity.ERROR: r"(\w+) errors?",
        Severity.WARNING: r"(\w+) warnings?",
        Severity.INFO: r"(\w+) notes?",
    }
    for severity, pattern in said.items():
        m = re.search(r"\b" + pattern + r"\b", title)
        if counts[severity]:
            assert m and num(m.group(1)) == counts[severity], title
        else:
            assert m is None or m.group(1) == "the", title
    if counts[Severity.ERROR]:
        need = "the error needs" if counts[Severity.ERROR] == 1 else "the errors need"
        assert need in title, title


MONTH_YEAR = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December) \d{4}"
)


def _plan_finish(case: Case, title: str) -> None:
    """The only month a plan title names is the one schedule's finish."""
    sched = cba_xl.plan_schedule(case.hw)
    months = re.findall(MONTH_YEAR, title)
    if sched.finish_date is None:
        assert months == [], title
    else:
        assert months == [month_year(sched.finish_date)], title
    if sched.finish_date:
        _deadline_claims(sched, title)
    else:
        assert "cannot meet" not in title and "before the plan start" not in title, title


def _deadline_claims(sched: Any, title: str) -> None:
    """'n steps cannot meet their deadlines' counts the plan's overruns only; a deadline
    before the plan start is said as such, since no schedule can meet it."""
    m = re.search(rf"({NUMBER}) steps? cannot meet (?:its deadline|their deadlines)", title)
    assert (num(m.group(1)) if m else 0) == len(sched.overrun), title
    m = re.search(
        rf"({NUMBER}) steps? (?:has a deadline|have deadlines) before the plan start", title
    )
    assert (num(m.group(1)) if m else 0) == len(sched.early_deadlines), title


@claim("plan")
def _plan(case: Case, title: str) -> None:
    sched = cba_xl.plan_schedule(case.hw)
    steps = len(case.hw.plan)
    if not steps:
        assert title == "The action plan has no steps yet", title
        return
    m = re.match(rf"({NUMBER}) steps? (?:takes?|makes?) ", title, re.IGNORECASE)
    assert m and num(m.group(1)) == steps, title
    _plan_finish(case, title)
    if not sched.duration_days:
        assert "duration yet, so it has no schedule" in title, title
    slack = sched.slack_days
    m = re.search(rf", ({NUMBER}) days? (before|after) its last deadline", title)
    if sched.finish_date and not sched.late and slack:
        assert m and num(m.group(1)) == abs(slack), title
        assert m.group(2) == ("before" if slack > 0 else "after"), title
    else:
        assert m is None, title
    m = re.search(rf"; (.+) is responsible for ({NUMBER}) of them$", title)
    if m:
        owners = Counter(s.responsible.strip() for s in case.hw.plan if s.responsible.strip())
        top = owners.most_common(2)
        assert top[0] == (m.group(1), num(m.group(2))), title
        assert len(top) == 1 or top[1][1] < top[0][1], f"'responsible for' on a tie: {title}"


@claim("timeline")
def _timeline(case: Case, title: str) -> None:
    sched = cba_xl.plan_schedule(case.hw)
    if not sched.duration_days:
        assert title.startswith("The plan's steps have no durations yet"), title
        return
    assert title.startswith(f"The plan takes {sched.duration_days:,} days"), title
    _plan_finish(case, title)
    m = re.search(rf"({NUMBER}) steps? on the critical path (sets|set) the pace", title)
    if m:
        assert not sched.late and num(m.group(1)) == len(sched.critical), title
        assert m.group(2) == ("sets" if len(sched.critical) == 1 else "set"), title


# --- the strategy review: member needs, vision and mission, communication ---------------


@claim("needs")
def _needs(case: Case, title: str) -> None:
    hw = case.hw
    listed = [n for n in hw.needs if n.need or n.member]
    gaps = [n for n in listed if needs_rules.is_gap(n, hw.services)]
    high = [n for n in gaps if (n.relevance or 0) >= needs_rules.HIGH_RELEVANCE]
    if not listed:
        assert title == "No key member needs are listed yet", title
        return
    head = rf"({NUMBER}) of ({NUMBER}) key member needs? (has|have) no service yet"
    if m := re.match(head, title, flags=re.IGNORECASE):
        assert (num(m.group(1)), num(m.group(2))) == (len(gaps), len(listed)), title
        assert m.group(3) == ("has" if len(gaps) == 1 else "have"), title
        if "all rated" in title:
            assert len(high) == len(gaps) > 1, title
        elif m2 := re.search(rf", ({NUMBER}) of them rated", title):
            assert num(m2.group(1)) == len(high), title
        elif m3 := re.search(r"it is rated (\d) of 5", title):
            assert len(gaps) == 1 and gaps[0].relevance == int(m3.group(1)), title
        elif "none rated above" in title:
            assert not high, title
    elif m := re.match(rf"None of the ({NUMBER}) key member needs has a service yet", title):
        assert len(gaps) == len(listed) == num(m.group(1)) > 1, title
        if "all rated" in title:
            assert len(high) == len(gaps), title
        elif m2 := re.search(rf"; ({NUMBER}) of them are rated", title):
            assert 0 < num(m2.group(1)) == len(high) < len(gaps), title
        else:
            assert not high, title
    elif title.startswith("All"):
        assert not gaps and num(title.split()[1]) == len(listed) > 1, title
    else:
        assert len(listed) == 1, title
        assert ("no service" in title) == bool(gaps), title


@claim("vision")
def _vision(case: Case, title: str) -> None:
    vm = case.hw.vision
    words = len(vm.mission.split())
    met = {s: sum(1 for v in vm.ticks.get(s, {}).values() if v) for s in ("vision", "mission")}
    if not vm.vision and not vm.mission:
        assert title == "No vision or mission is written yet", title
    elif m := re.fullmatch(r"The mission runs to (\d+) words, more than the (\d+) .*", title):
        assert int(m.group(1)) == words > int(m.group(2)) == vision_rules.MISSION_WORD_LIMIT, title
    elif m := re.fullmatch(
        rf"The vision meets ({NUMBER}) and the mission ({NUMBER}) of the six success factors",
        title,
    ):
        assert (num(m.group(1)), num(m.group(2))) == (met["vision"], met["mission"]), title
        assert 6 not in met.values(), f"'six of the six': {title}"
    elif m := re.fullmatch(
        rf"The (vision|mission) meets ({NUMBER}) of the six success factors, the "
        r"(vision|mission) all of them",
        title,
    ):
        assert {m.group(1), m.group(3)} == {"vision", "mission"}, title
        assert num(m.group(2)) == met[m.group(1)] < 6 == met[m.group(3)], title
    elif title.startswith("Vision and mission meet all six"):
        assert met == {"vision": 6, "mission": 6}, title
    elif "no success factor is ticked" in title:
        assert not any(vm.ticks.get(s) for s in ("vision", "mission")), title
    else:
        assert "still missing" in title and not (vm.vision and vm.mission), title
    if vm.vision and vm.mission and words <= vision_rules.MISSION_WORD_LIMIT:
        assert "runs to" not in title, title


@claim("communication")
def _communication(case: Case, title: str) -> None:
    groups = [t for t in case.hw.communication.plan if t.group]
    complete = [t for t in groups if t.objective.strip() and t.channel.strip()]
    if not groups:
        assert title == "No target group has communication objectives yet", title
    elif m := re.match(
        rf"({NUMBER}) of ({NUMBER}) target groups (lacks|lack) an objective or a channel$",
        title,
        flags=re.I,
    ):
        lacking = len(groups) - len(complete)
        assert (num(m.group(1)), num(m.group(2))) == (lacking, len(groups)), title
        assert 0 < len(complete) < len(groups), title
        assert m.group(3) == ("lacks" if lacking == 1 else "lack"), title
    elif title.startswith(("All", "The one target group has")):
        assert len(complete) == len(groups), title
    else:
        assert not complete, title


# --- issue 14: trends and competencies ---------------------------------------------------


@claim("pestel")
def _pestel(case: Case, title: str) -> None:
    hw = case.hw
    if not hw.trends:
        assert title == "No trend is listed yet, so the PESTEL scan is still empty", title
        return
    counts = Counter(t.factor for t in hw.trends if t.factor in vocab.PESTEL)
    groups = len(vocab.PESTEL)
    m = re.match(
        rf"({NUMBER}) trends? (covers|cover) (?:all ({NUMBER})|({NUMBER}) of the ({NUMBER})) "
        r"PESTEL factor groups(.*)$",
        title,
        re.I,
    )
    assert m and num(m.group(1)) == len(hw.trends), title
    assert m.group(2) == ("covers" if len(hw.trends) == 1 else "cover"), title
    covered = sum(1 for g in vocab.PESTEL if counts[g])
    if m.group(3):
        assert covered == groups == num(m.group(3)), title
    else:
        assert (num(m.group(4)), num(m.group(5))) == (covered, groups) and covered < groups, title
    missing = [g for g in vocab.PESTEL if not counts[g]]
    leaders, most = _leaders(counts)
    rest = m.group(6)
    if said := re.fullmatch(r"; (.+) (has|have) none yet", rest):
        assert names(said.group(1)) == missing and len(missing) <= 2, title
        assert said.group(2) == ("has" if len(missing) == 1 else "have"), title
    elif said := re.fullmatch(r"; (.+) holds most of them", rest):
        assert leaders == [said.group(1)] and 2 * most > sum(counts.values()), title
    elif said := re.fullmatch(r"; (.+) holds the most", rest):
        assert leaders == [said.group(1)] and 2 * most <= sum(counts.values()), title
    else:
        assert rest == "", title
        assert len(missing) > 2 or len(leaders) != 1 or len(hw.trends) == 1, title


@claim("trend_radar")
def _trend_radar(case: Case, title: str) -> None:
    hw = case.hw
    rated = [t for t in hw.trends if radar_quadrant(t.influence, t.competence)]
    pressing = [t for t in rated if is_pressing(t)]
    open_ = sum(1 for t in pressing if not answered(t, hw))
    if not rated:
        assert title == "No trend is rated for influence and competence yet", title
        return
    if not pressing:
        if len(rated) == 1:
            assert title.startswith("The one rated trend does not combine"), title
        else:
            m = re.fullmatch(
                rf"None of the ({NUMBER}) rated trends combines high influence with low "
                "competence",
                title,
            )
            assert m and num(m.group(1)) == len(rated), title
        return
    m = re.fullmatch(
        rf"(?:({NUMBER}) of ({NUMBER})|All ({NUMBER})|(The one)) rated trends? (has|have) high "
        r"influence but low competence; (.+)",
        title,
        re.I,
    )
    assert m, title
    if m.group(1):
        assert (num(m.group(1)), num(m.group(2))) == (len(pressing), len(rated)), title
        assert len(pressing) < len(rated), f"'n of n': {title}"
    elif m.group(3):
        assert num(m.group(3)) == len(pressing) == len(rated) > 1, title
    else:
        assert len(pressing) == len(rated) == 1, title
    assert m.group(5) == ("has" if len(pressing) == 1 else "have"), title
    rest = m.group(6)
    if not open_:
        assert rest.endswith("an answer in the strategy") and "no " not in rest, title
    elif open_ == len(pressing):
        assert rest in (
            "it has no answer in the strategy yet",
            "none has an answer in the strategy yet",
        ), title
    else:
        said = re.fullmatch(rf"({NUMBER}) (has|have) no answer in the strategy yet", rest)
        assert said and num(said.group(1)) == open_, title


@claim("competencies")
def _competencies(case: Case, title: str) -> None:
    hw = case.hw
    mine = {c.field: c for c in hw.competencies if c.field in vocab.COMPETENCE_NAMES}
    assessed = [c for c in mine.values() if c.gap is not None]
    short = [c for c in assessed if (c.gap or 0) > 0]
    steps = unique_steps(hw.plan)
    open_ = sum(1 for c in short if not any(n in steps for n in c.steps))
    if not assessed:
        assert title == "No field of competence is assessed yet", title
        return
    if not short:
        assert title.endswith(("meets its target", "meet their target")), title
        return
    m = re.fullmatch(
        rf"(?:All ({NUMBER})|({NUMBER}) of ({NUMBER})|(The one)) assessed fields? (falls|fall) "
        r"short of the target(.*)",
        title,
        re.I,
    )
    assert m, title
    if m.group(1):
        assert num(m.group(1)) == len(short) == len(assessed) > 1, title
    elif m.group(4):
        assert len(short) == len(assessed) == 1, title
    else:
        assert (num(m.group(2)), num(m.group(3))) == (len(short), len(assessed)), title
        assert len(short) < len(assessed), f"'n of n': {title}"
    gaps = {c.field: c.gap or 0 for c in short}
    widest, most = _leaders(gaps)
    rest = m.group(6)
    if said := re.match(rf", (.+) the most \(({NUMBER}) levels?\)", rest):
        assert [low(w) for w in widest] == [said.group(1)] and num(said.group(2)) == most, title
        rest = rest[said.end() :]
    elif said := re.match(rf" by ({NUMBER}) levels?", rest):
        assert len(short) == 1 and num(said.group(1)) == most, title
        rest = rest[said.end() :]
    else:
        assert len(widest) > 1, f"a unique widest gap left unsaid: {title}"
    if open_:
        said = re.fullmatch(rf"; ({NUMBER}) (?:gap has|gaps have) no closing step yet", rest)
        assert said and num(said.group(1)) == open_, title
    else:
        assert rest.startswith("; plan steps close "), title


# --- the coaching pre-read ---------------------------------------------------------------


@claim("coach_profile")
def _coach_profile(case: Case, title: str) -> None:
    cluster = case.hw.cluster or "Unnamed cluster"
    top = top_changes(case.hw.changes)
    assert title.startswith(f"{cluster} comes to the call with "), title
    if not top:
        assert title.endswith("with no top change marked yet"), title
        return
    m = re.search(rf"with its top (?:change|({NUMBER}) changes), first “(.+)”$", title)
    assert m, title
    assert (num(m.group(1)) if m.group(1) else 1) == len(top), title
    assert m.group(2) == top[0].change, title


def _owners_missing(hw: Homework) -> int:
    return sum(1 for s in unique_steps(hw.plan).values() if s.action and not s.responsible.strip())


@claim("coach_schedule")
def _coach_schedule(case: Case, title: str) -> None:
    sched = cba_xl.plan_schedule(case.hw)
    if not case.hw.plan:
        assert title.startswith("The action plan has no steps yet"), title
        return
    if sched.cycle:
        assert "depend on each other in a loop" in title, title
        return
    if not sched.duration_days:
        assert "have no durations yet" in title, title
        return
    months = re.findall(MONTH_YEAR, title)
    assert months == ([month_year(sched.finish_date)] if sched.finish_date else []), title
    _deadline_claims(sched, title)
    unowned = re.search(rf"({NUMBER}) steps? (?:has|have) no owner", title)
    assert (num(unowned.group(1)) if unowned else 0) == _owners_missing(case.hw), title


@claim("coach_findings")
def _coach_findings(case: Case, title: str) -> None:
    found = Counter(f.severity for f in open_findings(case.findings))
    if not found:
        assert title == "The workbook check leaves nothing open for the call", title
        return
    for severity, word in ((Severity.ERROR, "error"), (Severity.WARNING, "warning")):
        m = re.search(rf"\b({NUMBER}) {word}s?\b", title, re.IGNORECASE)
        assert (num(m.group(1)) if m else 0) == found[severity], title


@claim("coach_questions")
def _coach_questions(case: Case, title: str) -> None:
    asked = questions(case.hw, case.findings, cba_xl.plan_schedule(case.hw))
    if not asked:
        assert title.startswith("No open question"), title
        return
    m = re.match(rf"({NUMBER}) questions? for the call", title, re.IGNORECASE)
    assert m and num(m.group(1)) == len(asked), title
    late = sum(q.kind == "late" for q in asked)
    said = re.search(rf"starting with the (?:late step|({NUMBER}) late steps)$", title)
    if late:
        assert said and (num(said.group(1)) if said.group(1) else 1) == late, title
    else:
        assert said is None, title


@claim("coach_progress")
def _coach_progress(case: Case, title: str) -> None:
    assert case.previous is not None
    found = compare(case.previous, case.previous_findings, case.hw, case.findings)
    kinds = Counter(d.kind for d in found)
    if not found:
        assert title == "Nothing changed since the previous submission", title
        return
    # Changes to the homework; findings resolved or new are counted apart, never twice.
    changes = len(found) - kinds["finding resolved"] - kinds["finding new"]
    if changes:
        m = re.match(rf"({NUMBER}) changes? since the previous submission", title, re.IGNORECASE)
        assert m and num(m.group(1)) == changes, title
    else:
        assert title.startswith("No change to the homework since the previous submission"), title
    resolved = re.search(rf"({NUMBER}) findings? resolved", title)
    assert (num(resolved.group(1)) if resolved else 0) == kinds["finding resolved"], title
    new = re.search(rf"({NUMBER}) new findings?", title)
    assert (num(new.group(1)) if new else 0) == kinds["finding new"], title


# --- cohort slides ------------------------------------------------------------------------


@dataclass
class Cohort:
    label: str
    homeworks: list[Homework]
    findings: list[list[Finding]]
    stats: CohortStats
    summary: CohortSummary
    roster: list[Person] = field(default_factory=list)


def cohort(
    label: str,
    homeworks: Sequence[Homework],
    rooms: int = 5,
    seed: int = 1,
    roster: Sequence[Person] | None = None,
    rooms_by: str = "random",
    pitch: int = 4,
) -> Cohort:
    """The cohort's counts as `consolidate` makes them, without workbook files: each homework
    goes through the same rows the workers produce; with `roster`, matched as --roster does."""
    stats = CohortStats()
    subs: list[Submission] = []
    found = [check_homework(hw, today=DAY) for hw in homeworks]
    for i, (hw, findings) in enumerate(zip(homeworks, found, strict=True)):
        errors = any(f.severity == Severity.ERROR for f in findings)
        sub = Submission(file=f"p{i}.xlsx", status=tb.ERRORS if errors else tb.OK)
        sub.cluster, sub.email = hw.cluster, hw.profile.manager_email
        subs.append(sub)
        sub.findings = dict(Counter(f.severity.value for f in findings))
        rows = homework_rows(hw)
        rows[tb.FINDINGS.key] = [
            (f.sheet, f.cell, f.severity.value, f.code, f.message) for f in findings
        ]
        stats.add(f"{hw.cluster or 'Participant'} #{i}", sub, rows)
    summary = CohortSummary(files=len(homeworks), participants=len(homeworks), tie_rule=TIE_RULE)
    summary.with_errors = stats.with_errors
    top = stats.top(rooms)
    summary.top, summary.tie_decided = top.names, top.tie_decided
    summary.rooms = stats.rooms(rooms, seed, by=rooms_by)
    summary.rooms_by = rooms_by
    summary.in_picked_room = picked_count(summary.rooms, stats.ranked())
    summary.pitch_size = pitch
    summary.pitch = pitch_groups(pitchers(stats), pitch)
    if roster is not None:
        summary.roster = match_roster(Path("people.csv"), roster, subs, {})
    return Cohort(label, list(homeworks), found, stats, summary, list(roster or []))


def cohort_slide_titles(c: Cohort) -> dict[str, str]:
    s, summary = c.stats, c.summary
    return {
        "cohort.submissions": cohort_titles.submissions(s, summary),
        "cohort.challenges": cohort_titles.challenges(s, summary),
        "cohort.rooms": cohort_titles.rooms(summary),
        # One brief per room: the checker reads them one line each.
        "cohort.room_brief": "\n".join(
            cohort_titles.room_brief(r)
            for r in rooms_with_members(s, summary.rooms, summary.roster)
        ),
        "cohort.pitch_groups": cohort_titles.pitch_groups(
            pitch_groups_of(s, summary.pitch, summary.roster)
        ),
        "cohort.canvas_items": cohort_titles.canvas_items(s),
        "cohort.canvas_changes": cohort_titles.canvas_changes(s),
        "cohort.actions": cohort_titles.actions(s),
        "cohort.deadlines": cohort_titles.deadlines(s),
        "cohort.services": cohort_titles.services(s),
        "cohort.needs": cohort_titles.needs(s),
        "cohort.trends": cohort_titles.trends(s),
        "cohort.competencies": cohort_titles.competencies(s),
        "cohort.themes": cohort_titles.shared_themes(s),
    }


def cohorts() -> Iterator[Cohort]:
    demo = demo_cohort()
    yield cohort("demo", demo)
    yield cohort("demo, rooms by preference", demo, rooms_by="preference")
    yield cohort("demo, pitch groups of three", demo, pitch=3)
    yield cohort(
        "12 generated, by preference",
        list(generate(12, 7, with_mistakes=True)),
        seed=9,
        rooms_by="preference",
    )
    for n, seed in ((1, 4), (3, 5), (7, 6), (12, 7)):
        yield cohort(f"{n} generated, seed {seed}", list(generate(n, seed, with_mistakes=True)))
    same = [copy.deepcopy(demo[0]) for _ in range(3)]
    for i, hw in enumerate(same):
        hw.profile.cluster_name += f" {i}"
    yield cohort("three identical", same)
    yield cohort("one empty", [Homework()])
    people = [
        Person(i, hw.profile.manager_name, hw.profile.manager_email, hw.cluster)
        for i, hw in enumerate(demo, start=2)
    ]
    yield cohort("demo, full roster", demo, roster=people)
    # Two people did not submit, one row matches nobody, one matches by cluster name only.
    people[5] = Person(7, people[5].name, "", people[5].cluster.upper())
    stranger = Person(99, "Nobody", "nobody@nowhere.example", "Phantom Cluster")
    yield cohort("demo, two missing", demo[:12], roster=[*people, stranger])
    yield cohort("demo, one on the roster", demo[:3], roster=people[:1])
    yield cohort(
        "demo, roster of strangers", demo[:3], roster=[stranger, Person(100, "", "", "Far Cluster")]
    )


CohortChecker = Callable[[Cohort, str], None]
COHORT_CLAIMS: dict[str, CohortChecker] = {}


def cohort_claim(kind: str) -> Callable[[CohortChecker], CohortChecker]:
    def register(check: CohortChecker) -> CohortChecker:
        COHORT_CLAIMS[kind] = check
        return check

    return register


def _share(text: str) -> tuple[int, int]:
    """'3 of 14' / 'all 14' / 'the one' -> (part, whole)."""
    if m := re.fullmatch(rf"all ({NUMBER})", text):
        return num(m.group(1)), num(m.group(1))
    if text.lower() == "the one":
        return 1, 1
    m = re.fullmatch(rf"({NUMBER}) of ({NUMBER})", text)
    assert m, text
    return num(m.group(1)), num(m.group(2))


SHARE = rf"(?:all {NUMBER}|{NUMBER} of {NUMBER}|the one)"


def _leaders(counts: Mapping[K, int]) -> tuple[list[K], int]:
    most = max(counts.values(), default=0)
    return [k for k, n in counts.items() if n == most and most], most


def _roster_submitted(c: Cohort) -> int:
    """Roster rows some homework matches, by e-mail or by a cluster name no other row has."""

    def plain(text: str) -> str:
        decomposed = unicodedata.normalize("NFKD", text)
        return "".join(
            ch for ch in decomposed if ch.isalnum() and not unicodedata.combining(ch)
        ).lower()

    clusters = Counter(plain(p.cluster) for p in c.roster)
    return sum(
        any(
            (plain(p.email) and plain(p.email) == plain(hw.profile.manager_email))
            or (clusters[plain(p.cluster)] == 1 and plain(p.cluster) == plain(hw.cluster))
            for hw in c.homeworks
        )
        for p in c.roster
    )


@cohort_claim("cohort.submissions")
def _submissions(c: Cohort, title: str) -> None:
    n = len(c.homeworks)
    if c.roster:
        people, done = len(c.roster), _roster_submitted(c)
        if people == 1:
            said = "has submitted" if done else "has not submitted"
            assert title.startswith(f"The person on the roster {said}"), title
        elif not done:
            m = re.match(rf"None of the ({NUMBER}) people on the roster has submitted", title)
            assert m and num(m.group(1)) == people, title
        else:
            m = re.match(rf"({SHARE}) people on the roster (has|have) submitted", title, re.I)
            assert m and _share(m.group(1).lower()) == (done, people), title
            assert m.group(2) == ("has" if done == 1 else "have"), title
    else:
        m = re.match(rf"({NUMBER}) participants? consolidated from ({NUMBER}) files?", title, re.I)
        assert m and num(m.group(1)) == n == num(m.group(2)), title
    errors = sum(any(f.severity == Severity.ERROR for f in fs) for fs in c.findings)
    if errors:
        m = re.search(rf"; ({NUMBER}) (has|have) errors to fix$", title)
        assert m and num(m.group(1)) == errors, title
        assert m.group(2) == ("has" if errors == 1 else "have"), title
    else:
        assert title.endswith("; none has errors"), title


def _theme_counts(c: Cohort) -> Counter[str]:
    counts: Counter[str] = Counter()
    for hw in c.homeworks:
        counts.update({p.theme for p in hw.challenges if p.theme})
    return counts


@cohort_claim("cohort.challenges")
def _cohort_challenges(c: Cohort, title: str) -> None:
    counts = _theme_counts(c)
    if not counts:
        assert title.startswith("No participant has ranked a challenge"), title
        return
    m = re.match(rf"({NUMBER}) themes? covers? ({SHARE}) picks?; (.+)$", title, re.I)
    assert m, title
    k = num(m.group(1))
    assert k == min(5, len(counts)), title
    covered, total = _share(m.group(2))
    assert total == sum(counts.values()), title
    assert covered == sum(sorted(counts.values(), reverse=True)[:k]), title
    leaders, _ = _leaders(counts)
    rest = m.group(3)
    if rest.endswith(" leads"):
        assert leaders == [rest.removesuffix(" leads")], title
    else:
        tied = rest.removesuffix(" tie for the lead")
        assert len(leaders) > 1, title
        if len(leaders) <= 3:
            assert sorted(low(x) for x in names(tied)) == sorted(low(x) for x in leaders), title
        else:
            assert num(tied.split()[0]) == len(leaders), title


@cohort_claim("cohort.rooms")
def _rooms(c: Cohort, title: str) -> None:
    if not _theme_counts(c):
        assert title.startswith("No breakout rooms"), title
        return
    sizes = [len(v) for v in c.summary.rooms.values()]
    assert sum(sizes) == len(c.homeworks), "every participant is in one room"
    tail = re.search(rf"; (both|{SHARE}) participants? sits? in one they picked$", title)
    if c.summary.rooms_by == "preference":
        assert tail, title
        said = (2, 2) if tail.group(1) == "both" else _share(tail.group(1))
        assert said == (_in_picked_room(c), len(c.homeworks)), title
        title = title[: tail.start()]
    else:
        assert not tail, title
    m = re.match(
        rf"({NUMBER}) breakout rooms?, one (?:per|for the) top challenge, with (.+)$", title, re.I
    )
    assert m and num(m.group(1)) == len(sizes) == min(5, len(_theme_counts(c))), title
    if m2 := re.fullmatch(
        rf"up to ({NUMBER}) participants? each; ({NUMBER}) stays? empty", m.group(2)
    ):
        assert num(m2.group(1)) == max(sizes) and num(m2.group(2)) == sizes.count(0) > 0, title
    elif m2 := re.fullmatch(rf"({NUMBER}) to ({NUMBER}) participants each", m.group(2)):
        assert (num(m2.group(1)), num(m2.group(2))) == (min(sizes), max(sizes)), title
        assert min(sizes) < max(sizes), title
    else:
        m2 = re.fullmatch(rf"({NUMBER}) participants? each", m.group(2))
        assert m2 and num(m2.group(1)) == min(sizes) == max(sizes), title


def _homework_of(c: Cohort, label: str) -> Homework:
    """The claims cohorts label participant i as '<cluster> #i'."""
    return c.homeworks[int(label.rsplit("#", 1)[1])]


def _picked(c: Cohort, label: str, theme: str) -> bool:
    return any(p.theme == theme for p in _homework_of(c, label).challenges)


def _in_picked_room(c: Cohort) -> int:
    return sum(
        _picked(c, label, theme) for theme, labels in c.summary.rooms.items() for label in labels
    )


@cohort_claim("cohort.room_brief")
def _room_briefs(c: Cohort, title: str) -> None:
    rooms = list(c.summary.rooms.items())
    lines = title.split("\n") if title else []
    assert len(lines) == len(rooms), title
    for number, (line, (theme, labels)) in enumerate(zip(lines, rooms, strict=True), start=1):
        head = f"Room {number}, {theme}: "
        assert line.startswith(head), line
        rest = line.removeprefix(head)
        picked = sum(_picked(c, label, theme) for label in labels)
        if not labels:
            assert rest == "nobody is in this room", line
        elif len(labels) == 1:
            assert rest == (
                "its one member picked it" if picked else "its one member did not pick it"
            ), line
        elif not picked:
            m = re.fullmatch(rf"none of its ({NUMBER}) members picked it", rest)
            assert m and num(m.group(1)) == len(labels), line
        else:
            m = re.fullmatch(rf"(both|{SHARE}) members picked it", rest)
            said = (2, 2) if m and m.group(1) == "both" else _share(m.group(1)) if m else None
            assert said == (picked, len(labels)), line


@cohort_claim("cohort.pitch_groups")
def _pitch_groups(c: Cohort, title: str) -> None:
    groups = c.summary.pitch
    if not groups:
        assert title == "No pitch groups: nobody to group", title
        return
    sizes = [len(g) for g in groups]
    assert sum(sizes) == len(c.homeworks) and max(sizes) <= c.summary.pitch_size
    m = re.match(
        rf"({NUMBER}) pitch groups? of (?:({NUMBER}) (?:person|people)|({NUMBER}) to ({NUMBER}) "
        r"people); (.+)$",
        title,
        re.I,
    )
    assert m and num(m.group(1)) == len(groups), title
    if m.group(2):
        assert min(sizes) == max(sizes) == num(m.group(2)), title
    else:
        assert (num(m.group(3)), num(m.group(4))) == (min(sizes), max(sizes)), title
        assert min(sizes) < max(sizes), title

    def country(label: str) -> str:
        return _homework_of(c, label).profile.country.strip().casefold()

    def themes(label: str) -> set[str]:
        return {p.theme for p in _homework_of(c, label).challenges if p.theme}

    mixed = sum(
        all(not country(a) or country(a) != country(b) for a in g for b in g if a != b)
        for g in groups
    )
    shared = sum(
        len(g) > 1 and all(any(themes(a) & themes(b) for b in g if b != a) for a in g)
        for g in groups
    )
    rest = m.group(5)
    countries, _, challenge = rest.partition(", and ")
    g = len(groups)
    if countries == "no two members of a group come from one country":
        assert mixed == g, title
    elif countries in ("the group has two members from one country",
                       "every group has two members from one country"):  # fmt: skip
        assert mixed == 0 and countries.startswith("the") == (g == 1), title
    else:
        m2 = re.fullmatch(rf"(both|{SHARE}) groups? (?:has|have) no two members from one country",
                          countries)  # fmt: skip
        said = (2, 2) if m2 and m2.group(1) == "both" else _share(m2.group(1)) if m2 else None
        assert said == (mixed, g) and 0 < mixed < g, title
    if challenge in ("every member shares a challenge with another",
                     "in each every member shares a challenge with another"):  # fmt: skip
        assert shared == g and challenge.startswith("every") == (g == 1), title
    elif challenge in ("not every member shares a challenge with another",
                       "in none does every member share a challenge with another"):  # fmt: skip
        assert shared == 0 and challenge.startswith("not") == (g == 1), title
    else:
        m3 = re.fullmatch(rf"in (both|{SHARE}) groups? every member shares a challenge", challenge)
        said = (2, 2) if m3 and m3.group(1) == "both" else _share(m3.group(1)) if m3 else None
        assert said == (shared, g) and 0 < shared < g, title


def _themes_from(c: Cohort, items: Callable[[Homework], Iterator[tuple[str, str]]]) -> list[Theme]:
    """The themes of what `items` yields per homework, as (area, text), straight from the
    homework (not through the cohort's rows)."""
    found = find_themes(
        (area, Said(text, f"#{i}")) for i, hw in enumerate(c.homeworks) for area, text in items(hw)
    )
    return [t for themes in found.values() for t in themes]


def _canvas_today(hw: Homework) -> Iterator[tuple[str, str]]:
    for key, items in hw.canvas_current.blocks.items():
        yield from ((vocab.CANVAS_BLOCK_TITLES[key], item) for item in items)


@cohort_claim("cohort.canvas_items")
def _canvas_items(c: Cohort, title: str) -> None:
    counts = {(t.area, t.label): t.participants for t in _themes_from(c, _canvas_today)}
    leaders, most = _leaders(counts)
    if most < 2:
        assert title.startswith("No canvas theme of today is shared"), title
        return
    if m := re.fullmatch(
        rf"“(.+)” \((.+)\) is today's most shared canvas theme: ({SHARE}) participants?", title
    ):
        assert len(leaders) == 1, title
        block, label = leaders[0]
        assert (low(block), label) == (m.group(2), m.group(1)), title
        assert _share(m.group(3)) == (most, len(c.homeworks)), title
    else:
        m = re.fullmatch(
            rf"({NUMBER}) canvas themes are each shared by ({SHARE}) participants, the most today",
            title,
            re.I,
        )
        assert m and num(m.group(1)) == len(leaders) > 1, title
        assert _share(m.group(2)) == (most, len(c.homeworks)), title


_PLAN_AREAS = {
    "changes": "changes",
    "requirements": "plan requirements",
    "services": "services",
}


def _plans_and_services(hw: Homework) -> Iterator[tuple[str, str]]:
    yield from (("changes", ch.change) for ch in hw.changes)
    for step in hw.plan:
        # One requirements cell lists several: "Fair stand, brochures" (not "EUR 25,000").
        yield from (
            ("requirements", part.strip()) for part in re.split(r";|,(?!\d)", step.requirements)
        )
    # Not the services' fields: a category, not the participant's own words (titles.PLAN_AREAS).
    yield from (("services", sv.service) for sv in hw.services)


@cohort_claim("cohort.themes")
def _shared_themes(c: Cohort, title: str) -> None:
    shared = [t for t in _themes_from(c, _plans_and_services) if t.participants > 1]
    if not shared:
        assert title.startswith("No change, plan requirement or service is shared"), title
        return
    m = re.fullmatch(
        rf"({NUMBER}) themes? in plans and services (?:is|are) shared; (.+)", title, re.I
    )
    assert m and num(m.group(1)) == len(shared), title
    most = max(t.participants for t in shared)
    best = [t for t in shared if t.participants == most]
    if m2 := re.fullmatch(rf"“(.+)” \((.+)\) leads with ({SHARE}) participants?", m.group(2)):
        assert len(best) == 1, title
        assert (m2.group(1), m2.group(2)) == (best[0].label, _PLAN_AREAS[best[0].area]), title
        assert _share(m2.group(3)) == (most, len(c.homeworks)), title
    else:
        m2 = re.fullmatch(rf"({NUMBER}) lead with ({SHARE}) participants each", m.group(2))
        assert m2 and num(m2.group(1)) == len(best) > 1, title
        assert _share(m2.group(2)) == (most, len(c.homeworks)), title


@cohort_claim("cohort.canvas_changes")
def _canvas_changes(c: Cohort, title: str) -> None:
    counts: Counter[str] = Counter()
    for hw in c.homeworks:
        diff = canvas_diff(hw.canvas_current, hw.canvas_future)
        counts.update(vocab.CANVAS_BLOCK_TITLES[k] for k, d in diff.items() if d.changed)
    leaders, most = _leaders(counts)
    if not leaders:
        assert title.startswith("No participant's business model changes"), title
        return
    m = re.fullmatch(rf"(.+) changes? in ({SHARE}) business models?(.*)", title)
    assert m and _share(m.group(2)) == (most, len(c.homeworks)), title
    said = names(m.group(1))
    if len(leaders) <= 3:
        assert sorted(low(x) for x in said) == sorted(low(x) for x in leaders), title
    else:
        assert num(said[0].split()[0]) == len(leaders), title
    if m.group(3):
        assert "more than any other block" in m.group(3) and most < len(c.homeworks), title


@cohort_claim("cohort.actions")
def _actions(c: Cohort, title: str) -> None:
    actions = [a for hw in c.homeworks for a in hw.actions]
    if not actions:
        assert title.startswith("No participant has listed an action"), title
        return
    quick = sum(action_quadrant(a) == vocab.QUICK_WIN for a in actions)
    m = re.match(rf"({SHARE}) actions? (is a quick win|are quick wins); (.+)$", title, re.I)
    assert m and _share(m.group(1).lower()) == (quick, len(actions)), title
    assert m.group(2) == ("is a quick win" if quick == 1 else "are quick wins"), title
    have = sum(any(action_quadrant(a) == vocab.QUICK_WIN for a in hw.actions) for hw in c.homeworks)
    rest = m.group(3)
    if rest in ("every participant has one", "the participant has one"):
        assert have == len(c.homeworks), title
    elif rest == "no participant has one":
        assert have == 0, title
    else:
        m = re.fullmatch(rf"({SHARE}) participants? (has|have) one", rest)
        assert m and _share(m.group(1)) == (have, len(c.homeworks)), title


@cohort_claim("cohort.deadlines")
def _deadlines(c: Cohort, title: str) -> None:
    """Steps counted by the month each participant's one schedule finishes them."""
    due: Counter[str] = Counter()
    steps = 0
    for hw in c.homeworks:
        sched = cba_xl.plan_schedule(hw)
        for s in hw.plan:
            steps += 1
            finish = sched.finish_date_of(s.step)
            if finish is not None:
                due[cohort_titles.month_label(f"{finish:%Y-%m}")] += 1
    if not steps:
        assert title.startswith("No participant has listed a plan step"), title
        return
    if not due:
        assert "has a date yet" in title, title
        return
    leaders, most = _leaders(due)
    m = re.search(rf"({SHARE}) plan steps? (?:finishes|finish)(?: by the schedules)?$", title)
    assert m and _share(m.group(1)) == (most, steps), title
    if m2 := re.match(r"(.+) is the busiest month:", title):
        assert leaders == [m2.group(1)], title
    elif m2 := re.match(r"(.+) are the busiest months:", title):
        assert sorted(names(m2.group(1))) == sorted(leaders), title
    else:
        assert len(leaders) > 3, title


@cohort_claim("cohort.services")
def _services(c: Cohort, title: str) -> None:
    services = [s for hw in c.homeworks for s in hw.services]
    if not services:
        assert title.startswith("No participant has listed a service"), title
        return
    fin = Counter(s.financing for s in services if s.financing)
    leaders, most = _leaders(fin)
    if not leaders:
        assert "says how it is financed" in title, title
        return
    if m := re.match(rf"“(.+)” finances most services \(({SHARE}) services\)", title):
        assert leaders == [m.group(1)] and 2 * most > len(services), title
        assert _share(m.group(2)) == (most, len(services)), title
    elif m := re.match(rf"“(.+)” is the most common financing \(({SHARE}) services\)", title):
        assert leaders == [m.group(1)] and 2 * most <= len(services), title
        assert _share(m.group(2)) == (most, len(services)), title
    else:
        assert "are equally common" in title and len(leaders) > 1, title
    fee = sum(any(s.decision == "Make fee-based" for s in hw.services) for hw in c.homeworks)
    m = re.search(rf"; ({SHARE}) participants? (makes|make) one fee-based$", title)
    assert m and _share(m.group(1)) == (fee, len(c.homeworks)), title


@cohort_claim("cohort.needs")
def _cohort_needs(c: Cohort, title: str) -> None:
    listed = [[n for n in hw.needs if n.need or n.member] for hw in c.homeworks]
    if not any(listed):
        assert title == "No participant has listed a key member need yet", title
        return
    clusters: Counter[str] = Counter()
    gaps: Counter[str] = Counter()
    for hw, mine in zip(c.homeworks, listed, strict=True):
        clusters.update({n.field for n in mine if n.field})
        gaps.update({n.field for n in mine if n.field and needs_rules.is_gap(n, hw.services)})
    leaders, most = _leaders(clusters)
    if not leaders:
        assert "names its field yet" in title, title
        return
    n = len(c.homeworks)
    if m := re.match(rf"Most clusters share a need for (.+) \(({SHARE}) participants?\)", title):
        assert [low(x) for x in leaders] == [m.group(1)] and 2 * most > n, title
        assert _share(m.group(2)) == (most, n), title
    elif m := re.match(rf"(.+) is the need most shared \(({SHARE}) participants?\)", title):
        assert leaders == [m.group(1)] and 2 * most <= n, title
        assert _share(m.group(2)) == (most, n), title
    else:
        assert "are the needs most shared" in title and len(leaders) > 1, title
        return
    m = re.search(rf"; ({NUMBER}) of them (has|have) no service for it$", title)
    assert (num(m.group(1)) if m else 0) == gaps[leaders[0]], title


@cohort_claim("cohort.trends")
def _cohort_trends(c: Cohort, title: str) -> None:
    trends = [t for hw in c.homeworks for t in hw.trends]
    if not trends:
        assert title == "No participant has listed a trend yet", title
        return
    pressing = [(hw, t) for hw in c.homeworks for t in hw.trends if is_pressing(t)]
    if not pressing:
        m = re.fullmatch(rf"None of the ({NUMBER}) trends? is rated .+", title)
        assert m and num(m.group(1)) == len(trends), title
        return
    m = re.match(
        rf"({SHARE}) trends? (is|are) pressing \(high influence, low competence\)(.*)$", title, re.I
    )
    assert m and _share(m.group(1).lower()) == (len(pressing), len(trends)), title
    per_trend: Counter[str] = Counter()
    for hw in c.homeworks:
        per_trend.update(
            {item_key(t.trend) for t in hw.trends if is_pressing(t) and item_key(t.trend)}
        )
    leaders, most = _leaders(per_trend)
    rest = m.group(3)
    if said := re.fullmatch(rf"; “(.+)” for ({SHARE}) participants?", rest):
        assert leaders == [item_key(said.group(1))] and most > 1, title
        assert _share(said.group(2)) == (most, len(c.homeworks)), title
    else:
        assert len(leaders) != 1 or most < 2, f"a most shared pressing trend left unsaid: {title}"


@cohort_claim("cohort.competencies")
def _cohort_competencies(c: Cohort, title: str) -> None:
    assessed = sum(any(x.gap is not None for x in hw.competencies) for hw in c.homeworks)
    if not assessed:
        assert title == "No participant has assessed a field of competence yet", title
        return
    gaps: Counter[str] = Counter()
    unclosed = 0
    for hw in c.homeworks:
        steps = unique_steps(hw.plan)
        for x in hw.competencies:
            if (x.gap or 0) > 0:
                gaps[x.field] += 1
                unclosed += not any(n in steps for n in x.steps)
    leaders, most = _leaders(gaps)
    if not leaders:
        assert title.startswith("No competence gap"), title
        return
    if m := re.match(r"(.+) is the most common competence gap \((.+)\)", title):
        assert leaders == [m.group(1)], title
    else:
        m = re.match(r"(.+) are the most common competence gaps \((.+?)(?: each)?\)", title)
        assert m and len(leaders) > 1, title
        if len(leaders) <= 3:
            assert sorted(low(x) for x in names(m.group(1))) == sorted(low(x) for x in leaders), (
                title
            )
        else:
            assert num(m.group(1).split()[0]) == len(leaders), title
    if m.group(2) != "the one participant":
        of = re.sub(r" participants?$", "", m.group(2))
        assert _share(of) == (most, len(c.homeworks)), title
    said = re.search(rf"; ({NUMBER}) gaps? (?:has|have) no closing step$", title)
    assert (num(said.group(1)) if said else 0) == unclosed, title
    if not unclosed:
        assert title.endswith("; plan steps close every gap"), title
