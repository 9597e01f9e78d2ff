# Run by run.mjs in Pyodide (tests/test_lite_pyodide.py): the Lite edition as xlwings Lite runs
# it, with cba-xl installed from its wheel; the scripts are awaited at top level, as Lite does.
# /data holds the workbooks the test wrote; the result is one line "LITE-RESULT {json}" for the
# test to compare with the command line's.
import json
import sys
import time
from pathlib import Path

started = time.perf_counter()
import openpyxl  # noqa: E402
import python_calamine  # noqa: E402

from cba_xl import api  # noqa: E402
from cba_xl.addin.checks_sheet import CHECKS_SHEET, HEADER  # noqa: E402
from cba_xl.cohort import consolidate  # noqa: E402
from cba_xl.lite import scripts  # noqa: E402

imported = time.perf_counter()

sys.path.insert(0, "/tests")
from lite_fake import book_from_file  # noqa: E402

data = Path("/data")
homework = data / "cluster.xlsx"
result: dict[str, object] = {
    "platform": sys.platform,
    "import_s": round(imported - started, 3),
    "cli_findings": [
        [f.severity.value, f.sheet, f.cell or None, f.message] for f in api.check(homework).findings
    ],
}

# main.py as `cba-xl lite` writes it, executed as Lite does: every name it promises exists.
namespace: dict[str, object] = {}
exec((data / "main.py").read_text(), namespace)
result["main_py_names"] = sorted(n for n in namespace if not n.startswith("__"))

# The custom functions as main.py offers them, on the arguments of tests/test_lite_pyodide.py.
calls = json.loads((data / "calls.json").read_text())
result["functions"] = [namespace[name](*args) for name, args in calls]

book = book_from_file(homework, openpyxl, python_calamine)
t = time.perf_counter()
await scripts.cba_check(book)  # noqa: F704 (run.mjs runs this with top-level await, as Lite does)
result["check_s"] = round(time.perf_counter() - t, 3)
rows = book.sheets[CHECKS_SHEET].used_range.options(ndim=2).value
head = next(i for i, r in enumerate(rows) if tuple(r[: len(HEADER)]) == HEADER)
result["lite_findings"] = [list(r[:4]) for r in rows[head + 1 :]]

await scripts.cba_fill(book)  # noqa: F704 (run.mjs runs this with top-level await, as Lite does)

t = time.perf_counter()
summary = consolidate([data / "cohort"], data / "cohort.xlsx", force=True, jobs=4)
result["consolidate_s"] = round(time.perf_counter() - t, 3)
result["participants"] = summary.participants
print("LITE-RESULT " + json.dumps(result))
