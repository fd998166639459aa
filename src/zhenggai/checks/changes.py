"""Checks on what a change did, against the ledger at ``--since REV`` (a pull request's base).

They run only with ``--since``. Each compares a task as it was with the task
as it is and reports in the new file, at the key that changed.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Sequence
from typing import Any

from zhenggai.checks.base import CheckContext, file_finding, task_finding
from zhenggai.findings import Finding
from zhenggai.ledger.loaded import LoadedTask
from zhenggai.messages import text
from zhenggai.records.model import Request, Status, Task, yaml_key


def _pairs(ctx: CheckContext) -> Iterator[tuple[Task, LoadedTask]]:
    """(before, now) for every task that exists on both sides."""
    if ctx.baseline is None:
        return
    for loaded in ctx.ledger.tasks:
        before = ctx.baseline.tasks.get(loaded.task.id)
        if before is not None:
            yield before[1], loaded


_RECORD = re.compile(r"(?P<list>[a-z_]+)\[(?P<number>\d+)\]\.(?P<key>[a-z_]+)|(?P<path>[a-z_.]+)")


def _uncorrected(before: Task, now: Task) -> Task:
    """``now`` with the date corrections recorded since ``before`` undone.

    A correction (`zhenggai correct`) is the one recorded way to rewrite a date
    already written; a change that carries one is judged as if it had not
    been made. A correction that does not say what it changed truly (its
    ``from`` not the date it replaced) undoes nothing, and the rewrite stands.
    """
    kept = len(before.corrections)
    if now.corrections[:kept] != before.corrections:
        return now
    task = now
    for correction in reversed(now.corrections[kept:]):
        task = _set_date(task, correction.record, correction.to, correction.from_)
    return dataclasses.replace(task, corrections=before.corrections)


def _set_date(record: Any, where: str, expected: Any, value: Any) -> Any:
    """``record`` with the date at ``where`` (as `zhenggai correct` names it) set to
    ``value``, if it holds ``expected`` there; else ``record`` unchanged."""
    match = _RECORD.fullmatch(where)
    if match is None:
        return record
    if match["list"]:
        items = list(getattr(record, match["list"], None) or [])
        index = int(match["number"]) - 1
        if not 0 <= index < len(items):
            return record
        items[index] = _set_date(items[index], match["key"], expected, value)
        return dataclasses.replace(record, **{match["list"]: items})
    head, _, rest = match["path"].partition(".")
    name = _field_name(record, head)
    if name is None:
        return record
    current = getattr(record, name)
    if rest:
        inner = _set_date(current, rest, expected, value) if current is not None else current
        return dataclasses.replace(record, **{name: inner})
    return dataclasses.replace(record, **{name: value}) if current == expected else record


def _field_name(record: Any, key: str) -> str | None:
    for item in dataclasses.fields(record):
        if yaml_key(item.name) == key:
            return item.name
    return None


def check_deadline_moved(ctx: CheckContext) -> Iterator[Finding]:
    """A deadline moves only with an extension record.

    Changing ``deadline:`` by hand loses the original date and the reason;
    ``zhenggai extend`` records both.

    Fails (against the base branch)::

        -deadline: 2021-09-30
        +deadline: 2021-12-31

    Passes::

        -deadline: 2021-09-30
        +deadline: 2021-12-31
        +extensions:
        +  - {from: 2021-09-30, to: 2021-12-31, reason: 待专题协商会审议}
    """
    for before, loaded in _pairs(ctx):
        now = loaded.task
        if before.deadline == now.deadline or before.deadline is None:
            continue
        added = now.extensions[len(before.extensions) :]
        recorded = (
            bool(added)
            and now.extensions[: len(before.extensions)] == before.extensions
            and added[0].from_ == before.deadline
            and added[-1].to == now.deadline
        )
        if not recorded:
            message = (
                text(
                    "deadline moved from {old} to {new} without an extension record",
                    old=before.deadline,
                    new=now.deadline,
                )
                if now.deadline
                else text(
                    "deadline moved from {old} away without an extension record",
                    old=before.deadline,
                )
            )
            yield task_finding(
                loaded,
                ("deadline",),
                message,
                hint=text("restore it and run `zhenggai extend ID --to DATE --reason ...`"),
            )


def check_closed_task_edited(ctx: CheckContext) -> Iterator[Finding]:
    """A signed-off task is not edited; it is reopened first.

    After 销号 the record is what was accepted. To change it, ``zhenggai
    reopen`` it (the old sign-off is kept), then edit and close it again.

    Fails: a task that was ``status: done`` on the base branch and is still
    done, with any key changed.

    Passes: the same change after ``zhenggai reopen``; and evidence added after
    the sign-off (``zhenggai attach``: the signed form, scanned), nothing else.
    """
    # A unit renamed or merged since (`zhenggai unit rename`, `unit merge`) is the same
    # unit under its new id; so is a leader merged into another.
    settings = ctx.ledger.settings
    renamed = {old: unit.id for unit in settings.units for old in unit.formerly}
    lead_renamed = {old: leader.id for leader in settings.leaders for old in leader.formerly}
    for before, loaded in _pairs(ctx):
        now = _uncorrected(before, loaded.task)
        if renamed and any(unit in renamed for unit in before.units):
            units = list(dict.fromkeys(renamed.get(u, u) for u in before.units))
            before = dataclasses.replace(before, units=units)
        if before.lead in lead_renamed:
            before = dataclasses.replace(before, lead=lead_renamed[before.lead])
        if before.status is not Status.DONE or now.status is not Status.DONE or before == now:
            continue
        if _attached_only(before, now):
            continue  # the signed form scanned and pinned (`zhenggai attach`): not an edit
        key = _first_difference(before, now)
        yield task_finding(
            loaded,
            (key,),
            text(
                "{id} was signed off on {day} and has been edited since ({key})",
                id=now.id,
                day=before.closing.date if before.closing else "?",
                key=key,
            ),
            hint=text("reopen it with `zhenggai reopen ID --reason ...` before changing it"),
        )


def check_evidence_changed(ctx: CheckContext) -> Iterator[Finding]:
    """Evidence accepted at sign-off stays: not removed, not replaced.

    Every evidence record a done task had on the base branch is still there,
    with the same path and sha256 (the evidence-intact check then holds the
    file to that hash), also after a reopening.

    Fails::

         evidence:
        -  - path: evidence/TASK-001/纪要.pdf
        -    sha256: 9f86d0…

    Passes: new evidence added after the old records.
    """
    for before, loaded in _pairs(ctx):
        if before.status is not Status.DONE:
            continue
        now_records = {(e.path, e.sha256) for e in loaded.task.evidence}
        for record in before.evidence:
            if (record.path, record.sha256) not in now_records:
                replaced = any(e.path == record.path for e in loaded.task.evidence)
                yield task_finding(
                    loaded,
                    ("evidence",) if loaded.task.evidence else ("status",),
                    text("evidence {path} accepted at sign-off was replaced", path=record.path)
                    if replaced
                    else text("evidence {path} accepted at sign-off was removed", path=record.path),
                    hint=text("keep the accepted evidence; add a new file as a new record"),
                )


def check_status_backwards(ctx: CheckContext) -> Iterator[Finding]:
    """A done task goes back only through a reopening record.

    Fails::

        -status: done
        +status: in-progress

    Passes: the same, made by ``zhenggai reopen`` (a new ``reopenings`` entry
    keeps the old sign-off).
    """
    for before, loaded in _pairs(ctx):
        now = loaded.task
        if before.status is Status.DONE and now.status is not Status.DONE:
            if len(now.reopenings) > len(before.reopenings):
                continue
            yield task_finding(
                loaded,
                ("status",),
                text(
                    "status went from done to {status} without a reopening record",
                    status=now.status.value,
                ),
                hint=text("use `zhenggai reopen ID --reason ...`, which keeps the old sign-off"),
            )


def check_task_removed(ctx: CheckContext) -> Iterator[Finding]:
    """Tasks are not deleted or renamed; ids are permanent.

    A measure that is no longer pursued is cancelled (``status: cancelled``
    with a ``cancel_reason``), so the record of it stays.

    Fails: ``tasks/TASK-007.yaml`` existed on the base branch and is gone, or
    now holds ``id: TASK-070``.

    Passes: ``status: cancelled`` with ``cancel_reason: 与 TASK-006 合并``.
    """
    if ctx.baseline is None:
        return
    now_ids = set(ctx.ledger.by_id)
    broken = {path for path in ctx.ledger.unloaded_task_files}
    new_by_title = {
        loaded.task.title: loaded
        for loaded in ctx.ledger.tasks
        if loaded.task.id not in ctx.baseline.tasks
    }
    for task_id, (path, before) in sorted(ctx.baseline.tasks.items()):
        if task_id in now_ids or path in broken:
            continue  # a file that does not load now is reported by parse/schema
        renamed = new_by_title.get(before.title)
        if renamed is not None:
            yield task_finding(
                renamed,
                ("id",),
                text(
                    "{old} was renamed to {new}: ids are permanent",
                    old=task_id,
                    new=renamed.task.id,
                ),
                hint=text("keep the id {id} (and its file name)", id=task_id),
            )
            continue
        deleted = file_finding(
            path,
            text("{id} was deleted", id=task_id),
            text("restore it and cancel it with `zhenggai cancel ID --reason ...`"),
        )
        yield dataclasses.replace(deleted, task=task_id)


def check_log_rewritten(ctx: CheckContext) -> Iterator[Finding]:
    """Progress notes, extensions, reopenings and applications are append-only.

    What was recorded stays as it was recorded; new entries go at the end (a progress
    note entered late, `progress --late-entry`, in its place by date, saying when it was
    entered). An
    application (申请销号, 申请延期) takes each level's act at the end of its
    ``steps`` and its ``approved`` day once, and nothing else: an approval or a
    return edited after the fact fails. A mistyped date is put right with
    ``zhenggai correct``, which records the correction and its reason: a
    rewrite that carries one passes.

    Fails::

         progress:
        -  - {date: 2021-09-01, text: 起草完成}
        +  - {date: 2021-09-01, text: 已印发}

    Passes::

         progress:
           - {date: 2021-09-01, text: 起草完成}
        +  - {date: 2021-10-20, text: 已印发}
    """
    for before, loaded in _pairs(ctx):
        now = _uncorrected(before, loaded.task)
        for key in ("progress", "extensions", "reopenings", "corrections", "requests"):
            old: Sequence[Any] = getattr(before, key)
            new: Sequence[Any] = getattr(now, key)
            if key == "progress":  # a note entered late goes in its place by date
                new = [n for n in new if n.entered is None or n in old]
            for index, item in enumerate(old):
                if index >= len(new):
                    yield task_finding(
                        loaded,
                        (key,) if new else ("id",),
                        text(
                            "{key} entry {number} of {count} was removed",
                            key=key,
                            number=index + 1,
                            count=len(old),
                        ),
                        hint=text("entries are append-only: restore it"),
                    )
                    break
                if new[index] != item and not _grown(item, new[index]):
                    yield task_finding(
                        loaded,
                        (key, index),
                        text("{key} entry {number} was rewritten", key=key, number=index + 1),
                        hint=text("entries are append-only: restore it and add a new one"),
                    )
                    break


def _attached_only(before: Task, now: Task) -> bool:
    """Whether ``now`` is ``before`` with evidence added after its sign-off, and nothing
    else changed."""
    closing = before.closing
    if closing is None or now.evidence[: len(before.evidence)] != before.evidence:
        return False
    added = now.evidence[len(before.evidence) :]
    if not added or any(item.added < closing.date for item in added):
        return False
    return dataclasses.replace(now, evidence=before.evidence) == before


def _grown(before: Any, now: Any) -> bool:
    """Whether an application ``now`` is ``before`` with acts added: its steps then are
    the first of its steps now, and its ``approved`` day was not there or is the same."""
    if not isinstance(before, Request) or not isinstance(now, Request):
        return False
    if before.approved is not None and before.approved != now.approved:
        return False
    if now.steps[: len(before.steps)] != before.steps:
        return False
    return dataclasses.replace(now, steps=before.steps, approved=before.approved) == before


def _first_difference(before: Task, now: Task) -> str:
    for item in dataclasses.fields(Task):
        if getattr(before, item.name) != getattr(now, item.name):
            return yaml_key(item.name)
    return "id"  # pragma: no cover - only called when the tasks differ
