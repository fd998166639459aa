"""What a 工作周报 tells besides the week's totals and notes: completion by lead unit
and by leader, the week's 督办 (notices issued, replies late), milestones overdue,
regulations adopted in the week, and the office's 存在问题 and 下步工作安排 — the
notes marked for them (`progress --weekly problem|next`) and the standing items of
the settings. A section with nothing in it is left out of the document.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from zhenggai.days.notices import answered
from zhenggai.ledger.loaded import Ledger
from zhenggai.ledger.queries import TaskRow
from zhenggai.reports.status import Tally, grouped


@dataclass(frozen=True)
class NoticeLine:
    task_id: str
    title: str
    lead_unit: str
    level: str  # 提醒 | 督办 | 告诫
    issued: date
    reply_by: date
    answered: bool | None  # None: its reply-by day is still to come


@dataclass(frozen=True)
class MilestoneLate:
    task_id: str
    title: str
    lead_unit: str
    what: str
    due: date
    days: int  # late by, on the last day


@dataclass(frozen=True)
class Adopted:
    task_id: str
    name: str
    action: str  # 立 | 改 | 废
    count: int
    day: date


@dataclass(frozen=True)
class Flagged:
    """A note the office marked for the report's 存在问题 or 下步工作安排."""

    task_id: str
    lead_unit: str
    day: date
    text: str


@dataclass(frozen=True)
class WeekSections:
    start: date  # the week's first day
    lead_units: tuple[Tally, ...]
    leaders: tuple[Tally, ...]
    notices: tuple[NoticeLine, ...]  # issued in the week, or due a reply in it
    replies_late: tuple[NoticeLine, ...]  # the last notice of a task, unanswered past its day
    milestones: tuple[MilestoneLate, ...]  # most late first
    adopted: tuple[Adopted, ...]
    problems: tuple[Flagged, ...]
    next_steps: tuple[str, ...]  # the settings' standing items, then the marked notes


def build_sections(ledger: Ledger, rows: list[TaskRow], start: date, end: date) -> WeekSections:
    """The sections for the week ``start`` to ``end`` from the rows of its last day."""
    settings = ledger.settings
    notice = settings.thresholds.notice_days
    units = {unit.id: unit.name for unit in settings.units}

    def unit(row: TaskRow) -> str:
        return units.get(row.task.lead_unit, row.task.lead_unit)

    notices: list[NoticeLine] = []
    late_replies: list[NoticeLine] = []
    milestones: list[MilestoneLate] = []
    adopted: list[Adopted] = []
    problems: list[Flagged] = []
    next_notes: list[Flagged] = []
    for row in rows:
        task, timeline = row.task, row.loaded.timeline
        last_issued = max((n for n in timeline.notices if n.issued <= end), default=None,
                          key=lambda n: n.issued)  # fmt: skip
        for dates in timeline.notices:
            said = answered(timeline, dates, task.units) if dates.reply_by < end else None
            line = NoticeLine(task.id, task.title, unit(row), dates.level, dates.issued,
                              dates.reply_by, said)  # fmt: skip
            if start <= dates.issued <= end or start <= dates.reply_by <= end:
                notices.append(line)
            if dates is last_issued and said is False and row.state.is_open:
                late_replies.append(line)
        if row.state.is_open:
            milestones += [
                MilestoneLate(task.id, task.title, unit(row), m.what, m.due, (end - m.due).days)
                for m in task.milestones
                if m.due < end and (m.done is None or m.done > end)
            ]
        adopted += [
            Adopted(task.id, r.name, r.action, r.count, r.adopted)
            for r in task.regulations
            if r.adopted is not None and start <= r.adopted <= end
        ]
        for note in task.progress:
            if start <= note.date <= end and note.weekly is not None:
                flagged = Flagged(task.id, unit(row), note.date, note.text)
                (problems if note.weekly == "problem" else next_notes).append(flagged)
    return WeekSections(
        start=start,
        lead_units=grouped(rows, lambda r: [r.loaded.groups.lead_unit],
                           [(u.id, u.name) for u in settings.units], notice),
        leaders=grouped(rows, lambda r: [r.loaded.groups.lead],
                        [(x.id, x.name) for x in settings.leaders], notice),
        notices=tuple(sorted(notices, key=lambda n: (n.issued, n.task_id))),
        replies_late=tuple(sorted(late_replies, key=lambda n: (n.reply_by, n.task_id))),
        milestones=tuple(sorted(milestones, key=lambda m: (-m.days, m.task_id))),
        adopted=tuple(sorted(adopted, key=lambda a: (a.day, a.task_id))),
        problems=tuple(sorted(problems, key=lambda f: (f.day, f.task_id))),
        next_steps=(
            *settings.documents.next_steps,
            *(f.text for f in sorted(next_notes, key=lambda f: (f.day, f.task_id))),
        ),
    )  # fmt: skip
