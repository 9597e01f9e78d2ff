"""The template's native formulas compute what cba-xl's rules compute.

A filled workbook loses every cached formula result, LibreOffice opens and recalculates it, and
the results read back with python-calamine must equal `cba_xl.core.rules.derived` for the same
inputs. This is what keeps the workbook right for participants who have no Python.
"""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
import soffice
from lxml import etree
from python_calamine import CalamineWorkbook
from template_homework import sample_homework

from cba_xl.addin import udfs
from cba_xl.core.models import Homework
from cba_xl.core.rules import derived, needs, vision
from cba_xl.excel.builder import build_workbook
from cba_xl.spec.cells import split
from cba_xl.spec.layout import LAYOUT, TableSpec, words_ref

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not found"),
]

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
# A fresh profile that recalculates every formula on load, whatever the file claims.
RECALC_ALWAYS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
           xmlns:xs="http://www.w3.org/2001/XMLSchema"
           xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def _without_cached_results(src: Path, dst: Path) -> None:
    """Copy an xlsx, dropping every formula's cached value, so what is read afterwards can
    only come from LibreOffice's own calculation."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename.startswith("xl/worksheets/sheet"):
                root = etree.fromstring(data)
                for cell in root.iter(f"{{{MAIN}}}c"):
                    if cell.find(f"{{{MAIN}}}f") is not None:
                        for value in cell.findall(f"{{{MAIN}}}v"):
                            cell.remove(value)
                        cell.attrib.pop("t", None)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
            zout.writestr(item, data)


def _recalculated(src: Path, tmp: Path) -> Path:
    profile = tmp / "lo-profile"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(RECALC_ALWAYS, encoding="utf-8")
    out = tmp / "out"
    soffice.convert(src, "xlsx", out, profile, timeout=180)
    result = out / src.name
    assert result.is_file(), "LibreOffice wrote no file"
    return result


@pytest.fixture(scope="module")
def homework() -> Homework:
    return sample_homework()


@pytest.fixture(scope="module")
def sheets(homework: Homework, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("lo")
    built = build_workbook(tmp / "built.xlsx", homework)
    stripped = tmp / "stripped.xlsx"
    _without_cached_results(built, stripped)
    book = CalamineWorkbook.from_path(str(_recalculated(stripped, tmp)))
    return {
        name: book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        for name in book.sheet_names
    }


def _cell(sheets: dict[str, Any], sheet: str, row: int, col: int) -> object:
    rows = sheets[sheet]
    if row - 1 >= len(rows) or col >= len(rows[row - 1]):
        return ""
    return rows[row - 1][col]


def _column(sheets: dict[str, Any], spec: TableSpec, key: str, n: int) -> list[object]:
    return [_cell(sheets, spec.sheet, spec.first_row + i, spec.col(key)) for i in range(n)]


def _input(sheets: dict[str, Any], spec: TableSpec, key: str, n: int) -> list[list[object]]:
    """A column of the recalculated sheet as a range argument of a CBA_ function."""
    return [[v] for v in _column(sheets, spec, key, n)]


def _as_date(value: object) -> object:
    if isinstance(value, dt.datetime):
        return value.date()
    return None if value == "" else value


def test_quadrants_match_the_rule(sheets: dict[str, Any], homework: Homework) -> None:
    spec = LAYOUT.tables["actions"]
    got = _column(sheets, spec, "quadrant", len(homework.actions) + 1)
    want = [derived.quadrant(a.impact, a.effort) for a in homework.actions] + [""]
    assert got == want
    assert {"Quick win", "Major project", "Fill-in", "Thankless task"} <= set(want)


def test_service_suggestions_and_gaps_match_the_rules(
    sheets: dict[str, Any], homework: Homework
) -> None:
    spec = LAYOUT.tables["services"]
    n = len(homework.services)
    suggestions = _column(sheets, spec, "suggestion", n)
    want = [
        derived.service_suggestion(s.effort, s.value, s.rating, s.financing)
        for s in homework.services
    ]
    assert suggestions == want
    # Every branch, the members' rating and the financing among them, is exercised.
    assert set(suggestions) == set(derived.SUGGESTIONS)
    gaps = [None if g == "" else g for g in _column(sheets, spec, "gap", n)]
    assert gaps == [derived.member_gap(s.value, s.rating) for s in homework.services]


def test_raci_checks_match_the_rule(sheets: dict[str, Any], homework: Homework) -> None:
    r = LAYOUT.raci
    got = [
        _cell(sheets, r.sheet, r.first_row + i, r.check_col) for i in range(len(homework.raci) + 1)
    ]
    want = [derived.raci_row_status(row.roles) for row in homework.raci]
    assert got == [*want, ""]
    assert {derived.RACI_OK, derived.RACI_ONE_A, derived.RACI_NEEDS_R} <= set(want)


def test_share_total_is_the_sum_of_the_shares(sheets: dict[str, Any], homework: Homework) -> None:
    total = LAYOUT.share_total
    p = homework.profile
    shares = [p.share_public, p.share_fees, p.share_services, p.share_projects]
    assert _cell(sheets, total.sheet, total.row, total.col) == pytest.approx(
        sum(s or 0 for s in shares)
    )


def test_the_chain_s_lookups_show_each_step_s_words(
    sheets: dict[str, Any], homework: Homework
) -> None:
    """Template 2.0: the priority matrix and the RACI show the words of the step whose number
    the row names, and the top-3 changes' dropdown lists the changes ranked 1, 2 and 3, all by
    native formulas (a step number naming no step shows nothing)."""
    words = {s.step: s.action for s in homework.plan}
    spec = LAYOUT.tables["actions"]
    got = _column(sheets, spec, "action", len(homework.actions) + 1)
    assert got == [words.get(a.step or 0, "") for a in homework.actions] + [""]
    r = LAYOUT.raci
    assert r.action_col is not None
    shown = [
        _cell(sheets, r.sheet, r.first_row + i, r.action_col) for i in range(len(homework.raci))
    ]
    assert shown == [words.get(row.step or 0, "") for row in homework.raci]
    assert len(set(shown)) >= 3
    ranked = {c.priority: c.change for c in reversed(homework.changes) if c.priority}
    lists = sheets["Lists"]
    col = next(i for i, v in enumerate(lists[0]) if v == "cba_top_changes")
    assert [lists[k][col] for k in (1, 2, 3)] == [ranked.get(k, "") for k in (1, 2, 3)]
    assert any(ranked.values())


def test_need_priorities_and_gaps_match_the_rules(
    sheets: dict[str, Any], homework: Homework
) -> None:
    spec = LAYOUT.tables["needs"]
    n = len(homework.needs)
    ranks = needs.priorities(homework.needs)
    got = [None if v == "" else v for v in _column(sheets, spec, "priority", n + 1)]
    assert got == [ranks.get(x.row) for x in homework.needs] + [None]
    # ties in the order listed, a need without relevance has no priority
    assert sorted(v for v in got if v is not None) == list(range(1, n))
    served = _column(sheets, spec, "served", n + 1)
    assert served == [needs.served_text(x, homework.services) for x in homework.needs] + [""]
    assert {"Gap", "Served", "Not a listed service"} <= set(served)
    # The functions on the same cells give what the native formulas gave.
    assert udfs.CBA_NEED_PRIORITIES(_input(sheets, spec, "relevance", n + 1)) == [
        [v] for v in _column(sheets, spec, "priority", n + 1)
    ]
    services = LAYOUT.tables["services"]
    listed = _input(sheets, services, "service", services.last_row - services.first_row + 1)
    args = [_input(sheets, spec, key, n + 1) for key in ("need", "service")]
    assert udfs.CBA_NEEDS_SERVED(*args, listed) == [[v] for v in served]
    assert [udfs.CBA_NEED_SERVED(a[0], b[0], listed) for a, b in zip(*args, strict=True)] == served


def test_statement_word_counts_match_the_rule(sheets: dict[str, Any], homework: Homework) -> None:
    for key in ("vision", "mission"):
        cell = LAYOUT.cell(key)
        row, col = split(words_ref(cell))
        expected = vision.words(getattr(homework.vision, key))
        assert _cell(sheets, cell.sheet, row, col) == expected, key
        assert udfs.CBA_WORDS(_cell(sheets, cell.sheet, cell.row, cell.col)) == expected, key


@pytest.fixture(scope="module")
def strategy(tmp_path_factory: pytest.TempPathFactory) -> tuple[Homework, dict[str, Any]]:
    """Issue 14's two sheets: a trend for every pair of ratings, every field with a level."""
    from cba_xl.core import vocab
    from cba_xl.core.models import Competency, Trend

    hw = sample_homework()
    first = LAYOUT.tables["trends"].first_row
    pairs = [(i, c) for i in range(1, 6) for c in range(1, 6)]
    hw.trends = [
        Trend(row=first + k, trend=f"Trend {k}", factor=vocab.PESTEL[k % 6], influence=i,
              competence=c)
        for k, (i, c) in enumerate(pairs)
    ]  # fmt: skip
    hw.trends.append(Trend(row=first + len(pairs), trend="Not rated", factor="Legal"))
    levels = [(1, 3), (4, 4), (5, 2), (2, None), (3, 5), (1, 1)]
    hw.competencies = [
        Competency(field=name, current=cur, target=target)
        for name, (cur, target) in zip(vocab.COMPETENCE_NAMES, levels, strict=True)
    ]
    tmp = tmp_path_factory.mktemp("lo-strategy")
    built = build_workbook(tmp / "built.xlsx", hw)
    stripped = tmp / "stripped.xlsx"
    _without_cached_results(built, stripped)
    book = CalamineWorkbook.from_path(str(_recalculated(stripped, tmp)))
    return hw, {
        n: book.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in book.sheet_names
    }


def test_the_trend_radar_and_competency_gaps_match_the_rules(
    strategy: tuple[Homework, dict[str, Any]],
) -> None:
    from cba_xl.core import vocab
    from cba_xl.core.rules.trends import radar_quadrant

    hw, sheets = strategy
    spec = LAYOUT.tables["trends"]
    n = len(hw.trends) + 1  # and an empty row
    got = _column(sheets, spec, "radar", n)
    assert got == [radar_quadrant(t.influence, t.competence) for t in hw.trends] + [""]
    assert set(got) == {*vocab.TREND_QUADRANTS, ""}
    strengths = [_input(sheets, spec, key, n) for key in ("influence", "competence")]
    assert udfs.CBA_TREND_RADARS(*strengths) == [[v] for v in got]
    assert [udfs.CBA_TREND_RADAR(i[0], c[0]) for i, c in zip(*strengths, strict=True)] == got
    spec = LAYOUT.tables["competencies"]
    column = _column(sheets, spec, "gap", 6)
    gaps = [None if g == "" else g for g in column]
    assert gaps == [c.gap for c in hw.competencies] == [2, 0, -3, None, 2, 0]
    levels = [_input(sheets, spec, key, 6) for key in ("current", "target")]
    assert udfs.CBA_COMPETENCE_GAPS(*levels) == [[g] for g in column]
    assert [udfs.CBA_COMPETENCE_GAP(c[0], t[0]) for c, t in zip(*levels, strict=True)] == column
