"""The weekly report (工作周报) as data: a period's totals, sign-offs, progress by unit,
what is late or due, extensions, reviews due, and the units that said nothing.

Every number comes from the same states `status` and `list` use on the same day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from zhenggai.ledger.inspection import weekly_heading
from zhenggai.ledger.loaded import Ledger
from zhenggai.ledger.queries import TaskRow, rows_for
from zhenggai.records.model import Status
from zhenggai.reports.forms import UnitReporting, weekly_register
from zhenggai.reports.status import Tally, reopened_by_review, tally
from zhenggai.reports.week_sections import WeekSections, build_sections

#: "Due soon" in a weekly report: the next two weeks.
DUE_WINDOW_DAYS = 14


@dataclass(frozen=True)
class Closed:
    task_id: str
    title: str
    lead_unit: str
    closed_on: date
    evidence: int  # files on record


@dataclass(frozen=True)
class Note:
    task_id: str
    title: str
    day: date
    text: str
    by: str | None


@dataclass(frozen=True)
class UnitNotes:
    unit: str
    notes: tuple[Note, ...]


@dataclass(frozen=True)
class Late:
    task_id: str
    title: str
    deadline: date
    days: int  # late by (overdue) or left (due soon)
    lead_unit: str
    leader: str


@dataclass(frozen=True)
class Extended:
    task_id: str
    title: str
    day: date  # approved on
    from_: date
    to: date
    reason: str
    approved_by: str | None


@dataclass(frozen=True)
class ReviewLate:
    task_id: str
    title: str
    due: date
    lead_unit: str


@dataclass(frozen=True)
class Act:
    """An application made, approved at a level, or returned, this week."""

    task_id: str
    title: str
    lead_unit: str
    kind: str  # signoff | extension
    act: str  # applied | approved | returned
    level: str  # the level that acted (the applying level for an application)
    day: date
    by: str
    note: str  # the summary or reason applied with; the opinion; the reason returned


@dataclass(frozen=True)
class Waiting:
    """An application waiting at a level at the end of the week."""

    task_id: str
    title: str
    lead_unit: str
    kind: str
    level: str
    since: date
    days: int  # waited at that level by the last day


@dataclass(frozen=True)
class WeeklyReport:
    title: str  # what comes before 工作周报: the subject's and the inspection's
    start: date  # the first day of the period
    end: date  # its last day: the as-of day
    now: Tally  # on the last day
    before: Tally  # on the day before the first: "a week ago"
    closed: tuple[Closed, ...]
    progress: tuple[UnitNotes, ...]  # by lead unit, in registry order
    overdue: tuple[Late, ...]  # worst first
    due_soon: tuple[Late, ...]  # soonest first
    extended: tuple[Extended, ...]
    reviews_due: tuple[ReviewLate, ...]
    silent_units: tuple[str, ...]  # units leading open work that recorded nothing
    reopened: tuple[int, int] = (0, 0)  # reopened by 回头看 reviews: now, and a week before
    by_ledger: tuple[Tally, ...] = ()  # over many ledgers: each one's totals, worst first
    acts: tuple[Act, ...] = ()  # applications and each level's act, this week
    waiting: tuple[Waiting, ...] = ()  # what waits at which level on the last day, longest first
    chained: bool = False  # the ledger's sign-offs or extensions pass through levels
    reporting: tuple[UnitReporting, ...] = ()  # who returned the week's 填报表, and how often
    sections: WeekSections | None = None  # by unit and leader, 督办, milestones, …
    issue: int | None = None  # 期号: the week's number since the feedback's week
    issuer: str | None = None  # 编发单位 and 落款
    sealed: bool = False
    report_to: tuple[str, ...] = ()  # 报
    send_to: tuple[str, ...] = ()  # 送
    copy_to: tuple[str, ...] = ()  # 抄送
    own_title: str | None = None  # the whole title, where the office sets it


def build_weekly(ledger: Ledger, start: date, end: date) -> WeeklyReport:
    """The report of the days ``start`` to ``end``, both counted."""
    notice = ledger.settings.thresholds.notice_days
    units = {unit.id: unit.name for unit in ledger.settings.units}
    leaders = {leader.id: leader.name for leader in ledger.settings.leaders}
    rows = rows_for(ledger, end)
    before = rows_for(ledger, start - timedelta(days=1))

    def unit(row: TaskRow) -> str:
        return units.get(row.task.lead_unit, row.task.lead_unit)

    def late(row: TaskRow, days: int) -> Late:
        deadline = row.state.deadline
        assert deadline is not None
        task = row.task
        return Late(
            task.id, task.title, deadline, days, unit(row), leaders.get(task.lead, task.lead)
        )

    closed = [
        Closed(r.task.id, r.task.title, unit(r), r.state.closed_on, len(r.task.evidence))
        for r in rows
        if r.state.closed_on is not None and start <= r.state.closed_on <= end
    ]
    notes_by_unit: dict[str, list[Note]] = {}
    for row in rows:
        for note in row.task.progress:
            if start <= note.date <= end:
                notes_by_unit.setdefault(row.task.lead_unit, []).append(
                    Note(row.task.id, row.task.title, note.date, note.text, note.by)
                )
    order = [u.id for u in ledger.settings.units]
    order += sorted(key for key in notes_by_unit if key not in units)
    progress = [
        UnitNotes(
            units.get(key, key), tuple(sorted(notes_by_unit[key], key=lambda n: (n.day, n.task_id)))
        )
        for key in order
        if key in notes_by_unit
    ]
    overdue = sorted(
        (late(r, r.state.days_late) for r in rows if r.state.overdue),
        key=lambda item: (-item.days, item.task_id),
    )
    due_soon = sorted(
        (
            late(r, r.state.days_left)
            for r in rows
            if r.state.is_open
            and r.state.days_left is not None
            and 0 <= r.state.days_left <= DUE_WINDOW_DAYS
        ),
        key=lambda item: (item.days, item.task_id),
    )
    extended = [
        Extended(r.task.id, r.task.title, x.date, x.from_, x.to, x.reason, x.approved_by)
        for r in rows
        for x in r.task.extensions
        if x.date is not None and start <= x.date <= end
    ]
    reviews = [
        ReviewLate(r.task.id, r.task.title, r.state.review.due, unit(r))
        for r in rows
        if r.state.review is not None
    ]
    working = {
        r.task.lead_unit for r in rows if r.state.is_open or r.state.status is Status.ONGOING
    }
    silent = [units.get(key, key) for key in order if key in working and key not in notes_by_unit]
    silent += [key for key in sorted(working) if key not in units and key not in notes_by_unit]
    approval = ledger.settings.approval
    documents = ledger.settings.documents
    acts: list[Act] = []
    for row in rows:
        task = row.task
        for request in task.requests:
            first = approval.levels(request.kind)[:1]
            applying = first[0].name if first else ""
            said = request.summary if request.kind == "signoff" else request.reason
            if start <= request.date <= end:
                acts.append(Act(task.id, task.title, unit(row), request.kind, "applied",
                                applying, request.date, request.by, said or ""))  # fmt: skip
            acts += [
                Act(task.id, task.title, unit(row), request.kind, step.action, step.level,
                    step.date, step.by, step.opinion or "")
                for step in request.steps
                if start <= step.date <= end
            ]  # fmt: skip
    waiting = [
        Waiting(r.task.id, r.task.title, unit(r), p.kind, p.level_name, p.since,
                (end - p.since).days)
        for r in rows
        if (p := r.state.pending) is not None
    ]  # fmt: skip
    return WeeklyReport(
        title=weekly_heading(ledger.settings),
        own_title=ledger.settings.documents.weekly_title,
        start=start,
        end=end,
        now=tally("all", ledger.settings.title, rows, notice),
        before=tally("all", ledger.settings.title, before, notice),
        closed=tuple(sorted(closed, key=lambda c: (c.closed_on, c.task_id))),
        progress=tuple(progress),
        overdue=tuple(overdue),
        due_soon=tuple(due_soon),
        extended=tuple(sorted(extended, key=lambda x: (x.day, x.task_id))),
        reviews_due=tuple(sorted(reviews, key=lambda r: (r.due, r.task_id))),
        silent_units=tuple(silent),
        reopened=(
            reopened_by_review(rows, end),
            reopened_by_review(before, start - timedelta(days=1)),
        ),
        acts=tuple(sorted(acts, key=lambda a: (a.day, a.task_id))),
        waiting=tuple(sorted(waiting, key=lambda x: (-x.days, x.task_id))),
        chained=approval.chained("signoff") or approval.chained("extension"),
        reporting=weekly_register(ledger, start, end),
        sections=build_sections(ledger, rows, start, end),
        # 期号 numbers weeks; a period of another length is not one of the series
        issue=issue_number(ledger.settings.source.feedback_date, end)
        if (end - start).days == 6
        else None,
        issuer=documents.issuer,
        sealed=documents.sealed,
        report_to=tuple(documents.report_to),
        send_to=tuple(documents.send_to),
        copy_to=tuple(documents.copy_to),
    )


def issue_number(first: date | None, day: date) -> int | None:
    """期号: which week since the feedback's ``day`` falls in (its week is the 1st)."""
    if first is None or day < first:
        return None
    monday = first - timedelta(days=first.weekday())
    return (day - monday).days // 7 + 1


def iso_week(text: str) -> tuple[date, date]:
    """``2021-W42`` as its Monday and Sunday; ValueError for a week no year has."""
    import re

    found = re.fullmatch(r"(\d{4})-W(\d{2})", text)
    if found is None:
        raise ValueError(text)
    year, week = int(found.group(1)), int(found.group(2))
    try:
        monday = date.fromisocalendar(year, week, 1)
    except ValueError:
        raise ValueError(text) from None
    return monday, monday + timedelta(days=6)
