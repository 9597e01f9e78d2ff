"""Submissions matched to the people on the roster: who submitted, twice, unusably, or not.

A file matches the roster row with the same e-mail (case, spaces and accents aside); failing
that, the one row with the same cluster name; failing that (a workbook that could not be read
says neither), the one row whose e-mail, name or cluster name is part of the file's name. For
names, case, spaces, punctuation and accents never matter (`roster_file.fold`). A file that
matches no row, and a row that no file matches, are both reported.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from cba_xl.cohort.record import Submission
from cba_xl.cohort.roster_file import Person, fold, fold_email

BY_EMAIL: Final = "e-mail"
BY_CLUSTER: Final = "cluster name"
BY_FILE_NAME: Final = "file name"
NOT_ON_ROSTER: Final = "not on the roster"
NOT_SUBMITTED: Final = "not submitted"
MATCH_RULE: Final = (
    "Files are matched to the roster by e-mail, then by cluster name, then by the file's name "
    "(ignoring case, spaces, punctuation and accents)."
)
_SHORTEST: Final = 5  # a shorter name or cluster is not looked for inside a file name


@dataclass(frozen=True, slots=True)
class Outcome:
    """One roster row and its files: consolidated (the kept one), superseded and unusable."""

    person: Person
    kept: tuple[Submission, ...] = ()
    superseded: tuple[Submission, ...] = ()
    unusable: tuple[Submission, ...] = ()

    @property
    def submitted(self) -> bool:
        return bool(self.kept)

    @property
    def twice(self) -> bool:
        return len(self.kept) + len(self.superseded) > 1


@dataclass
class RosterReport:
    file: Path
    people: list[Person]
    outcomes: list[Outcome] = field(default_factory=list)  # in roster order
    match_of: dict[str, tuple[Person, str]] = field(default_factory=dict)  # file -> (row, how)
    not_on_roster: list[Submission] = field(default_factory=list)  # usable, matching no row

    @property
    def submitted(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.submitted]

    @property
    def missing(self) -> list[Person]:
        return [o.person for o in self.outcomes if not o.kept and not o.unusable]

    @property
    def unusable(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.kept and o.unusable]

    @property
    def twice(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.twice]


def match_roster(
    path: Path,
    people: Sequence[Person],
    everyone: Sequence[Submission],
    superseded_by: dict[str, str],
) -> RosterReport:
    """Every file of the run matched to at most one roster row."""
    emails = {fold_email(p.email): p for p in people if fold_email(p.email)}
    clusters: defaultdict[str, list[Person]] = defaultdict(list)
    for p in people:
        if fold(p.cluster):
            clusters[fold(p.cluster)].append(p)
    # What a file's name may hold of each person, folded once for all files.
    in_names = [
        (p, [k for k in (fold(p.email), fold(p.name), fold(p.cluster)) if len(k) >= _SHORTEST])
        for p in people
    ]
    report = RosterReport(path, list(people))
    files: defaultdict[int, list[Submission]] = defaultdict(list)
    for sub in sorted(everyone, key=lambda s: s.file):
        found = _match(sub, in_names, emails, clusters)
        if found is None:
            if sub.usable:
                report.not_on_roster.append(sub)
            continue
        report.match_of[sub.file] = found
        files[found[0].row].append(sub)
    for p in people:
        mine = files.get(p.row, [])
        report.outcomes.append(
            Outcome(
                p,
                kept=tuple(s for s in mine if s.usable and s.file not in superseded_by),
                superseded=tuple(s for s in mine if s.usable and s.file in superseded_by),
                unusable=tuple(s for s in mine if not s.usable),
            )
        )
    return report


def _match(
    sub: Submission,
    in_names: Sequence[tuple[Person, list[str]]],
    emails: dict[str, Person],
    clusters: dict[str, list[Person]],
) -> tuple[Person, str] | None:
    if (p := emails.get(fold_email(sub.email))) is not None:
        return p, BY_EMAIL
    same = clusters.get(fold(sub.cluster), [])
    if len(same) == 1:
        return same[0], BY_CLUSTER
    name = fold(Path(sub.file).stem)
    hits = [p for p, keys in in_names if any(key in name for key in keys)]
    return (hits[0], BY_FILE_NAME) if len(hits) == 1 else None
