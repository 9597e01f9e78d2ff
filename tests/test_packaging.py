"""What `pip install` ships: every subpackage, the slide templates and the sample data."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_every_subpackage_is_listed_in_pyproject() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    on_disk = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "cba_xl").rglob("__init__.py")
    }
    assert listed == on_disk | {"cba_xl.templates"}


@pytest.mark.slow
def test_wheel_carries_templates_and_data(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(ROOT),
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("cba_xl-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        "cba_xl/py.typed",
        "cba_xl/templates/academy.pptx",
        "cba_xl/templates/slides/title.j2",
        "cba_xl/data/demo_cohort_1.json",
        "cba_xl/data/sample_phrases.json",
    }
    assert expected <= names
