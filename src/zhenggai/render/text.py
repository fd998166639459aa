"""Plain-text layout helpers that count East Asian characters as two cells."""

from __future__ import annotations

import unicodedata


def cells(text: str) -> int:
    """The width of ``text`` on a terminal: wide and full-width characters take two cells."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - cells(text))


def human_size(size: int) -> str:
    for unit in ("B", "KiB", "MiB"):
        if size < 1024 or unit == "MiB":
            return f"{size} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024  # type: ignore[assignment]
    return f"{size} B"  # pragma: no cover - the loop always returns
