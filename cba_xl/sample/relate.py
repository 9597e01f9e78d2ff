"""When sample content may link two things: only when their words relate them, as a participant
links a trend to the step that answers it. The phrase bank names the words (its
"trend_words" and "competence_words": a step or change answers a trend, or builds a field of
competence, when it holds one of them) and the sectors a phrase fits ("sector_fit": food
clusters meet no tariffs on components). Anything else stays unlinked: realistic homework, which
the checks then point out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from typing import Any

# Words every step or need shares: they relate nothing ("members", "offer", "new").
_GENERIC = frozenset((
    "about", "after", "again", "along", "their", "there", "these", "other", "which", "while",
    "member", "members", "cluster", "clusters", "service", "services", "offer", "start", "launch",
    "first", "every", "region", "regional", "support", "partner", "partners", "between",
    "with", "from", "them", "they", "that", "this", "more", "help", "need", "needs", "into",
    "individual", "annual", "monthly", "shared", "share", "access",
))  # fmt: skip


@cache
def _pattern(word: str) -> re.Pattern[str]:
    """'sustainab*' is a word's start; 'fee' a whole word (or its plural); 'land use' a phrase."""
    if word.endswith("*"):
        return re.compile(r"\b" + re.escape(word[:-1].lower()))
    return re.compile(r"\b" + re.escape(word.lower()) + r"s?\b")


def mentions(text: str, words: Iterable[str]) -> bool:
    """Whether `text` holds one of `words` (the bank's list for a trend or a field)."""
    low = text.lower()
    return any(_pattern(w).search(low) for w in words)


def fits(text: str, ecosystem: str, fit: Mapping[str, Mapping[str, Sequence[str]]]) -> bool:
    """Whether the phrase `text` fits a cluster of `ecosystem` (the bank's "sector_fit": a phrase
    it does not name fits every sector)."""
    rule = fit.get(text)
    if rule is None or not ecosystem:
        return True
    if "only" in rule:
        return ecosystem in rule["only"]
    return ecosystem not in rule.get("not", ())


def _content(text: str) -> set[str]:
    """The text's words of four letters or more and its acronyms ("BIM", "EU"), without a
    plural s and cut to five letters ("stand" and "stands", "regulation" and "regulatory"
    alike)."""
    out = set()
    for token in re.findall(r"[A-Za-z0-9]+", text):
        w = token.lower()
        if (len(w) >= 4 or (len(w) >= 2 and token.isupper())) and w not in _GENERIC:
            out.add((w[:-1] if w.endswith("s") and len(w) > 4 else w)[:5])
    return out


def share_words(a: str, b: str) -> bool:
    """Whether two texts share a content word: a need and the change it gave rise to."""
    return bool(_content(a) & _content(b))


def fitting(texts: Sequence[Any], ecosystem: str, fit: Mapping[str, Any]) -> list[Any]:
    """The entries of `texts` (a phrase, or a list whose first item is the phrase) that fit
    `ecosystem`; all of them when none does."""
    keep = [t for t in texts if fits(t if isinstance(t, str) else t[0], ecosystem, fit)]
    return keep or list(texts)


__all__ = ["fits", "fitting", "mentions", "share_words"]
