"""A row of a workbook `zhenggai export` wrote, imported back: its 编号 is the task's id,
so it updates that very task and never makes another. Its new progress and its 备注
become notes; a row marked 已完成, or with a later deadline, becomes an application
for the office to approve (申请销号, 申请延期) — never a sign-off or a moved deadline
by itself, and never a conflict to retype."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from zhenggai.findings import LedgerError
from zhenggai.imports.rows import RowTask
from zhenggai.ledger.loaded import Ledger
from zhenggai.messages import Text
from zhenggai.messages import text as said
from zhenggai.records.model import Status, Task
from zhenggai.writes.plan import KEY_ORDER

#: What `export` itself writes in 备注, part by part: not the office's remarks.
_OWN = re.compile(
    r"^(?:\d{4}-\d{2}-\d{2} 销号：|signed off \d{4}-\d{2}-\d{2}: |撤销：|cancelled: |原时限 |"
    r"original deadline |时限原文：|deadline as written: |立行立改$|immediate$)"
)


def own_remarks_left_out(remarks: str) -> str:
    """The 备注 an office wrote, without the parts our export writes there."""
    parts = [part.strip() for part in re.split(r"；|; ", remarks) if part.strip()]
    return "；".join(part for part in parts if not _OWN.match(part))


def exported_task(ledger: Ledger, row: RowTask) -> Task | None:
    """The task a row's 编号 names, where it is one of the ledger's own ids."""
    if not row.task_id:
        return None
    loaded = ledger.by_id.get(row.task_id)
    return loaded.task if loaded is not None else None


def plan_exported(
    ledger: Ledger, task: Task, row: RowTask, note: dict[str, Any] | None, day: date, by: str
) -> tuple[bytes | None, list[Text]]:
    """The task file with what the row adds (None: nothing), and what is to be said."""
    from zhenggai.files.roundtrip import append_item, open_for_edit
    from zhenggai.ledger.paths import TASK_SUFFIX, TASKS_DIR
    from zhenggai.writes.approvals import application, waiting

    path = ledger.root / TASKS_DIR / f"{task.id}{TASK_SUFFIX}"
    edited = open_for_edit(path.read_text(encoding="utf-8"))
    texts = {n.text for n in task.progress}
    notes = []
    if note is not None and note["text"] not in texts:
        notes.append(note)
    remark = own_remarks_left_out(row.remarks or "")
    if remark:
        kept = f"备注：{remark}"
        if kept not in texts:
            notes.append({"date": day, "text": kept, "by": by})
    last = task.last_progress
    said_here: list[Text] = []
    for item in notes:
        if last is not None and item["date"] < last:
            item = {**item, "date": max(day, last)}
        append_item(edited.data, "progress", item, KEY_ORDER)
    applied = None
    open_ = task.status in (Status.IN_PROGRESS, Status.ONGOING)
    if row.status is Status.DONE and open_:
        summary = (note or {}).get("text") or (task.progress[-1].text if task.progress else "")
        applied = ("signoff", {"summary": summary or task.title})
    elif (
        row.deadline.deadline is not None
        and task.deadline is not None
        and row.deadline.deadline > task.deadline
        and task.status is Status.IN_PROGRESS
    ):
        applied = ("extension", {"to": row.deadline.deadline, "basis": row.deadline.basis,
                                 "reason": remark or "导入的台账所载新时限"})  # fmt: skip
    requested = False
    if " ".join(row.title.split()) != " ".join(task.title.split()):
        said_here.append(said("{row}: the sheet's measure of {id} is not the ledger's: left as "
                              "the ledger has it; change it with `zhenggai edit`", row=row.where,
                              id=task.id))  # fmt: skip
    if applied is not None:
        kind, fields = applied
        if waiting(task) is not None:
            said_here.append(said("{row}: an application of {id} waits already: the row's "
                                  "is left out", row=row.where, id=task.id))  # fmt: skip
        else:
            try:
                record = application(ledger, task, task.id, kind, task.lead_unit, day, **fields)
            except LedgerError as err:
                said_here.append(err.said())
            else:
                append_item(edited.data, "requests", record, KEY_ORDER)
                requested = True
                said_here.append(
                    said("{row}: {id} applied for sign-off, for the office to approve",
                         row=row.where, id=task.id)
                    if kind == "signoff"
                    else said("{row}: {id} applied for an extension, for the office to approve",
                              row=row.where, id=task.id)
                )  # fmt: skip
    return (edited.dump() if notes or requested else None), said_here
