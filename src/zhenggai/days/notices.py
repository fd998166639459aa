"""Supervision notices (督办单) on a given day: whether the last one was answered, and
the level the next one takes.

Offices escalate one step at a time: a task coming due gets a reminder (提醒); the
first notice once it is overdue is a supervision notice (督办); a warning (告诫) only
when a notice sent while it was overdue went unanswered past its reply-by day, and
once warned it stays warned while it is overdue. A notice is answered by what the
unit does from its issue to its reply-by day: a progress note by one of the task's
units (a note of no author counts as theirs; the office's own notes answer nothing),
a sign-off, an extension or an application.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from datetime import date
from enum import StrEnum

from zhenggai.days.events import NoticeDates
from zhenggai.days.state import TaskState, Timeline


class NoticeLevel(StrEnum):
    REMINDER = "提醒"
    SUPERVISION = "督办"
    WARNING = "告诫"


def answered(timeline: Timeline, notice: NoticeDates, units: Sequence[str] = ()) -> bool:
    """Something the unit did from the notice's day to its reply-by day: a progress
    note by one of the task's ``units`` (given; else by anyone but the notice's issuer),
    a sign-off, an extension approved or an application made."""
    first, last = notice.issued.toordinal(), notice.reply_by.toordinal()
    notes = timeline.notes  # ordinals, sorted
    at = bisect_left(notes, first)
    authors = timeline.note_by
    while at < len(notes) and notes[at] <= last:
        by = authors[at] if at < len(authors) else ""
        theirs = not by or by in units if units else not notice.by or by != notice.by
        if theirs and not (notice.by and by == notice.by):
            return True
        at += 1

    def within(day: date | None) -> bool:
        return day is not None and notice.issued <= day <= notice.reply_by

    return (
        any(event.closed and within(event.day) for event in timeline.sign_offs)
        or any(within(change.approved) for change in timeline.deadline_changes)
        or any(within(request.applied) for request in timeline.requests)
    )


def unanswered(timeline: Timeline, today: date, units: Sequence[str] = ()) -> NoticeDates | None:
    """The task's last notice issued by ``today``, if its reply-by day is over and it
    was not answered; an earlier unanswered one was already escalated by a later one."""
    issued = [notice for notice in timeline.notices if notice.issued <= today]
    if not issued:
        return None
    last = issued[-1]
    if last.reply_by < today and not answered(timeline, last, units):
        return last
    return None


def level_due(
    timeline: Timeline, state: TaskState, notice_days: int, units: Sequence[str] = ()
) -> NoticeLevel | None:
    """The level of notice the task calls for on the state's day, or None: coming due
    within ``notice_days`` is 提醒; overdue is 督办, and 告诫 once a notice sent while
    overdue went unanswered (and from then on, while it stays overdue)."""
    if not state.is_open or state.days_left is None:
        return None
    if state.overdue:
        today = state.today
        issued = [notice for notice in timeline.notices if notice.issued <= today]
        if any(notice.level == NoticeLevel.WARNING for notice in issued):
            return NoticeLevel.WARNING
        sent_overdue = [n for n in issued if n.level == NoticeLevel.SUPERVISION]
        if sent_overdue:
            last = sent_overdue[-1]
            if last.reply_by < today and not answered(timeline, last, units):
                return NoticeLevel.WARNING
        return NoticeLevel.SUPERVISION
    if 0 <= state.days_left <= notice_days:
        return NoticeLevel.REMINDER
    return None
