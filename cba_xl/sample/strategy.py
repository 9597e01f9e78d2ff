"""The strategy review's member needs, vision and mission, and communication plan for a sample
participant, drawn from the phrase bank's "strategy" part and the homework's own services,
changes and profile (so a need names a service the participant really lists).

Drawn from a random stream of its own, seeded by the cluster's name, so that adding these tools
changed none of the samples' other sheets.
"""

from __future__ import annotations

import random
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
from cba_xl.spec import LAYOUT

# The academy's success factors mostly met: a participant ticks No for one now and then.
_NO_SHARE = 0.12


def _row(table: str, i: int) -> int:
    return LAYOUT.tables[table].first_row + i


def strategy_rng(hw: Homework) -> random.Random:
    return random.Random(f"cba-xl strategy {hw.profile.cluster_name}")


class _Filler:
    def __init__(self, hw: Homework, rng: random.Random, bank: dict[str, Any]) -> None:
        self.hw = hw
        self.rng = rng
        self.bank = bank["strategy"]
        eco = bank["ecosystems"].get(hw.profile.ecosystem) or next(
            iter(bank["ecosystems"].values())
        )
        self.eco = eco
        others = [c for c in vocab.COUNTRIES if c != hw.profile.country]
        self.fields = {
            "topic": rng.choice(eco["topics"]),
            "offer": rng.choice(eco["offers"]),
            "region": hw.profile.region or "our region",
            "other": vocab.COUNTRIES[rng.choice(others)],
        }

    def fmt(self, text: str, **extra: object) -> str:
        return text.format_map({**self.fields, **extra})

    def needs(self) -> list[Need]:
        rng = self.rng
        hw = self.hw
        served = [s for s in hw.services if s.decision != "Terminate"]
        picked = rng.sample(served, min(len(served), rng.randint(3, 5)))
        members = [*self.eco["members"], *self.bank["key_members"]]
        top_changes = [c.change for c in hw.changes if c.priority]
        out: list[Need] = []
        used: set[str] = set()
        for s in picked:
            field = self.bank["need_fields"].get(s.field, rng.choice(vocab.NEED_FIELDS))
            out.append(self._need(len(out), rng.choice(members), field, s.service, used))
        uncovered = [f for f in vocab.NEED_FIELDS if f not in {n.field for n in out}]
        for field in rng.sample(uncovered, rng.randint(1, 2)):
            # A gap: no service serves it yet; often the reason for a change.
            need = self._need(len(out), rng.choice(members), field, "", used)
            if top_changes and rng.random() < 0.6:
                need.change = rng.choice(top_changes)
            out.append(need)
        return out

    def _need(self, i: int, member: str, field: str, service: str, used: set[str]) -> Need:
        texts = [t for t in self.bank["needs"][field] if t not in used]
        text = self.rng.choice(texts or self.bank["needs"][field])
        used.add(text)
        return Need(
            row=_row("needs", i),
            member=member,
            need=self.fmt(text),
            field=field,
            relevance=self.rng.choice((2, 3, 3, 4, 4, 5, 5)),
            service=service,
        )

    def vision(self) -> VisionMission:
        rng = self.rng
        vm = VisionMission(
            vision=self.fmt(rng.choice(self.bank["visions"])),
            mission=self.fmt(rng.choice(self.bank["missions"])),
        )
        for statement in ("vision", "mission"):
            for key in vocab.SUCCESS_FACTOR_KEYS:
                vm.ticks[statement][key] = rng.random() >= _NO_SHARE
        assert words(vm.mission) <= MISSION_WORD_LIMIT, vm.mission
        members = self.hw.profile.members or 50
        figures = {
            "members": members + rng.randint(2, 8) * 5,
            "share": rng.randint(3, 8) * 5,
            "projects": rng.randint(3, 9),
            "delegations": rng.randint(2, 5),
            "trained": rng.randint(4, 20) * 10,
            "satisfaction": rng.choice(("4", "4.2", "4.5")),
        }
        for i, (text, measure) in enumerate(rng.sample(self.bank["objectives"], rng.randint(3, 4))):
            vm.objectives.append(
                Objective(
                    row=_row("objectives", i),
                    objective=self.fmt(text, **figures),
                    measure=self.fmt(measure, **figures),
                    year=rng.choice((2026, 2027, 2028)),
                )
            )
        return vm

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


def add_strategy(hw: Homework, bank: dict[str, Any], rng: random.Random | None = None) -> Homework:
    """Fill `hw`'s member needs, vision and mission, and communication plan (in place)."""
    filler = _Filler(hw, rng or strategy_rng(hw), bank)
    hw.needs = filler.needs()
    hw.vision = filler.vision()
    hw.communication = filler.communication()
    return hw


__all__ = ["add_strategy", "strategy_rng"]
