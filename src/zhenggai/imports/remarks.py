"""A 备注 cell as the office wrote it: kept as a note, and read for what it asks — a new
deadline (需延期至9月底) or a completion (已完成，申请销号) becomes an application for
the office to approve, the way a unit's returned form applies (never a sign-off or an
extension by itself)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from zhenggai.days.wording import read_deadline
from zhenggai.days.workdays import WorkCalendar
from zhenggai.findings import LedgerError
from zhenggai.imports.rows import RowTask
from zhenggai.ledger.loaded import Ledger
from zhenggai.messages import Text
from zhenggai.messages import text as said
from zhenggai.records.model import Status, Task, Term
from zhenggai.writes.plan import KEY_ORDER

#: 申请延期至2021年9月30日, 需延期到9月底, 拟延期至年底: the words after 至 are the deadline.
_EXTENSION = re.compile(r"延期(?:至|到)\s*(?P<to>[^，。；,;（(、\s]+)")
#: What says the work is done and asks to close it.
_DONE = re.compile(r"申请销号|已完成|已办结|已整改到位|整改完成|已落实到位")


@dataclass(frozen=True)
class Asked:
    """What a 备注 asks: an extension to a day (with the words that said it), or a
    sign-off; neither, when it only tells."""

    kind: str | None  # "extension" | "signoff"
    to: date | None = None
    basis: str | None = None


def asked_by(remark: str, feedback: date, work: WorkCalendar, shift: bool) -> Asked:
    """What ``remark`` asks of the office."""
    extension = _EXTENSION.search(remark)
    if extension is not None:
        try:
            read = read_deadline(extension.group("to"), feedback, work, shift)
        except ValueError:
            return Asked(None)  # a deadline no one can read: kept as the note it is
        if read.term is Term.DATED and read.deadline is not None:
            return Asked("extension", read.deadline, extension.group("to"))
        return Asked(None)
    if _DONE.search(remark) and "未完成" not in remark:
        return Asked("signoff")
    return Asked(None)


def _remark(row: RowTask) -> str:
    """The 备注 the office wrote (what our own export writes there left out)."""
    from zhenggai.imports.exported import own_remarks_left_out

    return own_remarks_left_out(row.remarks or "")


def remarks_of_new(
    ledger: Ledger, record: dict[str, Any], row: RowTask, day: date, by: str,
    applications: list[tuple[str, str, str]], told: list[Text],
) -> None:  # fmt: skip
    """A new task's 备注: kept as a note (unless it is already the sign-off's summary or
    the cancellation's reason), and what it asks, applied for."""
    remark = _remark(row)
    used = (
        (record.get("closing") or {}).get("summary"),
        (record.get("cancelled") or {}).get("reason"),
    )
    if not remark or remark in used:
        return
    record.setdefault("progress", []).append({"date": day, "text": f"备注：{remark}", "by": by})
    if row.status in (Status.DONE, Status.CANCELLED):
        return
    asked = _asked(ledger, remark)
    lead = record["units"][0] if record.get("units") else ""
    request = _request(asked, record.get("deadline"), remark, day, lead, row.where, told)
    if request is not None:
        record["requests"] = [request]
        applications.append((record["id"], row.where, request["kind"]))


def remarks_of_known(
    ledger: Ledger, task: Task, data: Any, row: RowTask, day: date, by: str,
    applications: list[tuple[str, str, str]], told: list[Text],
) -> bool:  # fmt: skip
    """A re-imported row's 备注: a note where it is new, and what it asks, applied for
    where nothing waits already. Whether the task changed."""
    from zhenggai.files.roundtrip import append_item
    from zhenggai.writes.approvals import application, waiting

    remark = _remark(row)
    if not remark or any(n.text == f"备注：{remark}" for n in task.progress):
        return False
    last = task.last_progress
    when = day if last is None else max(day, last)
    append_item(data, "progress", {"date": when, "text": f"备注：{remark}", "by": by}, KEY_ORDER)
    if task.status is not Status.IN_PROGRESS or waiting(task) is not None:
        return True
    asked = _asked(ledger, remark)
    request = _request(asked, task.deadline, remark, day, task.lead_unit, row.where, told)
    if request is not None:
        # held to the ledger's levels as every application is (who may apply first)
        own = {key: value for key, value in request.items() if key not in ("kind", "date", "by")}
        try:
            checked = application(ledger, task, task.id, request["kind"], request["by"], day,
                                  **own)  # fmt: skip
        except LedgerError as err:
            told.append(err.said())
        else:
            append_item(data, "requests", checked, KEY_ORDER)
            applications.append((task.id, row.where, request["kind"]))
    return True


def _asked(ledger: Ledger, remark: str) -> Asked:
    settings = ledger.settings
    return asked_by(remark, settings.source.feedback_date, ledger.work_calendar(),
                    settings.shift_deadline_to_workday)  # fmt: skip


def _request(
    asked: Asked, deadline: date | None, remark: str, day: date, lead: str, where: str,
    told: list[Text],
) -> dict[str, Any] | None:  # fmt: skip
    """The application a 备注 makes, for the office to approve (the unit applies):
    kind, date and by first, then its own fields."""
    if asked.kind == "signoff":
        return {"kind": "signoff", "date": day, "by": lead, "summary": remark}
    if asked.kind == "extension" and asked.to is not None:
        if deadline is None or asked.to <= deadline:
            told.append(
                said("{row}: 备注 asks for {to}, not after the deadline {now}: kept as a note",
                     row=where, to=asked.to, now=deadline or "—")
            )  # fmt: skip
            return None
        return {"kind": "extension", "date": day, "by": lead, "to": asked.to,
                "basis": asked.basis, "reason": remark}  # fmt: skip
    return None
