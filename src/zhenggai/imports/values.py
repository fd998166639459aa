"""A cell's text read as a ledger value: deadlines as people type them, the words for a
task's state, lists of units. Each reader returns the value or raises `CellError`."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from zhenggai.days.wording import WrittenDeadline
from zhenggai.days.wording import read_deadline as read_written_deadline
from zhenggai.days.workdays import WorkCalendar
from zhenggai.messages import Text, TextError
from zhenggai.messages import text as said
from zhenggai.records.model import Status, Term
from zhenggai.records.typed_words import SYNONYMS
from zhenggai.safetext import drop_unsafe
from zhenggai.sheets.grid import Value


class CellError(ValueError):
    """A cell that cannot be read as what its column holds; the message says why."""

    def __init__(self, message: Text) -> None:
        super().__init__(message.english())
        self.text = message


#: A 完成时限 cell read: the shared reading of a written deadline.
DeadlineCell = WrittenDeadline

#: Excel counts days from 1899-12-30 (its 1900 leap-year bug folded in).
_EXCEL_EPOCH = date(1899, 12, 30)


def excel_serial(number: float) -> date | None:
    """An Excel date serial (a cell formatted as a number), if it is a plausible one."""
    if 20000 <= number <= 80000 and float(number).is_integer():
        return _EXCEL_EPOCH + timedelta(days=int(number))
    return None


def read_deadline(value: Value, feedback: date, work: WorkCalendar, shift: bool) -> DeadlineCell:
    """A 完成时限 cell: a date, a serial number, or a deadline as people write it
    (`days.wording`): 2021/6/30, 2021年12月底前, 年内, 3个月内, 立行立改, 长期坚持."""
    if isinstance(value, datetime):
        return DeadlineCell(Term.DATED, value.date(), None)
    if isinstance(value, date):
        return DeadlineCell(Term.DATED, value, None)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        day = excel_serial(float(value))
        if day is None:
            raise CellError(said("cannot read {value} as a deadline", value=repr(value)))
        return DeadlineCell(Term.DATED, day, None)
    typed = " ".join(str(value).split())
    if not typed:
        raise CellError(said("no deadline"))
    try:
        return read_written_deadline(typed, feedback, work, shift)
    except TextError as err:
        if err.text.msgid == "{typed} is not a real date":
            raise CellError(err.text) from None
        raise CellError(said("cannot read {value} as a deadline", value=repr(typed))) from None


#: The words offices use for where a measure stands, to the ledger's status.
STATE_WORDS: dict[str, Status] = {
    "已完成": Status.DONE,
    "已销号": Status.DONE,
    "完成": Status.DONE,
    "已整改": Status.DONE,
    "整改完成": Status.DONE,
    "逾期完成": Status.DONE,
    "done": Status.DONE,
    "done late": Status.DONE,
    "正在推进": Status.IN_PROGRESS,
    "推进中": Status.IN_PROGRESS,
    "正在整改": Status.IN_PROGRESS,
    "整改中": Status.IN_PROGRESS,
    "未完成": Status.IN_PROGRESS,
    "待审核": Status.IN_PROGRESS,  # applied for, awaiting approval: not done yet
    "awaiting approval": Status.IN_PROGRESS,
    "未启动": Status.IN_PROGRESS,
    "逾期": Status.IN_PROGRESS,
    "临期": Status.IN_PROGRESS,
    "提示": Status.IN_PROGRESS,
    "正常": Status.IN_PROGRESS,
    "in progress": Status.IN_PROGRESS,
    "overdue": Status.IN_PROGRESS,
    "due soon": Status.IN_PROGRESS,
    "notice": Status.IN_PROGRESS,
    "on track": Status.IN_PROGRESS,
    "长期坚持": Status.ONGOING,
    "持续推进": Status.ONGOING,
    "ongoing": Status.ONGOING,
    "已取消": Status.CANCELLED,
    "已撤销": Status.CANCELLED,
    "不再执行": Status.CANCELLED,
    "cancelled": Status.CANCELLED,
    # and every word a command takes for a status (`records.typed_words`)
    **{str(value): value for value in Status},
    **{word: Status(value) for word, value in SYNONYMS[Status].items()},
}


def read_state(value: Value) -> Status | None:
    """A 完成情况 cell's status; None for an empty cell (the deadline decides)."""
    typed = "".join(str(value).split()).lower() if value != "" else ""
    if not typed:
        return None
    for word, status in STATE_WORDS.items():
        if typed == word.replace(" ", "") or typed.startswith(word.replace(" ", "")):
            return status
    known = "、".join(word for word in STATE_WORDS if not word.isascii())
    raise CellError(
        said("cannot read {value} as a state; known: {known}", value=repr(str(value)), known=known)
    )


_UNIT_SEPARATORS = re.compile(r"[、，,;；/\n]+")


def read_units(value: Value) -> list[str]:
    """Several units in one cell, separated by 、，,;/ or line breaks, in order."""
    return [part.strip() for part in _UNIT_SEPARATORS.split(str(value)) if part.strip()]


def read_text(value: Value) -> str:
    """A cell as text: a whole number without its .0 (a 序号 typed as a number)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    # A cell is recorded as it reads: control and direction characters left out.
    return drop_unsafe(str(value)).strip()
