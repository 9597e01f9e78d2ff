"""File names made from participant data: safe on every file system."""

from __future__ import annotations

import re
import unicodedata


def slug(text: str, *, limit: int = 48) -> str:
    """'Dolnośląski Klaster Żywności' -> 'dolnoslaski-klaster-zywnosci'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-").lower()
    return cleaned[:limit].rstrip("-") or "workbook"
