"""Text fitting by measuring with Arial's advance widths, shipped inside the package.

The template's font is Arial. Liberation Sans has the same advance width for every character;
its widths (regular and bold, every character the font has: Latin with its extensions, Greek,
Cyrillic, punctuation) are in cba_xl/data/font_widths.json, made once from the font files by
scripts/make_font_widths.py. Measuring never looks at the machine's fonts, so the same workbook
breaks into the same lines, with the same ellipses, on every machine. Widths are cached per word
because a deck measures the same words thousands of times.

Kerning is ignored: PowerPoint kerns only from 12 pt (kern="1200") and Arial's pairs narrow text,
so lines measured without it are never too long for PowerPoint.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

ELLIPSIS = "…"
LINE_SPACING = 1.2  # Arial's single spacing is ~1.15 em; the margin absorbs renderer rounding
WIDTH_SAFETY = 0.96  # measured width is scaled up by 1/0.96 before comparing with the box
# A character Arial does not have is drawn by PowerPoint in some fallback font whose width is
# unknown here; it counts as 1 em, as wide as a CJK ideograph and wider than any letter of the
# scripts in the table, so such text errs towards an earlier line break, never an overflow.
UNKNOWN_WIDTH = 1.0


def _load_widths() -> tuple[int, dict[bool, dict[str, int]]]:
    """(units per em, {bold: {character: advance width in font units}}) from the shipped table."""
    raw = json.loads(
        resources.files("cba_xl").joinpath("data", "font_widths.json").read_text("utf-8")
    )
    widths: dict[bool, dict[str, int]] = {}
    for bold, style in ((False, "regular"), (True, "bold")):
        table: dict[str, int] = {}
        for first, run in raw[style]:
            for i, units in enumerate(run):
                table[chr(first + i)] = int(units)
        widths[bold] = table
    return int(raw["units_per_em"]), widths


class Metrics:
    """Advance widths of the template font, in em, cached per word."""

    def __init__(self) -> None:
        self._per_em, self._widths = _load_widths()
        self._unknown = round(UNKNOWN_WIDTH * self._per_em)
        self._cache: dict[tuple[str, bool], float] = {}

    def _unit(self, word: str, bold: bool) -> float:
        key = (word, bold)
        width = self._cache.get(key)
        if width is None:
            # Whole font units add up exactly, so the sum cannot depend on rounding order.
            table, unknown = self._widths[bold], self._unknown
            width = sum(table.get(ch, unknown) for ch in word) / self._per_em
            self._cache[key] = width
        return width

    def covers(self, ch: str, bold: bool = False) -> bool:
        """Whether the table has the character's width (else it counts as UNKNOWN_WIDTH)."""
        return ch in self._widths[bold]

    def width(self, text: str, size: float, bold: bool = False) -> float:
        words = text.split(" ")
        total = sum(self._unit(w, bold) for w in words) + self._unit(" ", bold) * (len(words) - 1)
        return total * size / WIDTH_SAFETY

    def wrap(self, text: str, width: float, size: float, bold: bool = False) -> list[str]:
        """Lines as PowerPoint breaks them: at spaces, and inside a word too long for a line."""
        # Widths add up word by word (in font units), so a line is never measured twice.
        limit = width * WIDTH_SAFETY / size
        space = self._unit(" ", bold)
        lines: list[str] = []
        for hard in text.split("\n"):
            line, used = "", 0.0
            for word in hard.split():
                w = self._unit(word, bold)
                if line and used + space + w <= limit:
                    line, used = f"{line} {word}", used + space + w
                    continue
                if line:
                    lines.append(line)
                line, used = word, w
                while used > limit and len(line) > 1:
                    cut = self._longest_prefix(line, width, size, bold)
                    lines.append(line[:cut])
                    line = line[cut:]
                    used = self._unit(line, bold)
            lines.append(line)
        return lines

    def _longest_prefix(self, word: str, width: float, size: float, bold: bool) -> int:
        lo, hi = 1, len(word)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.width(word[:mid], size, bold) <= width:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def clip(
        self, text: str, width: float, size: float, max_lines: int, bold: bool = False
    ) -> tuple[str, bool]:
        """The text cut to `max_lines` lines, ending in an ellipsis if anything was cut."""
        lines = self.wrap(text, width, size, bold)
        if len(lines) <= max_lines:
            return text, False
        # Line by line within each paragraph of the cell: the kept lines of one paragraph are
        # joined by spaces, paragraphs keep their line breaks, so two items never run together.
        kept: list[list[str]] = []
        room = max_lines
        for hard in text.split("\n"):
            if room <= 0:
                break
            wrapped = self.wrap(hard, width, size, bold)
            kept.append(wrapped[:room])
            room -= len(wrapped[:room])
        last = kept[-1][-1]
        while last and self.width(last + ELLIPSIS, size, bold) > width:
            last = last[:-1].rstrip()
        kept[-1][-1] = last + ELLIPSIS
        return "\n".join(" ".join(part) for part in kept), True


@cache
def metrics() -> Metrics:
    return Metrics()


@dataclass(frozen=True)
class Para:
    """One paragraph to fit: its text and how it is set."""

    text: str
    bold: bool = False
    bullet: bool = False
    scale: float = 1.0  # relative to the fitted size, e.g. 1.0 for body, 1.1 for a heading
    space_before: float = 0.0  # in em of the fitted size
    color: str = ""  # a theme colour role understood by deck.py; "" = inherit
    italic: bool = False


BULLET_INDENT = 12.0  # points; deck.py sets the same hanging indent


@dataclass
class Fitted:
    size: float
    paras: list[Para]
    cut: list[str] = field(default_factory=list)  # full texts that were shortened or dropped


def _para_lines(m: Metrics, p: Para, width: float, size: float) -> list[str]:
    avail = width - (BULLET_INDENT if p.bullet else 0.0)
    return m.wrap(p.text, avail, size * p.scale, p.bold)


def _height(m: Metrics, paras: Sequence[Para], width: float, size: float) -> float:
    total = 0.0
    for i, p in enumerate(paras):
        lines = len(_para_lines(m, p, width, size))
        total += lines * size * p.scale * LINE_SPACING
        if i:
            total += p.space_before * size
    return total


def fit(
    paras: Sequence[Para],
    width: float,
    height: float,
    max_size: float,
    min_size: float,
    step: float = 0.5,
) -> Fitted:
    """The largest size between max and min at which all paragraphs fit the box (in points,
    inside the insets); at the minimum size, what does not fit is shortened with an ellipsis
    and its full text is returned in `cut`."""
    m = metrics()
    size = max_size
    while size >= min_size:
        if _height(m, paras, width, size) <= height:
            return Fitted(size, list(paras))
        size -= step
    size = min_size
    kept: list[Para] = []
    cut: list[str] = []
    used = 0.0
    for i, p in enumerate(paras):
        line_h = size * p.scale * LINE_SPACING
        gap = p.space_before * size if i else 0.0
        lines = _para_lines(m, p, width, size)
        need = gap + len(lines) * line_h
        if used + need <= height:
            kept.append(p)
            used += need
            continue
        room = int((height - used - gap) // line_h)
        if room >= 1:
            avail = width - (BULLET_INDENT if p.bullet else 0.0)
            text, _ = m.clip(p.text, avail, size * p.scale, room, p.bold)
            kept.append(_replace_text(p, text))
        cut.extend(q.text for q in paras[i:] if q.text)
        if room < 1 and kept:
            last = kept[-1]
            if not last.text.endswith(ELLIPSIS):
                kept[-1] = _replace_text(last, _end_with_ellipsis(m, last, width, size))
                cut.insert(0, last.text)
        break
    return Fitted(size, kept, cut)


def _end_with_ellipsis(m: Metrics, p: Para, width: float, size: float) -> str:
    avail = width - (BULLET_INDENT if p.bullet else 0.0)
    lines = m.wrap(p.text, avail, size * p.scale, p.bold)
    last = lines[-1]
    while last and m.width(last + ELLIPSIS, size * p.scale, p.bold) > avail:
        last = last[:-1].rstrip()
    return " ".join([*lines[:-1], last + ELLIPSIS])


def _replace_text(p: Para, text: str) -> Para:
    return Para(text, p.bold, p.bullet, p.scale, p.space_before, p.color, p.italic)
