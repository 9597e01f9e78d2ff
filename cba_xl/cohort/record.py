"""What a worker process hands back for one file: a small, picklable record.

The rows of every list travel twice, both compressed: packed (pickled) for the cohort's counts
and charts, and rendered as sheet XML for the cohort workbook (see sheet_stream). The main
process parks both in its spool on arrival (see spool), so it keeps a few hundred bytes per
participant, never a Homework graph.
"""

from __future__ import annotations

import datetime as dt
import pickle
import zlib
from dataclasses import dataclass, field
from typing import TypeAlias

Value: TypeAlias = str | int | float | dt.date | dt.datetime | None
Row: TypeAlias = tuple[Value, ...]  # (sheet, cell, *values) of one ListSheet
Rows: TypeAlias = dict[str, list[Row]]  # ListSheet.key -> rows, in workbook order


@dataclass(slots=True)
class Submission:
    """One file found in the inputs, usable or not."""

    file: str
    sha256: str = ""
    mtime: float = 0.0  # the file's modification time, seconds since the epoch
    saved: dt.datetime | None = None  # when Excel last saved it (docProps/core.xml), UTC
    status: str = "ok"  # "ok", "errors" or "rejected"
    reason: str = ""  # why it was rejected
    hint: str = ""  # what the participant can do about it
    cluster: str = ""
    email: str = ""
    country: str = ""
    template_version: str = ""
    cluster_cell: tuple[str, str] = ("", "")  # (sheet, cell) the cluster name came from
    # "list.Header" -> the column letter of a value whose row's cell is another column's (the
    # plan's requirements, the services' fields): where the themes' wording is.
    columns: dict[str, str] = field(default_factory=dict)
    findings: dict[str, int] = field(default_factory=lambda: {"error": 0, "warning": 0, "info": 0})
    counts: dict[str, int] = field(default_factory=dict)  # rows per list, to size the tables
    packed: bytes = b""  # pack(rows)
    sheets: dict[str, bytes] = field(default_factory=dict)  # ListSheet.key -> render_rows(...)
    xml_size: int = 0  # bytes of rendered XML before compression, all lists together
    spooled: tuple[int, tuple[int, ...]] = (0, ())  # (offset, sizes) in the run's spool

    @property
    def usable(self) -> bool:
        return self.status != "rejected"

    def rows(self) -> Rows:
        return unpack(self.packed) if self.packed else {}


def pack(rows: Rows) -> bytes:
    # Level 1: the rows compress about 4:1 at a fraction of the default level's time.
    return zlib.compress(pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL), 1)


def unpack(data: bytes) -> Rows:
    # Only ever bytes this package's own worker processes produced in this run.
    rows: Rows = pickle.loads(zlib.decompress(data))
    return rows
