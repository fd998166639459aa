"""Sign-off and extension through levels (planned, see `plan`): an application, each
level's approval (`plan_approve`) or return (`plan_return`), and on the last approval
the closing record or the extension, with every level's opinion.

A ledger sets its levels under ``approval:`` in zhenggai.yaml. The first level applies
(`close`, `extend` record a `Request` instead of closing or extending); each later
level acts in turn. Nothing skips a level, nothing acts twice at one, and a level acts
only on what waits at it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from zhenggai.findings import LedgerError
from zhenggai.ledger.evidence import StoredEvidence
from zhenggai.ledger.loaded import Ledger
from zhenggai.messages import Text
from zhenggai.messages import text as said
from zhenggai.records.model import Request, Status, Step, Task, keys_of
from zhenggai.records.settings import ApprovalLevel
from zhenggai.safetext import require_one_line
from zhenggai.writes.plan import KEY_ORDER, Plan, clean_text, finish, open_for_edit, open_task

_REQUEST_ORDER = keys_of(Request)


def levels_of(ledger: Ledger, kind: str) -> list[ApprovalLevel]:
    """The levels an application of ``kind`` passes through in ``ledger``."""
    return ledger.settings.approval.levels(kind)


def waiting(task: Task) -> tuple[int, Request] | None:
    """The application of ``task`` that waits for a level's act, with its place in the
    task's requests: the last one, unless it was returned or approved."""
    if not task.requests:
        return None
    request = task.requests[-1]
    if request.approved is not None or any(s.action == "returned" for s in request.steps):
        return None
    return len(task.requests) - 1, request


def level_waited_at(request: Request) -> int:
    """The level a waiting ``request`` is at: 1 after applying, one more each approval."""
    return 1 + sum(1 for step in request.steps if step.action == "approved")


def require_may_act(ledger: Ledger, task: Task, level: ApprovalLevel, by: str) -> None:
    """LedgerError unless ``by`` is one of those who may act at ``level`` for ``task``."""
    if not level.who:
        return
    allowed: set[str] = set()
    shown: list[str] = []  # who, as the refusal names them: the task's leader and units
    for name in level.who:
        if name == "lead":
            allowed |= {task.lead, *(x.name for x in ledger.settings.leaders if x.id == task.lead)}
            shown.append(task.lead)
        elif name == "units":
            allowed |= set(task.units)
            allowed |= {unit.name for unit in ledger.settings.units if unit.id in task.units}
            shown += task.units
        else:
            allowed.add(name)
            shown.append(name)
    if by not in allowed:
        raise LedgerError(
            said("{by} may not act at {level}: it is for {who} (give --by)", by=by,
                 level=level.name, who="、".join(dict.fromkeys(shown)))
        )  # fmt: skip


def application(
    ledger: Ledger, task: Task, task_id: str, kind: str, by: str, day: date, **fields: Any
) -> dict[str, Any]:
    """The record of an application of ``kind`` by ``by`` on ``day`` (the fields given
    besides), checked: nothing else waits, and ``by`` may apply."""
    require_one_line(by=by)
    found = waiting(task)
    if found is not None:
        _, request = found
        level = _level(ledger, request.kind, level_waited_at(request))
        raise LedgerError(
            said("{id} has an application of {day} waiting at {level}: approve or return it "
                 "first", id=task_id, day=request.date, level=level)
        )  # fmt: skip
    require_may_act(ledger, task, levels_of(ledger, kind)[0], by)
    return {"kind": kind, "date": day, "by": by, **fields}


def plan_application(
    ledger: Ledger,
    task: Task,
    task_id: str,
    path: Path,
    source: str,
    kind: str,
    by: str | None,
    day: date,
    approved_by: str | None,
    *,
    edited: Any = None,
    copies: tuple[StoredEvidence, ...] = (),
    **fields: Any,
) -> Plan:
    """An application of ``kind`` recorded (where the ledger's chain has levels), in the
    task as ``edited`` so far (its evidence added) or as it is."""
    from zhenggai.files.roundtrip import append_item

    levels = levels_of(ledger, kind)
    if approved_by:
        raise LedgerError(
            said("in this ledger the levels approve ({levels}): leave out --approved-by and "
                 "use `zhenggai approve`", levels=" → ".join(x.name for x in levels))
        )  # fmt: skip
    if not by:
        raise LedgerError(said("who applies? give --by (or set ZHENGGAI_USER)"))
    record = application(ledger, task, task_id, kind, by, day, **fields)
    edited = edited if edited is not None else open_for_edit(source)
    append_item(edited.data, "requests", record, KEY_ORDER)
    message = (
        said("apply for sign-off of {id}: waits at {level}", id=task_id, level=levels[1].name)
        if kind == "signoff"
        else said("apply for extension of {id}: waits at {level}", id=task_id,
                  level=levels[1].name)
    )  # fmt: skip
    return finish(task_id, path, edited, message, copies=copies)


def plan_approve(
    ledger: Ledger, task_id: str, typed_level: str | None, by: str, opinion: str | None, day: date
) -> Plan:
    """The waiting application approved at its level; at the last level, the task signed
    off (or its deadline moved) with every level's approval."""
    path, source, task = open_task(ledger, task_id)
    index, request, level = _acting(ledger, task, task_id, typed_level, by, day)
    levels = levels_of(ledger, request.kind)
    step = {"level": level.name, "action": "approved", "date": day, "by": by,
            "opinion": clean_text(opinion or "") or None}  # fmt: skip
    edited = open_for_edit(source)
    record = edited.data["requests"][index]
    _append_step(record, step)
    last = level_waited_at(request) == len(levels) - 1
    if not last:
        following = levels[level_waited_at(request) + 1].name
        message = said("approve {id} at {level}: next, {next}", id=task_id, level=level.name,
                       next=following)  # fmt: skip
        return finish(task_id, path, edited, message)
    _set(record, "approved", day)
    approvals = [*(_step_values(s) for s in request.steps if s.action == "approved"), step]
    if request.kind == "signoff":
        _sign_off(edited.data, task, request, by, day, approvals)
        message = said("approve {id} at {level}: signed off", id=task_id, level=level.name)
    else:
        _extend(edited.data, task, task_id, request, by, day, approvals)
        message = said("approve {id} at {level}: deadline now {to}", id=task_id,
                       level=level.name, to=request.to)  # fmt: skip
    return finish(task_id, path, edited, message)


def plan_return(ledger: Ledger, task_id: str, reason: str, by: str, day: date) -> Plan:
    """The waiting application sent back to the unit (退回) with ``reason``; it stays in
    the task, and the unit may apply again."""
    path, source, task = open_task(ledger, task_id)
    reason = clean_text(reason)
    if not reason:
        raise LedgerError(said("a return needs a reason (--reason)"))
    index, _, level = _acting(ledger, task, task_id, None, by, day)
    edited = open_for_edit(source)
    step = {"level": level.name, "action": "returned", "date": day, "by": by, "opinion": reason}
    _append_step(edited.data["requests"][index], step)
    return finish(task_id, path, edited, said("return {id} at {level}: {reason}", id=task_id,
                                              level=level.name, reason=reason))  # fmt: skip


def _acting(
    ledger: Ledger, task: Task, task_id: str, typed_level: str | None, by: str, day: date
) -> tuple[int, Request, ApprovalLevel]:
    """The waiting application, its place, and the level ``by`` acts at on ``day``;
    LedgerError, saying why, for anything out of turn."""
    require_one_line(by=by)
    found = waiting(task)
    if found is None:
        raise LedgerError(said("{id} has no application waiting for approval", id=task_id))
    index, request = found
    levels = levels_of(ledger, request.kind)
    at = level_waited_at(request)
    if at >= len(levels):
        raise LedgerError(
            said("{id}: its application has passed every level the ledger now has; finish it "
                 "by hand or restore the level", id=task_id)
        )  # fmt: skip
    level = levels[at]
    if typed_level is not None and typed_level not in (level.name, str(at + 1)):
        asked = next((n for n, x in enumerate(levels) if typed_level in (x.name, str(n + 1))), None)
        if asked is None:
            known = "、".join(x.name for x in levels)
            raise LedgerError(said("no level {level} here; the levels: {known}",
                                   level=repr(typed_level), known=known))  # fmt: skip
        why: Text = (
            said("{id} was approved at {level} already; it waits at {now}", id=task_id,
                 level=levels[asked].name, now=level.name)
            if asked < at
            else said("{id} waits at {now}; {level} acts after it", id=task_id,
                      now=level.name, level=levels[asked].name)
        )  # fmt: skip
        raise LedgerError(why)
    require_may_act(ledger, task, level, by)
    last = max([request.date, *(step.date for step in request.steps)])
    if day < last:
        raise LedgerError(
            said("{id}: the application was last acted on {last}; this act cannot be "
                 "dated before it", id=task_id, last=last)
        )  # fmt: skip
    return index, request, level


def _step_values(step: Step) -> dict[str, Any]:
    return {"level": step.level, "action": step.action, "date": step.date, "by": step.by,
            "opinion": step.opinion}  # fmt: skip


def _level(ledger: Ledger, kind: str, at: int) -> str:
    levels = levels_of(ledger, kind)
    return levels[at].name if at < len(levels) else "—"


def _append_step(record: Any, step: dict[str, Any]) -> None:
    from zhenggai.files.roundtrip import append_item

    append_item(record, "steps", step, _REQUEST_ORDER)


def _set(record: Any, key: str, value: Any) -> None:
    from zhenggai.files.roundtrip import set_key

    set_key(record, key, value, _REQUEST_ORDER)


def _steps(approvals: list[dict[str, Any]]) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    from zhenggai.files.roundtrip import new_mapping

    return CommentedSeq(new_mapping(step) for step in approvals)


def _sign_off(
    data: Any, task: Task, request: Request, by: str, day: date, approvals: list[dict[str, Any]]
) -> None:
    from zhenggai.files.roundtrip import new_mapping, set_key

    values = {
        "date": day,
        "by": request.by,
        "summary": request.summary,
        "approved_by": by,
        "no_evidence_reason": request.no_evidence_reason,
        "applied": request.date,
    }
    closing = new_mapping(values)
    closing["approvals"] = _steps(approvals)
    set_key(data, "status", Status.DONE.value, KEY_ORDER)
    set_key(data, "closing", closing, KEY_ORDER)


def _extend(
    data: Any,
    task: Task,
    task_id: str,
    request: Request,
    by: str,
    day: date,
    approvals: list[dict[str, Any]],
) -> None:
    from zhenggai.files.roundtrip import append_item, set_key

    if task.deadline is None or request.to is None or request.to <= task.deadline:
        raise LedgerError(
            said("{id}: the deadline asked for ({to}) is not after the deadline now ({now})",
                 id=task_id, to=request.to, now=task.deadline)
        )  # fmt: skip
    record = {"from": task.deadline, "to": request.to, "basis": request.basis,
              "reason": request.reason, "approved_by": by, "date": day,
              "applied": request.date}  # fmt: skip
    append_item(data, "extensions", record, KEY_ORDER)
    data["extensions"][-1]["approvals"] = _steps(approvals)
    set_key(data, "deadline", request.to, KEY_ORDER)


def plan_attach(
    ledger: Ledger, task_id: str, sources: list[Path], kind: str | None, day: date
) -> Plan:
    """Files pinned to a task by their hash as evidence added on ``day`` — the signed
    form, scanned, after the sign-off — without touching any other record."""
    from zhenggai.files.roundtrip import append_item
    from zhenggai.ledger.evidence import EvidenceRefused, plan_evidence
    from zhenggai.messages import reason_of
    from zhenggai.writes.plan import kind_of, short

    require_one_line(kind=kind)
    path, source, task = open_task(ledger, task_id)
    if not sources:
        raise LedgerError(said("give the file to attach: --evidence FILE (repeatable)"))
    if task.closing is not None and day < task.closing.date:
        raise LedgerError(
            said("{id} was signed off on {closed}: what is attached after it is dated on or "
                 "after that day", id=task_id, closed=task.closing.date)
        )  # fmt: skip
    limit = ledger.settings.evidence_max_mb * 1024 * 1024
    try:
        stored = plan_evidence(ledger.root, task_id, sources, limit, task.evidence)
    except EvidenceRefused as err:
        raise LedgerError(reason_of(err)) from None
    if not stored:
        raise LedgerError(said("{id} holds these files already", id=task_id))
    edited = open_for_edit(source)
    for item in stored:
        record: dict[str, Any] = {"path": item.path, "sha256": item.sha256, "size": item.size,
                                  "added": day, "kind": kind or kind_of(item.path)}  # fmt: skip
        if item.also:
            record["also"] = list(item.also)
        append_item(edited.data, "evidence", record, KEY_ORDER)
    names = ", ".join(item.path.rsplit("/", 1)[-1] for item in stored)
    message = said("attach to {id}: {files}", id=task_id, files=short(names))
    return finish(task_id, path, edited, message, copies=tuple(i for i in stored if i.copy))
