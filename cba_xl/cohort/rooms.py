"""The breakout rooms as the trainer hands them out: who sits in each, by the manager's name,
whether they picked the room's theme, and the room brief (the members' own notes on it)."""

from __future__ import annotations

from dataclasses import dataclass

from cba_xl.cohort.roster_match import RosterReport
from cba_xl.cohort.summary import CohortStats


def manager_name(stats: CohortStats, roster: RosterReport | None, label: str) -> str:
    """The roster's name for the participant when a roster matched them, else the manager the
    Profile names; empty when neither says."""
    sub = stats.label_files.get(label)
    if roster is not None and sub is not None:
        found = roster.match_of.get(sub.file)
        if found is not None and found[0].name.strip():
            return found[0].name.strip()
    return stats.managers.get(label, "").strip()


@dataclass(frozen=True, slots=True)
class Member:
    label: str  # the cohort's name of the participant (the cluster)
    manager: str
    rank: int | None  # where they ranked the room's theme; None when they did not pick it
    note: str  # their own note on the theme
    # Where the note is: its cell on their Challenges sheet; empty when they did not pick the
    # theme, so that there is no note of theirs on it.
    note_at: tuple[str, str] = ("", "")


@dataclass(frozen=True, slots=True)
class Room:
    number: int
    theme: str
    members: tuple[Member, ...]

    @property
    def picked(self) -> int:
        return sum(m.rank is not None for m in self.members)


def rooms_with_members(
    stats: CohortStats, rooms: dict[str, list[str]], roster: RosterReport | None
) -> list[Room]:
    ranked = stats.ranked()
    out = []
    for number, (theme, labels) in enumerate(rooms.items(), start=1):
        members = []
        for label in labels:
            mine = ranked.get(label, [])
            members.append(
                Member(
                    label,
                    manager_name(stats, roster, label),
                    mine.index(theme) + 1 if theme in mine else None,
                    stats.notes.get(label, {}).get(theme, "").strip(),
                    stats.note_cells.get(label, {}).get(theme, ("", "")),
                )
            )
        out.append(Room(number, theme, tuple(members)))
    return out


__all__ = ["Member", "Room", "manager_name", "rooms_with_members"]
