"""What a participant types in LibreOffice is what cba-xl reads.

LibreOffice is driven through UNO as a person types (tests/uno_typing.py, run with the system
python3 that has the `uno` module), in German, French and US English locales, into the template;
the workbook is saved as .xlsx and read back with cba-xl. In de-DE and fr-FR "2,3" typed into a
General cell becomes the number 2.3, "2/3" becomes a date in fr-FR and en-US, and "40 %" becomes
0.4 in a percent format: the template and the reader must still give what was meant.
"""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook
from template_homework import sample_homework

from cba_xl.core.check import check_raw
from cba_xl.core.models import Homework
from cba_xl.core.rules.schedule import schedule
from cba_xl.excel.builder import build_workbook
from cba_xl.excel.filler import fill_workbook
from cba_xl.excel.reader import read_homework, read_raw
from cba_xl.spec.layout import LAYOUT, LAYOUTS, META, Layout

SYSTEM_PYTHON = Path("/usr/bin/python3")
DRIVER = Path(__file__).with_name("uno_typing.py")
V1_0 = Path(__file__).parent / "fixtures" / "v1_0" / "template-1.0.xlsx"


def _has_uno() -> bool:
    if not SYSTEM_PYTHON.exists():
        return False
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True, timeout=60)
    return probe.returncode == 0


pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not found"),
    pytest.mark.skipif(not _has_uno(), reason="no python3-uno for /usr/bin/python3"),
]

LOCALES = ["de-DE", "fr-FR", "en-US"]


def typed_in_libreoffice(
    src: Path, dst: Path, entries: list[tuple[str, str, str]], locale: str
) -> list[dict[str, object]]:
    """Types `entries` (sheet, cell, text) into `src` in LibreOffice and saves `dst` as .xlsx;
    what each cell then held, as LibreOffice reports it."""
    entries_file = dst.with_suffix(".json")
    entries_file.write_text(json.dumps(entries), encoding="utf-8")
    done = subprocess.run(
        [SYSTEM_PYTHON, DRIVER, "--locale", locale, src, dst, entries_file],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert dst.is_file(), "LibreOffice wrote no file"
    cells: list[dict[str, object]] = json.loads(done.stdout)["cells"]
    return cells


def _plan_cell(layout: Layout, step: int, key: str) -> tuple[str, str]:
    plan = layout.tables["plan"]
    loc = plan.loc(key, plan.first_row + step - 1)
    return loc.sheet, loc.cell


def _share_cells(layout: Layout) -> list[tuple[str, str]]:
    keys = ("share_public", "share_fees", "share_services", "share_projects")
    return [(layout.profile_cell(k).sheet, layout.profile_cell(k).ref) for k in keys]


def _shown_total(path: Path) -> object:
    """The template's own share total as LibreOffice computed it on saving."""
    total = LAYOUT.share_total
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(total.sheet)
    return rows.to_python(skip_empty_area=False)[total.row - 1][total.col]


# The steps a participant types, and what they mean: "2,3" is a decimal number in de-DE and
# fr-FR, "2/3" a date in fr-FR and en-US, "1,10" a number whose 0 the spreadsheet would drop.
TYPED_AFTER = {3: "1,2", 4: "2/3", 5: "1,4"}
MEANT_AFTER = {3: (1, 2), 4: (2, 3), 5: (1, 4)}
TYPED_SHARES = ["40 %", "25", "15%", "20"]


@pytest.fixture(scope="module")
def intended() -> Homework:
    hw = sample_homework()
    for step in hw.plan:
        step.after = MEANT_AFTER.get(step.step, step.after)
    return hw


@pytest.fixture(scope="module")
def filled_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_workbook(tmp_path_factory.mktemp("built") / "filled.xlsx", sample_homework())


@pytest.fixture(scope="module", params=LOCALES)
def typed(
    request: pytest.FixtureRequest, filled_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path, list[dict[str, object]]]:
    locale: str = request.param
    entries = [(*_plan_cell(LAYOUT, step, "after"), text) for step, text in TYPED_AFTER.items()]
    entries += [
        (*cell, text) for cell, text in zip(_share_cells(LAYOUT), TYPED_SHARES, strict=True)
    ]
    dst = tmp_path_factory.mktemp(f"typed-{locale}") / "typed.xlsx"
    return locale, dst, typed_in_libreoffice(filled_template, dst, entries, locale)


def test_typed_steps_stay_text_in_the_template(
    typed: tuple[str, Path, list[dict[str, object]]],
) -> None:
    _, _, cells = typed
    after = [c for c in cells if c["typed"] in TYPED_AFTER.values()]
    assert [(c["type"], c["shows"]) for c in after] == [
        ("text", text) for text in TYPED_AFTER.values()
    ]


def test_typed_dependencies_are_read_as_meant(
    typed: tuple[str, Path, list[dict[str, object]]], intended: Homework
) -> None:
    _, path, _ = typed
    hw, findings = check_raw(read_raw(path))
    assert {s.step: s.after for s in hw.plan if s.step in MEANT_AFTER} == MEANT_AFTER
    assert not [f for f in findings if f.code == "type.steps"]
    got, want = schedule(hw.plan, hw.plan_start), schedule(intended.plan, intended.plan_start)
    assert (got.critical, got.path, got.duration_days) == (
        want.critical,
        want.path,
        want.duration_days,
    )


def test_typed_shares_are_percent_in_the_reader_and_the_template_total(
    typed: tuple[str, Path, list[dict[str, object]]],
) -> None:
    _, path, cells = typed
    percent = [c for c in cells if c["typed"] in ("40 %", "15%")]
    assert [c["value"] for c in percent] == [0.4, 0.15]  # what LibreOffice makes of "40 %"
    hw, _ = read_homework(path)
    p = hw.profile
    assert [p.share_public, p.share_fees, p.share_services, p.share_projects] == [40, 25, 15, 20]
    assert _shown_total(path) == pytest.approx(100)
    _, checked = check_raw(read_raw(path))
    assert not [f for f in checked if f.sheet == "Profile" and "share" in f.message.lower()]


@pytest.mark.parametrize(
    ("locale", "typed", "total"),
    [
        ("de-DE", ["0,4", "0,3", "0,2", "0,1"], 100),  # four fractions are percentages
        ("en-US", ["0.4", "0.3", "0.2", "0.1"], 100),
        ("de-DE", ["0,5", "0,3", "30 %", "0,1"], 30.9),  # no reading makes these 100
    ],
)
def test_shares_typed_as_fractions_give_the_total_the_check_reads(
    locale: str, typed: list[str], total: float, filled_template: Path, tmp_path: Path
) -> None:
    entries = [(*cell, text) for cell, text in zip(_share_cells(LAYOUT), typed, strict=True)]
    dst = tmp_path / "fractions.xlsx"
    typed_in_libreoffice(filled_template, dst, entries, locale)
    hw, _ = read_homework(dst)
    p = hw.profile
    shares = [p.share_public, p.share_fees, p.share_services, p.share_projects]
    assert sum(s or 0 for s in shares) == pytest.approx(total)
    assert _shown_total(dst) == pytest.approx(total)
    _, checked = check_raw(read_raw(dst))
    share_findings = [f for f in checked if "share" in f.message.lower()]
    assert bool(share_findings) == (total != 100)


@pytest.mark.parametrize("locale", ["de-DE", "fr-FR"])
def test_a_1_0_workbook_holding_the_number_reads_the_steps_typed(
    locale: str, tmp_path: Path
) -> None:
    layout = LAYOUTS["1.0"]
    entries = [
        (*_plan_cell(layout, 1, "action"), "Launch"),
        (*_plan_cell(layout, 1, "after"), "2,3"),
    ]
    entries += [
        (*cell, text) for cell, text in zip(_share_cells(layout), TYPED_SHARES, strict=True)
    ]
    dst = tmp_path / "old.xlsx"
    cells = typed_in_libreoffice(V1_0, dst, entries, locale)
    assert cells[1]["type"] == "value" and cells[1]["value"] == 2.3  # the 1.0 column is General
    hw, findings = read_homework(dst)
    assert hw.plan[0].after == (2, 3)
    assert not [f for f in findings if f.code == "type.steps"]
    p = hw.profile
    assert [p.share_public, p.share_fees, p.share_services, p.share_projects] == [40, 25, 15, 20]


def test_a_number_that_lost_its_0_is_reported_as_the_cell_shows_it(tmp_path: Path) -> None:
    layout = LAYOUTS["1.0"]
    entries = [
        (*_plan_cell(layout, 1, "action"), "Launch"),
        (*_plan_cell(layout, 1, "after"), "1,10"),
    ]
    dst = tmp_path / "old.xlsx"
    cells = typed_in_libreoffice(V1_0, dst, entries, "de-DE")
    assert cells[1]["shows"] == "1,1"
    _, findings = read_homework(dst)
    steps = [f for f in findings if f.code == "type.steps"]
    assert len(steps) == 1
    assert "'1,1'" in steps[0].message and "'1; 10'" in steps[0].message
    assert "'1.1'" not in steps[0].message


def _sheet_states(path: Path) -> dict[str, str]:
    book = openpyxl.load_workbook(path, read_only=False)
    try:
        return {ws.title: ws.sheet_state for ws in book.worksheets}
    finally:
        book.close()


def test_a_libreoffice_resave_keeps_the_workbook_readable_and_fillable(
    filled_template: Path, tmp_path: Path
) -> None:
    resaved = tmp_path / "resaved.xlsx"
    typed_in_libreoffice(filled_template, resaved, [], "de-DE")
    # LibreOffice keeps the marker sheet, but hidden, not very hidden: nothing may depend on it.
    assert _sheet_states(filled_template)[META] == "veryHidden"
    assert _sheet_states(resaved)[META] == "hidden"

    before, before_findings = read_homework(filled_template)
    after, after_findings = read_homework(resaved)
    assert after.template_version == before.template_version
    assert after == before
    assert after_findings == before_findings

    book = openpyxl.load_workbook(resaved)
    try:
        assert all(book[name].protection.sheet for name in LAYOUT.input_sheets)
    finally:
        book.close()

    filled = tmp_path / "filled.xlsx"
    result = fill_workbook(resaved, filled)
    assert result.out == filled
    again, _ = read_homework(filled)
    assert again.plan == after.plan
    with zipfile.ZipFile(filled) as zf:
        assert META.encode() in zf.read("xl/workbook.xml")


def test_typing_a_dependency_changes_only_that_cell(filled_template: Path, tmp_path: Path) -> None:
    """The driver itself: what it types lands in the cell asked for, nowhere else."""
    dst = tmp_path / "one.xlsx"
    typed_in_libreoffice(filled_template, dst, [(*_plan_cell(LAYOUT, 2, "after"), "1; 3")], "en-US")
    hw, _ = read_homework(dst)
    want = copy.deepcopy(sample_homework().plan)
    got = {s.step: s.after for s in hw.plan}
    assert got == {s.step: ((1, 3) if s.step == 2 else s.after) for s in want}
