"""Where the main process parks each submission's rows between reading and writing.

Results arrive in the order workers finish; the cohort workbook wants them in path order, and
only once every file is read is it known which ones are kept. Holding the compressed rows of
10,000 participants would take a few hundred megabytes; a temporary file holds them instead and
the main process keeps an offset and a few sizes per submission.
"""

from __future__ import annotations

import tempfile
import threading
from typing import Final

from cba_xl.cohort.record import Rows, Submission, unpack
from cba_xl.cohort.tables import FINDINGS, LISTS

KEYS: Final = tuple(spec.key for spec in (*LISTS, FINDINGS))


class Spool:
    """A temporary file of packed and rendered rows; `park` each submission as it arrives."""

    def __init__(self) -> None:
        # Closed by `close` (a context manager around the whole run), not here. Unbuffered:
        # each park is one write and each read one seek and read, and nothing is mapped into
        # memory (a map would count the whole spool in the process's resident memory).
        self._file = tempfile.TemporaryFile(prefix="cba-xl-cohort-", buffering=0)  # noqa: SIM115
        self._end = 0
        self._lock = threading.Lock()  # one seek-and-read or write at a time

    def park(self, sub: Submission) -> None:
        """Move the submission's rows out of memory into the spool."""
        if not sub.packed and not sub.sheets:
            return
        parts = [sub.packed, *(sub.sheets.get(key, b"") for key in KEYS)]
        data = memoryview(b"".join(parts))
        with self._lock:
            self._file.seek(self._end)
            while data:  # an unbuffered write may take only part of it
                data = data[self._file.write(data) :]
        sub.spooled = (self._end, tuple(len(part) for part in parts))
        self._end += sum(len(part) for part in parts)
        sub.packed, sub.sheets = b"", {}

    def _read(self, sub: Submission, index: int) -> bytes:
        offset, sizes = sub.spooled
        if not sizes:
            return b""
        with self._lock:
            self._file.seek(offset + sum(sizes[:index]))
            data = self._file.read(sizes[index])
        if len(data) != sizes[index]:
            raise OSError("the cohort's temporary spool file was cut short")
        return data

    def rows(self, sub: Submission) -> Rows:
        """The submission's rows, as extract made them."""
        if sub.packed:
            return sub.rows()
        data = self._read(sub, 0)
        return unpack(data) if data else {}

    def sheet(self, sub: Submission, key: str) -> bytes:
        """The submission's rows of list `key`, rendered (sheet_stream.render_rows)."""
        if sub.sheets:
            return sub.sheets.get(key, b"")
        return self._read(sub, 1 + KEYS.index(key))

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__ = ["Spool"]
