"""Text fitting by measuring with real font metrics.

The template's font is Arial; Liberation Sans has the same advance widths, so text measured here
with Liberation Sans breaks into the same lines in PowerPoint. Widths are cached per word at a
reference size and scaled, because a deck measures the same words thousands of times.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from PIL import ImageFont

from cba_xl.errors import CbaError

ELLIPSIS = "…"
LINE_SPACING = 1.2  # Arial's single spacing is ~1.15 em; the margin absorbs renderer rounding
WIDTH_SAFETY = 0.96  # measured width is scaled up by 1/0.96 before comparing with the box
_REF_SIZE = 1000

_FONT_DIRS = (
    Path("/usr/share/fonts/truetype/liberation2"),
    Path("/usr/share/fonts/truetype/liberation"),
    Path("/usr/share/fonts/liberation-sans"),
    Path("/Library/Fonts"),
    Path("C:/Windows/Fonts"),
)
_FILES = {
    False: ("LiberationSans-Regular.ttf", "arial.ttf", "Arial.ttf", "DejaVuSans.ttf"),
    True: ("LiberationSans-Bold.ttf", "arialbd.ttf", "Arial Bold.ttf", "DejaVuSans-Bold.ttf"),
}
_FALLBACK_DIRS = (Path("/usr/share/fonts/truetype/dejavu"),)


def _fc_match(bold: bool) -> Path | None:
    if shutil.which("fc-match") is None:
        return None
    for family in ("Liberation Sans", "Arial", "DejaVu Sans"):
        pattern = f"{family}:style={'Bold' if bold else 'Regular'}"
        try:
            out = subprocess.run(
                ["fc-match", "-f", "%{family}\n%{file}", pattern],
                capture_output=True,
                text=True,
                timeout=5,
                check=False,
            ).stdout.splitlines()
        except (OSError, subprocess.SubprocessError):
            return None
        # fc-match always answers; accept only the family asked for, not its nearest guess.
        if len(out) == 2 and family.casefold() in out[0].casefold() and Path(out[1]).is_file():
            return Path(out[1])
    return None


@cache
def font_file(bold: bool = False) -> Path:
    """A metric-compatible font for Arial: Liberation Sans, found in the usual places, then
    through fontconfig; DejaVu Sans (wider, so fitting stays safe) as the last resort."""
    for folder in _FONT_DIRS:
        for name in _FILES[bold][:3]:
            if (folder / name).is_file():
                return folder / name
    found = _fc_match(bold)
    if found is not None:
        return found
    for folder in _FALLBACK_DIRS:
        if (folder / _FILES[bold][3]).is_file():
            return folder / _FILES[bold][3]
    raise CbaError(
        "no font to measure slide text with: install Liberation Sans (fonts-liberation2) "
        "or DejaVu Sans"
    )


class Metrics:
    """Advance widths of the template font, in points, cached per word."""

    def __init__(self) -> None:
        self._fonts = {
            b: ImageFont.truetype(
                str(font_file(b)), _REF_SIZE, layout_engine=ImageFont.Layout.BASIC
            )
            for b in (False, True)
        }
        self._cache: dict[tuple[str, bool], float] = {}

    def _unit(self, word: str, bold: bool) -> float:
        key = (word, bold)
        width = self._cache.get(key)
        if width is None:
            width = self._fonts[bold].getlength(word) / _REF_SIZE
            self._cache[key] = width
        return width

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
