"""A sheet as a grid of values, and cell addresses as a spreadsheet names them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

#: What a cell holds once read: text, a number, a date (a date-formatted cell), a
#: truth value, a time or a duration, or nothing (an empty cell is "").
Value = str | float | int | bool | date | datetime | time | timedelta


@dataclass(frozen=True)
class Merge:
    """A merged range, 0-based and inclusive: its value is that of its first cell."""

    first_row: int
    first_col: int
    last_row: int
    last_col: int


@dataclass(frozen=True)
class Grid:
    """One sheet: ``rows[r][c]`` is the value at row ``r``, column ``c`` (0-based)."""

    name: str
    rows: list[list[Value]]
    merges: list[Merge] = field(default_factory=list)

    def filled(self) -> list[list[Value]]:
        """The rows with each merged range's value in every cell it covers, as a
        reader of the printed sheet sees it (a problem merged over its measures)."""
        rows = [list(row) for row in self.rows]
        for merge in self.merges:
            if merge.first_row >= len(rows):
                continue
            value = _at(rows, merge.first_row, merge.first_col)
            for r in range(merge.first_row, min(merge.last_row, len(rows) - 1) + 1):
                row = rows[r]
                row.extend([""] * (merge.last_col + 1 - len(row)))
                for c in range(merge.first_col, merge.last_col + 1):
                    row[c] = value
        return rows

    def merge_at(self, row: int, col: int) -> Merge | None:
        for merge in self.merges:
            if (
                merge.first_row <= row <= merge.last_row
                and merge.first_col <= col <= merge.last_col
            ):
                return merge
        return None


@dataclass(frozen=True)
class Workbook:
    """The sheets of a file in their order, and which of them are hidden."""

    sheets: list[Grid]
    hidden: frozenset[str] = frozenset()

    def visible(self) -> list[Grid]:
        return [grid for grid in self.sheets if grid.name not in self.hidden]


def _at(rows: list[list[Value]], row: int, col: int) -> Value:
    return rows[row][col] if col < len(rows[row]) else ""


def column_letters(col: int) -> str:
    """0 → A, 25 → Z, 26 → AA: the column's name in a spreadsheet."""
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def address(sheet: str, row: int, col: int) -> str:
    """``整改台账!I12`` for 0-based row 11, column 8."""
    return f"{sheet}!{column_letters(col)}{row + 1}"
