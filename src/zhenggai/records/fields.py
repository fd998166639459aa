"""The kinds of value a record's field holds: text, ids, counts and dates, each with
the rule (`rules`) that validation applies to it."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from zhenggai.messages import TextError
from zhenggai.messages import text as said
from zhenggai.records.rules import Before, Limits

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


#: The years a ledger's dates may fall in: wider than any rectification, narrow enough
#: that no date arithmetic (a review period, a deadline span) leaves what `date` holds.
FIRST_YEAR, LAST_YEAR = 1900, 2999


def _iso_date(value: Any) -> Any:
    # Only YYYY-MM-DD: pydantic alone would also take timestamps and datetimes.
    if not isinstance(value, date):
        if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
            raise ValueError("expected a date written YYYY-MM-DD, such as 2021-07-31")
        try:
            value = date.fromisoformat(value)
        except ValueError:
            # Python's reason ("day is out of range for month") has no Chinese: the date
            # itself says what is wrong with it.
            raise TextError(said("{value} is not a real date", value=value)) from None
    return in_ledger_years(value)


def in_ledger_years(day: date) -> date:
    """``day``, if its year is one a ledger's dates may have; ValueError otherwise."""
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise TextError(
            said(
                "{day} is not a date of a ledger: the year must be {first}–{last}",
                day=day,
                first=FIRST_YEAR,
                last=LAST_YEAR,
            )
        )
    return day


def known_timezone(value: str) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown timezone {value!r}; use a name like Asia/Shanghai") from None
    return value


IsoDate = Annotated[date, Before(_iso_date)]
Day = date  # for annotations inside records that have a field named `date`
Text = Annotated[str, Limits(strict=True, strip_whitespace=True, min_length=1)]
Id = Annotated[str, Limits(strict=True, min_length=1, max_length=64, pattern=r"^[^\s/\\]+$")]
#: A child ledger's name: an id without ``:``, which joins a name to an id of its own.
ChildName = Annotated[
    str, Limits(strict=True, min_length=1, max_length=64, pattern=r"^[^\s/\\:]+$")
]
Count = Annotated[int, Limits(ge=0)]
