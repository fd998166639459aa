"""Recording the supervision notices issued (`zhenggai report notice --record`): each
into its task's `notices`, every task file written or none."""

from __future__ import annotations

from datetime import date

from zhenggai.ledger.loaded import Ledger
from zhenggai.messages import text as said
from zhenggai.safetext import require_one_line
from zhenggai.writes.plan import KEY_ORDER, Plan, finish, open_for_edit, open_task


def plan_notice(
    ledger: Ledger,
    task_id: str,
    issued: date,
    level: str,
    reply_by: date,
    by: str | None,
    number: str | None = None,
) -> Plan | None:
    """The task with the notice appended; None if it already holds a notice of that day
    (issuing the day's notices twice records them once)."""
    from zhenggai.files.roundtrip import append_item

    require_one_line(by=by)
    path, source, task = open_task(ledger, task_id)
    if any(notice.date == issued for notice in task.notices):
        return None
    edited = open_for_edit(source)
    item = {"date": issued, "level": str(level), "reply_by": reply_by, "by": by,
            "number": number}  # fmt: skip
    append_item(edited.data, "notices", item, KEY_ORDER)
    return finish(
        task_id,
        path,
        edited,
        said("notice {id}: {level}, reply by {reply_by}", id=task_id, level=level,
             reply_by=reply_by),
    )  # fmt: skip
