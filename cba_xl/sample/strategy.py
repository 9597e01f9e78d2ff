"""The strategy review's member needs, vision and mission, and communication plan for a sample
participant, drawn from the phrase bank's "strategy" part and the homework's own services,
changes and profile (so a need names a service the participant really lists).

Drawn from a random stream of its own, seeded by the cluster's name, so that adding these tools
changed none of the samples' other sheets.
"""

from __future__ import annotations

import random
import re
from typing import Any

from cba_xl.core import vocab
from cba_xl.core.models import (
    Communication,
    Homework,
    Need,
    Objective,
    TargetGroup,
    VisionMission,
)
from cba_xl.core.rules.vision import MISSION_WORD_LIMIT, words
from cba_xl.sample import relate
from cba_xl.sample.relate import share_words
from cba_xl.spec import LAYOUT

# The academy's success factors mostly met: a participant ticks No for one now and then.
_NO_SHARE = 0.12


def _row(table: str, i: int) -> int:
    return LAYOUT.tables[table].first_row + i


def strategy_rng(hw: Homework) -> random.Random:
    return random.Random(f"cba-xl strategy {hw.profile.cluster_name}")


class _Filler:
    def __init__(
        self, hw: Homework, rng: random.Random, bank: dict[str, Any], variant: int | None
    ) -> None:
        self.hw = hw
        self.rng = rng
        self.variant = variant
        self.bank = bank["strategy"]
        self.fit = bank["sector_fit"]
        eco = bank["ecosystems"].get(hw.profile.ecosystem) or next(
            iter(bank["ecosystems"].values())
        )
        self.eco = eco
        others = [c for c in vocab.COUNTRIES if c != hw.profile.country]
        kept = sorted(
            (s for s in hw.services if s.service and s.decision != "Terminate"),
            key=lambda s: (-(s.value or 0), s.row),
        )
        own = [_lower_first(s.service) for s in kept] or ["shared services", "events"]
        self.fields = {
            "topic": rng.choice(eco["topics"]),
            "offer": rng.choice(eco["offers"]),
            "region": hw.profile.region or "our region",
            "other": vocab.COUNTRIES[rng.choice(others)],
            "country": vocab.COUNTRIES.get(hw.profile.country, "Europe"),
            "sector": eco["words"][0].lower(),
            "members": _lower_first(eco["members"][0]),
            "member": "member company",
            "service_a": own[0],
            "service_b": own[1] if len(own) > 1 else "events",
        }

    def fmt(self, text: str, **extra: object) -> str:
        return text.format_map({**self.fields, **extra})

    def needs(self) -> list[Need]:
        """A need for each of a few services, of the kind that service serves (the bank's
        "served_needs" by the service's field; a service of a field it does not know gets
        none), then one or two gaps: needs of fields no service serves, fitting the sector,
        linked to a top change only when they share a word with it."""
        rng = self.rng
        hw = self.hw
        served_needs = self.bank["served_needs"]
        served = [s for s in hw.services if s.decision != "Terminate"]
        picked = rng.sample(served, min(len(served), rng.randint(3, 5)))
        members = [*self.eco["members"], *self.bank["key_members"]]
        top_changes = [c.change for c in hw.changes if c.priority]
        out: list[Need] = []
        used: set[str] = set()
        for s in picked:
            if s.field not in served_needs:
                continue
            field, texts = served_needs[s.field]
            # The field's need the service's own words name; else the field's first, which
            # any service of the field serves.
            text = self._text([t for t in texts if share_words(t, s.service)] or texts[:1], used)
            out.append(self._need(len(out), rng.choice(members), field, text, s.service))
        fit, eco = self.fit, self.hw.profile.ecosystem
        uncovered = [
            f
            for f in vocab.NEED_FIELDS
            if f not in {n.field for n in out}
            and any(relate.fits(t, eco, fit) for t in self.bank["needs"][f])
        ]
        for field in rng.sample(uncovered, rng.randint(1, 2)):
            # A gap: no service serves it yet; the reason for a change when its words say so.
            text = self._text(self.bank["needs"][field], used)
            need = self._need(len(out), rng.choice(members), field, text, "")
            related = [c for c in top_changes if share_words(need.need, c)]
            if related:
                need.change = related[0]
            out.append(need)
        return out

    def _text(self, texts: list[str], used: set[str]) -> str:
        fitting = relate.fitting(texts, self.hw.profile.ecosystem, self.fit)
        fresh = [t for t in fitting if t not in used]
        text: str = self.rng.choice(fresh or fitting)
        used.add(text)
        return text

    def _need(self, i: int, member: str, field: str, text: str, service: str) -> Need:
        return Need(
            row=_row("needs", i),
            member=member,
            need=self.fmt(text),
            field=field,
            relevance=self.rng.choice((2, 3, 3, 4, 4, 5, 5)),
            service=service,
        )

    def _pick(self, texts: list[str], limit: int | None = None) -> str:
        """A statement of the participant's own words (region, sector, services): in the demo
        the `variant`-th of the bank (so that no two of 14 read alike), else a random one."""
        start = self.variant if self.variant is not None else self.rng.randrange(len(texts))
        for k in range(len(texts)):
            text = self.fmt(texts[(start + k) % len(texts)])
            if limit is None or words(text) <= limit:
                return text
        raise AssertionError(f"no statement of at most {limit} words for {self.hw.cluster}")

    def vision(self) -> VisionMission:
        rng = self.rng
        vm = VisionMission(
            vision=self._pick(self.bank["visions"]),
            mission=self._pick(self.bank["missions"], MISSION_WORD_LIMIT),
        )
        for statement in ("vision", "mission"):
            for key in vocab.SUCCESS_FACTOR_KEYS:
                vm.ticks[statement][key] = rng.random() >= _NO_SHARE
        vm.objectives = self.objectives()
        return vm

    def objectives(self) -> list[Objective]:
        """The strategic objectives the participant's own SMART goals serve: the top-level
        goals (those with no parent) first, at most four, each without its date (the year
        column holds it) and measured by the goal's own metric."""
        goals = [g for g in self.hw.goals if g.goal]
        goals.sort(key=lambda g: (bool(g.parent), g.row))
        out = []
        for i, g in enumerate(goals[:4]):
            out.append(
                Objective(
                    row=_row("objectives", i),
                    objective=_undated(g.goal),
                    measure=g.metric,
                    year=g.deadline.year if g.deadline else self.rng.choice((2026, 2027, 2028)),
                )
            )
        return out

    def communication(self) -> Communication:
        rng = self.rng
        values = rng.sample(self.bank["brand_values"], 3)
        comm = Communication(
            brand_values=f"{values[0].capitalize()}, {values[1]} and {values[2]}",
            brand_attributes=self.fmt(rng.choice(self.bank["brand_attributes"])),
        )
        people = [
            self.hw.profile.manager_name or "Cluster manager",
            "Communication officer",
            "Project manager",
        ]
        groups = [self.bank["target_groups"][0], *rng.sample(self.bank["target_groups"][1:], 3)]
        for i, (group, objectives, channels, timings) in enumerate(groups[: rng.randint(3, 4)]):
            comm.plan.append(
                TargetGroup(
                    row=_row("communication", i),
                    group=group,
                    objective=self.fmt(rng.choice(objectives), n=rng.randint(5, 15)),
                    channel=", ".join(rng.sample(channels, min(2, len(channels)))),
                    timing=rng.choice(timings),
                    responsible=rng.choice(people),
                )
            )
        return comm


# "by end of 2026", "in 2025", "by June 2026", "from 2026": a goal's date, which an objective
# keeps in its own column.
_WHEN = re.compile(
    r"\s+(?:by|in|from|before|until)\s+(?:(?:the\s+)?end\s+of\s+|[A-Z][a-z]+\s+)?\d{4}\b"
)


def _undated(goal: str) -> str:
    return _WHEN.sub("", goal).strip() or goal


def _lower_first(text: str) -> str:
    """'Monthly newsletter' -> 'monthly newsletter'; 'BIM training' stays."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def add_strategy(
    hw: Homework,
    bank: dict[str, Any],
    rng: random.Random | None = None,
    variant: int | None = None,
) -> Homework:
    """Fill `hw`'s member needs, vision and mission, and communication plan (in place).
    `variant` picks the vision and mission (the demo gives each participant its own)."""
    filler = _Filler(hw, rng or strategy_rng(hw), bank, variant)
    hw.needs = filler.needs()
    hw.vision = filler.vision()
    hw.communication = filler.communication()
    return hw


__all__ = ["add_strategy", "strategy_rng"]
