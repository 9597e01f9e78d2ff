"""Text fitting with Arial's advance widths, shipped inside the package."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from types import ModuleType

import pytest

import cba_xl
from cba_xl.slides.fitting import ELLIPSIS, WIDTH_SAFETY, Para, fit, metrics

ROOT = Path(__file__).resolve().parents[1]
TABLE = ROOT / "cba_xl" / "data" / "font_widths.json"

# What participants of the academy's countries write, and the punctuation the decks add.
SAMPLES = (
    "Zażółć gęślą jaźń — Łódź, Wrocław, Gdańsk",
    "Příliš žluťoučký kůň úpěl ďábelské ódy",
    "Își făcea ştiinţă şi ţară: Brașov, Timișoara, Târgu Mureș",
    "Ξεσκεπάζω την ψυχοφθόρα βδελυγμία",
    "Ах, чудна българска земьо, полюшвай цъфтящи жита",
    "Größe «Straße» „Anführung“ ‘single’ 1–2 … 40 % € 250.000 № 7 • © ™",
    "The quick brown fox jumps over the lazy dog 0123456789 WWW iii",
)


def test_wide_letters_measure_wider_than_narrow_ones() -> None:
    m = metrics()
    assert m.width("W", 10) > 3 * m.width("i", 10)
    assert m.width("Ab", 10, bold=True) > m.width("Ab", 10)


def test_every_character_the_decks_can_contain_is_in_the_table() -> None:
    m = metrics()
    for text in (*SAMPLES, ELLIPSIS, "–"):
        for bold in (False, True):
            missing = [ch for ch in text if not m.covers(ch, bold)]
            assert missing == [], (text, bold)


def test_a_character_arial_lacks_counts_as_one_em() -> None:
    m = metrics()
    assert not m.covers("漢") and not m.covers("🙂")
    assert m.width("漢🙂", 10) == pytest.approx(2 * 10 / WIDTH_SAFETY)
    assert m.width("漢", 10) > m.width("W", 10)


def test_wrap_breaks_at_spaces_and_inside_overlong_words() -> None:
    m = metrics()
    lines = m.wrap("one two three four five six seven", 60, 10)
    assert len(lines) > 1 and all(m.width(line, 10) <= 60 for line in lines)
    assert all(m.width(line, 10) <= 40 for line in m.wrap("Przybyszewska-Wąsowicz", 40, 10))


def test_fit_shrinks_before_it_cuts() -> None:
    text = "A sentence of moderate length that needs two lines at the largest size."
    fitted = fit([Para(text)], 200, 30, max_size=14, min_size=8)
    assert 8 <= fitted.size < 14
    assert fitted.paras[0].text == text and fitted.cut == []


def test_fit_cuts_with_an_ellipsis_and_returns_the_full_text() -> None:
    long = "word " * 200
    fitted = fit([Para("Heading", bold=True), Para(long.strip())], 150, 60, max_size=12, min_size=9)
    assert fitted.size == 9
    assert fitted.paras[-1].text.endswith(ELLIPSIS)
    assert fitted.cut == [long.strip()]


# What fitting may touch: the package's own files. Everything else it opens or stats, and every
# process it starts, is recorded by the child below.
_CHILD = textwrap.dedent(
    """
    import json, os, sys
    from cba_xl.slides import fitting
    touched = []
    def hook(event, args):
        if event in ("open", "os.listdir", "os.scandir") and args and args[0] is not None:
            touched.append(os.fsdecode(args[0]) if not isinstance(args[0], int) else "fd")
        elif event in ("subprocess.Popen", "os.exec", "os.posix_spawn", "os.system"):
            touched.append("process " + repr(args[0]))
        elif event == "ctypes.dlopen":
            touched.append("library " + repr(args[0]))
    sys.addaudithook(hook)
    real_stat = os.stat
    def stat(path, *a, **k):
        touched.append(os.fsdecode(path) if not isinstance(path, int) else "fd")
        return real_stat(path, *a, **k)
    os.stat = stat
    from PIL import ImageFont  # python-pptx imports it anyway; no font may be loaded through it
    real_init = ImageFont.FreeTypeFont.__init__
    def init(self, font=None, *a, **k):
        touched.append("FreeType font " + repr(font))
        real_init(self, font, *a, **k)
    ImageFont.FreeTypeFont.__init__ = init
    m = fitting.metrics()
    lines = m.wrap(sys.argv[1], 120, 11)
    fitted = fitting.fit([fitting.Para(sys.argv[1], bold=True)], 120, 30, 14, 9)
    print(json.dumps({
        "touched": touched,
        "lines": lines,
        "size": fitted.size,
    }))
    """
)


def _measure_in_child(text: str) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, text], capture_output=True, text=True, check=True
    ).stdout
    result: dict[str, object] = json.loads(out)
    return result


def test_fitting_reads_no_system_font_and_starts_no_process() -> None:
    text = " ".join(SAMPLES)
    child = _measure_in_child(text)
    package = str(Path(cba_xl.__file__).resolve().parent)
    touched = child["touched"]
    assert isinstance(touched, list)
    assert [p for p in touched if not str(p).startswith(package)] == []
    assert any(str(p).endswith("font_widths.json") for p in touched)  # the hook did see opens
    # ... and the child measured what this process measures.
    assert child["lines"] == metrics().wrap(text, 120, 11)


def _liberation(bold: bool) -> Path | None:
    name = f"LiberationSans-{'Bold' if bold else 'Regular'}.ttf"
    for folder in ("/usr/share/fonts/truetype/liberation2", "/usr/share/fonts/truetype/liberation"):
        if (Path(folder) / name).is_file():
            return Path(folder) / name
    if shutil.which("fc-match") is None:
        return None
    style = "Bold" if bold else "Regular"
    out = subprocess.run(
        ["fc-match", "-f", "%{family}\n%{file}", f"Liberation Sans:style={style}"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.splitlines()
    ok = len(out) == 2 and "Liberation Sans" in out[0] and Path(out[1]).is_file()
    return Path(out[1]) if ok else None


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_font_widths", ROOT / "scripts" / "make_font_widths.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("bold", [False, True], ids=["regular", "bold"])
def test_shipped_widths_agree_with_liberation_sans(bold: bool) -> None:
    """Where the real font is installed (here and in CI), FreeType measures the sample strings
    as the shipped table does, and the generator reproduces the table from the font file."""
    font = _liberation(bold)
    if font is None:
        pytest.skip("Liberation Sans is not installed (fonts-liberation2)")
    from PIL import ImageFont

    per_em = 2048
    freetype = ImageFont.truetype(str(font), per_em, layout_engine=ImageFont.Layout.BASIC)
    m = metrics()
    for text in SAMPLES:
        for word in text.split():
            # Character by character: FreeType's BASIC layout kerns pairs, the table does not.
            expected = sum(freetype.getlength(ch) for ch in word) / per_em
            assert m.width(word, 1, bold) * WIDTH_SAFETY == pytest.approx(expected, abs=1e-9)
        # Whole strings with FreeType's kerning: within half a percent, and never narrower.
        kerned = freetype.getlength(text) / per_em
        assert m.width(text, 1, bold) * WIDTH_SAFETY == pytest.approx(kerned, rel=0.005)
        assert m.width(text, 1, bold) * WIDTH_SAFETY >= kerned - 1e-9

    _, _, widths = _generator().advance_widths(font)
    shipped = json.loads(TABLE.read_text(encoding="utf-8"))
    runs = shipped["bold" if bold else "regular"]
    table = {first + i: units for first, run in runs for i, units in enumerate(run)}
    assert table == widths
