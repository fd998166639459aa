"""A ledger's counts on many days — measures signed off, measures overdue — for charts
over time, each day told as it stood then (the sign-offs, reopenings, cancellations
and extensions dated by that day).

The same rules as `state.compute_state`, reduced to the two facts a chart needs, so
that forty weeks of ten thousand tasks cost what forty-odd `status` runs would not.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from zhenggai.days.state import Timeline, created_on, deadline_on, standing_on
from zhenggai.records.model import Settings, Status


@dataclass(frozen=True)
class DayCount:
    day: date
    existing: int  # measures that existed on the day
    done: int  # signed off by then, as it stood
    overdue: int  # open and past the deadline in force that day


def counts_on(
    timelines: Iterable[Timeline], settings: Settings, days: Sequence[date]
) -> list[DayCount]:
    existing = [0] * len(days)
    done = [0] * len(days)
    overdue = [0] * len(days)
    for timeline in timelines:
        created = created_on(timeline, settings)
        for index, day in enumerate(days):
            if created > day:
                continue
            existing[index] += 1
            status = standing_on(timeline, day).status
            if status is Status.DONE:
                done[index] += 1
            elif status is Status.IN_PROGRESS:
                deadline = deadline_on(timeline, day)
                if deadline is not None and deadline < day:
                    overdue[index] += 1
    return [DayCount(day, existing[i], done[i], overdue[i]) for i, day in enumerate(days)]
