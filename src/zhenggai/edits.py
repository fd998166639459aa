"""The write commands as planned edits: new, progress, extend, close, reopen.

Each ``plan_*`` function reads one task file, works out its new bytes with a
round-trip edit and validates them as the ledger's reader will; nothing is
written. ``apply_plan`` then copies evidence in and replaces the task file
atomically, undoing the copies if the replace fails. Callers hold the ledger
lock around planning and applying, so what was planned is what is written.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from zhenggai.atomic import copy_atomic, make_folders, remove_folders, write_atomic
from zhenggai.dates import Deadline, parse_deadline
from zhenggai.document import Document
from zhenggai.evidence import EvidenceRefused, StoredEvidence, plan_evidence
from zhenggai.findings import Finding, LedgerError
from zhenggai.ledger import TASKS_DIR, Ledger
from zhenggai.loader import TASK_SUFFIX, validation_findings
from zhenggai.model import Status, Task, Term, keys_of
from zhenggai.safetext import require_one_line
from zhenggai.validation import Invalid, validate
from zhenggai.yamlio import parse_bytes

#: The order keys are written in when an edit adds one (the models' field order).
KEY_ORDER: tuple[str, ...] = keys_of(Task)


@dataclass(frozen=True)
class Plan:
    """What an edit will write: one task file, and evidence files to copy in."""

    task_id: str
    path: Path
    content: bytes
    message: str  # one line, for the git commit
    task: Task  # what ``content`` reads as
    document: Document  # ``content`` read, for the positions of findings
    copies: tuple[StoredEvidence, ...] = ()
    created: bool = False
    warnings: tuple[str, ...] = ()  # for the user, e.g. a year with no holiday calendar

    @property
    def rel(self) -> str:
        return f"{TASKS_DIR}/{self.path.name}"


def task_path(ledger: Ledger, task_id: str) -> Path:
    return ledger.root / TASKS_DIR / f"{task_id}{TASK_SUFFIX}"


def _open_task(ledger: Ledger, task_id: str) -> tuple[Path, str, Task]:
    """The task file's text and model; LedgerError if it is missing or not valid now."""
    if not re.fullmatch(r"[^\s/\\]+", task_id) or task_id in (".", ".."):
        raise LedgerError(f"{task_id!r} is not a task id")
    path = task_path(ledger, task_id)
    if not path.is_file():
        raise LedgerError(f"no task {task_id}: {TASKS_DIR}/{path.name} does not exist")
    raw = path.read_bytes()
    task = _validated(raw, path, f"{TASKS_DIR}/{path.name}", "cannot edit")
    return path, raw.decode("utf-8"), task  # a BOM stays, for the edit to keep


def record_day(day: date | None, today: date) -> date:
    """The day a new record is dated: ``day``, or else ``today`` (the ledger's real today).

    A day after today is refused: a note, sign-off or extension cannot have
    happened yet, and once written it would count on days it did not exist.
    """
    if day is None:
        return today
    if day > today:
        raise LedgerError(
            f"{day} is after today ({today} in the ledger's timezone): "
            "a record cannot be dated in the future"
        )
    return day


def _validated(raw: bytes, path: Path, rel: str, doing: str) -> Task:
    """The task model of ``raw`` as the ledger reader sees it; LedgerError with findings if not."""
    return _read(raw, path, rel, doing)[0]


def _read(raw: bytes, path: Path, rel: str, doing: str) -> tuple[Task, Document]:
    result = parse_bytes(raw, path)
    if result.document is None:
        findings = [
            Finding.at("parse", e.message, rel, e.position, hint=e.hint) for e in result.errors
        ]
        raise LedgerError(f"{doing} {rel}: fix the file first", findings, path.parent.parent)
    try:
        return validate(Task, result.document.data), result.document
    except Invalid as err:
        findings = validation_findings(err.issues, result.document, rel)
        raise LedgerError(
            f"{doing} {rel}: it does not validate", findings, path.parent.parent
        ) from None


def _finish(task_id: str, path: Path, edited: Any, message: str, **extra: Any) -> Plan:
    content = edited.dump()
    rel = f"{TASKS_DIR}/{path.name}"
    # The edit must give a file the ledger's own reader accepts, or nothing is written.
    task, document = _read(content, path, rel, "refusing to write")
    return Plan(task_id, path, content, message, task, document, **extra)


#: What does not stop a write: the checks that need the whole ledger or files not yet
#: copied in, and the timeliness tier (a late task must still take a note or an extension).
_NOT_JUDGED_BEFORE_WRITING = ("unique-id", "evidence-intact", "orphan-evidence", "timeliness")


def judge_plan(ledger: Ledger, plan: Plan, today: date) -> None:
    """Refuse a plan whose task would have an error-level finding of its own.

    The checks look at the task as it would be written, on the ledger's real
    ``today`` (not the day of the record: a back-dated note must not hide what
    is wrong today). LedgerError with the findings, placed in the file as it
    would be; nothing has been written.
    """
    from dataclasses import replace

    from zhenggai.checks.runner import levels_for, run_checks
    from zhenggai.ledger import LoadedTask
    from zhenggai.summary import summarize

    loaded = LoadedTask.read(
        plan.rel, str(ledger.root), summarize(plan.task), plan.task, plan.document
    )
    alone = replace(ledger, tasks=[loaded], findings=[], files=[plan.rel], cache=None)
    levels = levels_for(alone, ignore=_NOT_JUDGED_BEFORE_WRITING)
    report = run_checks(alone, today, levels, real_today=today)
    errors = [finding for finding in report.findings if finding.severity == "error"]
    if errors:
        raise LedgerError(
            f"refusing to write {plan.rel}: the task would not pass `zhenggai check` "
            "(the lines below are those of the file as it would be written)",
            errors,
            ledger.root,
        )


def _edit(text: str) -> Any:
    from zhenggai.roundtrip import open_for_edit

    return open_for_edit(text)


def plan_progress(ledger: Ledger, task_id: str, day: date, text: str, by: str | None) -> Plan:
    """Append a dated progress note; notes stay in date order."""
    from zhenggai.roundtrip import append_item

    require_one_line(by=by)
    path, source, task = _open_task(ledger, task_id)
    text = clean_text(text)
    if not text:
        raise LedgerError("the progress note is empty")
    last = task.last_progress
    if last is not None and day < last:
        raise LedgerError(
            f"{task_id} already has a note of {last}; progress notes are a log in date order: "
            f"use --date {last} or later"
        )
    edited = _edit(source)
    append_item(edited.data, "progress", {"date": day, "text": text, "by": by}, KEY_ORDER)
    return _finish(task_id, path, edited, f"progress {task_id}: {_short(text)}")


def _deadline(ledger: Ledger, typed: str, base: date) -> tuple[Deadline, tuple[str, ...]]:
    """A typed deadline, counted from ``base``; warns when working days were guessed."""
    work = ledger.work_calendar()
    try:
        parsed = parse_deadline(typed, base, work, ledger.settings.shift_deadline_to_workday)
    except ValueError as err:
        raise LedgerError(str(err)) from None
    warnings: tuple[str, ...] = ()
    if work.guessed_years:
        years = ", ".join(str(year) for year in sorted(work.guessed_years))
        warnings = (
            f"no official holiday calendar for {years}: working days were counted Monday "
            "to Friday; add the year to holidays.yaml for 调休 to count",
        )
    return parsed, warnings


def plan_extend(
    ledger: Ledger,
    task_id: str,
    to_text: str,
    reason: str,
    approved_by: str | None,
    day: date,
) -> Plan:
    """Move the deadline, recording the move; the original deadline stays in the first record.

    ``to_text`` is a date, or a span (+30d, +2m, +10wd) counted from the current deadline.
    """
    from zhenggai.roundtrip import append_item, set_key

    require_one_line(approved_by=approved_by)
    path, source, task = _open_task(ledger, task_id)
    if task.status is not Status.IN_PROGRESS:
        raise LedgerError(f"{task_id} is {task.status.value}: only a task in progress is extended")
    if task.deadline is None:
        raise LedgerError(f"{task_id} has no deadline to extend; set `deadline:` first")
    parsed, warnings = _deadline(ledger, to_text, task.deadline)
    to, basis = parsed.day, parsed.basis
    if to <= task.deadline:
        raise LedgerError(
            f"the new deadline {to} is not after the current one {task.deadline}; "
            "an extension moves the deadline later"
        )
    reason = clean_text(reason)
    if not reason:
        raise LedgerError("an extension needs a reason (--reason)")
    if ledger.settings.signoff_requires_approver and not approved_by:
        raise LedgerError("this ledger requires an approver: give --approved-by")
    edited = _edit(source)
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
    message = f"extend {task_id} to {to}: {_short(reason)}"
    return _finish(task_id, path, edited, message, warnings=warnings)


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
    from zhenggai.roundtrip import append_item, new_mapping, set_key

    require_one_line(by=by, approved_by=approved_by, kind=kind)
    path, source, task = _open_task(ledger, task_id)
    settings = ledger.settings
    if task.status is Status.DONE:
        closed = f" on {task.closing.date}" if task.closing else ""
        raise LedgerError(f"{task_id} is already closed{closed}; reopen it first to close it again")
    if task.status is Status.CANCELLED:
        raise LedgerError(f"{task_id} is cancelled; a cancelled task is not signed off")
    if not sources and no_evidence_reason is None:
        raise LedgerError(f"closing {task_id} needs evidence: give --evidence FILE (repeatable)")
    if no_evidence_reason is not None:
        if not settings.allow_close_without_evidence:
            raise LedgerError(
                "this ledger does not allow closing without evidence "
                "(allow_close_without_evidence in zhenggai.yaml)"
            )
        no_evidence_reason = clean_text(no_evidence_reason)
        if not no_evidence_reason:
            raise LedgerError("--no-evidence needs --reason")
    if settings.signoff_requires_approver and not approved_by:
        raise LedgerError(
            "this ledger requires an approver (验收) for a sign-off: give --approved-by"
        )
    text = clean_text(summary or "") or (task.progress[-1].text if task.progress else None)
    if not text:
        raise LedgerError(f"{task_id} has no progress notes to sum up: give --summary")
    try:
        stored = plan_evidence(
            ledger.root, task_id, sources, settings.evidence_max_mb * 1024 * 1024, task.evidence
        )
    except EvidenceRefused as err:
        raise LedgerError(str(err)) from None
    edited = _edit(source)
    data = edited.data
    for item in stored:
        record = {"path": item.path, "sha256": item.sha256, "size": item.size, "added": day}
        record["kind"] = kind or _kind_of(item.path)
        append_item(data, "evidence", record, KEY_ORDER)
    set_key(data, "status", Status.DONE.value, KEY_ORDER)
    closing = {
        "date": day,
        "by": by,
        "summary": text,
        "approved_by": approved_by,
        "no_evidence_reason": no_evidence_reason or None,
    }
    set_key(data, "closing", new_mapping(closing), KEY_ORDER)
    return _finish(
        task_id,
        path,
        edited,
        f"close {task_id}: {_short(task.title)}",
        copies=tuple(item for item in stored if item.copy),
    )


def plan_reopen(ledger: Ledger, task_id: str, reason: str, by: str | None, day: date) -> Plan:
    """Back to in progress after a 回头看; the old sign-off is kept under the reopening."""
    from zhenggai.roundtrip import append_item, set_key

    require_one_line(by=by)
    path, source, task = _open_task(ledger, task_id)
    if task.status is not Status.DONE or task.closing is None:
        raise LedgerError(f"{task_id} is {task.status.value}, not closed: nothing to reopen")
    reason = clean_text(reason)
    if not reason:
        raise LedgerError("reopening needs a reason (--reason)")
    if day < task.closing.date:
        raise LedgerError(f"{task_id} was closed on {task.closing.date}, after {day}")
    edited = _edit(source)
    data = edited.data
    previous = data.pop("closing")
    append_item(
        data,
        "reopenings",
        {"date": day, "reason": reason, "by": by, "previous_closing": previous},
        KEY_ORDER,
    )
    set_key(data, "status", Status.IN_PROGRESS.value, KEY_ORDER)
    return _finish(task_id, path, edited, f"reopen {task_id}: {_short(reason)}")


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
    from zhenggai.roundtrip import append_item

    require_one_line(by=by)
    if record not in CORRECTABLE:
        raise LedgerError(f"cannot correct {record!r}: one of {', '.join(CORRECTABLE)}")
    record_day(to, today)
    reason = clean_text(reason)
    if not reason:
        raise LedgerError("a correction needs a reason (--reason)")
    path, source, _ = _open_task(ledger, task_id)
    edited = _edit(source)
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
    return _finish(task_id, path, edited, f"correct {task_id} {where}: {_short(reason)}")


@dataclass(frozen=True)
class NewTask:
    """What `zhenggai new` was given."""

    title: str
    problem: str
    units: tuple[str, ...]
    lead: str
    term: Term
    deadline: str | None = None  # as typed: a date, 年内, +30d, +10wd, 2个月内…
    start: date | None = None  # what relative deadlines count from; default the feedback date
    deadline_basis: str | None = None  # the wording to keep, when not what was typed
    cadence: str | None = None
    measure: str | None = None
    source_ref: str | None = None
    owner: str | None = None
    tags: tuple[str, ...] = ()
    created: date | None = None  # the day it enters the ledger


def next_task_id(ledger: Ledger) -> str:
    """One more than the highest number in use under tasks/, keeping the ledger's width."""
    prefix = ledger.settings.id_prefix
    pattern = re.compile(rf"{re.escape(prefix)}-(\d+){re.escape(TASK_SUFFIX)}")
    numbers, width = [], 3
    folder = ledger.root / TASKS_DIR
    if folder.is_dir():
        for entry in folder.iterdir():
            match = pattern.fullmatch(entry.name)
            if match:
                numbers.append(int(match.group(1)))
                width = max(width, len(match.group(1)))
    return f"{prefix}-{max(numbers, default=0) + 1:0{width}d}"


def plan_new(ledger: Ledger, spec: NewTask) -> Plan:
    """A new task file with the next free id, checked against the registries before it exists."""
    from zhenggai.roundtrip import open_for_edit, set_key, text_value

    require_one_line(
        title=spec.title,
        owner=spec.owner,
        tag=spec.tags,
        unit=spec.units,
        lead=spec.lead,
        problem=spec.problem,
        source_ref=spec.source_ref,
        basis=spec.deadline_basis,
    )
    _require_known(ledger, spec)
    due, basis = None, spec.deadline_basis
    warnings: tuple[str, ...] = ()
    if spec.deadline is not None:
        parsed, warnings = _deadline(
            ledger, spec.deadline, spec.start or ledger.settings.source.feedback_date
        )
        due, basis = parsed.day, basis or parsed.basis
    task_id = next_task_id(ledger)
    from zhenggai.schema import FILE_NAMES, SCHEMA_DIR, modeline

    has_schema = (ledger.root / SCHEMA_DIR / FILE_NAMES["task"]).is_file()
    edited = open_for_edit((modeline("task", 1) if has_schema else "") + "{}\n")
    data = edited.data
    data.fa.set_block_style()
    values: dict[str, Any] = {
        "id": task_id,
        "title": spec.title,
        "problem": spec.problem,
        "source_ref": spec.source_ref,
        "measure": spec.measure,
        "lead": spec.lead,
        "units": list(spec.units),
        "owner": spec.owner,
        "term": spec.term.value,
        "deadline": due,
        "deadline_basis": basis,
        "cadence": spec.cadence,
        "status": (Status.ONGOING if spec.term is Term.ONGOING else Status.IN_PROGRESS).value,
        "created": spec.created,
        "tags": list(spec.tags) or None,
    }
    for key, value in values.items():
        if value is None:
            continue
        if isinstance(value, list):
            from ruamel.yaml.comments import CommentedSeq

            flow = CommentedSeq(text_value(v) for v in value)
            flow.fa.set_flow_style()
            value = flow
        set_key(data, key, value, KEY_ORDER)
    return _finish(
        task_id,
        task_path(ledger, task_id),
        edited,
        f"new {task_id}: {_short(spec.title)}",
        created=True,
        warnings=warnings,
    )


def _require_known(ledger: Ledger, spec: NewTask) -> None:
    problems: list[str] = []
    if ledger.problems_loaded and spec.problem not in ledger.problems:
        problems.append(f"unknown problem {spec.problem!r} (problems.yaml)")
    problems += [f"unknown unit {unit!r}" for unit in spec.units if unit not in ledger.unit_ids]
    if spec.lead not in ledger.leader_ids:
        problems.append(f"unknown leader {spec.lead!r}")
    if not spec.units:
        problems.append("a task needs at least one unit (--unit, the first is the lead unit)")
    if spec.term is Term.ONGOING and spec.cadence is None:
        problems.append("an ongoing task needs --cadence")
    if spec.term is not Term.ONGOING and spec.deadline is None:
        problems.append("a task needs --deadline (or --term ongoing with --cadence)")
    if problems:
        raise LedgerError("cannot create the task: " + "; ".join(problems))


def apply_plan(plan: Plan) -> None:
    """Copy the evidence in, then replace the task file; on failure, remove what was
    copied and the folders made for it, so the ledger is as it was."""
    root = plan.path.parent.parent
    copied: list[Path] = []
    made: list[Path] = []
    try:
        for item in plan.copies:
            target = root / item.path
            if target.exists():
                raise LedgerError(f"{item.path} appeared while the edit was being planned")
            made += make_folders(target.parent)
            written = copy_atomic(item.source, target)
            copied.append(target)
            if written != (item.sha256, item.size):
                raise LedgerError(f"{item.source} changed while it was being copied; try again")
        write_atomic(plan.path, plan.content)
    except BaseException:
        for target in copied:
            with contextlib.suppress(FileNotFoundError):
                target.unlink()
        remove_folders(made)
        raise


_KINDS = {
    ".jpg": "照片",
    ".jpeg": "照片",
    ".png": "照片",
    ".heic": "照片",
    ".mp4": "视频",
}


def _kind_of(path: str) -> str | None:
    return _KINDS.get(Path(path).suffix.lower())


def clean_text(text: str) -> str:
    """User text of several lines as it is recorded: control and direction characters
    (pasted from Word or a web page) dropped, line endings made \\n, outer blanks trimmed."""
    from zhenggai.safetext import drop_unsafe

    return drop_unsafe(text.replace("\r\n", "\n").replace("\r", "\n")).strip()


def _short(text: str, limit: int = 60) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
