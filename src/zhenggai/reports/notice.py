"""Supervision notices (督办单) as data: one per lead unit with tasks late or coming
due on the day, each task at the level its history calls for (`days.notices`)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from zhenggai.days.events import NoticeDates
from zhenggai.days.notices import NoticeLevel, level_due
from zhenggai.ledger.loaded import Ledger
from zhenggai.ledger.qualified import qualify
from zhenggai.ledger.queries import rows_for

#: Levels from the mildest: a notice takes the highest of its tasks'.
LEVELS = (NoticeLevel.REMINDER, NoticeLevel.SUPERVISION, NoticeLevel.WARNING)


@dataclass(frozen=True)
class NoticeItem:
    task_id: str
    title: str
    measure: str | None
    source_ref: str | None
    original_deadline: date | None
    deadline: date
    days_left: int  # negative: days late
    leader: str
    last_note: tuple[date, str] | None  # the last progress note by the day
    level: NoticeLevel
    earlier: tuple[NoticeDates, ...]  # notices issued for it before


@dataclass(frozen=True)
class UnitNotice:
    unit_id: str
    unit: str
    liaison: str | None
    phone: str | None
    level: NoticeLevel
    items: tuple[NoticeItem, ...]  # worst first
    reply_by: date | None = None  # over many ledgers: by the unit's own ledger's calendar


@dataclass(frozen=True)
class NoticeReport:
    title: str  # the ledger's
    issued: date
    reply_by: date
    notices: tuple[UnitNotice, ...]  # in registry order


def build_notices(
    ledger: Ledger, today: date, reply_by: date, unit: str | None = None
) -> NoticeReport:
    """The notices of ``today``: for ``unit`` only, or for every lead unit that has a
    task overdue or due within the ledger's notice threshold."""
    settings = ledger.settings
    notice_days = settings.thresholds.notice_days
    leaders = {leader.id: leader.name for leader in settings.leaders}
    by_unit: dict[str, list[NoticeItem]] = {}
    for row in rows_for(ledger, today):
        if unit is not None and row.task.lead_unit != unit:
            continue
        level = level_due(row.loaded.timeline, row.state, notice_days)
        if level is None:
            continue
        task, state = row.task, row.state
        assert state.deadline is not None and state.days_left is not None
        notes = [note for note in task.progress if note.date <= today]
        last = max(notes, key=lambda note: note.date, default=None)
        by_unit.setdefault(task.lead_unit, []).append(
            NoticeItem(
                task_id=task.id,
                title=task.title,
                measure=task.measure,
                source_ref=task.source_ref,
                original_deadline=task.original_deadline,
                deadline=state.deadline,
                days_left=state.days_left,
                leader=leaders.get(task.lead, task.lead),
                last_note=(last.date, last.text) if last is not None else None,
                level=level,
                # Issued before today: a notice recorded today is this one, not its predecessor.
                earlier=tuple(n for n in row.loaded.timeline.notices if n.issued < today),
            )
        )
    known = {registered.id: registered for registered in settings.units}
    order = [u.id for u in settings.units] + sorted(key for key in by_unit if key not in known)
    notices = []
    for key in order:
        items = by_unit.get(key)
        if not items:
            continue
        registered = known.get(key)
        items.sort(key=lambda item: (-LEVELS.index(item.level), item.days_left, item.task_id))
        notices.append(
            UnitNotice(
                unit_id=key,
                unit=registered.name if registered else key,
                liaison=registered.liaison if registered else None,
                phone=registered.phone if registered else None,
                level=max((item.level for item in items), key=LEVELS.index),
                items=tuple(items),
            )
        )
    return NoticeReport(settings.title, today, reply_by, tuple(notices))


def family_notices(parts: list[tuple[str, NoticeReport]], title: str) -> NoticeReport:
    """The members' notices (name, report; "" for the parent) as one document: each unit
    named with its ledger, each notice with its own reply-by day."""
    notices = [
        replace(
            notice,
            unit_id=qualify(name, notice.unit_id),
            unit=f"{notice.unit}（{name}）" if name else notice.unit,
            reply_by=report.reply_by,
        )
        for name, report in parts
        for notice in report.notices
    ]
    first = parts[0][1]
    return NoticeReport(title, first.issued, first.reply_by, tuple(notices))
