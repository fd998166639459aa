"""`zhenggai status` as tables, JSON, CSV or Markdown."""

from __future__ import annotations

import json
from collections.abc import Callable
from fractions import Fraction
from typing import Any

from zhenggai.render.cells import md_text, to_csv, to_markdown
from zhenggai.render.context import JSON_SCHEMA_VERSION, RenderContext
from zhenggai.reports.status import ProblemCount, StatusReport, Tally
from zhenggai.safetext import inline

_COUNTS = (
    "total",
    "done",
    "done_late",
    "in_progress",
    "ongoing",
    "cancelled",
    "overdue",
    "due_soon",
    "extended",
)


def percent(rate: Fraction | None) -> str:
    return "—" if rate is None else f"{float(rate) * 100:.1f}%"


def _ratio(rate: Fraction | None) -> float | None:
    return None if rate is None else round(float(rate), 4)


def _counts(report: StatusReport) -> tuple[str, ...]:
    """The counts shown: 待审核 beside in progress where a sign-off awaits approval."""
    if not report.overall.pending:
        return _COUNTS
    at = _COUNTS.index("in_progress") + 1
    return (*_COUNTS[:at], "pending", *_COUNTS[at:])


def _cells(tally: Tally, counted: tuple[str, ...], name: str | None = None) -> list[str]:
    counts = [str(getattr(tally, key)) for key in counted]
    return [
        tally.name if name is None else name,
        *counts,
        percent(tally.rate),
        percent(tally.rate_dated),
        percent(tally.rate_on_time),
    ]


def _header(ctx: RenderContext, first: str, counted: tuple[str, ...]) -> list[str]:
    counts = [ctx.labels(f"col.{key}") for key in counted]
    rates = [ctx.labels(f"col.{key}") for key in ("rate", "rate_dated", "rate_on_time")]
    return [ctx.labels(first), *counts, *rates]


def _tables(
    report: StatusReport, ctx: RenderContext
) -> list[tuple[str, list[str], list[list[str]]]]:
    """(title, header, rows) for each table, shared by the table and Markdown faces."""
    label = ctx.labels
    counted = _counts(report)
    by_problem: list[list[str]] = []
    for section in report.sections:
        by_problem.append(_cells(section.tally, counted))
        by_problem += [_cells(p, counted, f"  {p.key} {p.name}") for p in section.problems]
    overall_name = [_cells(report.overall, counted, label("total"))]
    by_ledger = [_cells(t, counted, t.name) for t in report.by_ledger]
    tables = [
        (label("by_ledger"), _header(ctx, "ledger", counted), by_ledger),
        (label("overall"), _header(ctx, "name", counted), overall_name),
        (label("by_problem"), _header(ctx, "problem", counted), by_problem),
        # Units and leaders by their short ids: the registries' full names are long.
        (
            label("by_lead_unit"),
            _header(ctx, "lead_unit", counted),
            [_cells(t, counted, t.key) for t in report.lead_units],
        ),
        (
            label("by_cooperating_unit"),
            _header(ctx, "cooperating_unit", counted),
            [_cells(t, counted, t.key) for t in report.cooperating_units],
        ),
        (
            label("by_leader"),
            _header(ctx, "lead", counted),
            [_cells(t, counted, t.key) for t in report.leaders],
        ),
        (
            label("problems_rectified"),
            [
                label("problem"),
                label("col.problems"),
                label("col.rectified"),
                label("col.rectified_rate"),
            ],
            [[section.name, *_problem_cells(section.problem_count)] for section in report.sections]
            + [[label("total"), *_problem_cells(report.problem_count)]],
        ),
        (
            label("regulation_counts"),
            [label("name"), label("col.adopted"), label("col.planned")],
            [
                [label(action), str(adopted), str(planned)]
                for action, adopted, planned in report.regulations
            ]
            + [
                [
                    label("total"),
                    str(sum(adopted for _, adopted, _ in report.regulations)),
                    str(sum(planned for _, _, planned in report.regulations)),
                ]
            ],
        ),
    ]
    return [t for t in tables if t[2]]


def _problem_cells(count: ProblemCount) -> list[str]:
    return [str(count.total), str(count.rectified), percent(count.rate)]


def _footer(report: StatusReport, ctx: RenderContext) -> str:
    reviewed = (
        ctx.labels("reopened_by_review", n=report.reopened_by_review) + " "
        if report.reopened_by_review
        else ""
    )
    return f"{reviewed}{ctx.labels('as_of')} {report.today}. " + ctx.labels(
        "formula", notice=report.notice_days
    )


#: The columns a terminal too narrow for every one leaves out, in this order (CSV, JSON
#: and Markdown keep them all): the figures leaders read last.
_DROPPED_FIRST = ("rate_dated", "cancelled", "extended", "ongoing", "due_soon")


def _keys(report: StatusReport) -> tuple[str, ...]:
    return ("name", *_counts(report), "rate", "rate_dated", "rate_on_time")


def format_table(report: StatusReport, ctx: RenderContext) -> str:
    from zhenggai.render.table import Column, narrowest_width, render_tables

    def laid_out(
        title: str, header: list[str], rows: list[list[str]], keep: list[int]
    ) -> tuple[str, list[Column], list[list[str]]]:
        columns = [Column(header[0], grow=True)] + [Column(h, justify="right") for h in header[1:]]
        if len(header) != len(keys):  # the regulations table: nothing to leave out
            return title, columns, rows
        return title, [columns[i] for i in keep], [[row[i] for i in keep] for row in rows]

    tables = _tables(report, ctx)
    keys = _keys(report)
    keep, dropped = list(range(len(keys))), list[str]()
    while True:
        laid = [laid_out(title, header, rows, keep) for title, header, rows in tables]
        too_wide = any(narrowest_width(cols, rows) > ctx.terminal.width for _, cols, rows in laid)
        if not too_wide or len(dropped) == len(_DROPPED_FIRST):
            break
        key = _DROPPED_FIRST[len(dropped)]
        dropped.append(key)
        keep.remove(keys.index(key))
    footer = _footer(report, ctx)
    if dropped:
        names = "、".join(ctx.labels(f"col.{key}") for key in dropped)
        footer += " " + ctx.labels("columns_left_out", names=names)
    return inline(report.title) + "\n\n" + render_tables(laid, ctx.terminal, footer=footer)


def format_md(report: StatusReport, ctx: RenderContext) -> str:
    parts = [f"# {md_text(report.title)}\n"]
    for title, header, rows in _tables(report, ctx):
        parts.append(f"## {md_text(title)}\n\n" + to_markdown(header, rows))
    parts.append(md_text(_footer(report, ctx)) + "\n")
    return "\n".join(parts)


def _tally_json(tally: Tally) -> dict[str, Any]:
    record: dict[str, Any] = {"key": tally.key, "name": tally.name}
    record.update({key: getattr(tally, key) for key in (*_COUNTS, "pending")})
    record["completion_rate"] = _ratio(tally.rate)
    record["completion_rate_excl_ongoing"] = _ratio(tally.rate_dated)
    record["on_time_completion_rate"] = _ratio(tally.rate_on_time)
    return record


def _problems_json(count: ProblemCount) -> dict[str, Any]:
    return {"total": count.total, "rectified": count.rectified, "rate": _ratio(count.rate)}


def format_json(report: StatusReport, ctx: RenderContext) -> str:
    del ctx
    document = {
        "schema_version": JSON_SCHEMA_VERSION,
        "as_of": report.today.isoformat(),
        "title": report.title,
        "formula": {
            "completion_rate": "done / (total - cancelled)",
            "completion_rate_excl_ongoing": "done / (total - cancelled - ongoing)",
            "on_time_completion_rate": "(done - done_late) / (total - cancelled)",
            "done_late": "signed off after the deadline in force on the sign-off day (through "
            "approval levels: on the day the sign-off was applied for)",
            "pending": "a sign-off applied for and awaiting approval: in progress until approved",
            "due_soon": f"open and due within {report.notice_days} days",
        },
        "overall": _tally_json(report.overall),
        **({"by_ledger": [_tally_json(t) for t in report.by_ledger]} if report.by_ledger else {}),
        # A problem is rectified when none of its measures is in progress and one is done.
        "problems_rectified": _problems_json(report.problem_count),
        "by_problem": [
            {
                **_tally_json(s.tally),
                "early": s.early,
                "problems_rectified": _problems_json(s.problem_count),
                "problems": [_tally_json(p) for p in s.problems],
            }
            for s in report.sections
        ],
        "by_lead_unit": [_tally_json(t) for t in report.lead_units],
        "by_cooperating_unit": [_tally_json(t) for t in report.cooperating_units],
        "by_leader": [_tally_json(t) for t in report.leaders],
        # Adopted (issued) by as_of, batches counted by their size; then those still planned.
        "regulations": {action: adopted for action, adopted, _ in report.regulations},
        "regulations_planned": {action: planned for action, _, planned in report.regulations},
        "reopened_by_review": report.reopened_by_review,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def format_csv(report: StatusReport, ctx: RenderContext) -> str:
    label = ctx.labels
    counted = _counts(report)
    header = [label("group"), label("id"), *_header(ctx, "name", counted)]
    rows: list[list[str]] = [["overall", "all", *_cells(report.overall, counted)]]
    rows += [["ledger", t.key, *_cells(t, counted)] for t in report.by_ledger]
    for section in report.sections:
        rows.append(["section", section.key, *_cells(section.tally, counted)])
        rows += [["problem", p.key, *_cells(p, counted)] for p in section.problems]
    groups = (
        ("lead_unit", report.lead_units),
        ("cooperating_unit", report.cooperating_units),
        ("leader", report.leaders),
    )
    for group, tallies in groups:
        rows += [[group, t.key, *_cells(t, counted)] for t in tallies]
    return to_csv(header, rows)


FORMATS: dict[str, Callable[[StatusReport, RenderContext], str]] = {
    "table": format_table,
    "json": format_json,
    "csv": format_csv,
    "md": format_md,
}
