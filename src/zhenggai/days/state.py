"""A task as it stood on a given day: its status, the deadline in force, late or not.

Nothing here is stored in the ledger, and nothing reads the clock: everything
is derived from a task's dated records, the ledger's settings and the day
asked about. Only records dated on or before that day count — the sign-off,
reopenings, extensions (by the day each was approved), the cancellation,
progress notes, milestones reached — so "what did the ledger say on 1 March?"
has one answer, whatever was recorded after. `compute_state` is the one place
that answers it; every command and report asks it.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field, replace
from datetime import date
from typing import NamedTuple

from zhenggai.days.dates import latest_passed_review
from zhenggai.days.events import (
    DeadlineChange,
    MilestoneDates,
    NoticeDates,
    OpenMilestone,
    Pending,
    RequestDates,
    SignOffEvent,
    pending_on,
)
from zhenggai.records.model import Settings, Status, Task, Term
from zhenggai.records.vocab import Cadence, Light


@dataclass(frozen=True, slots=True, kw_only=True)
class Timeline:
    """The dated facts of a task that its state on any day depends on.

    Small, so the parse cache keeps it beside the task: the timeliness checks,
    `zhenggai list` and `zhenggai status` answer from it without building whole
    tasks.
    """

    status: Status  # as recorded now
    term: Term
    created: date | None  # as written; see `created_on` for older files without it
    first_record: date | None  # the earliest dated record: the task existed then
    last_record: date | None  # the latest date of any record (see the future-date check)
    deadline: date | None  # as recorded now: the last extension's `to`
    original_deadline: date | None
    deadline_changes: list[DeadlineChange] = field(default_factory=list)
    sign_offs: list[SignOffEvent] = field(default_factory=list)  # in the order they happened
    cancelled: bool = False
    cancelled_on: date | None = None  # None with `cancelled`: an undated (older) cancellation
    cadence: Cadence | None = None
    # The days of the progress notes as ordinals, sorted: a warm run unpacks ten thousand
    # tasks' notes, and a plain int costs nothing to unpack (a date must be built).
    notes: list[int] = field(default_factory=list)
    # Who wrote each note, in the order of ``notes`` ("" where nobody is named): a
    # supervision notice is answered only by a note of one of the task's units.
    note_by: list[str] = field(default_factory=list)
    milestones: list[MilestoneDates] = field(default_factory=list)
    notices: list[NoticeDates] = field(default_factory=list)  # in the order issued
    requests: list[RequestDates] = field(default_factory=list)  # in the order applied


def timeline_of(task: Task) -> Timeline:
    sign_offs = []
    for reopening in task.reopenings:
        previous = reopening.previous_closing
        sign_offs.append(SignOffEvent(day=previous.date, closed=True, applied=previous.applied))
        sign_offs.append(
            SignOffEvent(day=reopening.date, closed=False, review=reopening.review is not None)
        )
    if task.closing is not None:
        closing = task.closing
        sign_offs.append(SignOffEvent(day=closing.date, closed=True, applied=closing.applied))
    requests = [
        RequestDates(
            kind=request.kind,
            applied=request.date,
            approvals=[step.date for step in request.steps if step.action == "approved"],
            returned=next((s.date for s in request.steps if s.action == "returned"), None),
            approved=request.approved,
        )
        for request in task.requests
    ]
    existed = [
        *(request.date for request in task.requests),
        *(step.date for request in task.requests for step in request.steps),
        *(note.date for note in task.progress),
        *(item.date for item in task.extensions if item.date is not None),
        *(event.day for event in sign_offs),
        *(item.added for item in task.evidence),
    ]
    if task.cancelled is not None:
        existed.append(task.cancelled.date)
    recorded = [
        *existed,
        *(item.done for item in task.milestones if item.done is not None),
        *(day for item in task.regulations if (day := item.adopted_on) is not None),
        *(item.date for item in task.corrections),
        *(item.date for item in task.notices),
    ]
    if task.created is not None:
        recorded.append(task.created)
    authored = sorted((note.date.toordinal(), note.by or "") for note in task.progress)
    return Timeline(
        status=task.status,
        term=task.term,
        created=task.created,
        first_record=min(existed, default=None),
        last_record=max(recorded, default=None),
        deadline=task.deadline,
        original_deadline=task.original_deadline,
        deadline_changes=[
            DeadlineChange(approved=item.date, to=item.to) for item in task.extensions
        ],
        sign_offs=sign_offs,
        cancelled=task.status is Status.CANCELLED,
        cancelled_on=task.cancelled.date if task.cancelled is not None else None,
        cadence=task.cadence,
        notes=[day for day, _ in authored],
        note_by=[by for _, by in authored],
        milestones=[
            MilestoneDates(index=index, due=item.due, what=item.what, done=item.done)
            for index, item in enumerate(task.milestones)
        ],
        notices=[
            NoticeDates(
                issued=item.date,
                level=item.level,
                reply_by=item.reply_by,
                by=item.by,
                number=item.number,
            )
            for item in task.notices
        ],
        requests=requests,
    )


@dataclass(frozen=True)
class ReviewDue:
    """An ongoing task whose last review period passed without a progress note."""

    due: date
    period_start: date
    days_late: int


class Standing(NamedTuple):
    """A task's status on a day, and the sign-off in force then (if done)."""

    status: Status
    closed_on: date | None


@dataclass(slots=True)
class TaskState:
    """What a task's records say on ``today``, counting only those dated by then.

    Not frozen, though nothing changes one: a frozen record is built field by
    field through ``object.__setattr__``, and a check of a large ledger builds
    one for every task (10,000 tasks: 51 -> 36 ms).
    """

    today: date
    exists: bool  # created on or before today
    status: Status  # as it stood on today
    is_open: bool
    overdue: bool
    deadline: date | None  # the deadline in force on today
    days_left: int | None  # negative when late; None without a deadline
    light: Light
    stale_days: int | None  # days since the last progress note when over the window
    review: ReviewDue | None
    extensions: int  # approved by today
    days_late_vs_original: int | None  # how late against the deadline before extensions
    last_progress: date | None  # the last note dated by today
    closed_on: date | None  # the sign-off in force on today
    closed_late_days: int | None  # signed off this many days after the deadline then in force
    open_milestones: tuple[OpenMilestone, ...] = ()
    pending: Pending | None = None  # an application waiting for approval on today

    @property
    def days_late(self) -> int:
        return -self.days_left if self.overdue and self.days_left is not None else 0

    @property
    def done_late(self) -> bool:
        return self.closed_late_days is not None


def is_open(status: Status) -> bool:
    """A task that still has a deadline to meet (not done, cancelled or ongoing)."""
    return status is Status.IN_PROGRESS


def created_on(timeline: Timeline, settings: Settings) -> date:
    """The day a task entered the ledger.

    As written in ``created``; for older files without it, the inspection's
    feedback date, or the task's earliest record if that is earlier (work
    begun before the feedback, 先期整改). Never taken from git: a shallow
    clone or a ledger moved into git later would date every task to then.
    """
    if timeline.created is not None:
        return timeline.created
    feedback = settings.source.feedback_date
    first = timeline.first_record
    return first if first is not None and first < feedback else feedback


def standing_on(timeline: Timeline, day: date) -> Standing:
    """The task's status on ``day`` from its dated records alone."""
    status = timeline.status
    if status is not Status.DONE and not timeline.sign_offs and not timeline.cancelled:
        return Standing(status, None)  # most tasks: never signed off, never cancelled
    if timeline.cancelled and (timeline.cancelled_on is None or timeline.cancelled_on <= day):
        return Standing(Status.CANCELLED, None)
    closed_on = None
    for event in timeline.sign_offs:
        if event.day > day:
            break
        closed_on = event.day if event.closed else None
    if closed_on is not None:
        return Standing(Status.DONE, closed_on)
    if timeline.status is Status.DONE and not timeline.sign_offs:
        return Standing(Status.DONE, None)  # no closing record: `status-record` says so
    ongoing = timeline.status is Status.ONGOING or (
        timeline.status is not Status.IN_PROGRESS and timeline.term is Term.ONGOING
    )
    return Standing(Status.ONGOING if ongoing else Status.IN_PROGRESS, None)


def deadline_on(timeline: Timeline, day: date) -> date | None:
    """The deadline in force on ``day``: the last extension approved by then, else the original."""
    if not timeline.deadline_changes:
        return timeline.deadline
    deadline, pending = timeline.original_deadline, False
    for change in timeline.deadline_changes:
        if change.approved is None or change.approved <= day:
            deadline = change.to
        else:
            pending = True
    # Once every extension is in force, the deadline is the one the file states (where
    # the two disagree, `dates-in-order` says so; the written one stands meanwhile).
    return deadline if pending else timeline.deadline


def last_note_on(timeline: Timeline, day: date) -> date | None:
    notes = timeline.notes
    if not notes:
        return None
    limit = day.toordinal()
    if notes[-1] <= limit:  # most days asked about come after the last note
        return date.fromordinal(notes[-1])
    index = bisect_right(notes, limit)
    return date.fromordinal(notes[index - 1]) if index else None


def days_overdue(timeline: Timeline, today: date) -> int | None:
    """How many days a task open on ``today`` is past the deadline then in force; None
    when it is not late. Due today is not late until the day is over.

    Cheap, for filters that drop most of a ledger before working out whole states.
    """
    deadline = deadline_on(timeline, today)
    if deadline is None or deadline >= today:
        return None
    if not is_open(standing_on(timeline, today).status):
        return None
    if timeline.requests and _applied_in_time(timeline, pending_on(timeline.requests, today)):
        return None
    return (today - deadline).days


def _applied_in_time(timeline: Timeline, pending: Pending | None) -> bool:
    """Whether ``pending`` is a sign-off applied for by the deadline then in force: the
    work was done in time, and waits on the office, not on the unit."""
    if pending is None or pending.kind != "signoff":
        return False
    due = deadline_on(timeline, pending.applied)
    return due is None or pending.applied <= due


def compute_state(timeline: Timeline, settings: Settings, today: date) -> TaskState:
    """Every derived fact about a task (its `Timeline`) on ``today``."""
    created = created_on(timeline, settings)
    status, closed_on = standing_on(timeline, today)
    open_ = status is Status.IN_PROGRESS
    changes = timeline.deadline_changes
    deadline = deadline_on(timeline, today)
    days_left = (deadline - today).days if deadline is not None else None
    original = timeline.original_deadline
    last = last_note_on(timeline, today)
    pending = pending_on(timeline.requests, today) if timeline.requests else None
    if pending is not None:
        levels = settings.approval.levels(pending.kind)
        name = levels[pending.level].name if pending.level < len(levels) else ""
        pending = replace(pending, level_name=name)
    # A sign-off applied for in time waits on the office: not late, whatever day it is.
    in_time = _applied_in_time(timeline, pending)
    closed_late = None
    if closed_on is not None and original is not None:
        # Judged on the day the work was applied for as done, where a chain approved it.
        judged = _applied_for(timeline, closed_on) or closed_on
        due = deadline_on(timeline, judged)
        if due is not None and judged > due:
            closed_late = (judged - due).days
    return TaskState(
        today=today,
        exists=created <= today,
        status=status,
        is_open=open_,
        overdue=open_ and days_left is not None and days_left < 0 and not in_time,
        deadline=deadline,
        days_left=days_left,
        light=_light(open_ and not in_time, days_left, settings),
        # Ongoing tasks answer to their review cadence instead of the stale window.
        # An application, and each level's act on it, is news of the work as a note is.
        stale_days=_stale_days(
            max(last or created, created, pending.since if pending else created), settings, today
        )
        if open_
        else None,
        review=_review_due(
            timeline.cadence, last, max(created, settings.source.feedback_date), today
        )
        if status is Status.ONGOING
        else None,
        extensions=sum(
            1 for change in changes if change.approved is None or change.approved <= today
        )
        if changes
        else 0,
        days_late_vs_original=(
            (today - original).days if open_ and original is not None and original < today else None
        ),
        last_progress=last,
        closed_on=closed_on,
        closed_late_days=closed_late,
        open_milestones=tuple(
            OpenMilestone(index=milestone.index, due=milestone.due, what=milestone.what)
            for milestone in timeline.milestones
            if milestone.done is None or milestone.done > today
        )
        if open_ and timeline.milestones
        else (),
        pending=pending,
    )


def _applied_for(timeline: Timeline, closed_on: date) -> date | None:
    """The day the sign-off in force since ``closed_on`` was applied for (None: one step)."""
    for event in reversed(timeline.sign_offs):
        if event.closed and event.day == closed_on:
            return event.applied
    return None


def _light(open_: bool, days_left: int | None, settings: Settings) -> Light:
    if not open_ or days_left is None:
        return Light.GREEN
    if days_left < 0:
        return Light.RED
    if days_left <= settings.thresholds.yellow_days:
        return Light.YELLOW
    if days_left <= settings.thresholds.notice_days:
        return Light.NOTICE
    return Light.GREEN


def _stale_days(since: date, settings: Settings, today: date) -> int | None:
    """Days since an open task's last progress note (or its creation, if later), when
    more than the stale window."""
    days = (today - since).days
    return days if days > settings.stale_days else None


def _review_due(
    cadence: Cadence | None, last: date | None, asked_from: date, today: date
) -> ReviewDue | None:
    """The review an ongoing task missed, if any.

    Asked of a task ongoing on ``today``. The latest period whose review date
    has passed must hold a progress note (or a later one). Periods that ended
    before the inspection's feedback, or before the task was created, are not
    asked for.
    """
    if cadence is None:
        return None
    due, start = latest_passed_review(cadence, today)
    if due < asked_from:
        return None
    if last is not None and last >= start:
        return None
    return ReviewDue(due=due, period_start=start, days_late=(today - due).days)
