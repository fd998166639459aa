"""The ledger's today, and the calendar arithmetic of review cadences."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache

from zhenggai.days.workdays import WorkCalendar
from zhenggai.messages import TextError
from zhenggai.messages import text as said
from zhenggai.records.fields import in_ledger_years
from zhenggai.records.model import Cadence


def ledger_today(timezone: str, now: datetime) -> date:
    """The date it is in the ledger's timezone at the instant ``now``.

    A CI runner on UTC at 17:00 is already on tomorrow in Asia/Shanghai; the
    ledger's today is what counts, not the runner's.
    """
    if now.tzinfo is None:
        raise ValueError("now must carry a timezone")
    from zoneinfo import ZoneInfo  # only when the clock is read: no --as-of

    return now.astimezone(ZoneInfo(timezone)).date()


#: A day as offices write it: 2026-12-31, 2026/12/31, 2026.12.31, 2026年12月31日.
_WRITTEN_DAY = re.compile(r"(\d{4})\s*([-/.年])\s*(\d{1,2})\s*([-/.月])\s*(\d{1,2})\s*(日?)")


def parse_day(text: str) -> date:
    """A day typed on the command line, as offices write one: 2026-12-31, 2026/12/31,
    2026.12.31 or 2026年12月31日 (TextError otherwise)."""
    written = _WRITTEN_DAY.fullmatch(text.strip())
    if written is None or not _consistent(written):
        raise TextError(
            said(
                "{typed} is not a date: write 2026-12-31, 2026/12/31, 2026.12.31 or 2026年12月31日",
                typed=repr(text),
            )
        )
    year, month, day = (int(written.group(n)) for n in (1, 3, 5))
    try:
        found = date(year, month, day)
    except ValueError:
        raise TextError(said("{typed} is not a real date", typed=repr(text))) from None
    return in_ledger_years(found)


def _consistent(written: re.Match[str]) -> bool:
    # 2026年12月31日 with its 年 and 月, or one separator twice: no 2026-12/31.
    first, second, last = written.group(2), written.group(4), written.group(6)
    if first == "年":
        return second == "月"
    return first == second and not last


_MONTHS_PER_PERIOD = {
    Cadence.MONTHLY: 1,
    Cadence.QUARTERLY: 3,
    Cadence.HALF_YEARLY: 6,
    Cadence.YEARLY: 12,
    Cadence.FIRST_QUARTER: 12,
}


def period_start(cadence: Cadence, day: date) -> date:
    """The first day of the cadence's period that contains ``day``."""
    months = _MONTHS_PER_PERIOD[cadence]
    month = (day.month - 1) // months * months + 1
    return date(day.year, month, 1)


def review_due_date(cadence: Cadence, start: date) -> date:
    """The last day by which the period starting at ``start`` must show a review."""
    if cadence is Cadence.FIRST_QUARTER:
        return date(start.year, 3, 31)
    return add_months(start, _MONTHS_PER_PERIOD[cadence]) - timedelta(days=1)


@cache  # asked for every ongoing task of a ledger, always with the same day
def latest_passed_review(cadence: Cadence, today: date) -> tuple[date, date]:
    """The most recent review due date strictly before ``today``, and its period's start."""
    start = period_start(cadence, today)
    due = review_due_date(cadence, start)
    if due >= today:
        start = add_months(start, -_MONTHS_PER_PERIOD[cadence])
        due = review_due_date(cadence, start)
    return due, start


@dataclass(frozen=True)
class Deadline:
    """A deadline worked out from what was typed, and the wording to keep."""

    day: date
    basis: str | None  # the typed wording, kept in deadline_basis; None for a plain date
    shifted_from: date | None = None  # the rest day it was moved from


_YEAR_END = {"年内", "年底", "年底前", "年内完成", "year-end"}
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_RELATIVE = re.compile(r"\+(\d+)(d|w|m|wd)")
_CHINESE_RELATIVE = re.compile(r"(?:反馈后)?(\d+)(个工作日|个月|天|日|周)内?")
_CHINESE_UNITS = {"个工作日": "wd", "个月": "m", "天": "d", "日": "d", "周": "w"}


#: A typed relative deadline as people say it: +10wd is 10个工作日 (10 working days).
_SAID_UNITS = {
    "zh": {"wd": "{n}个工作日", "d": "{n}天", "w": "{n}周", "m": "{n}个月"},
    "en": {"wd": "{n} working days", "d": "{n} days", "w": "{n} weeks", "m": "{n} months"},
}


def said_basis(basis: str, language: str = "zh") -> str:
    """A deadline's wording as a reader reads it: the short form typed on the command
    line (+10wd) in words (10个工作日); any other wording as the office wrote it."""
    relative = _RELATIVE.fullmatch(basis.strip())
    if relative is None:
        return basis
    units = _SAID_UNITS.get(language, _SAID_UNITS["zh"])
    return units[relative.group(2)].format(n=int(relative.group(1)))


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or that month's last day when it has no such day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def parse_deadline(text: str, base: date, work: WorkCalendar, shift: bool = False) -> Deadline:
    """A deadline typed as ``2021-07-31``, ``年内``/``year-end``, ``2021-07`` (month end),
    ``+30d``, ``+2w``, ``+2m``, ``+10wd`` (working days) or ``2个月内``/``10个工作日内``.

    Relative forms count from ``base``, the start day not counted. With
    ``shift``, a computed deadline that lands on a rest day moves to the next
    working day (民法典 Art. 203); a date typed out in full is kept as it is.
    Raises ValueError with the accepted forms.
    """
    typed = text.strip()
    if _ISO_LIKE.fullmatch(typed):
        return Deadline(parse_day(typed), None)
    day = _computed(typed, base, work)
    if shift:
        moved = work.next_workday(day)
        if moved != day:
            return Deadline(moved, typed, shifted_from=day)
    return Deadline(day, typed)


_ISO_LIKE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")


def _computed(typed: str, base: date, work: WorkCalendar) -> date:
    if typed in _YEAR_END:
        return date(base.year, 12, 31)
    month = _MONTH.fullmatch(typed)
    if month:
        year, number = int(month.group(1)), int(month.group(2))
        if 1 <= number <= 12:
            return month_end(year, number)
    relative = _RELATIVE.fullmatch(typed)
    if relative:
        count, unit = int(relative.group(1)), relative.group(2)
    else:
        chinese = _CHINESE_RELATIVE.fullmatch(typed)
        if not chinese:
            raise TextError(
                said(
                    "cannot read the deadline {typed}: write a date (2021-07-31, 2021/7/31, "
                    "2021年7月31日), a month's end (2021年7月底, 7月底), 年底前, a span from "
                    "the start date (3个月内, 10个工作日内, +30d, +10wd), 立行立改 or 长期坚持",
                    typed=repr(typed),
                )
            )
        count, unit = int(chinese.group(1)), _CHINESE_UNITS[chinese.group(2)]
    # Refused up front: a span of a million working days would be counted day by day,
    # under the ledger's lock, to a year no date can hold.
    if count * _DAYS_PER[unit] > MAX_SPAN_DAYS:
        raise TextError(
            said(
                "the span {typed} is more than {years} years: write the deadline as a date",
                typed=repr(typed),
                years=MAX_SPAN_DAYS // 365,
            )
        )
    if unit == "d":
        day = base + timedelta(days=count)
    elif unit == "w":
        day = base + timedelta(weeks=count)
    elif unit == "m":
        day = add_months(base, count)
    else:
        day = work.add_workdays(base, count)
    return in_ledger_years(day)


#: The longest span a deadline may be typed as, and each unit's days (at least).
MAX_SPAN_DAYS = 100 * 365
_DAYS_PER = {"d": 1, "w": 7, "m": 28, "wd": 1}
