"""Changing what a task is, planned (see `plan`): cancelling it (撤销) and editing the
keys that describe it (title, measure, units, leader, owner, tags, publicity, source)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from zhenggai.findings import LedgerError
from zhenggai.ledger.loaded import Ledger
from zhenggai.messages import Text
from zhenggai.messages import text as said
from zhenggai.messages import text_n as said_n
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
        if task.cancelled is None:
            raise LedgerError(said("{id} is already cancelled", id=task_id))
        raise LedgerError(
            said("{id} was already cancelled on {day}", id=task_id, day=task.cancelled.date)
        )
    if task.status is Status.DONE:
        raise LedgerError(
            said(
                "{id} is signed off: reopen it first (`zhenggai reopen {id} --reason ...`) "
                "so that the sign-off stays on record, then cancel it",
                id=task_id,
            )
        )
    _not_before_creation(task, day)
    reason = clean_text(reason)
    if not reason:
        raise LedgerError(said("a cancellation needs a reason (--reason)"))
    edited = open_for_edit(source)
    record = new_mapping({"date": day, "reason": reason, "by": by})
    set_key(edited.data, "cancelled", record, KEY_ORDER)
    set_key(edited.data, "status", Status.CANCELLED.value, KEY_ORDER)
    return finish(
        task_id, path, edited, said("cancel {id}: {reason}", id=task_id, reason=short(reason))
    )


def _not_before_creation(task: Task, day: date) -> None:
    if task.created is not None and day < task.created:
        raise LedgerError(
            said(
                "{id} entered the ledger on {created}: nothing is recorded of it on {day}",
                id=task.id,
                created=task.created,
                day=day,
            )
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
    problem: str | None = None  # the problem it answers (an id the caller resolved)

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
        problem=change.problem,
    )
    values = change.given()
    if not values:
        raise LedgerError(
            said(
                "nothing to change: give --title, --measure, --unit, --lead, --owner, --tag, "
                "--public/--private, --source-ref or --problem"
            )
        )
    path, source, task = open_task(ledger, task_id)
    if task.status is Status.DONE:
        raise LedgerError(
            said(
                "{id} was signed off on {day}: editing it would change what was accepted; "
                "reopen it first (`zhenggai reopen {id} --reason ...`)",
                id=task_id,
                day=task.closing.date if task.closing else "-",
            )
        )
    unknown = [unit for unit in change.units or () if unit not in ledger.unit_ids]
    if change.lead is not None and change.lead not in ledger.leader_ids:
        unknown.append(change.lead)
    problem = change.problem
    if problem is not None and ledger.problems_loaded and problem not in ledger.problems:
        raise LedgerError(said("unknown problem {id} (problems.yaml)", id=repr(problem)))
    if unknown:
        raise LedgerError(
            said(
                "unknown {names}: add units and leaders to zhenggai.yaml first "
                "(`zhenggai unit add`, `zhenggai leader add`)",
                names=", ".join(repr(name) for name in unknown),
            )
        )
    if change.units is not None and not change.units:
        raise LedgerError(
            said("a task needs at least one unit (--unit, the first is the lead unit)")
        )
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
        task_id, path, edited, said("edit {id}: {fields}", id=task_id, fields=", ".join(values))
    )


def plan_milestone_add(ledger: Ledger, task_id: str, due: date, what: str) -> Plan:
    """A milestone (节点) added to a task, in the order of the dates they are due."""
    from zhenggai.files.roundtrip import append_item

    require_one_line(what=what)
    path, source, task = _open_open_task(ledger, task_id)
    if task.deadline is not None and due > task.deadline:
        raise LedgerError(
            said(
                "{due} is after the deadline of {id} ({deadline})",
                due=due,
                id=task_id,
                deadline=task.deadline,
            )
        )
    edited = open_for_edit(source)
    append_item(edited.data, "milestones", {"due": due, "what": what}, KEY_ORDER)
    return finish(
        task_id, path, edited, said("milestone {id}: {what}", id=task_id, what=short(what))
    )


def plan_milestone_done(ledger: Ledger, task_id: str, number: int, day: date) -> Plan:
    """Milestone ``number`` (from 1, as `show` lists them) reached on ``day``."""
    from zhenggai.files.roundtrip import set_key

    path, source, task = _open_open_task(ledger, task_id)
    if not 1 <= number <= len(task.milestones):
        raise LedgerError(
            said_n(
                "{id} has {n} milestone: give 1",
                "{id} has {n} milestones: give 1 to {n}",
                len(task.milestones),
                id=task_id,
            )
            if task.milestones
            else said("{id} has no milestones: add one with `zhenggai milestone add`", id=task_id)
        )
    milestone = task.milestones[number - 1]
    if milestone.done is not None:
        raise LedgerError(
            said(
                "milestone {number} of {id} was reached on {day}",
                number=number,
                id=task_id,
                day=milestone.done,
            )
        )
    _not_before_creation(task, day)
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
    path, source, task = _open_open_task(ledger, task_id)
    counters = task.counters
    chosen = [i for i, c in enumerate(counters) if what is None or c.what == what]
    edited = open_for_edit(source)
    if total is not None and not chosen:
        if what is None:
            raise LedgerError(said("a new counter needs --what (what is counted)"))
        if done > total:
            raise LedgerError(_more_than_all(done, total))
        record = {"what": what, "done": done, "total": total}
        append_item(edited.data, "counters", record, KEY_ORDER)
        message = said(
            "counter {id}: {what} {done}/{total}", id=task_id, what=what, done=done, total=total
        )
        return finish(task_id, path, edited, message)
    if len(chosen) != 1:
        if not counters:
            raise LedgerError(
                said("{id} has no counter: make one with --what and --total", id=task_id)
            )
        raise LedgerError(
            said(
                "the counters of {id}: {names}; name one with --what, or make one with --total",
                id=task_id,
                names=", ".join(c.what for c in counters),
            )
        )
    counter = counters[chosen[0]]
    if done > (total or counter.total):
        raise LedgerError(_more_than_all(done, total or counter.total))
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


def _open_open_task(ledger: Ledger, task_id: str) -> tuple[Any, str, Task]:
    """A task that is still open to work on: signed-off and cancelled ones are refused."""
    path, source, task = open_task(ledger, task_id)
    if task.status is Status.DONE:
        raise LedgerError(
            said(
                "{id} is signed off: reopen it first (`zhenggai reopen {id} --reason ...`)",
                id=task_id,
            )
        )
    if task.status is Status.CANCELLED:
        raise LedgerError(said("{id} is cancelled: a cancelled task is not worked on", id=task_id))
    return path, source, task


def _more_than_all(done: int, total: int) -> Text:
    return said("{done} done is more than the {total} in all", done=done, total=total)
