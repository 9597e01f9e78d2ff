"""Any number of reproducible, varied participants, built from phrase banks per industrial
ecosystem (`cba_xl/data/sample_phrases.json`).

Each participant follows one or two strategy stories (paid services, internationalisation, a
digital platform, the green transition, a shared brand, talent, impact and governance): the
stories decide which canvas blocks change in 5 years, and the changes, services, actions, goals
and plan steps that get there. Clean participants pass `check_homework` without errors.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import random
from collections.abc import Iterator, Sequence
from functools import cache
from importlib import resources
from typing import Any, Final

from cba_xl.core import vocab
from cba_xl.core.models import (
    Action,
    ChallengePick,
    Change,
    Goal,
    Homework,
    PlanStep,
    Profile,
    RaciPerson,
    RaciRow,
    Service,
)
from cba_xl.core.rules.changes import top_changes
from cba_xl.core.rules.derived import KEEP_CONSIDER_FEE, TERMINATE_OR_FEE, service_suggestion
from cba_xl.core.rules.schedule import Schedule, schedule
from cba_xl.sample import build, mistakes
from cba_xl.sample.foresight import add_foresight
from cba_xl.sample.names import UniqueNames
from cba_xl.sample.strategy import add_strategy
from cba_xl.spec import TEMPLATE_VERSION

MISTAKE_SHARE: Final = 1 / 3
MAX_ITEMS: Final = 5  # the smallest canvas block holds 5 items
_STATUSES: Final = ("Not started", "In progress", "Done")
_STATUS_WEIGHTS: Final = (5, 3, 2)


@cache
def phrases() -> dict[str, Any]:
    text = (resources.files("cba_xl") / "data" / "sample_phrases.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _month_end(start: dt.date, months: int) -> dt.date:
    year, month = divmod(start.month - 1 + months, 12)
    y, m = start.year + year, month + 1
    return dt.date(y, m, calendar.monthrange(y, m)[1])


class _Participant:
    """One participant's homework, drawn from its own random stream."""

    def __init__(self, rng: random.Random, names: UniqueNames) -> None:
        self.rng = rng
        self.bank = phrases()
        country = rng.choice(sorted(self.bank["countries"]))
        self.country = country
        self.people_bank = self.bank["countries"][country]
        self.ecosystem = rng.choice(vocab.ECOSYSTEMS)
        self.eco = self.bank["ecosystems"][self.ecosystem]
        self.topic = rng.choice(self.eco["topics"])
        self.offer = rng.choice(self.eco["offers"])
        others = [c for c in self.bank["countries"] if c != country]
        self.other = vocab.COUNTRIES[rng.choice(others)]
        stories = rng.sample(sorted(self.bank["stories"]), 2)
        self.primary = self.bank["stories"][stories[0]]
        self.secondary = self.bank["stories"][stories[1]]
        # At least three, so that no one carries more than half of the plan (resource levelling).
        self.staff = self._people(rng.randint(3, 4))
        self.fte = rng.randint(2, 20) / 2
        region = rng.choice(self.people_bank["regions"])
        word, kind = rng.choice(self.eco["words"]), rng.choice(self.bank["kinds"])
        self.region = region
        self.cluster = names.cluster(f"{region} {word} {kind}")
        self.email = names.email(self.staff[0], self.cluster)

    def _people(self, n: int) -> list[str]:
        first = self.rng.sample(self.people_bank["first"], n)
        last = self.rng.sample(self.people_bank["last"], n)
        return [f"{f} {s}" for f, s in zip(first, last, strict=True)]

    def fmt(self, text: str, **extra: object) -> str:
        if "{" not in text:
            return text
        fields = {
            "topic": self.topic,
            "offer": self.offer,
            "Offer": _cap(self.offer),
            "other": self.other,
            "fte": f"{self.fte:g}",
        }
        return text.format_map({**fields, **extra})

    # -- profile ---------------------------------------------------------------------------

    def profile(self) -> Profile:
        rng = self.rng
        while True:
            public = rng.randint(2, 11) * 5
            projects = rng.randint(1, 7) * 5
            services = rng.randint(0, 5) * 5
            fees = 100 - public - projects - services
            if fees >= 10:
                break
        return Profile(
            cluster_name=self.cluster,
            region=self.region,
            country=self.country,
            ecosystem=self.ecosystem,
            members=int(rng.triangular(15, 400, 60)),
            founding_year=rng.randint(1998, 2022),
            manager_name=self.staff[0],
            manager_email=self.email,
            staff_fte=self.fte,
            budget_eur=float(round(self.fte * rng.uniform(60_000, 140_000), -4)),
            share_public=float(public),
            share_fees=float(fees),
            share_services=float(services),
            share_projects=float(projects),
        )

    def challenges(self) -> list[ChallengePick]:
        rng = self.rng
        favoured = [*self.primary["themes"], *self.secondary["themes"]]
        themes = list(dict.fromkeys(rng.sample(favoured, len(favoured))))[:2]
        rest = [t for t in vocab.CHALLENGE_THEMES if t not in themes]
        themes.append(rng.choice(rest))
        if rng.random() < 0.3:
            rng.shuffle(themes)
        notes = self.bank["challenge_notes"]
        return [
            ChallengePick(rank=i, theme=t, note=rng.choice(notes[t]))
            for i, t in enumerate(themes, start=1)
        ]

    # -- canvases and changes --------------------------------------------------------------

    def _pool(self, key: str) -> list[str]:
        eco, blocks = self.eco, self.bank["blocks"]
        match key:
            case "members":
                return list(eco["members"])
            case "potential_members":
                return list(eco["potential"])
            case "partners":
                return [*eco["partners"], *blocks["partners"]]
            case "resources":
                return [*blocks["resources"], *eco["resources"]]
            case _:
                return list(blocks[key])

    def current_canvas(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for key in vocab.CANVAS_BLOCK_KEYS:
            pool = self._pool(key)
            chosen = self.rng.sample(pool, self.rng.randint(2, min(MAX_ITEMS, len(pool))))
            out[key] = [self.fmt(x) for x in chosen]
        return out

    def changes_and_future(
        self, current: dict[str, list[str]]
    ) -> tuple[list[Change], dict[str, list[str]]]:
        rng = self.rng
        picked = rng.sample(self.primary["changes"], rng.randint(3, 5))
        # The second story changes other blocks first, so the canvas moves in several places.
        used = {block for _, block, _ in picked}
        more = rng.sample(self.secondary["changes"], len(self.secondary["changes"]))
        more.sort(key=lambda c: c[1] in used)
        picked += more[: rng.randint(2, 3)]
        future = {k: list(v) for k, v in current.items()}
        for _, block, item in picked:
            items = future[block]
            if len(items) >= MAX_ITEMS or (len(items) > 2 and rng.random() < 0.3):
                items.pop(rng.randrange(1, len(items)))  # the first item is what they keep
            new = self.fmt(item)
            if new not in items:
                items.append(new)
        short = rng.randrange(3)
        feedback = self.bank["feedback"]
        changes = []
        for i, (text, block, _) in enumerate(picked):
            top = i < 3
            changes.append(
                build.change(
                    i,
                    self.fmt(text),
                    block,
                    i + 1 if top else None,
                    (i == short or rng.random() < 0.3) if top else None,
                    rng.choice(feedback) if top and rng.random() < 0.8 else "",
                )
            )
        return changes, future

    # -- services and actions --------------------------------------------------------------

    def services(self) -> list[Service]:
        rng = self.rng
        new = [self.primary["services"][0]]
        if rng.random() < 0.5:
            new.append(self.secondary["services"][0])
        n_old = rng.randint(max(2, 4 - len(new)), 8 - len(new))
        old = rng.sample(self.bank["services"], n_old)
        out: list[Service] = []
        costly = rng.random() < 0.6  # the slides' energy cluster: a high-effort service to charge
        for i, (name, field) in enumerate(old):
            if costly and i == 0:
                effort, value = rng.randint(4, 5), rng.randint(1, 2)
            else:
                effort, value = rng.randint(1, 5), rng.randint(2, 5)
            financing = rng.choice(vocab.FINANCING)
            decision = self._decision(effort, value, financing)
            if decision == "Make fee-based":
                financing = rng.choice(("Included in membership fee", "Subsidised"))
            rating = None if rng.random() < 0.2 else min(5, max(1, value + rng.choice((-1, 0, 1))))
            out.append(build.service(i, name, field, financing, effort, value, rating, decision))
        names = {s.service for s in out}
        for name, field, financing, effort, value in new:
            text = self.fmt(name)
            if text not in names:
                names.add(text)
                out.append(
                    build.service(len(out), text, field, financing, effort, value, None, "Initiate")
                )
        return out

    def _decision(self, effort: int, value: int, financing: str) -> str:
        # The self-assessment alone, before ratings are drawn: the demo data stays as it was.
        suggestion = service_suggestion(effort, value, None, "")
        if suggestion == TERMINATE_OR_FEE:
            if financing == "Fee-based":
                return "Terminate"
            return "Make fee-based" if self.rng.random() < 0.7 else "Terminate"
        if suggestion == KEEP_CONSIDER_FEE and financing != "Fee-based":
            return self.rng.choice(("Keep", "Make fee-based"))
        return self.rng.choice(("Keep", "Keep", "Change"))

    def actions(self, plan: Sequence[PlanStep]) -> list[Action]:
        """The priority matrix rates the plan's own steps (template 2.0), one row each."""
        rng = self.rng
        rows = [
            (s, rng.choice(vocab.HIGH_LOW), "Low" if s.duration and s.duration <= 30 else "High")
            for s in plan
        ]
        if not any(i == "High" and e == "Low" for _, i, e in rows):
            step, _, _ = rows[0]
            rows[0] = (step, "High", "Low")
        statuses = rng.choices(_STATUSES, _STATUS_WEIGHTS, k=len(rows))
        return [
            build.action(n, s.action, impact, effort, status, step=s.step)
            for n, ((s, impact, effort), status) in enumerate(zip(rows, statuses, strict=True))
        ]

    # -- goals, plan and RACI --------------------------------------------------------------

    def goal_tree(self) -> list[tuple[str, str, list[Any]]]:
        """(ID, parent ID, phrase) of each goal: G1 with one or two sub-goals, G2 with at most
        one."""
        rng = self.rng
        first = self.primary["goals"]
        second = self.secondary["goals"]
        tree: list[tuple[str, str, list[Any]]] = [("G1", "", first[0])]
        tree += [(f"G1.{i}", "G1", g) for i, g in enumerate(first[1 : rng.randint(2, 3)], 1)]
        tree.append(("G2", "", second[0]))
        if len(tree) < 5 and rng.random() < 0.5:
            tree.append(("G2.1", "G2", second[1]))
        return tree

    def goals(
        self, start: dt.date, tree: list[tuple[str, str, list[Any]]], done: dict[str, dt.date]
    ) -> list[Goal]:
        """The goals of `tree`, each due when its steps are `done` by the schedule or later:
        the participant sets the deadline the plan can meet."""
        rng = self.rng
        out = []
        due: dict[str, dt.date] = {}
        for gid, parent, _ in tree:  # a parent is due when its sub-goals are
            if parent and gid in done:
                done[parent] = max(done.get(parent, done[gid]), done[gid])
        for i, (gid, parent, (text, metric, lo, hi, step, months)) in enumerate(tree):
            target = lo + step * rng.randint(0, (hi - lo) // step)
            deadline = _month_end(start, months + rng.randint(0, 6))
            if parent:  # a sub-goal is done by its parent's deadline
                deadline = min(deadline, due[parent])
            if gid in done and deadline < done[gid]:
                deadline = _month_end(done[gid], 0)
            due[gid] = deadline
            by = f"by {calendar.month_name[deadline.month]} {deadline.year}"
            statement = self.fmt(text, n=f"{target:,}", by=by, year=deadline.year)
            owner = rng.choice(self.staff)
            out.append(
                build.goal(i, gid, statement, metric, float(target), owner, deadline, parent)
            )
        return out

    def plan(
        self, start: dt.date, tree: list[tuple[str, str, list[Any]]], changes: Sequence[str]
    ) -> list[PlanStep]:
        """Two chains of steps: the primary story's steps serve G1 (its sub-goals in turn) and
        advance the first change, the secondary story's serve G2 and the second; the last
        step advances the third change."""
        rng = self.rng
        chains = [
            self.primary["steps"][: rng.randint(4, 5)],
            self.secondary["steps"][: rng.randint(1, 4)],
        ]
        leaves = [
            [gid for gid, parent, _ in tree if parent == root] or [root] for root in ("G1", "G2")
        ]
        steps: list[PlanStep] = []
        due: list[int] = []  # days from the plan start, per step
        owners = self._owners(sum(len(c) for c in chains))
        for c, chain in enumerate(chains):
            for k, (text, stakeholders, requirements, outcome) in enumerate(chain):
                i = len(steps)
                after = [i] if k > 0 and rng.random() < 0.9 else []  # 1-based: the step before
                if i > 1 and rng.random() < 0.15:
                    extra = rng.randint(1, i - 1)
                    if extra not in after:
                        after.append(extra)
                milestone = k == len(chain) - 1 and rng.random() < 0.6
                duration = 0 if milestone else rng.randint(2, 18) * 5
                ready = max((due[p - 1] for p in after), default=0)
                day = ready + duration + rng.randint(0, 6) * 5
                day = max(day, 7)
                has_deadline = rng.random() < 0.6  # many participants give no "by when" date
                steps.append(
                    build.plan_step(
                        i,
                        self.fmt(text),
                        owners[i],
                        self.fmt(stakeholders),
                        requirements,
                        self.fmt(outcome),
                        deadline=start + dt.timedelta(days=day) if has_deadline else None,
                        duration=duration,
                        milestone=milestone,
                        after=sorted(after),
                        goal=leaves[c][k % len(leaves[c])],
                        change=changes[c] if c < len(changes) else "",
                    )
                )
                due.append(day)
        steps = steps[:9]
        # The third change: the last step of the longer-running second chain, or of the first
        # when the second is a single step (which keeps the second change).
        second = [s for s in steps if s.change == (changes[1] if len(changes) > 1 else None)]
        last = steps[-1] if len(second) != 1 else steps[len(steps) - 2]
        if len(changes) > 2 and len(steps) > 2:
            # a quick win of its own: no predecessors, done within weeks
            last.change, last.after = changes[2], ()
            last.duration = min(last.duration or 0, 30)
        return steps

    def _owners(self, n: int) -> list[str]:
        """Who is responsible for each of n steps: the staff in turn, shuffled, so that nobody
        carries more than half of the plan alone."""
        turns = [self.staff[i % len(self.staff)] for i in range(n)]
        self.rng.shuffle(turns)
        return turns

    def raci(self, plan: Sequence[PlanStep]) -> tuple[list[RaciPerson], list[RaciRow]]:
        rng = self.rng
        members = rng.sample(self.bank["member_roles"], rng.randint(2, 4))
        others = rng.sample(self.bank["stakeholders"], rng.randint(2, 4))
        people = build.raci_people([self.staff, members, others])
        named = [i for i, p in enumerate(people) if p.name]
        staff_cols = {p.name: i for i, p in enumerate(people[: build.PER_GROUP]) if p.name}
        # Accountable is the management or the board, never an outside stakeholder.
        owners = [*staff_cols.values(), *(i for i, p in enumerate(people) if p.name == "Board")]
        rows = []
        for n, step in enumerate(plan):
            roles = [""] * build.PEOPLE
            accountable = staff_cols[self.staff[0]] if rng.random() < 0.6 else rng.choice(owners)
            doer = staff_cols.get(step.responsible, accountable)
            roles[accountable] = "A"
            roles[doer] = "R/A" if doer == accountable else "R"
            free = [i for i in named if not roles[i]]
            extra = rng.sample(free, min(len(free), rng.randint(0, 3)))
            for k, i in enumerate(extra):
                roles[i] = "C" if k == 0 else "I"  # one consulted at most keeps C under half
            rows.append(build.raci_row(n, step.action, roles, step=step.step))
        return people, rows

    def homework(self) -> Homework:
        rng = self.rng
        hw = Homework(template_version=TEMPLATE_VERSION, profile=self.profile())
        hw.challenges = self.challenges()
        current = self.current_canvas()
        hw.changes, future = self.changes_and_future(current)
        hw.canvas_current = build.canvas("current", current)
        hw.canvas_future = build.canvas("future", future)
        hw.services = self.services()
        hw.plan_start = dt.date(2025, 1, 6) + dt.timedelta(days=rng.randint(0, 80))
        tree = self.goal_tree()
        top = [c.change for c in top_changes(hw.changes)]
        hw.plan = self.plan(hw.plan_start, tree, top)
        hw.actions = self.actions(hw.plan)
        sched = schedule(hw.plan, hw.plan_start)
        done: dict[str, dt.date] = {}
        for s in hw.plan:
            finish = sched.finish_date_of(s.step)
            if finish is not None and s.goal:
                done[s.goal] = max(done.get(s.goal, finish), finish)
        hw.goals = self.goals(hw.plan_start, tree, done)
        _short_term_as_scheduled(hw, sched)
        hw.raci_people, hw.raci = self.raci(hw.plan)
        # Trends and Competencies, then needs, vision and communication: each from a random
        # stream of its own, so the values above stay as they were.
        add_foresight(hw, self.fmt)
        return add_strategy(hw, self.bank)


def _short_term_as_scheduled(hw: Homework, sched: Schedule) -> None:
    """A change is marked short-term (3-6 months) when its steps are done within 6 months of the
    plan start, as a participant who reads the schedule marks it."""
    if hw.plan_start is None:
        return
    limit = hw.plan_start + dt.timedelta(days=182)
    for c in hw.changes:
        finishes = [sched.finish_date_of(s.step) for s in hw.plan if s.change == c.change]
        known = [f for f in finishes if f is not None]
        if known:
            c.short_term = max(known) <= limit


def generate_samples(n: int, seed: int, *, with_mistakes: bool = False) -> Iterator[build.Sample]:
    """n participants with the mistakes planted in them (none unless `with_mistakes`)."""
    names = UniqueNames()
    for i in range(n):
        rng = random.Random(f"cba-xl sample {seed} {i}")
        hw = _Participant(rng, names).homework()
        planted: tuple[str, ...] = ()
        if with_mistakes:
            slips = random.Random(f"cba-xl mistakes {seed} {i}")
            if slips.random() < MISTAKE_SHARE:
                planted = mistakes.plant_some(hw, slips, slips.randint(1, 3))
        yield build.Sample(hw, planted)


def generate(n: int, seed: int, *, with_mistakes: bool = False) -> Iterator[Homework]:
    """n reproducible participants: the same seed gives equal homework, and every cluster name
    and manager e-mail is distinct. Clean unless `with_mistakes` (then about a third carry
    1-3 mistakes; `generate_samples` says which)."""
    for sample in generate_samples(n, seed, with_mistakes=with_mistakes):
        yield sample.homework


__all__ = ["generate", "generate_samples", "phrases"]
