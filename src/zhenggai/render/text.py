"""Plain-text layout helpers that count East Asian characters as two cells."""

from __future__ import annotations

import unicodedata


def cells(text: str) -> int:
    """The width of ``text`` on a terminal: wide and full-width characters take two cells."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - cells(text))


def human_size(size: int) -> str:
    """``251 B``, ``47.1 KiB``, ``3.2 MiB``."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KiB"
    return f"{size / (1024 * 1024):.1f} MiB"
