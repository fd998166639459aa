"""A 填报表 as it comes back by mail: the workbook read (measured first, as every sheet),
the form it is by its hidden sheet, and each row's cells — the facts as they stand on
it and what the liaison filled — every unreadable cell named ``file!sheet!cell``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from zhenggai.imports.rows import CellProblem
from zhenggai.imports.values import excel_serial, read_text
from zhenggai.ledger.form_facts import FACTS, FILLED, HIDDEN, IDS_ROW, SHEET, STATES
from zhenggai.messages import text as said
from zhenggai.sheets.grid import Grid, Value, address

_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


@dataclass(frozen=True)
class ReturnedRow:
    """A row of a returned form: its task (by the hidden sheet), its number on the
    sheet (0-based), the facts as they stand and what was filled, by column key."""

    task_id: str
    row: int
    facts: tuple[str, ...]
    filled: dict[str, str]
    extend_to: date | None


@dataclass
class ReturnedForm:
    """A returned workbook read: what form it is, the day filled, its rows."""

    name: str  # the file, as its cells are named (`研究室_2021-W42.xlsx`)
    meta: dict[str, str] = field(default_factory=dict)
    filled_on: date | None = None
    rows: list[ReturnedRow] = field(default_factory=list)
    problems: list[CellProblem] = field(default_factory=list)

    def at(self, row: int, column: int) -> str:
        return f"{self.name}!{address(SHEET, row, column)}"


def read_returned(path: Path, max_cells: int, shown: str) -> ReturnedForm:
    """The form at ``path`` (``shown`` is how its cells are named); LedgerError for a
    file that is no workbook, or none zhenggai issued."""
    from zhenggai.findings import LedgerError
    from zhenggai.sheets.read import read_workbook

    book = read_workbook(path, max_cells)
    sheets = {grid.name: grid for grid in book.sheets}
    form = ReturnedForm(shown)
    hidden, sheet = sheets.get(HIDDEN), sheets.get(SHEET)
    if hidden is None or sheet is None:
        raise LedgerError(
            said("{file} is not a form zhenggai issued (no sheet {sheet}): collect only the "
                 "workbooks `zhenggai forms issue` wrote", file=shown, sheet=SHEET)
        )  # fmt: skip
    form.meta = {read_text(r[0]): read_text(r[1]) for r in hidden.rows[:IDS_ROW] if len(r) > 1}
    form.filled_on = _filled_on(sheet, form)
    ids = {
        int(read_text(r[0])) - 1: read_text(r[1])
        for r in hidden.rows[IDS_ROW:]
        if len(r) > 1 and read_text(r[0]).isdigit() and read_text(r[1])
    }
    for row_index, task_id in sorted(ids.items()):
        cells = sheet.rows[row_index] if row_index < len(sheet.rows) else []
        value = [cells[i] if i < len(cells) else "" for i in range(len(FACTS) + len(FILLED))]
        facts = tuple(read_text(v) for v in value[: len(FACTS)])
        filled = {key: read_text(v) for key, v in zip(FILLED, value[len(FACTS) :], strict=True)}
        state_at = len(FACTS) + FILLED.index("state")
        if filled["state"] and filled["state"] not in STATES:
            wrong = said("{value} is not one of {known}: pick from the list",
                         value=repr(filled["state"]), known="、".join(STATES))  # fmt: skip
            form.problems.append(CellProblem(form.at(row_index, state_at), wrong))
        to_at = len(FACTS) + FILLED.index("extend_to")
        extend_to = _date(value[to_at])
        if value[to_at] not in ("", None) and extend_to is None:
            form.problems.append(CellProblem(
                form.at(row_index, to_at),
                said("cannot read {value} as a date: write it YYYY-MM-DD",
                     value=repr(read_text(value[to_at]))),
            ))  # fmt: skip
        form.rows.append(ReturnedRow(task_id, row_index, facts, filled, extend_to))
    return form


def _filled_on(sheet: Grid, form: ReturnedForm) -> date | None:
    """The 填报日期 the liaison put at the top (C2); None when left empty."""
    row = sheet.rows[1] if len(sheet.rows) > 1 else []
    value: Value = row[2] if len(row) > 2 else ""
    if value == "":
        return None
    day = _date(value)
    if day is None:
        form.problems.append(
            CellProblem(form.at(1, 2), said("cannot read {value} as a date: write it "
                                            "YYYY-MM-DD", value=repr(read_text(value))))
        )  # fmt: skip
    return day


def _date(value: Value) -> date | None:
    """A cell as a date: a date cell, an Excel serial number, or 2021-10-20 typed."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return excel_serial(float(value))
    found = _DATE.fullmatch(str(value).strip())
    if found is None:
        return None
    try:
        return date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        return None
