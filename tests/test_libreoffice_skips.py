"""On a machine without LibreOffice the tests that need it skip, and the run says so in one line;
with CBA_XL_REQUIRE_LIBREOFFICE=1 (as CI sets it) those skips are errors instead."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NEEDS_LIBREOFFICE = (
    "tests/test_opening.py::test_xls_saved_by_libreoffice_is_legacy",  # marked `libreoffice`
    "tests/test_hostile_corpus.py::test_every_command_behaves_on_every_case[legacy_xls-check]",
)


def _pytest_without_libreoffice(require: str) -> subprocess.CompletedProcess[str]:
    # Only the interpreter's own folder on PATH: no soffice, no pdftotext.
    env = {
        "PATH": str(Path(sys.executable).parent),
        "HOME": os.environ.get("HOME", str(ROOT)),
        "CBA_XL_REQUIRE_LIBREOFFICE": require,
    }
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *NEEDS_LIBREOFFICE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.slow
def test_without_libreoffice_its_tests_skip_with_one_line_saying_so() -> None:
    run = _pytest_without_libreoffice("")
    assert run.returncode == 0, run.stdout + run.stderr
    lines = [line for line in run.stdout.splitlines() if "LibreOffice" in line]
    assert lines == [
        "2 tests skipped: LibreOffice and pdftotext (poppler) not installed; install "
        "libreoffice-calc libreoffice-impress poppler-utils, or set "
        "CBA_XL_REQUIRE_LIBREOFFICE=1 to make this an error"
    ], run.stdout


@pytest.mark.slow
def test_ci_turns_those_skips_into_errors() -> None:
    run = _pytest_without_libreoffice("1")
    assert run.returncode == 1, run.stdout + run.stderr
    assert run.stdout.count("CBA_XL_REQUIRE_LIBREOFFICE=1, but this test was skipped") == 2
