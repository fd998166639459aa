"""`zhenggai show`: one task, whole, as text or JSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from zhenggai.days.dates import said_basis
from zhenggai.ledger.loaded import Ledger
from zhenggai.ledger.queries import TaskRow
from zhenggai.records.model import Request
from zhenggai.records.validation import plain
from zhenggai.render.context import JSON_SCHEMA_VERSION, RenderContext
from zhenggai.render.listing import days_word, state_word, task_json
from zhenggai.render.text import cells, human_size, pad
from zhenggai.safetext import inline, no_command_start


def format_text(row: TaskRow, ledger: Ledger, ctx: RenderContext) -> str:
    label = ctx.labels
    task, state = row.task, row.state
    fields: list[tuple[str, str]] = []

    def add(key: str, value: object) -> None:
        if value not in (None, "", []):
            fields.append((label(key), inline(str(value))))

    problem = ledger.problems.get(task.problem)
    add("problem", f"{task.problem} {problem.title}" if problem else task.problem)
    add("source_ref", task.source_ref)
    add("measure", task.measure)
    add("bulletin_text", task.bulletin_text)
    add("lead", task.lead)
    add("units", "、".join(task.units))
    add("owner", task.owner)
    add("term", label(f"term.{task.term.value}"))
    basis = (
        f"（{said_basis(task.deadline_basis, ctx.labels.language)}）" if task.deadline_basis else ""
    )
    if state.extensions:
        # The wording belongs to the original deadline; the one in force came by extension.
        add("deadline", f"{state.deadline}（{label('extended')} ×{state.extensions}）")
        add("original_deadline", f"{task.original_deadline}{basis}")
    elif state.deadline:
        add("deadline", f"{state.deadline}{basis}")
    if task.cadence:
        add("cadence", label(f"cadence.{task.cadence.value}"))
    if not state.exists:
        created = task.created or ledger.settings.source.feedback_date
        add("status", label("not_yet_created", day=state.today, created=created))
    else:
        add("status", label(f"status.{state.status.value}"))
        add("state", " · ".join(x for x in (state_word(row, ctx), days_word(row, ctx)) if x))
    add("closed_on", state.closed_on)
    if task.extensions and state.days_late_vs_original is not None:
        add("days_late_original", state.days_late_vs_original)
    if state.stale_days is not None:
        add("stale", state.stale_days)
    if state.review is not None:
        add("review_due", state.review.due)
    if task.cancelled is not None:
        by = f"，{task.cancelled.by}" if task.cancelled.by else ""
        add("cancelled", f"{task.cancelled.date}{by}：{task.cancelled.reason}")
    if task.cancel_reason:
        add("cancelled", task.cancel_reason)
    add("tags", "、".join(task.tags))
    if not task.public:
        add("public", "✗" + (f" ({task.private_reason})" if task.private_reason else ""))

    width = max(cells(name) for name, _ in fields) + 2
    lines = [inline(f"{task.id}  {task.title}")]
    lines += [f"  {pad(name, width)}{value}" for name, value in fields]

    def section(key: str, items: list[str]) -> None:
        if items:
            lines.append("")
            lines.append(label(key))
            for item in items:
                lines.extend(_item_lines(item))

    section(
        "extensions",
        [
            f"{e.from_} → {e.to}  {e.reason}"
            + (
                f"（{e.approved_by}" + (f"，{e.date}" if e.date else "") + "）"
                if e.approved_by
                else ""
            )
            for e in task.extensions
        ],
    )
    section(
        "milestones",
        [f"{m.due}  {m.what}" + (f"  ✓ {m.done}" if m.done else "") for m in task.milestones],
    )
    section("counters", [f"{c.what}  {c.done}/{c.total}" for c in task.counters])
    # Numbered, as `zhenggai correct --progress N` counts them.
    section(
        "progress",
        [
            f"{number}. {n.date}  {n.text}" + (f"  — {n.by}" if n.by else "")
            for number, n in enumerate(task.progress, 1)
        ],
    )
    section(
        "evidence",
        [
            f"{e.path}  {human_size(e.size)}  sha256 {e.sha256[:12]}…  {e.added}"
            + (f"  {e.kind}" if e.kind else "")
            for e in task.evidence
        ],
    )
    if task.closing:
        c = task.closing
        section(
            "closing",
            [f"{c.date}  {c.by}：{c.summary}" + (f"（{c.approved_by}）" if c.approved_by else "")],
        )
    section("requests", [line for r in task.requests for line in _request_lines(r, label)])
    section(
        "reopenings",
        [
            f"{r.date}  {r.reason}（{r.previous_closing.date} {r.previous_closing.by}）"
            for r in task.reopenings
        ],
    )
    section(
        "regulations",
        [
            f"{label(r.action)}  {r.name}"
            + (f" ×{r.count}" if r.count > 1 else "")
            + (f"  {r.adopted_on}" if r.adopted_on else f"  （{label('col.planned')}）")
            for r in task.regulations
        ],
    )
    section(
        "corrections",
        [
            f"{c.date}  {c.record}: {c.from_} → {c.to}  {c.reason}"
            + (f"  — {c.by}" if c.by else "")
            for c in task.corrections
        ],
    )
    section(
        "notices",
        [
            f"{n.date}  {n.level} → {n.reply_by}" + (f"  — {n.by}" if n.by else "")
            for n in task.notices
        ],
    )
    if task.outcomes:
        section(
            "outcomes",
            [f"{key}: {value}" for key, value in plain(task.outcomes).items()],
        )
    return "\n".join(lines) + "\n"


def _request_lines(request: Request, label: Callable[..., str]) -> list[str]:
    """An application and each level's act on it, one line each, the acts indented."""
    what = label(f"request.{request.kind}")
    said = request.summary if request.kind == "signoff" else f"→ {request.to}  {request.reason}"
    lines = [f"{request.date}  {what}  {request.by}：{said}"]
    for step in request.steps:
        opinion = f"：{step.opinion}" if step.opinion else ""
        lines.append(f"  {step.date}  {step.level}  {label(f'step.{step.action}')}  "
                     f"{step.by}{opinion}")  # fmt: skip
    return lines


def _item_lines(item: str) -> list[str]:
    """An entry of a section, indented; a note of several lines keeps them, each under
    the first and made safe on its own (no line of it can pass for a CI command)."""
    first, *rest = item.splitlines() or [""]
    return [f"  {inline(first)}"] + [no_command_start(f"     {inline(line)}") for line in rest]


def format_json(row: TaskRow, ledger: Ledger, ctx: RenderContext) -> str:
    del ledger, ctx
    record: dict[str, Any] = {
        "schema_version": JSON_SCHEMA_VERSION,
        "as_of": row.state.today.isoformat(),
        "task": plain(row.task),
        "state": task_json(row),
    }
    return json.dumps(record, ensure_ascii=False, indent=2) + "\n"


FORMATS: dict[str, Callable[[TaskRow, Ledger, RenderContext], str]] = {
    "text": format_text,
    "json": format_json,
}
