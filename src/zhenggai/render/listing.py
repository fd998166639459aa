"""`zhenggai list` as a table, JSON, CSV or Markdown — one selection, four faces."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from zhenggai.days.events import Pending
from zhenggai.ledger.queries import Selection, TaskRow
from zhenggai.records.vocab import Light
from zhenggai.render.cells import to_csv, to_markdown
from zhenggai.render.context import JSON_SCHEMA_VERSION, RenderContext

LIGHT_STYLES = {
    Light.RED: "bold red",
    Light.YELLOW: "yellow",
    Light.NOTICE: "cyan",
    Light.GREEN: "green",
}


def state_word(row: TaskRow, ctx: RenderContext) -> str:
    """逾期/临期/提示/正常 for an open task; its status word on the day otherwise
    (逾期完成 for a task signed off after its deadline)."""
    state = row.state
    if state.pending is not None and state.pending.kind == "signoff":
        return ctx.labels("status.pending")
    if state.pending is not None:
        return ctx.labels("pending_extension_fmt", light=ctx.labels(f"light.{state.light.value}"))
    if state.is_open:
        return ctx.labels(f"light.{state.light.value}")
    if state.done_late:
        return ctx.labels("status.done-late")
    return ctx.labels(f"status.{state.status.value}")


def days_word(row: TaskRow, ctx: RenderContext) -> str:
    state = row.state
    days_left = state.days_left
    if state.pending is not None and state.pending.kind == "signoff":
        pending = state.pending
        return ctx.labels("pending_at_fmt", level=pending.level_name, since=pending.since)
    if state.closed_late_days is not None:
        return ctx.labels("closed_late_fmt", n=state.closed_late_days)
    if not state.is_open or days_left is None:
        return ""
    if days_left < 0:
        return ctx.labels("days_late_fmt", n=-days_left)
    if days_left == 0:
        return ctx.labels("due_today")
    return ctx.labels("days_left_fmt", n=days_left)


_COLUMNS = ("id", "title", "lead_unit", "deadline", "days", "state")


def _flat(row: TaskRow, ctx: RenderContext, ledgers: bool = False) -> list[str]:
    task, deadline = row.task, row.state.deadline
    return [
        *([row.ledger] if ledgers else []),
        task.id,
        task.title,
        task.lead_unit,
        deadline.isoformat() if deadline else "",
        days_word(row, ctx),
        state_word(row, ctx),
    ]


def format_table(selection: Selection, ctx: RenderContext) -> str:
    from zhenggai.render.table import Cell, Column, render_tables

    labels = ctx.labels
    ledgers = any(row.ledger for row in selection.rows)
    columns = [
        *([Column(labels("ledger"))] if ledgers else []),
        Column(labels("id")),
        Column(labels("title"), grow=True),
        Column(labels("lead_unit")),
        Column(labels("deadline")),
        Column(labels("days"), justify="right"),
        Column(labels("state")),
    ]
    rows = []
    for row in selection.rows:
        cells: list[Cell | str] = list(_flat(row, ctx, ledgers))
        style = LIGHT_STYLES[row.state.light] if row.state.is_open else None
        cells[-1] = Cell(str(cells[-1]), style)
        rows.append(cells)
    if not rows:
        return labels("no_tasks") + "\n"
    return render_tables([(None, columns, rows)], ctx.terminal)


def pending_json(pending: Pending | None) -> dict[str, Any] | None:
    """An application waiting for approval, as JSON: what, since when, at which level."""
    if pending is None:
        return None
    return {
        "kind": pending.kind,
        "applied": pending.applied.isoformat(),
        "level": pending.level + 1,  # counted as --level counts: the applying level is 1
        "level_name": pending.level_name,
        "since": pending.since.isoformat(),
    }


def task_json(row: TaskRow) -> dict[str, Any]:
    """A task's listing fields and computed state; keys documented in the README."""
    task, state = row.task, row.state
    deadline, last = state.deadline, state.last_progress
    return {
        "id": task.id,
        "title": task.title,
        "problem": task.problem,
        "lead": task.lead,
        "lead_unit": task.lead_unit,
        "units": list(task.units),
        "term": task.term.value,
        "status": state.status.value,  # as it stood on as_of
        "deadline": deadline.isoformat() if deadline else None,  # in force on as_of
        "original_deadline": (
            task.original_deadline.isoformat() if task.original_deadline else None
        ),
        "deadline_basis": task.deadline_basis,
        "cadence": task.cadence.value if task.cadence else None,
        "overdue": state.overdue,
        "days_left": state.days_left,
        "days_late": state.days_late,
        "light": state.light.value,
        "extensions": state.extensions,
        "days_late_vs_original": state.days_late_vs_original,
        "stale_days": state.stale_days,
        "review_due": state.review.due.isoformat() if state.review else None,
        "last_progress": last.isoformat() if last else None,
        "closed_on": state.closed_on.isoformat() if state.closed_on else None,
        "closed_late_days": state.closed_late_days,
        "pending": pending_json(state.pending),
        "public": task.public,
        "tags": list(task.tags),
        "path": row.loaded.path,
        **({"ledger": row.ledger} if row.ledger else {}),
    }


def format_json(selection: Selection, ctx: RenderContext) -> str:
    del ctx  # JSON keys and values never depend on the report language
    document = {
        "schema_version": JSON_SCHEMA_VERSION,
        "as_of": selection.today.isoformat(),
        "count": len(selection.rows),
        "tasks": [task_json(row) for row in selection.rows],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


#: A spreadsheet's columns: every one a person filters or sorts on in Excel or WPS,
#: not only the six shown on screen; days as a number, so that they sort.
_CSV_COLUMNS = (
    "id",
    "title",
    "problem",
    "lead",
    "lead_unit",
    "units",
    "deadline",
    "days_number",
    "days",
    "state",
    "light",
    "closed_on",
)


def _csv_row(row: TaskRow, ctx: RenderContext) -> list[object]:
    task, state = row.task, row.state
    deadline, closed = state.deadline, state.closed_on
    return [
        task.id,
        task.title,
        task.problem,
        task.lead,
        task.lead_unit,
        "、".join(task.units),
        deadline.isoformat() if deadline else "",
        state.days_left if state.is_open and state.days_left is not None else "",
        days_word(row, ctx),
        state_word(row, ctx),
        ctx.labels(f"light.{state.light.value}") if state.is_open else "",
        closed.isoformat() if closed else "",
    ]


def format_csv(selection: Selection, ctx: RenderContext) -> str:
    ledgers = any(row.ledger for row in selection.rows)
    header = [ctx.labels(key) for key in (("ledger",) if ledgers else ()) + _CSV_COLUMNS]
    return to_csv(
        header,
        [([row.ledger] if ledgers else []) + _csv_row(row, ctx) for row in selection.rows],
    )


def format_md(selection: Selection, ctx: RenderContext) -> str:
    ledgers = any(row.ledger for row in selection.rows)
    header = [ctx.labels(key) for key in (("ledger",) if ledgers else ()) + _COLUMNS]
    return to_markdown(header, [_flat(row, ctx, ledgers) for row in selection.rows])


FORMATS: dict[str, Callable[[Selection, RenderContext], str]] = {
    "table": format_table,
    "json": format_json,
    "csv": format_csv,
    "md": format_md,
}
