"""Themes across free text: the items of different participants that mean the same.

Participants write the same thing in their own words ("LinkedIn page", "LinkedIn (English)",
"our Linkedin account"). A theme groups such wordings within one area (a canvas block of one
horizon, the business-model changes, the plan's requirements, the services' fields) and counts
the participants in it. Three rules, in this order, each one a reader can check by eye:

1. **Same words.** Two items are one when their content words are the same, once case,
   accents, punctuation, word order, plurals, qualifiers in brackets and small words ("our",
   "the", "of"; "page" and "account" after a channel's name) are set aside: "our Linkedin
   account" = "LinkedIn (English)" = "LinkedIn".
2. **Same words, spelt a little differently.** A word of at least `MIN_FUZZY_LEN` letters is
   read as a more common word of the cohort one typing slip away (`MAX_SLIPS`: a letter
   missing, extra, wrong or two swapped) that starts with the same letter: "Linkdin" =
   "LinkedIn", "newsleter" = "newsletter". Measured with rapidfuzz; where it is missing
   (Pyodide, so xlwings Lite, has no build of it) the same distance is measured in plain
   Python, slower but with the same themes, and `SPELLING` says which ran.
3. **The words of another item, and a few more.** An item that holds every content word of a
   shorter item of the same area plus at most `MAX_EXTRA_WORDS` others, and whose head noun
   is the shorter one's, joins that item's theme: "Website in Italian" and "Website with event
   calendar" join "Website", but "Fee proposal" (a proposal) does not join "Fees". An item
   holding two such cores ("Website and LinkedIn") counts in both themes. A one-word item
   that is a generic noun (`GENERIC_NOUNS`: form, event, tool, training ...) takes in no
   longer item: its added words say what it is, so "Online form" and "Mandate forms" are two
   different forms, not the theme "Form" (each joins only an item with the same words).

Numbers never merge: "2 FTE team" and "3 FTE team" are different teams, and "Member database
with 600 contacts" is not "Member database". Two items are in one theme only when they hold
the same numbers. The result does not depend on the order of the input: every choice (a
theme's label, which spelling is the common one) is decided by counts, then the alphabet.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Final

try:  # a compiled library: Pyodide has no build of it, and then plain Python measures
    from rapidfuzz import process as fuzz_process
    from rapidfuzz.distance import OSA

    HAVE_RAPIDFUZZ = True
except ImportError:  # pragma: no cover - in Pyodide
    HAVE_RAPIDFUZZ = False

# Rule 2's limits. One slip only: two already turn "innovation" into "renovation". Seven
# letters at least: shorter words one slip apart are often different words ("county" and
# "country", "fair" and "hair"). The same first letter: "national" is not "rational".
MAX_SLIPS: Final = 1
MIN_FUZZY_LEN: Final = 7
# A slip is rare beside the word it is a slip of: at most a quarter as common. Two real words
# one slip apart are both common ("contract" and "contact" in the plans' requirements).
SLIP_RATIO: Final = 4
# Rule 3's limit. Three more words keep "Annual fair" with "Annual fair of social enterprises"
# (two more) and "Membership fees" with "Membership fees by annual direct debit" (three), but
# keep a one-word item from swallowing whole sentences that merely mention it.
MAX_EXTRA_WORDS: Final = 3
# Rule 3's exception: nouns that name a kind of thing, not a thing, so that a one-word item of
# them is no theme of the longer items ("Form" is not what "Online form" and "Mandate forms"
# share). Singular, as `key` gives words.
GENERIC_NOUNS: Final = frozenset((
    "activity", "agreement", "budget", "contract", "course", "day", "document", "event", "form",
    "list", "material", "meeting", "offer", "plan", "platform", "process", "programme",
    "project", "proposal", "report", "seminar", "service", "session", "support", "system",
    "template", "tool", "training", "workshop",
))  # fmt: skip

SPELLING: Final = (
    "spelling slips measured with rapidfuzz"
    if HAVE_RAPIDFUZZ
    else "spelling slips measured in plain Python (rapidfuzz is not installed)"
)
RULE: Final = (
    "A theme groups items whose content words are the same once case, accents, punctuation, "
    "word order, plurals, brackets and small words (our, the, of, page, account ...) are set "
    f"aside; a word of {MIN_FUZZY_LEN}+ letters one typing slip from a more common word is "
    f"read as that word; an item with a shorter item's words plus up to {MAX_EXTRA_WORDS} "
    "more, and the same head noun, joins its theme, unless the shorter one is one generic noun "
    "(form, event, tool, training ...). Items with different numbers never merge "
    "(2 FTE team is not 3 FTE team)."
)

# Small words that say nothing about what an item is.
STOP_WORDS: Final = frozenset((
    "a", "an", "the", "our", "my", "your", "their", "its", "his", "her", "we", "us", "you",
    "they", "of", "for", "and", "or", "with", "without", "to", "in", "on", "at", "by", "from",
    "as", "into", "onto", "per", "via", "than", "also", "through", "towards",
))  # fmt: skip
# Where a phrase's head noun ends: "Website in Italian" is a website, "Fee proposal" a proposal.
PREPOSITIONS: Final = frozenset((
    "of", "for", "with", "without", "to", "in", "on", "at", "by", "from", "as", "into", "onto",
    "per", "via", "through", "towards",
))  # fmt: skip
# What a channel is kept on: "LinkedIn page" and "our LinkedIn account" are both LinkedIn.
# Dropped only after another word, as the last word of a phrase ("Course page" stays a course).
CONTAINERS: Final = frozenset(("page", "pages", "account", "accounts", "profile", "profiles"))
# Words that end in s without being plurals.
NOT_PLURAL: Final = frozenset((
    "news", "series", "species", "means", "gas", "bus", "lens", "atlas", "canvas",
))  # fmt: skip
# British and American spellings of the same word: the academy writes British English.
SPELLINGS: Final = {
    "center": "centre",
    "program": "programme",
    "catalog": "catalogue",
    "organization": "organisation",
}
_NUMBER_NAMES = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve",
)  # fmt: skip
NUMBER_WORDS: Final = {w: str(i) for i, w in enumerate(_NUMBER_NAMES)}
_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_JOINERS = re.compile(r"(?<=\w)[-'’](?=\w)")  # e-mail, co-working, members' -> one word
_THOUSANDS = re.compile(r"(?<=\d)[,.](?=\d{3}\b)")
_DECIMAL_COMMA = re.compile(r"(?<=\d),(?=\d)")
_PARTS = re.compile(r"\band\b|\bor\b|[&,;/+]")
_TOKEN = re.compile(r"\d+(?:\.\d+)?%?|[^\W\d_]+")


def _plain(text: str) -> str:
    """Lower case without accents: 'Lucía' -> 'lucia'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _singular(word: str) -> str:
    if len(word) <= 3 or word in NOT_PLURAL or word.endswith(("ss", "us", "is", "ics")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s"):
        return word[:-1]
    return word


def _word(token: str) -> str:
    if token[0].isdigit():
        return token
    token = NUMBER_WORDS.get(token, token)
    token = SPELLINGS.get(token, token)
    if token.endswith("ization"):
        token = token[: -len("ization")] + "isation"
    return _singular(token)


@dataclass(frozen=True, slots=True)
class Key:
    """An item's content words (sorted, without repeats: rule 1's key) and the head nouns of
    its phrases (rule 3 asks for the core's head among them)."""

    words: tuple[str, ...]
    heads: frozenset[str]


@lru_cache(maxsize=65_536)
def key(text: str) -> Key:
    """An item of small words only ("The") keeps them, so it is not lost."""
    plain = _JOINERS.sub("", _plain(text))
    plain = _DECIMAL_COMMA.sub(".", _THOUSANDS.sub("", plain))
    core = _BRACKETS.sub(" ", plain)
    if not _TOKEN.search(core):
        core = plain
    content: set[str] = set()
    heads: set[str] = set()
    for part in _PARTS.split(core):
        tokens = _TOKEN.findall(part)
        while len(tokens) > 1 and tokens[-1] in CONTAINERS:
            tokens.pop()
        content.update(_word(t) for t in tokens if t not in STOP_WORDS)
        phrase = next((i for i, t in enumerate(tokens) if t in PREPOSITIONS), len(tokens))
        head = [t for t in tokens[:phrase] if t not in STOP_WORDS and not t[0].isdigit()]
        if head:
            heads.add(_word(head[-1]))
    if not content:
        content = {_word(t) for t in _TOKEN.findall(core)}
    return Key(tuple(sorted(content)), frozenset(heads))


def words(text: str) -> tuple[str, ...]:
    """An item's content words: 'our Linkedin account' -> ('linkedin',)."""
    return key(text).words


def _numbers(key: Sequence[str]) -> tuple[str, ...]:
    return tuple(w for w in key if w[0].isdigit())


@dataclass(frozen=True, slots=True)
class Said:
    """One participant's wording of an item, and where it is."""

    text: str
    who: str  # the participant's label in the cohort
    file: str = ""
    sheet: str = ""
    cell: str = ""


@dataclass(frozen=True, slots=True)
class Member:
    said: Said
    why: str  # how it joined the theme: 'same words', 'adds: italian', 'spelling: linkdin'


@dataclass(frozen=True, slots=True)
class Theme:
    area: str
    label: str  # the most common wording of the theme's core
    core: tuple[str, ...]  # the core's content words
    members: tuple[Member, ...]  # sorted by participant, then wording
    participants: int  # how many participants wrote one of the members

    @property
    def who(self) -> list[str]:
        return sorted({m.said.who for m in self.members})

    def wordings(self) -> list[tuple[str, list[str]]]:
        """Each distinct wording (case and spacing forgiven) with who wrote it, most common
        first."""
        by: dict[str, set[str]] = defaultdict(set)
        shown: dict[str, str] = {}
        for m in self.members:
            k = " ".join(m.said.text.split()).casefold()
            by[k].add(m.said.who)
            shown[k] = min(shown.get(k, m.said.text.strip()), m.said.text.strip())
        ranked = sorted(by, key=lambda k: (-len(by[k]), k))
        return [(shown[k], sorted(by[k])) for k in ranked]


def _spelling_map(vocabulary: Counter[str]) -> dict[str, str]:
    """Rule 2: each word one slip from a more common word (same first letter, both long
    enough) -> that word; followed to the end, as that word may be a slip itself."""
    rank = {w: (-n, w) for w, n in vocabulary.items()}
    buckets: dict[str, list[str]] = defaultdict(list)
    for w in vocabulary:
        if len(w) >= MIN_FUZZY_LEN and w.isalpha():
            buckets[w[0]].append(w)
    better: dict[str, str] = {}
    for group in buckets.values():
        if len(group) < 2:
            continue
        group.sort()
        for w, close in zip(group, _near(group), strict=True):
            best = min(close, key=rank.__getitem__, default=None)
            if best is not None and vocabulary[w] * SLIP_RATIO <= vocabulary[best]:
                better[w] = best
    out: dict[str, str] = {}
    for w in better:
        end = w
        while end in better:
            end = better[end]
        out[w] = end
    return out


def _near(group: list[str]) -> list[list[str]]:
    """For each word of `group`, the others one slip away (OSA distance, MAX_SLIPS = 1)."""
    if HAVE_RAPIDFUZZ:
        # `extract`, not `cdist`: cdist returns a numpy array, and numpy is no dependency of
        # cba-xl (`make demo` installs none).
        return [
            [
                other
                for other, _, j in fuzz_process.extract(
                    w, group, scorer=OSA.distance, score_cutoff=MAX_SLIPS, limit=None
                )
                if j != i
            ]
            for i, w in enumerate(group)
        ]
    by_length: dict[int, list[str]] = defaultdict(list)
    for w in group:
        by_length[len(w)].append(w)
    return [
        [
            other
            for n in (len(w) - 1, len(w), len(w) + 1)
            for other in by_length.get(n, [])
            if other != w and one_slip(w, other)
        ]
        for w in group
    ]


def one_slip(a: str, b: str) -> bool:
    """Whether `a` and `b` are at most one slip apart: a letter missing, extra or wrong, or two
    neighbours swapped (rapidfuzz's OSA distance <= 1, in plain Python for where it is not)."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diff) != 2:
            return len(diff) == 1
        i, j = diff
        return j == i + 1 and a[i] == b[j] and a[j] == b[i]
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long[i]:
        i += 1
    return short[i:] == long[i + 1 :]


Words = tuple[str, ...]


def _covers(heads: dict[Words, frozenset[str]]) -> dict[Words, list[Words]]:
    """Rule 3: key -> the shorter keys it holds (plus up to MAX_EXTRA_WORDS, the same numbers,
    and the shorter one's head noun among its own heads)."""
    keys = sorted(heads)
    sets = [frozenset(k) for k in keys]
    postings: dict[str, list[int]] = defaultdict(list)
    for i, k in enumerate(keys):
        for w in k:
            postings[w].append(i)
    out: dict[Words, list[Words]] = defaultdict(list)
    for core, words in zip(keys, sets, strict=True):
        if not heads[core] or all(w[0].isdigit() for w in core):
            continue  # a number alone is no theme
        if len(core) == 1 and core[0] in GENERIC_NOUNS:
            continue  # "Form" is not what "Online form" and "Mandate forms" share
        rarest = min(core, key=lambda w: (len(postings[w]), w))
        nums = _numbers(core)
        for i in postings[rarest]:  # in key order, so the result is too
            extra = len(sets[i]) - len(words)
            if (
                0 < extra <= MAX_EXTRA_WORDS
                and words < sets[i]
                and heads[core] & heads[keys[i]]
                and _numbers(keys[i]) == nums
            ):
                out[keys[i]].append(core)
    return out


Entry = tuple[str, Said]  # (area, what was said)


def find_themes(entries: Iterable[Entry]) -> dict[str, list[Theme]]:
    """The themes of each area, most participants first (then by label). Every item is in at
    least one theme, its own if nobody else said the same."""
    # Cohorts repeat their wordings: each distinct text is read once, whoever wrote it.
    by_area: dict[str, dict[str, list[Said]]] = defaultdict(lambda: defaultdict(list))
    for area, said in entries:
        if said.text and not said.text.isspace():
            by_area[area][said.text].append(said)
    keys: dict[str, Key] = {}
    vocabulary: Counter[str] = Counter()
    for texts in by_area.values():
        for text, saids in texts.items():
            k = keys.get(text)
            if k is None:
                k = keys[text] = key(text)
            for w in k.words:
                vocabulary[w] += len(saids)
    respell = _spelling_map(vocabulary)
    return {
        area: _area_themes(area, [(keys[t], saids) for t, saids in texts.items()], respell)
        for area, texts in sorted(by_area.items())
    }


def _area_themes(
    area: str, items: list[tuple[Key, list[Said]]], respell: dict[str, str]
) -> list[Theme]:
    keyed: dict[Words, list[tuple[Said, Words]]] = defaultdict(list)
    heads: dict[Words, frozenset[str]] = defaultdict(frozenset)
    for k, saids in items:
        words, own_heads = k.words, k.heads
        if respell and not respell.keys().isdisjoint(words):
            words = tuple(sorted({respell.get(w, w) for w in words}))
            own_heads = frozenset(respell.get(w, w) for w in own_heads)
        keyed[words] += [(s, k.words) for s in saids]
        heads[words] |= own_heads
    covers = _covers(heads)

    @cache
    def roots(words: Words) -> frozenset[Words]:
        held = covers.get(words)
        if not held:
            return frozenset([words])
        return frozenset().union(*(roots(k) for k in held))

    members: dict[Words, list[Member]] = defaultdict(list)
    for words, said in keyed.items():
        for root in roots(words):
            extra = [w for w in words if w not in root] if root != words else []
            plain = f"adds: {' '.join(extra)}" if extra else "same words"
            for s, own in said:
                why = plain
                if own is not words and any(w in respell for w in own):
                    slips = [f"spelling: {w} = {respell[w]}" for w in own if w in respell]
                    why = "; ".join(([plain] if extra else []) + slips)
                members[root].append(Member(s, why))
    themes = []
    for root, found in members.items():
        found.sort(key=_member_order)
        who = len({m.said.who for m in found})
        themes.append(Theme(area, _label(keyed[root], root), root, tuple(found), who))
    themes.sort(key=lambda t: (-t.participants, t.label.casefold(), t.label, t.core))
    return themes


def _member_order(m: Member) -> tuple[str, str, str, str, str]:
    return (m.said.who, m.said.text, m.said.sheet, m.said.cell, m.why)


def _label(said: list[tuple[Said, tuple[str, ...]]], core: tuple[str, ...]) -> str:
    """The wording of the theme's core that most participants used, spelt as most spell it;
    then the shortest."""
    who: dict[str, set[str]] = defaultdict(set)
    slip: dict[str, bool] = {}
    for s, own in said:
        who[s.text].add(s.who)
        slip[s.text] = own != core
    spaced: dict[str, set[str]] = defaultdict(set)  # the same wording, spaced differently
    slips: dict[str, bool] = {}
    for text, people in who.items():
        shown = " ".join(text.split())
        spaced[shown] |= people
        slips[shown] = slip[text]
    return min(
        spaced,
        key=lambda text: (slips[text], -len(spaced[text]), len(text), text.casefold(), text),
    )


__all__ = [
    "GENERIC_NOUNS",
    "MAX_EXTRA_WORDS",
    "MAX_SLIPS",
    "MIN_FUZZY_LEN",
    "RULE",
    "SLIP_RATIO",
    "SPELLING",
    "Key",
    "Member",
    "Said",
    "Theme",
    "find_themes",
    "key",
    "one_slip",
    "words",
]
