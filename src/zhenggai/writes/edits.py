"""The everyday edits, planned (see `plan`): progress, extend, close, reopen, correct."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from zhenggai.days.wording import WrittenDeadline, read_deadline
from zhenggai.findings import LedgerError
from zhenggai.ledger.evidence import EvidenceRefused, plan_evidence
from zhenggai.ledger.loaded import Ledger
from zhenggai.messages import Text, reason_of
from zhenggai.messages import text as said
from zhenggai.records.model import Status, Term
from zhenggai.safetext import require_one_line
from zhenggai.writes.plan import (
    KEY_ORDER,
    Plan,
    clean_text,
    finish,
    kind_of,
    open_for_edit,
    open_task,
    record_day,
    short,
)


def plan_progress(
    ledger: Ledger,
    task_id: str,
    day: date,
    text: str,
    by: str | None,
    public: bool = False,
    weekly: str | None = None,
    entered: date | None = None,
) -> Plan:
    """Append a dated progress note (marked for publication with ``public``, for the
    weekly report's 存在问题 or 下步工作安排 with ``weekly``); notes stay in date order.
    A note dated before the last is refused unless ``entered`` (the day it is entered,
    with --late-entry): then it goes in its place by date, and says when it came."""
    from zhenggai.files.roundtrip import insert_item

    require_one_line(by=by)
    path, source, task = open_task(ledger, task_id)
    text = clean_text(text)
    if not text:
        raise LedgerError(said("the progress note is empty"))
    last = task.last_progress
    late = last is not None and day < last
    if late and entered is None:
        raise LedgerError(
            said(
                "{id} already has a note of {last}; progress notes are a log in date order: "
                "use --date {last} or later, or --late-entry to add a forgotten one",
                id=task_id,
                last=last,
            )
        )
    edited = open_for_edit(source)
    note = {"date": day, "text": text, "by": by, "public": True if public else None,
            "weekly": weekly, "entered": entered if late else None}  # fmt: skip
    at = sum(1 for earlier in task.progress if earlier.date <= day)  # after its own day's
    insert_item(edited.data, "progress", at, note, KEY_ORDER)
    return finish(
        task_id, path, edited, said("progress {id}: {note}", id=task_id, note=short(text))
    )


def deadline_from(
    ledger: Ledger, typed: str, base: date, dated: bool = True
) -> tuple[WrittenDeadline, tuple[Text, ...]]:
    """A deadline as people write it (`days.wording`), spans counted from ``base``;
    with ``dated``, only one that falls on a day (not 立行立改 or 长期坚持). Warns when
    working days were guessed."""
    work = ledger.work_calendar()
    try:
        written = read_deadline(typed, base, work, ledger.settings.shift_deadline_to_workday)
    except ValueError as err:
        raise LedgerError(reason_of(err)) from None
    if dated and (written.term is not Term.DATED or written.deadline is None):
        raise LedgerError(
            said("{typed} names no day: give a date (2021-12-31), a month's end (12月底), "
                 "年底前 or a span (3个月内, +10wd)", typed=repr(typed))
        )  # fmt: skip
    warnings: tuple[Text, ...] = ()
    if work.guessed_years:
        years = ", ".join(str(year) for year in sorted(work.guessed_years))
        warnings = (
            said(
                "no official holiday calendar for {years}: working days were counted Monday "
                "to Friday; add the year to holidays.yaml for 调休 to count",
                years=years,
            ),
        )
    return written, warnings


def plan_extend(
    ledger: Ledger,
    task_id: str,
    to_text: str,
    reason: str,
    approved_by: str | None,
    day: date,
    by: str | None = None,
) -> Plan:
    """Move the deadline, recording the move; the original deadline stays in the first record.

    ``to_text`` is a date, or a span (+30d, +2m, +10wd) counted from the current deadline.
    Where the ledger's extensions pass through levels, an application (申请延期) by
    ``by`` is recorded instead, and the last level's approval moves the deadline.
    """
    from zhenggai.files.roundtrip import append_item, set_key

    require_one_line(approved_by=approved_by)
    path, source, task = open_task(ledger, task_id)
    if task.status is not Status.IN_PROGRESS:
        raise LedgerError(
            said(
                "{id} is {status}: only a task in progress is extended",
                id=task_id,
                status=task.status.value,
            )
        )
    if task.deadline is None:
        raise LedgerError(said("{id} has no deadline to extend; set `deadline:` first", id=task_id))
    parsed, warnings = deadline_from(ledger, to_text, task.deadline)
    assert parsed.deadline is not None  # dated
    to, basis = parsed.deadline, parsed.basis
    if to <= task.deadline:
        raise LedgerError(
            said(
                "the new deadline {new} is not after the current one {old}; "
                "an extension moves the deadline later",
                new=to,
                old=task.deadline,
            )
        )
    reason = clean_text(reason)
    if not reason:
        raise LedgerError(said("an extension needs a reason (--reason)"))
    if ledger.settings.approval.chained("extension"):
        from zhenggai.writes.approvals import plan_application

        return plan_application(
            ledger, task, task_id, path, source, "extension", by, day, approved_by,
            to=to, basis=basis, reason=reason,
        )  # fmt: skip
    if ledger.settings.signoff_requires_approver and not approved_by:
        raise LedgerError(said("this ledger requires an approver: give --approved-by"))
    edited = open_for_edit(source)
    record = {
        "from": task.deadline,
        "to": to,
        "basis": basis,
        "reason": reason,
        "approved_by": approved_by,
        "date": day,
    }
    append_item(edited.data, "extensions", record, KEY_ORDER)
    # deadline_basis keeps the original wording; the new one goes in the record.
    set_key(edited.data, "deadline", to, KEY_ORDER)
    message = said("extend {id} to {to}: {reason}", id=task_id, to=to, reason=short(reason))
    return finish(task_id, path, edited, message, warnings=warnings)


def plan_close(
    ledger: Ledger,
    task_id: str,
    sources: list[Path],
    *,
    day: date,
    by: str,
    summary: str | None,
    approved_by: str | None,
    kind: str | None,
    no_evidence_reason: str | None,
) -> Plan:
    """Sign a task off (销号): evidence copied in, pinned by hash; status done; closing record."""
    from zhenggai.files.roundtrip import append_item, new_mapping, set_key

    require_one_line(by=by, approved_by=approved_by, kind=kind)
    path, source, task = open_task(ledger, task_id)
    settings = ledger.settings
    if task.status is Status.DONE:
        if task.closing is None:
            raise LedgerError(
                said("{id} is already closed; reopen it first to close it again", id=task_id)
            )
        raise LedgerError(
            said(
                "{id} is already closed on {closed}; reopen it first to close it again",
                id=task_id,
                closed=task.closing.date,
            )
        )
    if task.status is Status.CANCELLED:
        raise LedgerError(said("{id} is cancelled; a cancelled task is not signed off", id=task_id))
    if not sources and no_evidence_reason is None:
        raise LedgerError(
            said("closing {id} needs evidence: give --evidence FILE (repeatable)", id=task_id)
        )
    if no_evidence_reason is not None:
        if not settings.allow_close_without_evidence:
            raise LedgerError(
                said(
                    "this ledger does not allow closing without evidence "
                    "(allow_close_without_evidence in zhenggai.yaml)"
                )
            )
        no_evidence_reason = clean_text(no_evidence_reason)
        if not no_evidence_reason:
            raise LedgerError(said("--no-evidence needs --reason"))
    chained = settings.approval.chained("signoff")
    if settings.signoff_requires_approver and not approved_by and not chained:
        raise LedgerError(
            said("this ledger requires an approver (验收) for a sign-off: give --approved-by")
        )
    text = clean_text(summary or "") or (task.progress[-1].text if task.progress else None)
    if not text:
        raise LedgerError(said("{id} has no progress notes to sum up: give --summary", id=task_id))
    try:
        stored = plan_evidence(
            ledger.root, task_id, sources, settings.evidence_max_mb * 1024 * 1024, task.evidence
        )
    except EvidenceRefused as err:
        raise LedgerError(reason_of(err)) from None
    edited = open_for_edit(source)
    data = edited.data
    for item in stored:
        record = {"path": item.path, "sha256": item.sha256, "size": item.size, "added": day}
        record["kind"] = kind or kind_of(item.path)
        if item.also:
            record["also"] = list(item.also)
        append_item(data, "evidence", record, KEY_ORDER)
    if chained:
        # The application rests on every file the task holds by then, pinned by its hash.
        held = [*(item.path for item in task.evidence), *(item.path for item in stored)]
        fields = {"summary": text, "evidence": list(dict.fromkeys(held)) or None,
                  "no_evidence_reason": no_evidence_reason or None}  # fmt: skip
        from zhenggai.writes.approvals import plan_application

        copies = tuple(item for item in stored if item.copy)
        return plan_application(
            ledger, task, task_id, path, source, "signoff", by, day, approved_by,
            edited=edited, copies=copies, **fields,
        )  # fmt: skip
    set_key(data, "status", Status.DONE.value, KEY_ORDER)
    closing = {
        "date": day,
        "by": by,
        "summary": text,
        "approved_by": approved_by,
        "no_evidence_reason": no_evidence_reason or None,
    }
    set_key(data, "closing", new_mapping(closing), KEY_ORDER)
    return finish(
        task_id,
        path,
        edited,
        said("close {id}: {title}", id=task_id, title=short(task.title)),
        copies=tuple(item for item in stored if item.copy),
    )


def plan_reopen(
    ledger: Ledger,
    task_id: str,
    reason: str,
    by: str | None,
    day: date,
    review: str | None = None,
) -> Plan:
    """Back to in progress after a 回头看; the old sign-off is kept under the reopening
    (with the sampling record's id where a review failed it)."""
    from zhenggai.files.roundtrip import append_item, set_key

    require_one_line(by=by)
    path, source, task = open_task(ledger, task_id)
    if task.status is not Status.DONE or task.closing is None:
        raise LedgerError(
            said(
                "{id} is {status}, not closed: nothing to reopen",
                id=task_id,
                status=task.status.value,
            )
        )
    reason = clean_text(reason)
    if not reason:
        raise LedgerError(said("reopening needs a reason (--reason)"))
    if day < task.closing.date:
        raise LedgerError(
            said(
                "{id} was closed on {closed}, after {day}",
                id=task_id,
                closed=task.closing.date,
                day=day,
            )
        )
    edited = open_for_edit(source)
    data = edited.data
    previous = data.pop("closing")
    reopening = {"date": day, "reason": reason, "by": by, "previous_closing": previous}
    if review is not None:
        reopening["review"] = review
    append_item(data, "reopenings", reopening, KEY_ORDER)
    set_key(data, "status", Status.IN_PROGRESS.value, KEY_ORDER)
    return finish(
        task_id, path, edited, said("reopen {id}: {reason}", id=task_id, reason=short(reason))
    )


#: The dates `zhenggai correct` puts right: option name -> (list key or None, date key).
CORRECTABLE: dict[str, tuple[str | None, str]] = {
    "progress": ("progress", "date"),
    "extension": ("extensions", "date"),
    "evidence": ("evidence", "added"),
    "milestone": ("milestones", "done"),
    "reopening": ("reopenings", "date"),
    "regulation": ("regulations", "adopted"),
    "closing": (None, "closing.date"),
    "cancelled": (None, "cancelled.date"),
    "created": (None, "created"),
}


def plan_correct(
    ledger: Ledger,
    task_id: str,
    record: str,
    number: int | None,
    to: date,
    reason: str,
    by: str | None,
    today: date,
) -> Plan:
    """Put a mistyped date right, keeping what it was and why it changed in ``corrections``.

    ``record`` is a key of `CORRECTABLE`; ``number`` counts the entries of a
    list from 1, as `zhenggai show` numbers them. The corrected date is a
    record's date like any other: not after ``today``.
    """
    from zhenggai.files.roundtrip import append_item

    require_one_line(by=by)
    if record not in CORRECTABLE:
        raise LedgerError(f"cannot correct {record!r}: one of {', '.join(CORRECTABLE)}")
    record_day(to, today)
    reason = clean_text(reason)
    if not reason:
        raise LedgerError(said("a correction needs a reason (--reason)"))
    path, source, _ = open_task(ledger, task_id)
    edited = open_for_edit(source)
    data = edited.data
    listed, key = CORRECTABLE[record]
    if listed is not None:
        items = data.get(listed) or []
        if number is None or not 1 <= number <= len(items):
            count = len(items)
            raise LedgerError(
                f"{task_id} has {count} {listed} entr{'y' if count == 1 else 'ies'}: "
                f"give --{record} N with N from 1 to {count}"
                if count
                else f"{task_id} has no {listed} entries to correct"
            )
        holder = items[number - 1]
        if listed == "regulations" and "adopted" not in holder and "date" in holder:
            key = "date"  # an older file's name for the same date
        where = f"{listed}[{number}].{key}"
    else:
        where = key
        *parents, key = key.split(".")
        holder = data
        for parent in parents:
            holder = holder.get(parent) if holder is not None else None
    old = holder.get(key) if holder is not None else None
    if old is None:
        raise LedgerError(f"{task_id} has no {where} to correct")
    if str(old) == to.isoformat():
        raise LedgerError(f"{where} of {task_id} is {to} already: nothing to correct")
    holder[key] = to
    correction = {
        "date": today,
        "record": where,
        "from": date.fromisoformat(str(old)),
        "to": to,
        "reason": reason,
        "by": by,
    }
    append_item(data, "corrections", correction, KEY_ORDER)
    message = said(
        "correct {id} {record}: {reason}", id=task_id, record=where, reason=short(reason)
    )
    return finish(task_id, path, edited, message)
