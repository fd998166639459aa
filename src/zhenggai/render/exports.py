"""The 台账 as CSV (the xlsx columns, flat), JSON (whole tasks in the documented
shape of `list --format json`) and iCalendar (deadlines and milestones as all-day
events, RFC 5545, for a calendar the office already reads)."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from zhenggai.labels import Labels
from zhenggai.messages import Language
from zhenggai.render.cells import to_csv
from zhenggai.render.context import JSON_SCHEMA_VERSION
from zhenggai.render.listing import task_json
from zhenggai.render.sheet import cells, columns_of, headers, word
from zhenggai.reports.ledger_sheet import LedgerSheet

_SECTION = {"zh": "方面", "en": "Section"}


def sheet_csv(sheet: LedgerSheet, language: Language) -> str:
    """The xlsx columns with the section as a column of its own (a CSV merges nothing)."""
    columns = columns_of(sheet)
    header = headers(language, columns)
    header.insert(1, _SECTION[language])
    rows = []
    for section in sheet.sections:
        heading = section.section.title if section.section else word("no_section", language)
        for group in section.problems:
            title = group.problem.title if group.problem else group.problem_id
            for row in group.rows:
                values = cells(row, title, language, columns)
                values.insert(1, heading)
                rows.append([v.isoformat() if isinstance(v, date) else v for v in values])
    return to_csv(header, rows, lines=True)


def sheet_json(sheet: LedgerSheet) -> str:
    """Each task's listing fields and state (as `list --format json`), with the task's
    whole record under ``record`` and its section and problem titles."""
    from zhenggai.records.validation import plain

    tasks = []
    for section in sheet.sections:
        for group in section.problems:
            for row in group.rows:
                item = task_json(row.row)
                item["section"] = section.section.id if section.section else None
                item["problem_title"] = group.problem.title if group.problem else None
                item["record"] = plain(row.task)
                tasks.append(item)
    document = {
        "schema_version": JSON_SCHEMA_VERSION,
        "title": sheet.title,
        "as_of": sheet.as_of.isoformat(),
        "count": len(tasks),
        "tasks": tasks,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def sheet_ics(sheet: LedgerSheet, language: Language) -> bytes:
    """Each deadline in force and each milestone not yet reached as an all-day event.

    UIDs are stable (ledger, task, what), so a calendar that subscribes to the file
    updates an event rather than adding a second one; DTSTAMP is the as-of day, so the
    same ledger on the same day gives the same bytes.
    """
    from icalendar import Calendar, Event

    labels = Labels(language)
    calendar = Calendar()
    calendar.add("prodid", "-//zhenggai//整改台账//ZH")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", sheet.title)
    stamp = datetime.combine(sheet.as_of, time(), tzinfo=UTC)
    ledger_key = hashlib.sha256(sheet.title.encode()).hexdigest()[:12]

    def event(uid: str, day: date, summary: str, description: str) -> Any:
        item = Event()
        item.add("uid", f"{uid}.{ledger_key}@zhenggai")
        item.add("dtstamp", stamp)
        item.add("dtstart", day)
        item.add("dtend", day + timedelta(days=1))
        item.add("summary", summary)
        item.add("description", description)
        item.add("transp", "TRANSPARENT")
        return item

    for row in sheet.rows:
        task, state = row.task, row.row.state
        people = f"{labels('lead_unit')}：{row.lead_unit}；{labels('lead')}：{row.leader}"
        if state.deadline is not None:
            light = labels(f"light.{state.light.value}") if state.is_open else ""
            status = "" if state.is_open else labels(f"status.{state.status.value}")
            prefix = f"[{light or status}] "
            calendar.add_component(
                event(
                    f"{task.id}-deadline", state.deadline, f"{prefix}{task.id} {task.title}", people
                )
            )
        for index, milestone in enumerate(task.milestones, start=1):
            if milestone.done is not None and milestone.done <= sheet.as_of:
                continue
            summary = f"{task.id} {labels('milestones')}：{milestone.what}"
            calendar.add_component(
                event(f"{task.id}-milestone-{index}", milestone.due, summary, people)
            )
    return bytes(calendar.to_ical())
