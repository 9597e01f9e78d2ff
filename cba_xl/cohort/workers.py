"""Whether this Python may start threads and processes. Pyodide (xlwings Lite, Excel on the web)
has neither: a thread's start raises and there is no `fork` or `spawn`. The cohort run then does
everything in the one thread it has, with the same results, only without the overlap."""

from __future__ import annotations

import sys
from typing import Final

# WebAssembly builds of CPython: Pyodide reports "emscripten", WASI builds "wasi".
NO_WORKERS_PLATFORMS: Final = frozenset({"emscripten", "wasi"})


def threads_available() -> bool:
    return sys.platform not in NO_WORKERS_PLATFORMS


def processes_available() -> bool:
    return sys.platform not in NO_WORKERS_PLATFORMS


__all__ = ["NO_WORKERS_PLATFORMS", "processes_available", "threads_available"]
