"""A cell's text read as a ledger value: deadlines as people type them, the words for a
task's state, lists of units. Each reader returns the value or raises `CellError`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from zhenggai.days.dates import add_months, month_end, parse_deadline
from zhenggai.days.workdays import WorkCalendar
from zhenggai.messages import Text
from zhenggai.messages import text as said
from zhenggai.records.model import Status, Term
from zhenggai.safetext import drop_unsafe
from zhenggai.sheets.grid import Value


class CellError(ValueError):
    """A cell that cannot be read as what its column holds; the message says why."""

    def __init__(self, message: Text) -> None:
        super().__init__(message.english())
        self.text = message


@dataclass(frozen=True)
class DeadlineCell:
    term: Term
    deadline: date | None
    basis: str | None  # the wording, when it is not a plain date
    cadence: str | None = None  # 长期坚持（每季度）: how often it reports, where the cell says


#: Excel counts days from 1899-12-30 (its 1900 leap-year bug folded in).
_EXCEL_EPOCH = date(1899, 12, 30)
_FULL_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_YEAR_MONTH_END = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月(?:底|末|份)?")
_MONTH_END = re.compile(r"(\d{1,2})\s*月(?:底|末|份)?")
_YEAR_END = ("年内", "年底", "年底前", "年末", "本年内", "今年内", "年底之前")
_ONGOING = ("长期坚持", "持续推进", "长期", "常态化", "长期推进", "持续")
_IMMEDIATE = ("立行立改", "立即整改", "立查立改")
#: How often, as a 长期坚持 cell may say it (the longest words first: 每年第一季度).
_CADENCES = (
    ("每年第一季度", "first-quarter"),
    ("每半年", "half-yearly"),
    ("每季度", "quarterly"),
    ("按季度", "quarterly"),
    ("每月", "monthly"),
    ("按月", "monthly"),
    ("每年", "yearly"),
    ("按年", "yearly"),
)
# What people add around a deadline that says nothing more: 前, 之前, 完成, 以前.
_TRAILING = re.compile(r"(?:之前|以前|前|完成|底前完成|内完成)+$")


def excel_serial(number: float) -> date | None:
    """An Excel date serial (a cell formatted as a number), if it is a plausible one."""
    if 20000 <= number <= 80000 and float(number).is_integer():
        return _EXCEL_EPOCH + timedelta(days=int(number))
    return None


def read_deadline(value: Value, feedback: date, work: WorkCalendar, shift: bool) -> DeadlineCell:
    """A 完成时限 cell: a date, a serial number, 2021/6/30, 2021.9.30, 2021年12月31日,
    2021年12月底前, 12月底前, 年内/年底前, 3个月内/10个工作日内 (from the feedback date),
    立行立改 (immediate), 长期坚持/持续推进 (ongoing)."""
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
    compact = typed.replace(" ", "")
    if any(compact.startswith(word) for word in _ONGOING):
        every = next((c for word, c in _CADENCES if word in compact), None)
        return DeadlineCell(Term.ONGOING, None, typed, every)
    if any(compact.startswith(word) for word in _IMMEDIATE):
        # As the example ledger records them: within a month of the feedback.
        return DeadlineCell(Term.IMMEDIATE, add_months(feedback, 1), typed)
    bare = _TRAILING.sub("", compact) or compact
    full = _FULL_DATE.fullmatch(bare)
    if full:
        day = _real_date(int(full.group(1)), int(full.group(2)), int(full.group(3)), typed)
        # A date written out in full is a date: its wording is kept only if unusual.
        plain = re.fullmatch(r"\d{4}-\d{2}-\d{2}", typed) is not None
        return DeadlineCell(Term.DATED, day, None if plain else typed)
    year_month = _YEAR_MONTH_END.fullmatch(bare)
    if year_month:
        year, month = int(year_month.group(1)), int(year_month.group(2))
        return DeadlineCell(Term.DATED, _month_end(year, month, typed), typed)
    month_only = _MONTH_END.fullmatch(bare)
    if month_only:
        month = int(month_only.group(1))
        year = feedback.year if month >= feedback.month else feedback.year + 1
        return DeadlineCell(Term.DATED, _month_end(year, month, typed), typed)
    if compact in _YEAR_END or bare in _YEAR_END:
        return DeadlineCell(Term.DATED, date(feedback.year, 12, 31), typed)
    try:
        parsed = parse_deadline(bare, feedback, work, shift)
    except ValueError:
        raise CellError(said("cannot read {value} as a deadline", value=repr(typed))) from None
    return DeadlineCell(Term.DATED, parsed.day, typed)


def _real_date(year: int, month: int, day: int, typed: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise CellError(said("{value} is not a real date", value=repr(typed))) from None


def _month_end(year: int, month: int, typed: str) -> date:
    if not 1 <= month <= 12:
        raise CellError(said("{value} is not a real date", value=repr(typed)))
    return month_end(year, month)


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
