"""Words for numbers and lists, shared by the slides, the cohort deck and the command line:
numbers up to twelve in words, nouns and verbs that agree with their count, thousands
separators, and what "most" may claim. Pure Python, so that any part of cba-xl can use it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

_NUMBERS = (
    "no", "one", "two", "three", "four", "five", "six",
    "seven", "eight", "nine", "ten", "eleven", "twelve",
)  # fmt: skip


def number(n: int) -> str:
    """Numbers up to twelve in words, as a sentence would write them."""
    return _NUMBERS[n] if 0 <= n < len(_NUMBERS) else str(n)


def count(n: int, singular: str, plural: str = "") -> str:
    """'three actions', 'one action', 'no actions'."""
    return f"{number(n)} {noun(n, singular, plural)}"


def noun(n: int, singular: str, plural: str = "") -> str:
    """The noun that goes with `n`: 'error' for one, 'errors' for any other number."""
    return singular if n == 1 else (plural or singular + "s")


def agree(n: int, singular: str, plural: str) -> str:
    """The verb that goes with `n` things: agree(1, 'changes', 'change') -> 'changes'."""
    return singular if n == 1 else plural


def grouped(value: float | int | None) -> str:
    """A quantity as a reader expects it: thousands separated ('12,000'), no trailing '.0'
    ('95', '2.5'), at most two decimals; nothing for no value."""
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def tally(n: int, singular: str, plural: str = "") -> str:
    """'1 error', '5 errors', '12,000 steps': digits, for side panels and cohort figures."""
    return f"{grouped(n)} {noun(n, singular, plural)}"


@dataclass(frozen=True)
class Lead:
    """Which names have the largest count, and whether that is a strict majority of the total.

    The wording rules the slides follow: "most of them in X" only when X alone holds more than
    half; "the most in X" when X has more than any other but not half; "X and Y lead" when
    several tie for the largest count; nothing to say when every count is zero.
    """

    names: tuple[str, ...]  # every name with the largest count, in the given order
    count: int  # the largest count
    total: int

    @property
    def unique(self) -> bool:
        return len(self.names) == 1 and self.count > 0

    @property
    def majority(self) -> bool:
        return self.unique and 2 * self.count > self.total


def lead(counts: Iterable[tuple[str, int]]) -> Lead:
    pairs = list(counts)
    top = max((n for _, n in pairs), default=0)
    total = sum(n for _, n in pairs)
    names = tuple(name for name, n in pairs if n == top) if top > 0 else ()
    return Lead(names, top, total)


def cap(text: str) -> str:
    """Capitalise the first letter only ('iPhone' stays, 'three of nine' -> 'Three of nine')."""
    return text[:1].upper() + text[1:]


def join_and(items: Iterable[object], word: str = "and") -> str:
    """'a, b and c'; with a serial comma when an item has an 'and' of its own ('marketing and
    visibility, and digitalization'), so that the reader sees where each item ends."""
    parts = [str(i) for i in items if str(i)]
    if len(parts) <= 1:
        return "".join(parts)
    joint = f" {word} "
    serial = "," if any(joint in p for p in parts) else ""
    return f"{', '.join(parts[:-1])}{serial}{joint}{parts[-1]}"


def lower_first(text: str) -> str:
    """'Financial sustainability' -> 'financial sustainability' inside a sentence; acronyms and
    names ('EU', 'CRM system') keep their capitals."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def share(part: int, whole: int, singular: str, plural: str = "") -> str:
    """'3 of 14 participants', 'three of five participants', 'all 14 participants', 'the one
    participant': digits for
    both numbers when either is above twelve, so that a sentence does not mix 'eleven of 14'."""
    things = noun(whole, singular, plural)
    if whole > len(_NUMBERS) - 1:
        return (
            f"all {grouped(whole)} {things}"
            if part == whole
            else f"{grouped(part)} of {grouped(whole)} {things}"
        )
    if part == whole and whole > 1:
        return f"all {number(whole)} {things}"
    if part == whole == 1:
        return f"the one {things}"  # not "one of one participant"
    return f"{number(part)} of {number(whole)} {things}"
