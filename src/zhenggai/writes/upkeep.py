"""Changing what a task is, planned (see `plan`): cancelling it (撤销) and editing the
keys that describe it (title, measure, units, leader, owner, tags, publicity, source)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from zhenggai.findings import LedgerError
from zhenggai.ledger.loaded import Ledger
from zhenggai.messages import text as said
from zhenggai.records.model import Status, Task
from zhenggai.safetext import require_one_line
from zhenggai.writes.plan import (
    KEY_ORDER,
    Plan,
    clean_text,
    finish,
    open_for_edit,
    open_task,
    short,
)


def plan_cancel(ledger: Ledger, task_id: str, reason: str, by: str | None, day: date) -> Plan:
    """Drop a measure (撤销) with a dated cancellation record; it then counts as cancelled
    from ``day`` on. A signed-off task is reopened first: its sign-off stays on record."""
    from zhenggai.files.roundtrip import new_mapping, set_key

    require_one_line(by=by)
    path, source, task = open_task(ledger, task_id)
    if task.status is Status.CANCELLED:
        when = f" on {task.cancelled.date}" if task.cancelled else ""
        raise LedgerError(f"{task_id} is already cancelled{when}")
    if task.status is Status.DONE:
        raise LedgerError(
            f"{task_id} is signed off: reopen it first (`zhenggai reopen {task_id} --reason ...`) "
            "so that the sign-off stays on record, then cancel it"
        )
    _not_before_creation(task, day, "cancelled")
    reason = clean_text(reason)
    if not reason:
        raise LedgerError("a cancellation needs a reason (--reason)")
    edited = open_for_edit(source)
    record = new_mapping({"date": day, "reason": reason, "by": by})
    set_key(edited.data, "cancelled", record, KEY_ORDER)
    set_key(edited.data, "status", Status.CANCELLED.value, KEY_ORDER)
    return finish(
        task_id, path, edited, said("cancel {id}: {reason}", id=task_id, reason=short(reason))
    )


def _not_before_creation(task: Task, day: date, what: str) -> None:
    if task.created is not None and day < task.created:
        raise LedgerError(
            f"{task.id} entered the ledger on {task.created}: it cannot be {what} on {day}"
        )


@dataclass(frozen=True)
class TaskEdit:
    """What `zhenggai edit` was given: None leaves a key as it is."""

    title: str | None = None
    measure: str | None = None
    units: tuple[str, ...] | None = None  # the first leads
    lead: str | None = None
    owner: str | None = None
    tags: tuple[str, ...] | None = None
    public: bool | None = None
    source_ref: str | None = None

    def given(self) -> dict[str, Any]:
        return {
            f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not None
        }


def plan_edit(ledger: Ledger, task_id: str, change: TaskEdit) -> Plan:
    """Change only the named keys of a task, keeping every other line as it is. A
    signed-off task is not edited: what was accepted stays what was accepted."""
    from ruamel.yaml.comments import CommentedSeq

    from zhenggai.files.roundtrip import set_key, text_value

    require_one_line(
        title=change.title,
        unit=change.units,
        lead=change.lead,
        owner=change.owner,
        tag=change.tags,
        source_ref=change.source_ref,
    )
    values = change.given()
    if not values:
        raise LedgerError(
            "nothing to change: give --title, --measure, --unit, --lead, --owner, --tag, "
            "--public/--private or --source-ref"
        )
    path, source, task = open_task(ledger, task_id)
    if task.status is Status.DONE:
        signed = f" on {task.closing.date}" if task.closing else ""
        raise LedgerError(
            f"{task_id} was signed off{signed}: editing it would change what was accepted; "
            f"reopen it first (`zhenggai reopen {task_id} --reason ...`)"
        )
    unknown = [unit for unit in change.units or () if unit not in ledger.unit_ids]
    if change.lead is not None and change.lead not in ledger.leader_ids:
        unknown.append(change.lead)
    if unknown:
        raise LedgerError(
            f"unknown {', '.join(repr(name) for name in unknown)}: add units and leaders to "
            "zhenggai.yaml first"
        )
    if change.units is not None and not change.units:
        raise LedgerError("a task needs at least one unit (--unit, the first is the lead unit)")
    if "measure" in values:
        values["measure"] = clean_text(values["measure"])
    edited = open_for_edit(source)
    for key, value in values.items():
        if isinstance(value, tuple):
            seq = CommentedSeq(text_value(item) for item in value)
            seq.fa.set_flow_style()
            value = seq
        set_key(edited.data, key, value, KEY_ORDER)
    return finish(
        task_id, path, edited, said("edit {id}: {keys}", id=task_id, keys=", ".join(values))
    )


def plan_milestone_add(ledger: Ledger, task_id: str, due: date, what: str) -> Plan:
    """A milestone (节点) added to a task, in the order of the dates they are due."""
    from zhenggai.files.roundtrip import append_item

    require_one_line(what=what)
    path, source, task = _open_open_task(ledger, task_id, "add a milestone to")
    if task.deadline is not None and due > task.deadline:
        raise LedgerError(f"{due} is after {task_id}'s deadline {task.deadline}")
    edited = open_for_edit(source)
    append_item(edited.data, "milestones", {"due": due, "what": what}, KEY_ORDER)
    return finish(
        task_id, path, edited, said("milestone {id}: {what}", id=task_id, what=short(what))
    )


def plan_milestone_done(ledger: Ledger, task_id: str, number: int, day: date) -> Plan:
    """Milestone ``number`` (from 1, as `show` lists them) reached on ``day``."""
    from zhenggai.files.roundtrip import set_key

    path, source, task = _open_open_task(ledger, task_id, "mark a milestone of")
    if not 1 <= number <= len(task.milestones):
        raise LedgerError(
            f"{task_id} has {len(task.milestones)} milestones: give 1 to {len(task.milestones)}"
        )
    milestone = task.milestones[number - 1]
    if milestone.done is not None:
        raise LedgerError(f"milestone {number} of {task_id} was reached on {milestone.done}")
    _not_before_creation(task, day, "reached")
    edited = open_for_edit(source)
    set_key(edited.data["milestones"][number - 1], "done", day, ("due", "what", "done"))
    message = said("milestone {id} done: {what}", id=task_id, what=short(milestone.what))
    return finish(task_id, path, edited, message)


def plan_counter(
    ledger: Ledger, task_id: str, done: int, what: str | None, total: int | None
) -> Plan:
    """How many of a countable measure are done (5 of 8 项网信任务): the counter named
    by ``what`` (or the task's only one) set, or a new one made with ``total``."""
    from zhenggai.files.roundtrip import append_item, set_key

    require_one_line(what=what)
    path, source, task = _open_open_task(ledger, task_id, "count the progress of")
    counters = task.counters
    chosen = [i for i, c in enumerate(counters) if what is None or c.what == what]
    edited = open_for_edit(source)
    if total is not None and not chosen:
        if what is None:
            raise LedgerError("a new counter needs --what (what is counted)")
        if done > total:
            raise LedgerError(f"{done} done is more than the {total} in all")
        record = {"what": what, "done": done, "total": total}
        append_item(edited.data, "counters", record, KEY_ORDER)
        message = said(
            "counter {id}: {what} {done}/{total}", id=task_id, what=what, done=done, total=total
        )
        return finish(task_id, path, edited, message)
    if len(chosen) != 1:
        names = ", ".join(c.what for c in counters) or "none"
        raise LedgerError(
            f"{task_id}'s counters: {names}; name one with --what, or make one with --total"
        )
    counter = counters[chosen[0]]
    if done > (total or counter.total):
        raise LedgerError(f"{done} done is more than the {total or counter.total} in all")
    entry = edited.data["counters"][chosen[0]]
    set_key(entry, "done", done, ("what", "done", "total"))
    if total is not None:
        set_key(entry, "total", total, ("what", "done", "total"))
    message = said(
        "counter {id}: {what} {done}/{total}",
        id=task_id,
        what=counter.what,
        done=done,
        total=total or counter.total,
    )
    return finish(task_id, path, edited, message)


def _open_open_task(ledger: Ledger, task_id: str, doing: str) -> tuple[Any, str, Task]:
    """A task that is still open to work on: signed-off and cancelled ones are refused."""
    path, source, task = open_task(ledger, task_id)
    if task.status in (Status.DONE, Status.CANCELLED):
        raise LedgerError(
            f"{task_id} is {task.status.value}: cannot {doing} it"
            + (
                f" (reopen it first: `zhenggai reopen {task_id} --reason ...`)"
                if task.status is Status.DONE
                else ""
            )
        )
    return path, source, task
