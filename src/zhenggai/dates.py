"""The ledger's today, and the calendar arithmetic of review cadences."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from zhenggai.model import Cadence


def ledger_today(timezone: str, now: datetime) -> date:
    """The date it is in the ledger's timezone at the instant ``now``.

    A CI runner on UTC at 17:00 is already on tomorrow in Asia/Shanghai; the
    ledger's today is what counts, not the runner's.
    """
    if now.tzinfo is None:
        raise ValueError("now must carry a timezone")
    return now.astimezone(ZoneInfo(timezone)).date()


def parse_iso_date(text: str) -> date:
    """A YYYY-MM-DD date typed on the command line (ValueError otherwise)."""
    if len(text) != 10:
        raise ValueError(f"{text!r} is not a date written YYYY-MM-DD")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a real date written YYYY-MM-DD") from None


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


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def review_due_date(cadence: Cadence, start: date) -> date:
    """The last day by which the period starting at ``start`` must show a review."""
    if cadence is Cadence.FIRST_QUARTER:
        return date(start.year, 3, 31)
    return _add_months(start, _MONTHS_PER_PERIOD[cadence]) - timedelta(days=1)


def latest_passed_review(cadence: Cadence, today: date) -> tuple[date, date]:
    """The most recent review due date strictly before ``today``, and its period's start."""
    start = period_start(cadence, today)
    due = review_due_date(cadence, start)
    if due >= today:
        start = _add_months(start, -_MONTHS_PER_PERIOD[cadence])
        due = review_due_date(cadence, start)
    return due, start
