"""The xlwings Lite edition in Pyodide, the Python xlwings Lite runs inside Excel: Pyodide from
npm (tests/pyodide/package.json) under Node, cba-xl installed from its own wheel and its
libraries from wheels on local disk (PyPI's Pyodide builds of python-calamine and xlwings, pure
wheels of the others; never a CDN). Check, Fill and the cohort consolidation run there on the
demo workbooks and give what the command line gives. The deck needs lxml, which is Pyodide's
own build and not on PyPI: tests/test_lite.py runs the Slides script under CPython.

Skipped, with one line in the summary, where Node or npm is missing or the packages cannot be
fetched; CBA_XL_REQUIRE_PYODIDE=1 (CI) makes such a skip an error.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from python_calamine import CalamineWorkbook

from cba_xl import api
from cba_xl.cohort import consolidate
from cba_xl.excel.web_extension import lite_code
from cba_xl.lite import functions, scripts
from cba_xl.lite.generate import LITE_WORKBOOK, WHEEL, main_py, write_lite
from cba_xl.sample import demo_cohort
from cba_xl.sample.mistakes import plant

pytestmark = [pytest.mark.pyodide, pytest.mark.slow]

HERE = Path(__file__).parent / "pyodide"
ROOT = Path(__file__).parent.parent
WHEELS = HERE / "wheels"  # downloaded once, kept out of git (tests/pyodide/.gitignore)
NODE_PYODIDE = HERE / "node_modules" / "pyodide"


@dataclass
class Run:
    data: Path
    result: dict[str, Any]
    output: str
    times: dict[str, Any]


def _first_line(text: str) -> str:
    return next((line for line in text.splitlines() if line.strip()), "").strip()[:200]


def _npm_install() -> None:
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("Node.js (node and npm) not installed")
    wanted = json.loads((HERE / "package.json").read_text())["dependencies"]["pyodide"]
    installed = NODE_PYODIDE / "package.json"
    if installed.exists() and json.loads(installed.read_text())["version"] == wanted:
        return
    done = subprocess.run(
        ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=HERE,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode != 0:
        pytest.skip(f"npm could not install pyodide: {_first_line(done.stderr)}")


def _wheels() -> Path:
    """The pinned wheels of tests/pyodide/wheels.txt for this Pyodide's platform tag."""
    info = json.loads((NODE_PYODIDE / "pyodide-lock.json").read_text())["info"]
    python = ".".join(info["python"].split(".")[:2])
    tag = f"pyemscripten_{info['abi_version']}_{info['arch']}"
    spec = (HERE / "wheels.txt").read_text()
    stamp = WHEELS / ".stamp"
    if stamp.exists() and stamp.read_text() == tag + "\n" + spec:
        return WHEELS
    WHEELS.mkdir(exist_ok=True)
    abi = "cp" + python.replace(".", "")
    done = subprocess.run(
        [
            *[sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary=:all:"],
            *["--platform", tag, "--platform", "any", "--python-version", python],
            *["--implementation", "cp", "--abi", abi, "--abi", "none"],
            *["-r", str(HERE / "wheels.txt"), "-d", str(WHEELS)],
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode != 0:
        errors = [line for line in done.stderr.splitlines() if line.startswith("ERROR")]
        pytest.skip(f"wheels for Pyodide not downloadable: {(errors or ['pip failed'])[0]}")
    stamp.write_text(tag + "\n" + spec)
    return WHEELS


def _own_wheel(folder: Path) -> Path:
    """cba-xl's wheel, built as a trainer builds it to put it where Lite can fetch it."""
    subprocess.run(
        [
            *[sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation"],
            *[str(ROOT), "-w", str(folder)],
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return next(folder.glob("cba_xl-*.whl"))


def with_mistakes() -> Any:
    hw = demo_cohort()[0]
    rng = random.Random(5)
    for kind in ("raci-two-a", "deadline-before-start", "missing-responsible"):
        assert plant(hw, kind, rng), kind
    return hw


# Custom function calls as Lite makes them (an empty cell arrives as the Python default, so
# it is left out here), JSON-safe: dates as Excel serial numbers, as Lite passes them.
CALLS: list[tuple[str, list[Any]]] = [
    ("CBA_QUADRANT", ["High", "Low"]),
    ("CBA_QUADRANTS", [[["High"], ["Low"], [None]], [["Low"], ["High"], [None]]]),
    ("CBA_SERVICE_DECISION", [5, 1]),
    ("CBA_SMART", ["Grow members", "Members", 60, None, None]),
    ("CBA_RACI", [[["R", "A", None]], "Report"]),
    ("CBA_RACI", [[[None, None, None]]]),
    ("CBA_RACIS", [[["Report"], [None]], [["A", "A"], [None, None]]]),
    ("CBA_CRITICAL_PATH", [[[1], [2], [3]], [[5], [3], [2]], [[None], [1], [2]]]),
    ("CBA_TOP_CHALLENGES", [[["Digitalization", "Funding", None], ["Funding", None, None]]]),
    ("CBA_TREND_RADAR", [5, 2]),
    ("CBA_TREND_RADARS", [[[5], [3], [None], [9]], [[4], [4], [1], [1]]]),
    ("CBA_NEED_PRIORITIES", [[[3], [5], [None], [3]]]),
    ("CBA_NEED_SERVED", ["Partners", "fairs", [["Fairs"]]]),
    ("CBA_NEEDS_SERVED", [[["Partners"], ["Funding"]], [[None], ["Grants"]], [["Fairs"]]]),
    ("CBA_COMPETENCE_GAP", [2, 5]),
    ("CBA_COMPETENCE_GAPS", [[[1], [5], [3]], [[3], [2], [None]]]),
    ("CBA_WORDS", ["Ocean tech\nfor  the region"]),
    ("CBA_MISSION_TOO_LONG", [" ".join(["word"] * 26)]),
]


@pytest.fixture(scope="module")
def pyodide_run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    _npm_install()
    wheels = tmp_path_factory.mktemp("wheels")
    for wheel in _wheels().glob("*.whl"):
        shutil.copy(wheel, wheels)
    _own_wheel(wheels)

    data = tmp_path_factory.mktemp("data")
    api.write_homework(data / "cluster.xlsx", with_mistakes())
    (data / "cohort").mkdir()
    for i, hw in enumerate(demo_cohort()[:6], start=1):
        api.write_homework(data / "cohort" / f"{i:02d}.xlsx", hw)
    # main.py as Lite finds it: inside the workbook `cba-xl lite` writes
    lite = write_lite(tmp_path_factory.mktemp("lite"), f"https://example.org/{WHEEL}")
    code = lite_code(next(p for p in lite if p.name == LITE_WORKBOOK))
    assert code is not None and code.main_py == main_py()
    (data / "main.py").write_text(code.main_py)
    (data / "calls.json").write_text(json.dumps(CALLS))

    command = ["node", str(HERE / "run.mjs"), "--wheels", str(wheels)]
    command += ["--mount", f"{data}:/data", "--mount", f"{Path(__file__).parent}:/tests"]
    done = subprocess.run(
        [*command, str(HERE / "lite_run.py")],
        cwd=HERE,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    lines = done.stdout.splitlines()
    result = json.loads(next(x for x in lines if x.startswith("LITE-RESULT ")).split(" ", 1)[1])
    times = json.loads(next(x for x in lines if x.startswith("PYODIDE-TIMES ")).split(" ", 1)[1])
    return Run(data, result, done.stdout, times)


def test_runs_in_pyodide_with_no_thread_or_process(pyodide_run: Run) -> None:
    assert pyodide_run.result["platform"] == "emscripten"


def test_main_py_offers_every_function_and_button_in_pyodide(pyodide_run: Run) -> None:
    names = set(pyodide_run.result["main_py_names"])
    assert names == {*functions.__all__, *scripts.SCRIPTS}


def test_functions_give_in_pyodide_what_they_give_under_cpython(pyodide_run: Run) -> None:
    here = [_plain(getattr(functions, name)(*args)) for name, args in CALLS]
    assert pyodide_run.result["functions"] == here
    assert here[0] == "Quick win" and here[5] == ""  # an empty RACI row stays empty


def _plain(value: object) -> object:
    """What json makes of a result: tuples as lists."""
    return json.loads(json.dumps(value, default=str))


def test_check_script_finds_what_the_command_line_finds(pyodide_run: Run) -> None:
    cli = [
        [f.severity.value, f.sheet, f.cell or None, f.message]
        for f in api.check(pyodide_run.data / "cluster.xlsx").findings
    ]
    assert cli and any(severity == "error" for severity, *_ in cli)  # the mistakes planted
    assert pyodide_run.result["cli_findings"] == cli
    assert pyodide_run.result["lite_findings"] == cli


def test_fill_script_fills_in_pyodide(pyodide_run: Run) -> None:
    assert "Filled 25 cell(s)." in pyodide_run.output.splitlines()


def test_cohort_workbook_is_the_command_lines(pyodide_run: Run, tmp_path: Path) -> None:
    assert pyodide_run.result["participants"] == 6
    here = tmp_path / "cohort.xlsx"
    consolidate([pyodide_run.data / "cohort"], here, jobs=2)
    there = pyodide_run.data / "cohort.xlsx"
    with zipfile.ZipFile(here) as a, zipfile.ZipFile(there) as b:
        assert sorted(a.namelist()) == sorted(b.namelist())
        for name in a.namelist():
            if not name.startswith(("docProps/", "xl/worksheets/sheet")):
                assert a.read(name) == b.read(name), name
    # Cell by cell, allowing what differs by where it ran: the files' folder (/data in
    # Pyodide), their times, which Node's file system gives to the millisecond, and the minute
    # each workbook was made ("Made by cba-xl on 2026-12-01 11:31", a minute apart at times).
    host = str(pyodide_run.data)

    def made(text: str) -> str:
        return re.sub(r"^(Made by cba-xl on )\d{4}-\d\d-\d\d \d\d:\d\d", r"\1(when)", text)

    with CalamineWorkbook.from_path(here) as a, CalamineWorkbook.from_path(there) as b:
        assert a.sheet_names == b.sheet_names
        for sheet in a.sheet_names:
            mine, theirs = (
                a.get_sheet_by_name(sheet).to_python(),
                b.get_sheet_by_name(sheet).to_python(),
            )
            assert len(mine) == len(theirs), sheet
            for row, other in zip(mine, theirs, strict=True):
                assert len(row) == len(other), sheet
                for x, y in zip(row, other, strict=True):
                    if isinstance(x, dt.datetime) and isinstance(y, dt.datetime):
                        assert abs((x - y).total_seconds()) < 0.01, (sheet, x, y)
                    else:
                        here_ = made(x.replace(host, "/data")) if isinstance(x, str) else x
                        there_ = made(y) if isinstance(y, str) else y
                        assert here_ == there_, sheet
