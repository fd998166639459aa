"""An edit planned whole before anything is written, judged, then applied.

Each ``plan_*`` function (`edits`, `new`) reads one task file, works out its new
bytes with a round-trip edit and reads them back by the ledger's own strict
reader; nothing is written. `judge_plan` refuses a plan whose task would not
pass the checks. A plan is part of a `change.Change`, which the one unit of work
(`unit`) judges and applies under the ledger's lock, so what was planned is what
is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from zhenggai.files.document import Document
from zhenggai.findings import LedgerError
from zhenggai.ledger.evidence import StoredEvidence
from zhenggai.ledger.loaded import Ledger
from zhenggai.ledger.paths import TASK_SUFFIX, TASKS_DIR
from zhenggai.ledger.reader import read_task
from zhenggai.messages import Packed, Text
from zhenggai.messages import text as said
from zhenggai.records.model import Task, keys_of

#: The order keys are written in when an edit adds one (the models' field order).
KEY_ORDER: tuple[str, ...] = keys_of(Task)


@dataclass(frozen=True)
class Plan:
    """What an edit will write: one task file, and evidence files to copy in."""

    task_id: str
    path: Path
    content: bytes
    message: str  # one line, for the git commit (in English)
    task: Task  # what ``content`` reads as
    document: Document  # ``content`` read, for the positions of findings
    copies: tuple[StoredEvidence, ...] = ()
    created: bool = False
    warnings: tuple[Text, ...] = ()  # for the user, e.g. a year with no holiday calendar
    packed: Packed | None = None  # the message, to be said in the user's language

    @property
    def rel(self) -> str:
        return f"{TASKS_DIR}/{self.path.name}"


def task_path(ledger: Ledger, task_id: str) -> Path:
    return ledger.root / TASKS_DIR / f"{task_id}{TASK_SUFFIX}"


def open_task(ledger: Ledger, task_id: str) -> tuple[Path, str, Task]:
    """The task file's text and model; LedgerError if it is missing or not valid now."""
    if not re.fullmatch(r"[^\s/\\]+", task_id) or task_id in (".", ".."):
        raise LedgerError(said("{typed} is not a task id", typed=repr(task_id)))
    path = task_path(ledger, task_id)
    if not path.is_file():
        raise LedgerError(
            said("no task {id}: {file} does not exist", id=task_id, file=f"{TASKS_DIR}/{path.name}")
        )
    raw = path.read_bytes()
    task, _ = _read(raw, path, f"{TASKS_DIR}/{path.name}", editing=True)
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
            said(
                "{day} is after today ({today} in the ledger's timezone): "
                "a record cannot be dated in the future",
                day=day,
                today=today,
            )
        )
    return day


def _read(raw: bytes, path: Path, rel: str, *, editing: bool) -> tuple[Task, Document]:
    """The task of ``raw`` as the ledger's reader sees it; LedgerError with its findings
    if it cannot be read or does not validate."""
    reading = read_task(raw, str(path), rel)
    if reading.task is None or reading.document is None:
        unparsed = any(finding.check == "parse" for finding in reading.findings)
        if editing:
            message = (
                said("cannot edit {file}: fix the file first", file=rel)
                if unparsed
                else said("cannot edit {file}: it does not validate", file=rel)
            )
        else:
            message = said("refusing to write {file}: it does not validate", file=rel)
        raise LedgerError(message, reading.findings, path.parent.parent)
    return reading.task, reading.document


def finish(task_id: str, path: Path, edited: Any, message: Text, **extra: Any) -> Plan:
    content = edited.dump()
    rel = f"{TASKS_DIR}/{path.name}"
    # The edit must give a file the ledger's own reader accepts, or nothing is written.
    task, document = _read(content, path, rel, editing=False)
    english = message.english()
    return Plan(task_id, path, content, english, task, document, packed=message.packed(), **extra)


#: What does not stop a write: the checks that need the whole ledger or files not yet
#: copied in, and the timeliness tier (a late task must still take a note or an extension).
_NOT_JUDGED_BEFORE_WRITING = (
    "unique-id",
    "review-record",
    "evidence-intact",
    "orphan-evidence",
    "timeliness",
)


def judge_plan(ledger: Ledger, plan: Plan, today: date) -> None:
    """Refuse a plan whose task would have an error-level finding of its own.

    The checks look at the task as it would be written, on the ledger's real
    ``today`` (not the day of the record: a back-dated note must not hide what
    is wrong today). LedgerError with the findings, placed in the file as it
    would be; nothing has been written.
    """
    from dataclasses import replace

    from zhenggai.checks.runner import levels_for, run_checks
    from zhenggai.ledger.loaded import LoadedTask
    from zhenggai.ledger.summary import summarize

    loaded = LoadedTask.of_task(
        plan.rel, str(ledger.root), summarize(plan.task), plan.task, plan.document
    )
    alone = replace(ledger, tasks=[loaded], findings=[], files=[plan.rel], cache=None)
    levels = levels_for(alone, ignore=_NOT_JUDGED_BEFORE_WRITING)
    report = run_checks(alone, today, levels, real_today=today)
    errors = [finding for finding in report.findings if finding.severity == "error"]
    if errors:
        raise LedgerError(
            said(
                "refusing to write {file}: the task would not pass `zhenggai check` "
                "(the lines below are those of the file as it would be written)",
                file=plan.rel,
            ),
            errors,
            ledger.root,
        )


def open_for_edit(text: str) -> Any:
    """A round-trip edit of a task file's text (ruamel: imported only for a write)."""
    from zhenggai.files import roundtrip

    return roundtrip.open_for_edit(text)


_KINDS = {
    ".jpg": "照片",
    ".jpeg": "照片",
    ".png": "照片",
    ".heic": "照片",
    ".mp4": "视频",
}


def kind_of(path: str) -> str | None:
    return _KINDS.get(Path(path).suffix.lower())


def clean_text(text: str) -> str:
    """User text of several lines as it is recorded: control and direction characters
    (pasted from Word or a web page) dropped, line endings made \\n, outer blanks trimmed."""
    from zhenggai.safetext import drop_unsafe

    return drop_unsafe(text.replace("\r\n", "\n").replace("\r", "\n")).strip()


def short(text: str, limit: int = 60) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
