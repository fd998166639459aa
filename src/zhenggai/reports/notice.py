"""Supervision notices (督办单) as data: one per lead unit with tasks late or coming
due on the day, each task at the level its history calls for (`days.notices`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from zhenggai.days.events import NoticeDates
from zhenggai.days.notices import NoticeLevel, level_due, unanswered
from zhenggai.ledger.loaded import Ledger
from zhenggai.ledger.qualified import qualify
from zhenggai.ledger.queries import TaskRow, rows_for

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
    cooperating: tuple[str, ...] = ()  # 配合单位, by name
    milestones: tuple[tuple[str, date], ...] = ()  # its milestones overdue: what, due


@dataclass(frozen=True)
class UnitNotice:
    unit_id: str
    unit: str
    liaison: str | None
    phone: str | None
    level: NoticeLevel
    items: tuple[NoticeItem, ...]  # worst first
    reply_by: date | None = None  # over many ledgers: by the unit's own ledger's calendar
    number: str | None = None  # 督办〔2021〕3号
    prompt: bool = False  # a supervising body: a 提示函, not a 督办单


@dataclass(frozen=True)
class NoticeReport:
    title: str  # the ledger's
    issued: date
    reply_by: date
    notices: tuple[UnitNotice, ...]  # in registry order
    issuer: str | None = None  # the office that issues them and signs (documents.issuer)
    sealed: bool = False


def build_notices(
    ledger: Ledger, today: date, reply_by: date, unit: str | None = None
) -> NoticeReport:
    """The notices of ``today``: for ``unit`` only, or for every lead unit that has a
    task overdue or due within the ledger's notice threshold."""
    settings = ledger.settings
    notice_days = settings.thresholds.notice_days
    leaders = {leader.id: leader.name for leader in settings.leaders}
    names = {registered.id: registered.name for registered in settings.units}
    by_unit: dict[str, list[NoticeItem]] = {}
    rows = rows_for(ledger, today)
    for row in rows:  # from each task's timeline: only a task noticed is built whole
        if unit is not None and row.loaded.groups.lead_unit != unit:
            continue
        state = row.state
        late_milestones = tuple(
            (m.what, m.due)
            for m in row.loaded.timeline.milestones
            if state.is_open and m.due < today and (m.done is None or m.done > today)
        )
        units = row.loaded.groups.units
        level = level_due(row.loaded.timeline, state, notice_days, units)
        if late_milestones:  # a milestone overdue is noticed as a deadline overdue is
            warned = unanswered(row.loaded.timeline, today, units) is not None
            by_milestone = NoticeLevel.WARNING if warned else NoticeLevel.SUPERVISION
            level = max(level or by_milestone, by_milestone, key=LEVELS.index)
        if level is None or state.deadline is None or state.days_left is None:
            continue
        task = row.task
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
                cooperating=tuple(names.get(u, u) for u in task.units[1:]),
                milestones=late_milestones,
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
                prompt=registered.prompt if registered else False,
            )
        )
    numbered = _numbered(notices, rows, today)
    documents = settings.documents
    return NoticeReport(settings.title, today, reply_by, numbered, documents.issuer,
                        documents.sealed)  # fmt: skip


_NUMBER = re.compile(r"(督办|提示)〔(\d{4})〕(\d+)号")


def _numbered(
    notices: list[UnitNotice], rows: list[TaskRow], today: date
) -> tuple[UnitNotice, ...]:
    """Each notice with its number, 督办〔year〕N号 (a 提示函: 提示〔year〕N号, a series of
    its own): the one recorded for it on the day when it is made again, else the next
    of the year's in its series (recorded numbers counted)."""
    used: dict[str, int] = {"督办": 0, "提示": 0}
    recorded: dict[str, str] = {}
    for row in rows:
        for item in row.loaded.timeline.notices:
            found = _NUMBER.search(item.number or "")
            if found and int(found.group(2)) == today.year:
                series = found.group(1)
                used[series] = max(used.get(series, 0), int(found.group(3)))
                if item.issued == today:
                    recorded[row.loaded.groups.lead_unit] = item.number or ""
    done = []
    for notice in notices:
        number = recorded.get(notice.unit_id)
        if number is None:
            series = "提示" if notice.prompt else "督办"
            used[series] += 1
            number = f"{series}〔{today.year}〕{used[series]}号"
        done.append(replace(notice, number=number))
    return tuple(done)


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
