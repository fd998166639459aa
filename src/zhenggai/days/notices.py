"""Supervision notices (督办单) on a given day: whether the last one was answered, and
the level the next one takes.

Offices escalate: a task coming due gets a reminder (提醒); an overdue one a
supervision notice (督办); an overdue one whose last notice's reply-by day passed
with nothing recorded, a warning (告诫). A notice is answered by a progress note
or a sign-off dated from its issue to its reply-by day.
"""

from __future__ import annotations

from bisect import bisect_left
from datetime import date
from enum import StrEnum

from zhenggai.days.events import NoticeDates
from zhenggai.days.state import TaskState, Timeline


class NoticeLevel(StrEnum):
    REMINDER = "提醒"
    SUPERVISION = "督办"
    WARNING = "告诫"


def answered(timeline: Timeline, notice: NoticeDates) -> bool:
    """A progress note or a sign-off dated from the notice's day to its reply-by day."""
    first, last = notice.issued.toordinal(), notice.reply_by.toordinal()
    notes = timeline.notes  # ordinals, sorted
    at = bisect_left(notes, first)
    if at < len(notes) and notes[at] <= last:
        return True
    return any(
        event.closed and notice.issued <= event.day <= notice.reply_by
        for event in timeline.sign_offs
    )


def unanswered(timeline: Timeline, today: date) -> NoticeDates | None:
    """The task's last notice issued by ``today``, if its reply-by day is over and it
    was not answered; an earlier unanswered one was already escalated by a later one."""
    issued = [notice for notice in timeline.notices if notice.issued <= today]
    if not issued:
        return None
    last = issued[-1]
    if last.reply_by < today and not answered(timeline, last):
        return last
    return None


def level_due(timeline: Timeline, state: TaskState, notice_days: int) -> NoticeLevel | None:
    """The level of notice the task calls for on the state's day, or None: overdue is
    督办 (告诫 after an unanswered notice), due within ``notice_days`` is 提醒."""
    if not state.is_open or state.days_left is None:
        return None
    if state.overdue:
        if unanswered(timeline, state.today) is not None:
            return NoticeLevel.WARNING
        return NoticeLevel.SUPERVISION
    if 0 <= state.days_left <= notice_days:
        return NoticeLevel.REMINDER
    return None
