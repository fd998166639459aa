"""Working days on China's official calendar, with 调休 (make-up working weekends).

The official calendar comes from the `chinesecalendar` package. A ledger can
add or correct years in ``holidays.yaml``; for a year neither covers, Monday to
Friday is assumed and the calendar says so, so the caller can warn.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

HOLIDAYS_FILE = "holidays.yaml"


@dataclass
class WorkCalendar:
    """Answers "is this a working day?"; ``holidays``/``workdays`` override by year."""

    holidays: frozenset[date] = frozenset()
    workdays: frozenset[date] = frozenset()
    override_years: frozenset[int] = frozenset()
    guessed_years: set[int] = field(default_factory=set)  # years where Mon–Fri was assumed

    def is_workday(self, day: date) -> bool:
        if day.year in self.override_years:
            if day in self.workdays:
                return True
            return day.weekday() < 5 and day not in self.holidays
        import chinese_calendar

        try:
            return bool(chinese_calendar.is_workday(day))
        except NotImplementedError:
            self.guessed_years.add(day.year)
            return day.weekday() < 5

    def add_workdays(self, start: date, count: int) -> date:
        """The ``count``-th working day after ``start`` (the start day itself not counted)."""
        day = start
        remaining = count
        while remaining > 0:
            day += timedelta(days=1)
            if self.is_workday(day):
                remaining -= 1
        return day

    def next_workday(self, day: date) -> date:
        """``day`` itself if it is a working day, else the first working day after it."""
        while not self.is_workday(day):
            day += timedelta(days=1)
        return day
