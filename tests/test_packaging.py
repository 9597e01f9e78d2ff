"""What `pip install` ships: every subpackage, the slide templates and the sample data."""

from __future__ import annotations

import ast
import importlib.metadata
import re
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

    def folders(top: Path, name: str) -> set[str]:
        """Every folder under `top` that holds a file (code or data), as a package name:
        setuptools warns about, and will one day drop, a data folder it was not told of."""
        found = {name}
        for folder in top.rglob("*"):
            skip = not folder.is_dir() or folder.name == "__pycache__" or "egg-info" in folder.name
            if not skip and any(f.is_file() for f in folder.iterdir()):
                found.add(".".join((name, *folder.relative_to(top).parts)))
        return found

    assert listed == folders(ROOT / "cba_xl", "cba_xl") | folders(
        ROOT / "templates", "cba_xl.templates"
    )


def _imported(folder: Path) -> set[str]:
    """Top-level names of every module imported anywhere under `folder`."""
    return set().union(*(_imported_file(source) for source in folder.rglob("*.py")))


def _imported_file(source: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def _declared(requirements: list[str]) -> set[str]:
    return {re.split(r"[<>=!~ \[;]", req, maxsplit=1)[0].lower() for req in requirements}


def _undeclared(modules: set[str], requirements: list[str]) -> set[str]:
    """Modules that are neither the standard library, our own code nor a declared distribution
    (a library that is only there because another one depends on it can vanish with its update)."""
    distributions = importlib.metadata.packages_distributions()
    own = {"cba_xl", *(p.stem for d in ("tests", "benchmarks") for p in (ROOT / d).glob("*.py"))}
    declared = _declared(requirements)
    return {
        name
        for name in modules - set(sys.stdlib_module_names) - own
        if not {d.lower() for d in distributions.get(name, [name])} & declared
    }


def test_every_library_the_package_imports_is_declared() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = [
        req
        for name, reqs in project["optional-dependencies"].items()
        if name != "dev"
        for req in reqs
    ]
    optional = _declared(extras) - _declared(project["dependencies"])  # not the add-in's pin
    assert _undeclared(_imported(ROOT / "cba_xl"), project["dependencies"]) == optional
    # An optional extra is imported only inside a function (or for typing), never at import.
    for name in optional:
        for source in (ROOT / "cba_xl").rglob("*.py"):
            assert name not in _imported_at_module_level(source), f"{source}: imports {name}"


def _imported_at_module_level(source: Path) -> set[str]:
    """Top-level names imported by the module's own statements (not in a function, and not
    under `if TYPE_CHECKING:`)."""
    names: set[str] = set()
    for node in ast.parse(source.read_text(encoding="utf-8")).body:
        for stmt in node.body if isinstance(node, ast.Try) else [node]:
            names |= _imported_file_nodes(stmt)
    return names


def _imported_file_nodes(node: ast.stmt) -> set[str]:
    if isinstance(node, ast.Import):
        return {alias.name.split(".")[0] for alias in node.names}
    if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
        return {node.module.split(".")[0]}
    return set()


# LibreOffice's own Python modules: tests/uno_typing.py runs under the system python3, whose
# python3-uno package (installed by .ci/run, not by pip) brings them.
LIBREOFFICE_PYTHON = {"uno", "com"}


def test_every_library_the_tests_import_is_declared_for_development() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = project["dependencies"] + project["optional-dependencies"]["dev"]
    modules = set().union(*(_imported(ROOT / d) for d in ("tests", "benchmarks", "scripts")))
    assert _undeclared(modules, requirements) == LIBREOFFICE_PYTHON
    uno_users = {p.name for p in (ROOT / "tests").glob("*.py") if "uno" in _imported_file(p)}
    assert uno_users == {"uno_typing.py"}


@pytest.mark.slow
def test_wheel_carries_templates_and_data(tmp_path: Path) -> None:
    build = subprocess.run(
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
        text=True,
    )
    assert "Warning" not in build.stdout + build.stderr  # `make demo` builds the same way
    wheel = next(tmp_path.glob("cba_xl-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        "cba_xl/py.typed",
        "cba_xl/templates/academy.pptx",
        "cba_xl/templates/slides/title.j2",
        "cba_xl/data/demo_cohort_1.json",
        "cba_xl/data/sample_phrases.json",
        "cba_xl/data/font_widths.json",
    }
    assert expected <= names
