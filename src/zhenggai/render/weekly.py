"""The weekly report (工作周报) as a document, in Chinese or English."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from zhenggai.chinese import chinese_date, chinese_number
from zhenggai.labels import Words
from zhenggai.messages import Language
from zhenggai.render.layout import Block, Heading, Layout, Paragraph, Signature, Table
from zhenggai.render.status import percent
from zhenggai.render.week_sections import completion_blocks, later_blocks, sending_lines
from zhenggai.reports.status import Tally
from zhenggai.reports.weekly import WeeklyReport

_WORDS = Words(
    "weekly",
    {
        "title": "{title}: weekly report",
        "period": "{start} to {end}",
        "issue": "No. {n}",
        "issued_by": "Issued by {issuer}",
        "totals": "Overall",
        "summary": (
            "On {end} the ledger holds {total} measures: {done} done, {in_progress} in progress, "
            "{ongoing} ongoing, {overdue} overdue; done {rate} (a week before: {rate_before})."
        ),
        "item": "Item",
        "now": "This week",
        "before": "A week before",
        "cancelled": "Cancelled",
        "ledger": "Ledger",
        "reopened": "Reopened by 回头看",
        "formula": "Done % = done ÷ (total − cancelled).",
        "closed": "Signed off this week",
        "progress": "Progress this week",
        "late": "Overdue",
        "soon": "Due in the next two weeks",
        "extended": "Extended this week",
        "reviews": "Ongoing tasks whose review is due",
        "silent": "Units that recorded nothing this week",
        "silent_list": "{units}: liaisons, please report.",
        "none": "None.",
        "id": "ID",
        "measure": "Measure",
        "lead_unit": "Lead unit",
        "leader": "Lead",
        "closed_on": "Signed off",
        "evidence": "Evidence files",
        "date": "Date",
        "note": "Note",
        "by": "By",
        "deadline": "Deadline",
        "days_late": "Days late",
        "days_left": "Days left",
        "approved_on": "Approved",
        "moved": "Deadline moved",
        "moved_to": "{before}\n→ {after}",
        "reason": "Reason",
        "approved_by": "Approved by",
        "review_due": "Review due",
        "approvals": "Applications and approvals this week",
        "pending": "Awaiting approval",
        "reporting": "Reporting by the units (填报表)",
        "unit": "Unit",
        "reported": "This week",
        "filled_on": "Filled on",
        "rows_filled": "Rows filled",
        "on_time_rate": "On time, last {n} rounds",
        "reported.on-time": "on time",
        "reported.late": "{n} days late",
        "reported.missing": "not reported",
        "reported.waiting": "not yet",
        "reported.none": "no form",
        "waiting": "Waiting for approval",
        "kind": "Application",
        "act": "Act",
        "level": "Level",
        "since": "Since",
        "days_waited": "Days waited",
        "opinion": "Summary, opinion or reason",
        "kind.signoff": "applied for sign-off",
        "kind.extension": "applied for extension",
        "act.applied": "applied",
        "act.approved": "approved",
        "act.returned": "returned",
    },
)


def weekly_layout(report: WeeklyReport, language: Language) -> Layout:
    def w(key: str, **values: object) -> str:
        return _WORDS.say(key, language, **values)

    headings = iter(range(1, 40))

    def numbered(text: str) -> Heading:
        number = next(headings)
        prefix = f"{chinese_number(number)}、" if language == "zh" else f"{number}. "
        return Heading(1, prefix + text)

    def heading(key: str) -> Heading:
        return numbered(w(key))

    def day(value: date) -> str:
        return chinese_date(value) if language == "zh" else value.isoformat()

    def table(keys: tuple[str, ...], rows: list[tuple[str, ...]]) -> Table:
        return Table(tuple(w(k) for k in keys), tuple(rows), w("none"))

    now, before = report.now, report.before
    blocks: list[Block] = [
        heading("totals"),
        Paragraph(
            w(
                "summary",
                end=day(report.end),
                total=now.total,
                done=now.done,
                in_progress=now.in_progress,
                ongoing=now.ongoing,
                overdue=now.overdue,
                rate=percent(now.rate),
                rate_before=percent(before.rate),
            )
        ),
        table(("item", "now", "before"), _totals(now, before, w, report.reopened, report.chained)),
        *(
            [
                table(
                    ("ledger", "total", "done", "overdue", "rate"),
                    [
                        (t.name, str(t.total), str(t.done), str(t.overdue), percent(t.rate))
                        for t in report.by_ledger
                    ],
                )
            ]
            if report.by_ledger
            else []
        ),
        Paragraph(w("formula")),
        *(completion_blocks(report.sections, language) if report.sections else []),
        heading("closed"),
        table(
            ("id", "measure", "lead_unit", "closed_on", "evidence"),
            [
                (c.task_id, c.title, c.lead_unit, day(c.closed_on), str(c.evidence))
                for c in report.closed
            ],
        ),
        heading("progress"),
    ]
    if not report.progress:
        blocks.append(Paragraph(w("none")))
    for index, unit in enumerate(report.progress, start=1):
        label = (
            f"（{chinese_number(index)}）{unit.unit}"
            if language == "zh"
            else f"{index}) {unit.unit}"
        )
        blocks.append(Heading(2, label))
        blocks.append(
            table(
                ("id", "measure", "date", "note", "by"),
                [(n.task_id, n.title, day(n.day), n.text, n.by or "") for n in unit.notes],
            )
        )
    blocks += [
        heading("late"),
        table(
            ("id", "measure", "deadline", "days_late", "lead_unit", "leader"),
            [
                (x.task_id, x.title, day(x.deadline), str(x.days), x.lead_unit, x.leader)
                for x in report.overdue
            ],
        ),
        heading("soon"),
        table(
            ("id", "measure", "deadline", "days_left", "lead_unit"),
            [
                (x.task_id, x.title, day(x.deadline), str(x.days), x.lead_unit)
                for x in report.due_soon
            ],
        ),
        heading("extended"),
        table(
            # the deadline moved in one column, from over to: seven columns leave the
            # measure none on an A4 page
            ("id", "measure", "approved_on", "moved", "reason", "approved_by"),
            [
                (
                    x.task_id,
                    x.title,
                    day(x.day),
                    w("moved_to", before=day(x.from_), after=day(x.to)),
                    x.reason,
                    x.approved_by or "",
                )
                for x in report.extended
            ],
        ),
        *(_approvals(report, w, heading, table) if report.chained or report.acts else []),
        *(_reporting(report, w, heading, table) if report.reporting else []),
        heading("reviews"),
        table(
            ("id", "measure", "review_due", "lead_unit"),
            [(r.task_id, r.title, day(r.due), r.lead_unit) for r in report.reviews_due],
        ),
        heading("silent"),
        Paragraph(
            w("silent_list", units="、".join(report.silent_units))
            if report.silent_units
            else w("none")
        ),
    ]
    if report.sections:
        blocks += later_blocks(report.sections, language, numbered, day)
    if report.issuer:
        blocks += [Paragraph(""), Signature(report.issuer, day(report.end), report.sealed)]
    period = w("period", start=day(report.start), end=day(report.end))
    head = [w("issue", n=report.issue)] if report.issue else []
    head += [w("issued_by", issuer=report.issuer)] if report.issuer else []
    return Layout(
        title=report.own_title or w("title", title=report.title),
        subtitle="　".join([*head, period]),
        language=language,
        blocks=tuple(blocks),
        title_keep=(report.title,),
        issuer=report.issuer or "",
        number=w("issue", n=report.issue) if report.issue else "",
        dated=day(report.end),
        record=sending_lines(language, report.report_to, report.send_to, report.copy_to),
    )


def _approvals(
    report: WeeklyReport,
    w: Callable[..., str],
    heading: Callable[[str], Heading],
    table: Callable[[tuple[str, ...], list[tuple[str, ...]]], Table],
) -> list[Block]:
    """What was applied for, approved and returned this week, and what waits where."""
    return [
        heading("approvals"),
        table(
            ("id", "measure", "kind", "act", "level", "date", "by", "opinion"),
            [
                (
                    a.task_id,
                    a.title,
                    w(f"kind.{a.kind}"),
                    w(f"act.{a.act}"),
                    a.level,
                    str(a.day),
                    a.by,
                    a.note,
                )
                for a in report.acts
            ],
        ),
        heading("waiting"),
        table(
            ("id", "measure", "kind", "level", "since", "days_waited", "lead_unit"),
            [
                (
                    x.task_id,
                    x.title,
                    w(f"kind.{x.kind}"),
                    x.level,
                    str(x.since),
                    str(x.days),
                    x.lead_unit,
                )
                for x in report.waiting
            ],
        ),
    ]


def _reporting(
    report: WeeklyReport,
    w: Callable[..., str],
    heading: Callable[[str], Heading],
    table: Callable[[tuple[str, ...], list[tuple[str, ...]]], Table],
) -> list[Block]:
    """Who returned the week's 填报表, and the share of their last rounds on time."""
    from zhenggai.reports.forms import RATE_ROUNDS

    rows: list[tuple[str, ...]] = []
    for item in report.reporting:
        got = item.reported
        said = w(f"reported.{got.word}", n=got.days_late) if got else w("reported.none")
        rate = f"{item.on_time}/{item.rounds}" if item.rounds else "—"
        rows.append((item.unit, said, str(got.filled or "") if got else "",
                     str(got.rows) if got else "", rate))  # fmt: skip
    header = ("unit", "reported", "filled_on", "rows_filled", "on_time_rate")
    laid = table(header, rows)
    named = tuple(w(k, n=RATE_ROUNDS) if k == "on_time_rate" else h
                  for k, h in zip(header, laid.header, strict=True))  # fmt: skip
    return [heading("reporting"), Table(named, laid.rows, laid.empty)]


def _totals(
    now: Tally,
    before: Tally,
    say: Callable[[str], str],
    reopened: tuple[int, int],
    chained: bool,
) -> list[tuple[str, ...]]:
    keys: tuple[str, ...] = ("total", "done", "in_progress", "ongoing", "cancelled", "overdue",
                             "due_soon")  # fmt: skip
    if chained:  # of those in progress, the sign-offs applied for and awaiting approval
        keys = (*keys[:3], "pending", *keys[3:])
    rows: list[tuple[str, ...]] = [
        (say(key), str(getattr(now, key)), str(getattr(before, key))) for key in keys
    ]
    rows.append((say("rate"), percent(now.rate), percent(before.rate)))
    rows.append((say("reopened"), str(reopened[0]), str(reopened[1])))
    return rows
