"""Every submission of a participant, oldest first, and what each changed against the one before.

The newest is the one consolidated (the resubmission rule of `resubmissions`); the older ones
stay on the Versions sheet. The workers hand back no Homework, so the few files of participants
who sent more than one are read again here, in the main process, and compared with the one
`compare` of `cba-xl compare`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cba_xl.cohort.record import Submission
from cba_xl.cohort.resubmissions import newness
from cba_xl.core import tools
from cba_xl.core.compare import Difference, compare
from cba_xl.wording import join_and, tally

if TYPE_CHECKING:
    from cba_xl.workbook_check import CheckResult

# What the Versions sheet counts, by the kinds of `cba_xl.core.compare`.
STEPS = ("step added", "step removed", "step re-dated")
FINDINGS = ("finding resolved", "finding new")


@dataclass
class Version:
    participant: str  # the cohort's label of the participant
    sub: Submission
    number: int  # 1 = the oldest
    of: int
    consolidated: bool
    changes: Counter[str] | None = None  # kinds of compare against the previous version
    # the other changes (see `other`) by the title of the tool they are in, in registry order
    other_tools: Counter[str] = field(default_factory=Counter)
    unreadable: str = ""  # why the comparison could not be made

    @property
    def other(self) -> int:
        """Changes that are neither plan steps added, removed or re-dated nor findings
        (re-assigned steps, statuses, goals, canvas items and every other tool's items)."""
        if self.changes is None:
            return 0
        return sum(n for k, n in self.changes.items() if k not in STEPS + FINDINGS)

    def summary(self) -> str:
        """'2 steps added, 1 step re-dated; 1 finding resolved' in short."""
        if self.number == 1:
            return "first submission"
        if self.changes is None:
            return f"not compared: {self.unreadable}"
        c = self.changes
        # "step re-dated" -> "2 steps re-dated", "finding new" -> "1 finding new"
        parts = [f"{tally(c[k], k.split()[0])} {k.split()[1]}" for k in STEPS if c[k]]
        if self.other:
            where = ", ".join(self.other_tools)
            parts.append(tally(self.other, "other change") + (f" ({where})" if where else ""))
        parts += [f"{tally(c[k], 'finding')} {k.split()[1]}" for k in FINDINGS if c[k]]
        return join_and(parts) if parts else "no change"

    def as_json(self) -> dict[str, Any]:
        s = self.sub
        return {
            "file": s.file,
            "sha256": s.sha256,
            "version": self.number,
            "consolidated": self.consolidated,
            "saved": s.saved.isoformat() if s.saved else None,
            "modified": dt.datetime.fromtimestamp(s.mtime).isoformat() if s.mtime else None,
            "changes": dict(self.changes) if self.changes is not None else None,
            "other_changes_by_tool": dict(self.other_tools),
            "summary": self.summary(),
        }


@dataclass
class Versions:
    """The versions of every kept participant, in the order of the participants given."""

    rows: list[Version] = field(default_factory=list)

    def resubmitted(self) -> list[list[Version]]:
        """The participants who sent more than one file, each with their versions."""
        out: dict[str, list[Version]] = {}
        for v in self.rows:
            if v.of > 1:
                out.setdefault(v.participant, []).append(v)
        return list(out.values())

    def as_json(self) -> list[dict[str, Any]]:
        return [
            {"participant": vs[0].participant, "versions": [v.as_json() for v in vs]}
            for vs in self.resubmitted()
        ]

    def lines(self) -> list[str]:
        out = []
        for vs in self.resubmitted():
            out.append(f"    {vs[0].participant}: {len(vs)} versions")
            out += [
                f"      v{v.number} {Path(v.sub.file).name}"
                + (" (consolidated)" if v.consolidated else "")
                + f": {v.summary()}"
                for v in vs
            ]
        return out


def _by_tool(found: Sequence[Difference]) -> Counter[str]:
    others = Counter(d.tool for d in found if d.kind not in STEPS + FINDINGS)
    return Counter({t.title: others[t.key] for t in tools.TOOLS if others[t.key]})


def versions(
    labelled: Sequence[tuple[str, Submission]],
    older: dict[str, list[Submission]],
    *,
    today: dt.date | None = None,
) -> Versions:
    """`labelled`: the kept submissions with their labels; `older`: kept file -> the files it
    superseded. Each chain is read again and compared, version by version."""
    from cba_xl.workbook_check import check

    out = Versions()
    for label, kept in labelled:
        chain = sorted([*older.get(kept.file, []), kept], key=newness)
        results: list[CheckResult] = []
        if len(chain) > 1:
            results = [check(Path(s.file), today=today) for s in chain]
        for i, sub in enumerate(chain):
            v = Version(label, sub, i + 1, len(chain), consolidated=sub is kept)
            if i:
                old, new = results[i - 1], results[i]
                bad = next((r for r in (old, new) if r.homework is None), None)
                if bad is not None:
                    reason = bad.unusable.reason if bad.unusable else "cannot be read"
                    v.unreadable = f"{bad.path.name} {reason}"
                elif old.homework is not None and new.homework is not None:
                    found = compare(old.homework, old.findings, new.homework, new.findings)
                    v.changes = Counter(d.kind for d in found)
                    v.other_tools = _by_tool(found)
            out.rows.append(v)
    return out


__all__ = ["Version", "Versions", "versions"]
