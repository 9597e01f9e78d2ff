"""The two texts that go into xlwings Lite's editor: `main.py` (the custom functions and the
scripts, imported from the installed cba-xl, so Lite runs the very code the command line runs)
and `requirements.txt` (cba-xl's wheel by URL, as Lite installs an own package, and the
libraries it needs that Lite takes from PyPI or Pyodide's own builds)."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Final
from urllib.parse import unquote, urlsplit

from cba_xl import __version__
from cba_xl.excel.web_extension import LiteCode, embed_lite_code
from cba_xl.files.atomic import Outputs
from cba_xl.lite import functions, scripts

WHEEL: Final = f"cba_xl-{__version__}-py3-none-any.whl"

# What cba-xl imports, by the name Lite installs it under. lxml, Pillow and MarkupSafe are not
# pure Python: Lite (Pyodide) takes them from its own repository, so they carry no version.
REQUIREMENTS: Final = (
    "openpyxl",
    "python-calamine",
    "XlsxWriter",
    "jinja2",
    "markupsafe",
    "python-pptx",
    "lxml",
    "pillow",
    "defusedxml",
    "rich",
    # Lite's own Python package; cba-xl's functions and scripts were tested with 0.37.8. An
    # upper bound rather than a pin, as Lite's documentation advises (it records the exact
    # versions it installs in requirements-pinned.txt).
    "xlwings>=0.37.8,<1.0.0",
)


def main_py() -> str:
    names = ", ".join(functions.__all__)
    return (
        f'"""cba-xl {__version__} for xlwings Lite, written by `cba-xl lite`: do not edit, '
        "write it again.\n\n"
        "Custom functions: the CBA_ functions of the academy workbook (=CBA_SMART(...) and the\n"
        "others). Scripts: cba_check, cba_fill, cba_slides and cba_consolidate (the Run button\n"
        'of the xlwings Lite pane); what they write is under Files > Import/Export."""\n\n'
        f"from cba_xl.lite.functions import {names}  # noqa: F401\n"
        f"from cba_xl.lite.scripts import {', '.join(scripts.SCRIPTS)}  # noqa: F401\n"
    )


class WheelUrlProblem(ValueError):
    """A --wheel-url Lite could not install cba-xl from."""


def check_wheel_url(url: str) -> str:
    """`url` when Lite can install this cba-xl from it. Pyodide's installer (micropip) takes
    the package and version from the wheel's file name at the end of the address, and a
    browser add-in fetches over https only; a wrong address would fail in Excel, later, in a
    log the trainer may not read."""
    parts = urlsplit(url.strip())
    if parts.scheme != "https" or not parts.netloc:
        raise WheelUrlProblem(f"{url!r} is not an https:// address (Lite downloads over https)")
    if parts.netloc.lower() in ("github.com", "www.github.com"):
        # a release download has no cross-origin header; a /blob/ address is a web page
        raise WheelUrlProblem(
            f"{url!r} is a github.com address, which Lite cannot download from (a release "
            "download allows no cross-origin download; a /blob/ address is a web page): use "
            "https://raw.githubusercontent.com/OWNER/REPO/BRANCH/PATH or GitHub Pages"
        )
    name = unquote(parts.path.rsplit("/", 1)[-1])
    if name != WHEEL:
        raise WheelUrlProblem(
            f"{url!r} must end in this cba-xl's wheel file name, {WHEEL} (Lite reads the "
            f"package and its version from it; got {name!r}); upload the wheel under its own "
            "name"
        )
    return url.strip()


def requirements_txt(wheel_url: str) -> str:
    lines = [
        f"# cba-xl {__version__} for xlwings Lite, written by `cba-xl lite`.",
        "# Next line: cba-xl's own wheel, where it was put for Lite (cba-xl is not on PyPI).",
        wheel_url,
        *REQUIREMENTS,
    ]
    return "\n".join(lines) + "\n"


LITE_WORKBOOK: Final = "cba_academy_lite.xlsx"


def write_lite(folder: Path, wheel_url: str, *, force: bool = False) -> list[Path]:
    """main.py, requirements.txt and the workbook for Lite (the template with its sheets
    unprotected, which Lite's scripts need, and the two texts inside it) in `folder`, all or
    none; refuses to replace them without `force`."""
    wheel_url = check_wheel_url(wheel_url)
    folder.mkdir(parents=True, exist_ok=True)
    texts = {"main.py": main_py(), "requirements.txt": requirements_txt(wheel_url)}
    with Outputs(force=force) as outputs:
        for name, text in texts.items():
            outputs.stage(folder / name, partial(_write_text, text=text))
        code = LiteCode(texts["main.py"], texts["requirements.txt"])
        outputs.stage(folder / LITE_WORKBOOK, partial(_write_workbook, code=code))
        return outputs.commit()


def _write_workbook(tmp: Path, *, code: LiteCode) -> None:
    """The template with its tool sheets unprotected and the Lite code inside, as Lite saves
    it: opened in Excel with the Lite add-in, it shows the pane with main.py and
    requirements.txt in place."""
    from cba_xl.excel.builder import build_workbook

    build_workbook(tmp, protected=False)
    embed_lite_code(tmp, code)


def _write_text(tmp: Path, *, text: str) -> None:
    tmp.write_text(text, encoding="utf-8", newline="\n")


__all__ = [
    "LITE_WORKBOOK",
    "REQUIREMENTS",
    "WHEEL",
    "WheelUrlProblem",
    "check_wheel_url",
    "main_py",
    "requirements_txt",
    "write_lite",
]
