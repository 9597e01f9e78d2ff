"""The shape of the code that reviewers and users rely on: a small public API, a domain core
free of Office libraries, and layers that import downwards only, without cycles."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

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


# The layers, lowest first. A module may import from its own layer and from lower ones only;
# layers of the same rank are siblings and import nothing from each other. `base` are leaf
# modules of the standard library only (the root exception, wording and naming helpers).
LAYERS: dict[str, int] = {
    "errors": 0,
    "wording": 0,
    "naming": 0,
    "core": 1,  # the domain: imports no other layer of cba-xl
    "spec": 2,  # the workbook layout: only the core
    "files": 2,  # finding inputs, writing outputs: no domain at all
    "excel": 3,
    "slides": 3,
    "sample": 3,
    "workbook_check": 4,  # one file read and checked: excel, spec, core
    "cohort": 5,
    "api": 6,
    "feedback": 6,  # participants' feedback pages: one file's check, the cohort's rooms
    "cba_xl": 7,  # the package itself: the public API's names
    "addin": 7,
    "lite": 8,  # the xlwings Lite edition: the add-in's functions and buttons over LiteBook
    "cli": 9,
    "__main__": 10,
}
PACKAGE = Path(cba_xl.__file__).parent


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _import_graph() -> dict[str, set[str]]:
    """Module -> the cba_xl modules it imports, anywhere in it (lazy and typing-only imports
    included: they are dependencies too)."""
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}

    def known(name: str) -> str:
        while name not in modules:
            name = name.rpartition(".")[0]
        return name

    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                deps |= {known(a.name) for a in node.names if a.name.startswith("cba_xl")}
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("cba_xl"):
                deps |= {known(f"{node.module}.{a.name}") for a in node.names}
        graph[name] = deps - {name}
    return graph


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def test_every_module_belongs_to_a_layer() -> None:
    assert {_layer(m) for m in _import_graph()} == set(LAYERS)


def test_imports_go_down_the_layers_only() -> None:
    wrong = [
        f"{module} imports {dep}"
        for module, deps in _import_graph().items()
        for dep in sorted(deps)
        if _layer(dep) != _layer(module) and LAYERS[_layer(dep)] >= LAYERS[_layer(module)]
    ]
    assert wrong == []


def test_no_import_cycles() -> None:
    graph = _import_graph()
    cycles: list[list[str]] = []
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        if module in path:
            cycles.append([*path[path.index(module) :], module])
            return
        if module in done:
            return
        for dep in sorted(graph[module]):
            visit(dep, [*path, module])
        done.add(module)

    for module in sorted(graph):
        visit(module, [])
    assert cycles == []


# Private attributes of a library's objects (python-pptx's `_spTree`, `_txBody`, ...), read or
# written only in that library's one internals module. `etree._Element` is lxml's element type
# (annotations) and `argparse._SubParsersAction` the standard library's subparser type.
INTERNALS_MODULES = {"cba_xl/slides/ooxml.py", "cba_xl/excel/xlsxwriter_internals.py"}
PRIVATE_TYPES = {"etree._Element", "argparse._SubParsersAction"}
# XlsxWriter's internal worksheet state has public-looking names; these two are its own.
XLSXWRITER_STATE = {"table_cells", "constant_memory"}


def test_library_internals_stay_in_their_one_module() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        where = path.relative_to(PACKAGE.parent).as_posix()
        if where in INTERNALS_MODULES:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Attribute):
                continue
            owner = node.value
            if isinstance(owner, ast.Name) and owner.id in ("self", "cls"):
                continue
            private = node.attr.startswith("_") and not node.attr.startswith("__")
            if private and ast.unparse(node) not in PRIVATE_TYPES:
                found.append(f"{where}:{node.lineno} {ast.unparse(node)}")
            if node.attr in XLSXWRITER_STATE:
                found.append(f"{where}:{node.lineno} {ast.unparse(node)}")
    assert found == []
