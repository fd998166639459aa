"""The dated facts a task's timeline is made of (see `state`): extensions, sign-offs,
milestones, notices, and applications with each level's act on them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True, kw_only=True)
class NoticeDates:
    """A supervision notice issued for the task (see `days.notices`)."""

    issued: date
    level: str  # 提醒 | 督办 | 告诫
    reply_by: date
    by: str | None = None  # who issued it: a note of theirs answers nothing
    number: str | None = None  # 督办〔2021〕3号: read for the next number of the year


@dataclass(frozen=True, slots=True, kw_only=True)
class MilestoneDates:
    """A milestone: its place in the task's list, due date, name, and the day it was reached."""

    index: int
    due: date
    what: str
    done: date | None


@dataclass(frozen=True, slots=True, kw_only=True)
class OpenMilestone:
    """A milestone not reached yet on the day asked about."""

    index: int
    due: date
    what: str


@dataclass(frozen=True, slots=True, kw_only=True)
class DeadlineChange:
    """An extension: the new deadline, in force from the day it was approved.

    An extension recorded without its approval day (older files) is taken as in
    force from the start: nothing says when it came.
    """

    approved: date | None
    to: date


@dataclass(frozen=True, slots=True, kw_only=True)
class SignOffEvent:
    """A sign-off (``closed``) or a reopening that undid one, on ``day``."""

    day: date
    closed: bool
    review: bool = False  # a reopening by a 回头看 review
    applied: date | None = None  # a sign-off through an approval chain: applied for then


@dataclass(frozen=True, slots=True, kw_only=True)
class RequestDates:
    """An application (申请销号 or 申请延期) and the days of each level's act on it."""

    kind: str  # signoff | extension
    applied: date
    approvals: list[date] = field(default_factory=list)  # each level's approval, in order
    returned: date | None = None  # sent back to the unit (退回)
    approved: date | None = None  # the last level's approval: signed off, or extended


@dataclass(frozen=True, slots=True, kw_only=True)
class Pending:
    """An application waiting for approval (待审核) on the day asked about."""

    kind: str  # signoff | extension
    applied: date
    level: int  # the level it waits at, counted in the chain (1: the first after applying)
    since: date  # the day it came to that level
    level_name: str = ""  # as the ledger's `approval:` names it (filled in with the settings)


def pending_on(requests: list[RequestDates], day: date) -> Pending | None:
    """The application waiting for approval on ``day``: the latest applied by then,
    unless it was returned or approved by then."""
    for request in reversed(requests):
        if request.applied > day:
            continue
        if request.returned is not None and request.returned <= day:
            return None
        if request.approved is not None and request.approved <= day:
            return None
        passed = [approval for approval in request.approvals if approval <= day]
        return Pending(
            kind=request.kind,
            applied=request.applied,
            level=len(passed) + 1,
            since=max(passed, default=request.applied),
        )
    return None
