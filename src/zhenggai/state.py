"""A task's computed state on a given day: overdue, due soon, its light, stale, review due.

Nothing here is stored in the ledger; everything is derived from a task, the
ledger's settings and the day asked about, so the same question always gets
the same answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from zhenggai.dates import latest_passed_review
from zhenggai.model import Settings, Status, Task
from zhenggai.vocab import Cadence, Light


@dataclass(frozen=True, slots=True, kw_only=True)
class OpenMilestone:
    """A milestone not reached yet: its place in the task's list, due date and name."""

    index: int
    due: date
    what: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Timeline:
    """The facts of a task that its state on a given day depends on.

    Small, so the parse cache keeps it beside the task: the timeliness checks
    and `zhenggai list` answer from it without building whole tasks.
    """

    status: Status
    deadline: date | None
    original_deadline: date | None
    extensions: int
    cadence: Cadence | None
    last_progress: date | None
    open_milestones: list[OpenMilestone] = field(default_factory=list)


def timeline_of(task: Task) -> Timeline:
    return Timeline(
        status=task.status,
        deadline=task.deadline,
        original_deadline=task.original_deadline,
        extensions=len(task.extensions),
        cadence=task.cadence,
        last_progress=task.last_progress,
        open_milestones=[
            OpenMilestone(index=index, due=milestone.due, what=milestone.what)
            for index, milestone in enumerate(task.milestones)
            if milestone.done is None
        ],
    )


@dataclass(frozen=True)
class ReviewDue:
    """An ongoing task whose last review period passed without a progress note."""

    due: date
    period_start: date
    days_late: int


@dataclass(frozen=True)
class TaskState:
    """What a task's dates mean on ``today``."""

    today: date
    is_open: bool
    overdue: bool
    days_left: int | None  # negative when late; None without a deadline
    light: Light
    stale_days: int | None  # days since the last progress note when over the window
    review: ReviewDue | None
    extensions: int
    days_late_vs_original: int | None  # how late against the deadline before extensions

    @property
    def days_late(self) -> int:
        return -self.days_left if self.overdue and self.days_left is not None else 0


def is_open(task: Timeline | Task) -> bool:
    """A task that still has a deadline to meet (not done, cancelled or ongoing)."""
    return task.status is Status.IN_PROGRESS


def compute_state(task: Timeline, settings: Settings, today: date) -> TaskState:
    """Every derived fact about a task (its `Timeline`) on ``today``."""
    open_ = is_open(task)
    days_left = (task.deadline - today).days if task.deadline is not None else None
    overdue = days_overdue(task, today) is not None
    original = task.original_deadline
    return TaskState(
        today=today,
        is_open=open_,
        overdue=overdue,
        days_left=days_left,
        light=_light(open_, days_left, settings),
        stale_days=stale_days(task, settings, today),
        review=review_due(task, settings, today),
        extensions=task.extensions,
        days_late_vs_original=(
            (today - original).days if open_ and original is not None and original < today else None
        ),
    )


def days_overdue(task: Timeline, today: date) -> int | None:
    """How many days an open task is past its deadline; None when it is not late.

    Due today is not late until the day is over.
    """
    if not is_open(task) or task.deadline is None or task.deadline >= today:
        return None
    return (today - task.deadline).days


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


def stale_days(task: Timeline, settings: Settings, today: date) -> int | None:
    """Days since an open task's last progress note, when more than the stale window.

    Counted from the inspection's feedback date for a task with no notes.
    """
    # Ongoing tasks answer to their review cadence instead.
    if not is_open(task):
        return None
    since = task.last_progress or settings.source.feedback_date
    days = (today - since).days
    return days if days > settings.stale_days else None


def review_due(task: Timeline, settings: Settings, today: date) -> ReviewDue | None:
    """The review an ongoing task missed, if any.

    The latest period whose review date has passed must hold a progress note
    (or a later one). Periods that ended before the inspection's feedback are
    not asked for.
    """
    if task.status is not Status.ONGOING or task.cadence is None:
        return None
    due, start = latest_passed_review(task.cadence, today)
    if due < settings.source.feedback_date:
        return None
    last = task.last_progress
    if last is not None and last >= start:
        return None
    return ReviewDue(due=due, period_start=start, days_late=(today - due).days)
