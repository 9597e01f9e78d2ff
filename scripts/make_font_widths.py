"""Generate cba_xl/data/font_widths.json: the advance widths the slide builder measures with.

The template's font is Arial. Liberation Sans (SIL Open Font License 1.1) has the same advance
width for every character, so its widths, shipped inside the package, make text fitting give the
same line breaks on every machine, with or without fonts installed. Only the widths are shipped
(numbers from the font's `hmtx` table, keyed by the characters its `cmap` maps), not the outlines.

Run once after a change of font version, then `make golden`:

    python scripts/make_font_widths.py /usr/share/fonts/truetype/liberation2

It reads the TrueType tables itself (no FreeType, no fontTools), so it needs nothing but Python.
Kerning is left out on purpose: PowerPoint kerns only at 12 pt and above (kern="1200" in the
template) and Arial's kerning pairs narrow text, so measuring without them errs on the wide side.
"""

from __future__ import annotations

import json
import struct
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "cba_xl" / "data" / "font_widths.json"
FILES = {"regular": "LiberationSans-Regular.ttf", "bold": "LiberationSans-Bold.ttf"}


def _tables(data: bytes) -> dict[bytes, bytes]:
    (count,) = struct.unpack_from(">H", data, 4)
    tables = {}
    for i in range(count):
        tag, _, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        tables[tag] = data[offset : offset + length]
    return tables


def _cmap(table: bytes) -> dict[int, int]:
    """Character -> glyph index from the best Unicode subtable (format 12, else format 4)."""
    (count,) = struct.unpack_from(">H", table, 2)
    subtables = {}
    for i in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", table, 4 + 8 * i)
        (fmt,) = struct.unpack_from(">H", table, offset)
        if (platform, encoding) in {(3, 1), (3, 10), (0, 3), (0, 4)}:
            subtables[fmt] = offset
    mapping: dict[int, int] = {}
    if 12 in subtables:
        base = subtables[12]
        (groups,) = struct.unpack_from(">I", table, base + 12)
        for g in range(groups):
            start, end, glyph = struct.unpack_from(">III", table, base + 16 + 12 * g)
            for code in range(start, end + 1):
                mapping[code] = glyph + code - start
        return mapping
    base = subtables[4]
    (seg2,) = struct.unpack_from(">H", table, base + 6)
    ends = base + 14
    starts = ends + seg2 + 2
    deltas = starts + seg2
    ranges = deltas + seg2
    for s in range(seg2 // 2):
        (end,) = struct.unpack_from(">H", table, ends + 2 * s)
        (start,) = struct.unpack_from(">H", table, starts + 2 * s)
        (delta,) = struct.unpack_from(">h", table, deltas + 2 * s)
        range_at = ranges + 2 * s
        (range_offset,) = struct.unpack_from(">H", table, range_at)
        for code in range(start, end + 1):
            if code == 0xFFFF:
                continue
            if range_offset == 0:
                glyph = (code + delta) & 0xFFFF
            else:
                (glyph,) = struct.unpack_from(
                    ">H", table, range_at + range_offset + 2 * (code - start)
                )
                glyph = (glyph + delta) & 0xFFFF if glyph else 0
            mapping[code] = glyph
    return mapping


def advance_widths(path: Path) -> tuple[int, str, dict[int, int]]:
    """(units per em, font revision, character -> advance width in font units) of a TrueType
    font file."""
    tables = _tables(path.read_bytes())
    (revision,) = struct.unpack_from(">I", tables[b"head"], 4)
    (units_per_em,) = struct.unpack_from(">H", tables[b"head"], 18)
    (metrics_count,) = struct.unpack_from(">H", tables[b"hhea"], 34)
    hmtx = tables[b"hmtx"]
    advances = [struct.unpack_from(">H", hmtx, 4 * i)[0] for i in range(metrics_count)]
    widths = {}
    for code, glyph in _cmap(tables[b"cmap"]).items():
        if glyph:  # glyph 0 is .notdef: the font does not have the character
            widths[code] = advances[min(glyph, metrics_count - 1)]
    return units_per_em, f"{revision / 65536:.5g}", widths


def _runs(widths: dict[int, int]) -> list[list[object]]:
    """[[first character, [widths of it and the characters following it]], ...]."""
    runs: list[list[object]] = []
    last = -2
    for code in sorted(widths):
        if code != last + 1:
            runs.append([code, []])
        run = runs[-1][1]
        assert isinstance(run, list)
        run.append(widths[code])
        last = code
    return runs


def table(folder: Path) -> dict[str, object]:
    out: dict[str, object] = {
        "font": "Liberation Sans 2 (metric-compatible with Arial), SIL Open Font License 1.1",
        "made_by": "scripts/make_font_widths.py",
    }
    for style, name in FILES.items():
        units_per_em, revision, widths = advance_widths(folder / name)
        out["units_per_em"] = units_per_em
        out[f"{style}_revision"] = revision
        out[style] = _runs(widths)
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    text = json.dumps(table(Path(argv[0])), separators=(",", ":"))
    OUT.write_text(text.replace("],[", "],\n[") + "\n", encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
