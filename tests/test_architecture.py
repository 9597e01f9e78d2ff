"""The shape of the code that reviewers and users rely on: a small public API and a domain core
free of Office libraries."""

from __future__ import annotations

import subprocess
import sys

import cba_xl

OFFICE_LIBRARIES = ("openpyxl", "xlsxwriter", "python_calamine", "pptx", "xlwings", "pandas")


def test_public_api_is_what_all_lists() -> None:
    public = {name for name in dir(cba_xl) if not name.startswith("_")} - {"annotations"}
    # Subpackages appear as attributes once imported; they are namespaces, not the API.
    modules = {name for name in public if type(getattr(cba_xl, name)).__name__ == "module"}
    assert public - modules == set(cba_xl.__all__) - {"__version__"}
    for name in cba_xl.__all__:
        assert hasattr(cba_xl, name), name


def test_no_subpackage_shadows_a_public_name() -> None:
    # Importing cba_xl.X binds the module to cba_xl.X, replacing a function of the same name.
    import pkgutil
    from importlib import import_module
    from types import ModuleType

    for info in pkgutil.walk_packages(cba_xl.__path__, "cba_xl."):
        if info.ispkg:
            import_module(info.name)
    for name in cba_xl.__all__:
        assert not isinstance(getattr(cba_xl, name), ModuleType), name


def test_domain_core_and_public_api_import_no_office_library() -> None:
    code = (
        "import sys, cba_xl, cba_xl.core.check, cba_xl.core.rules.plan, cba_xl.spec;"
        f"print(sorted(m for m in {OFFICE_LIBRARIES!r} if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
