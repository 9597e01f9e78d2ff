"""The cohort's Day-3 pitch groups: who pitches to whom, and why they were put together."""

from __future__ import annotations

from dataclasses import dataclass

from cba_xl.cohort.rooms import manager_name
from cba_xl.cohort.roster_match import RosterReport
from cba_xl.cohort.summary import CohortStats
from cba_xl.core.rules.pitch import Pitcher, Reason, reasons


def pitchers(stats: CohortStats) -> dict[str, Pitcher]:
    ranked = stats.ranked()
    return {
        label: Pitcher(
            country=stats.country_of.get(label, ""),
            themes=tuple(ranked.get(label, [])),
            fields=tuple(dict.fromkeys(stats.service_fields.get(label, []))),
        )
        for label in stats.labels
    }


@dataclass(frozen=True, slots=True)
class PitchMember:
    label: str
    manager: str
    country: str
    reason: Reason


@dataclass(frozen=True, slots=True)
class PitchGroup:
    number: int
    members: tuple[PitchMember, ...]

    @property
    def countries_mixed(self) -> bool:
        """No two members from one country (members without a country count as different)."""
        return not any(m.reason.same_country for m in self.members)

    @property
    def all_share(self) -> bool:
        """Every member shares a ranked challenge with another member (two or more members)."""
        return len(self.members) > 1 and all(m.reason.shares for m in self.members)


def pitch_groups_of(
    stats: CohortStats, groups: list[list[str]], roster: RosterReport | None
) -> list[PitchGroup]:
    people = pitchers(stats)
    out = []
    for number, labels in enumerate(groups, start=1):
        why = reasons(people, labels)
        out.append(
            PitchGroup(
                number,
                tuple(
                    PitchMember(
                        label, manager_name(stats, roster, label), people[label].country, why[label]
                    )
                    for label in labels
                ),
            )
        )
    return out


__all__ = ["PitchGroup", "PitchMember", "pitch_groups_of", "pitchers"]
