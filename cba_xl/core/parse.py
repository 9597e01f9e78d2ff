"""Tolerant reading of what people type into cells.

Real workbooks hold numbers stored as text, dates as serials or in European text formats,
stray spaces and odd case. Each parser returns the clean value, or raises `ValueProblem`
with a message that says what was found and what was expected.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Final

from cba_xl.core import vocab


class ValueProblem(ValueError):
    """A cell value that cannot be read as the field's kind; the message is for the user."""


_SPACES = re.compile(r"[\s\u00a0\u2007\u202f]+")
# Characters no XML 1.0 document can hold. A cell can (Excel stores them escaped, as _x0008_,
# and shows nothing for them), but every output is XML: they are dropped from the text read.
# The rest of the C0 range is whitespace to `_SPACES`, so `text` turns those into spaces.
_NOT_XML = re.compile("[\x00-\x08\x0e-\x1b\ufffe\uffff]")
_NOT_XML_OR_SPACE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_EXCEL_EPOCH: Final = dt.date(1899, 12, 30)
_MAX_SERIAL: Final = 2958465  # 9999-12-31
_PLAUSIBLE_SERIAL: Final = 10000  # 1927-05-18: smaller serials are years or day counts
_DATE_FORMATS: Final = (
    "%d.%m.%Y",
    "%d/%m/%Y",
    "%d-%m-%Y",
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%Y.%m.%d",
    "%d.%m.%y",
    "%d/%m/%y",
    "%d-%m-%y",
    "%d %B %Y",
    "%d %b %Y",
    "%d. %B %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%m/%d/%Y",
)


def show(value: object) -> str:
    """A value as the user would recognise it in a message."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    text = _NOT_XML_OR_SPACE.sub("", str(value))
    if len(text) > 60:
        text = text[:57] + "..."
    return f"'{text}'"


def is_blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str) and value[:1].isalnum():
        return False  # the usual case, decided at once: a letter or digit is neither
    return isinstance(value, str) and not _SPACES.sub("", _NOT_XML.sub("", value))


def text(value: object) -> str:
    """Any cell value as clean text: single spaces, no surrounding blanks, numbers without '.0'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return ""
        if value.is_integer():
            return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    value = str(value)
    if value.isascii() and value.isprintable() and "  " not in value:
        return value.strip()  # the usual case: nothing to normalize, drop or collapse
    clean = _NOT_XML.sub("", unicodedata.normalize("NFC", value))
    return _SPACES.sub(" ", clean).strip()


def fold(text: str) -> str:
    """A name as it is matched across sheets: case and runs of spaces forgiven."""
    return " ".join(text.split()).casefold()


def _fold(value: str) -> str:
    return _SPACES.sub(" ", value).strip().casefold()


def number(value: object, *, integer: bool = False) -> float:
    """Numbers, including numbers stored as text in English or European notation."""
    if isinstance(value, bool):
        raise ValueProblem(f"{show(value)} is not a number")
    if isinstance(value, int | float):
        try:
            result = float(value)
        except OverflowError as exc:
            raise ValueProblem(f"{show(value)} is not a number") from exc
    elif isinstance(value, str):
        result = _number_from_text(value, integer=integer)
    else:
        raise ValueProblem(f"{show(value)} is not a number")
    if math.isnan(result) or math.isinf(result):
        raise ValueProblem(f"{show(value)} is not a number")
    return result


def _number_from_text(raw: str, *, integer: bool) -> float:
    s = _SPACES.sub("", raw).replace("'", "").replace("€", "").replace("EUR", "")
    s = s.removesuffix("%").replace("\u2212", "-")
    if not s or not re.fullmatch(r"[-+]?[\d.,]*\d[\d.,]*", s):
        raise ValueProblem(f"{show(raw)} is not a number")
    dots, commas = s.count("."), s.count(",")
    if dots and commas:
        decimal = "." if s.rfind(".") > s.rfind(",") else ","
        thousands = "," if decimal == "." else "."
        s = s.replace(thousands, "").replace(decimal, ".")
    elif commas or dots:
        sep = "," if commas else "."
        count = commas or dots
        head, tail = s.rsplit(sep, 1)
        # One separator before exactly three digits is a thousands mark ('250.000' EUR,
        # '1,500'): three decimals are rare in this workbook, grouped thousands are common in
        # both notations. A zero head ('0,125') can only be a decimal.
        grouped = count > 1 or (len(tail) == 3 and head.lstrip("+-").strip("0") != "")
        s = s.replace(sep, "") if grouped else s.replace(sep, ".")
    try:
        return float(s)
    except ValueError as exc:  # e.g. "1.2.3,4,5" after normalising
        raise ValueProblem(f"{show(raw)} is not a number") from exc


def integer(value: object, *, lo: int | None = None, hi: int | None = None) -> int:
    result = number(value, integer=True)
    if not result.is_integer():
        raise ValueProblem(f"{show(value)} is not a whole number")
    whole = int(result)
    if (lo is not None and whole < lo) or (hi is not None and whole > hi):
        raise ValueProblem(f"{show(value)} is outside {_range(lo, hi)}")
    return whole


def bounded(value: object, *, lo: float | None = None, hi: float | None = None) -> float:
    result = number(value)
    if (lo is not None and result < lo) or (hi is not None and result > hi):
        raise ValueProblem(f"{show(value)} is outside {_range(lo, hi)}")
    return result


def _range(lo: float | None, hi: float | None) -> str:
    def fmt(x: float) -> str:
        return str(int(x)) if float(x).is_integer() else str(x)

    if lo is not None and hi is not None:
        return f"the range {fmt(lo)} to {fmt(hi)}"
    if lo is not None:
        return f"the allowed range (at least {fmt(lo)})"
    return f"the allowed range (at most {fmt(hi if hi is not None else 0)})"


def date(value: object) -> dt.date:
    """Dates as Excel dates, serial numbers, or text such as 31.12.2025, 31/12/2025, 2025-12-31."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise ValueProblem(f"{show(value)} is not a date")
    if isinstance(value, int | float):
        return _from_serial(value, value)
    if isinstance(value, str):
        s = _SPACES.sub(" ", value).strip()
        if re.fullmatch(r"\d{4,6}(\.0+)?", s):
            return _from_serial(float(s), value)
        s = re.sub(r"[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$", "", s)
        for fmt in _DATE_FORMATS:
            try:
                return dt.datetime.strptime(s, fmt).date()
            except ValueError:
                continue
    raise ValueProblem(f"{show(value)} is not a date (expected e.g. 31.12.2025)")


def _from_serial(serial: float, original: object) -> dt.date:
    if 1 <= serial < _PLAUSIBLE_SERIAL and float(serial).is_integer():
        # 2025 or 30 typed into a date cell is a year or a number of days, not a day in 1905.
        raise ValueProblem(
            f"{show(original)} is a number, not a date (expected a date such as 31.12.2025)"
        )
    if not 1 <= serial <= _MAX_SERIAL or not float(serial).is_integer():
        raise ValueProblem(f"{show(original)} is not a date (expected e.g. 31.12.2025)")
    return _EXCEL_EPOCH + dt.timedelta(days=int(serial))


def choice(value: object, allowed: Iterable[str], aliases: Mapping[str, str] | None = None) -> str:
    """One of a dropdown's values; case and surrounding spaces are forgiven, nothing else."""
    raw = text(value)
    wanted = _fold(raw)
    for option in allowed:
        if _fold(option) == wanted:
            return option
    if aliases and wanted in aliases:
        return aliases[wanted]
    options = list(allowed)
    listed = ", ".join(options) if len(options) <= 6 else ", ".join(options[:5]) + ", ..."
    raise ValueProblem(f"{show(raw)} is not one of the allowed values ({listed})")


def country(value: object) -> str:
    """An ISO 3166 alpha-2 code, from 'DE', 'de', 'Germany' or the dropdown's 'DE - Germany'."""
    raw = text(value)
    head = re.split(r"\s*[-–—:]\s*|\s+", raw, maxsplit=1)[0].upper()
    if len(head) == 2 and head in vocab.COUNTRIES:
        return head
    by_name = {_fold(name): code for code, name in vocab.COUNTRIES.items()}
    code = by_name.get(_fold(raw))
    if code is None:
        raise ValueProblem(f"{show(raw)} is not a country code from the list (e.g. 'DE - Germany')")
    return code


_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}")


def email(value: object) -> str:
    raw = text(value)
    if raw.lower().startswith("mailto:"):
        raw = raw[7:]
    if not _EMAIL.fullmatch(raw):
        raise ValueProblem(f"{show(raw)} is not an e-mail address (expected name@example.eu)")
    return raw


_YES: Final = {"yes", "y", "x", "true", "1", "ja", "oui", "si", "sí", "tak", "da", "ano", "✓"}
_NO: Final = {"no", "n", "false", "0", "nein", "non", "nie", "ne"}


def yes_no(value: object) -> bool:
    if isinstance(value, bool):
        return value
    folded = _fold(text(value))
    if folded in _YES:
        return True
    if folded in _NO:
        return False
    raise ValueProblem(f"{show(value)} is not Yes or No")


def raci(value: object) -> str:
    """A RACI cell: any combination of R, A, C and I ('A/C', 'a, c', 'RA'), in R-A-C-I order."""
    raw = text(value).upper()
    letters = re.sub(r"[\s/,;+&-]", "", raw)
    if not letters or any(ch not in vocab.RACI_LETTERS for ch in letters):
        raise ValueProblem(f"{show(text(value))} is not R, A, C, I or a combination such as A/C")
    return "/".join(ch for ch in vocab.RACI_LETTERS if ch in letters)


def steps(value: object) -> tuple[int, ...]:
    """Predecessor steps: '1, 2', '1;3', 'Step 2', '2 and 4', '2.3', or a plain number.

    A cell that is not text holds what a spreadsheet made of the typing: "2,3" typed where the
    comma is the decimal mark (German, French) is stored as the number 2.3, so a number with a
    fraction is read as the steps on either side of its decimal mark, as the cell shows it
    (2.3 -> 2 and 3, 12.5 -> 12 and 5). A 0 typed at the end is lost with it ("2,30" is stored
    as 2.3, and the cell shows 2,3): that reads as the cell shows, 2 and 3; only where the loss
    is certain (1.1 from "1,10" names step 1 twice) is it an error. "2/3" turns into a date,
    which is never guessed at."""
    if isinstance(value, bool):
        raise ValueProblem(f"{show(value)} is not a list of step numbers (expected e.g. '1, 3')")
    if isinstance(value, int | float):
        if isinstance(value, int) or not math.isfinite(value) or value.is_integer():
            return (integer(value, lo=1),)
        return _steps_from_decimal(value)
    if isinstance(value, dt.date):
        raise ValueProblem(
            f"{show(value)} is a date, not step numbers (a spreadsheet turns '2/3' into a "
            "date): type the steps again with a semicolon, e.g. '2; 3'"
        )
    raw = text(value)
    cleaned = re.sub(r"(?i)\b(steps?|and|und|et|i)\b", " ", raw)
    parts = [p for p in re.split(r"[\s,;/+&]+", cleaned) if p]
    found_all: list[int] = []
    for part in parts:
        if re.fullmatch(r"\d{1,6}(\.0+)?", part):
            found_all.append(int(float(part)))
        elif re.fullmatch(r"\d{1,6}(\.\d{1,6})+", part):  # '2.3' as text: steps 2 and 3
            found_all.extend(int(p) for p in part.split("."))
        else:
            found_all = []
            break
    if not found_all:
        raise ValueProblem(f"{show(raw)} is not a list of step numbers (expected e.g. '1, 3')")
    found = tuple(dict.fromkeys(found_all))
    if any(n < 1 for n in found):
        raise ValueProblem(f"{show(raw)} names a step below 1")
    return found


def _steps_from_decimal(value: float) -> tuple[int, ...]:
    dotted = repr(value)  # the shortest spelling that is this number: what the cell shows
    # Where a comma is the decimal mark, the cell shows (and the participant typed) a comma.
    shown = f"'{dotted.replace('.', ',')}' (the number {dotted})"
    match = re.fullmatch(r"(\d{1,6})\.(\d{1,6})", dotted)
    if match is None:
        raise ValueProblem(f"{shown} is not a list of step numbers (expected e.g. '1; 3')")
    first, second = int(match.group(1)), int(match.group(2))
    if first == second:
        raise ValueProblem(
            f"{shown} names step {first} twice: the spreadsheet stored what was typed as a "
            f"number and dropped any 0 at the end; type the steps again, e.g. '{first}; "
            f"{second}0'"
        )
    if first < 1 or second < 1:
        raise ValueProblem(f"{shown} names a step below 1")
    return (first, second)
