"""The weekly report (工作周报) as a document, in Chinese or English."""

from __future__ import annotations

from collections.abc import Callable

from zhenggai.chinese import chinese_number
from zhenggai.labels import Language
from zhenggai.render.document import Block, Document, Heading, Paragraph, Table
from zhenggai.render.status import percent
from zhenggai.reports.status import Tally
from zhenggai.reports.weekly import WeeklyReport

_WORDS: dict[str, tuple[str, str]] = {
    "title": ("{title}工作周报", "{title}: weekly report"),
    "period": ("{start} 至 {end}", "{start} to {end}"),
    "totals": ("总体情况", "Totals"),
    "summary": (
        "截至{end}，台账共有整改举措{total}项，已完成{done}项，推进中{in_progress}项，"
        "长期坚持{ongoing}项，逾期{overdue}项；完成率{rate}（上周{rate_before}）。",
        "On {end} the ledger holds {total} measures: {done} done, {in_progress} in progress, "
        "{ongoing} ongoing, {overdue} overdue; done {rate} (a week before: {rate_before}).",
    ),
    "item": ("项目", "Item"),
    "now": ("本周", "This week"),
    "before": ("上周", "A week before"),
    "total": ("总数", "Total"),
    "done": ("已完成", "Done"),
    "in_progress": ("推进中", "In progress"),
    "ongoing": ("长期坚持", "Ongoing"),
    "cancelled": ("已撤销", "Cancelled"),
    "overdue": ("逾期", "Overdue"),
    "due_soon": ("临期", "Due soon"),
    "rate": ("完成率", "Done %"),
    "ledger": ("台账", "Ledger"),
    "reopened": ("回头看重新打开", "Reopened by 回头看"),
    "formula": (
        "完成率 = 已完成 ÷ (总数 - 已撤销)，与 zhenggai status 相同。",
        "Done % = done ÷ (total − cancelled), as in zhenggai status.",
    ),
    "closed": ("本周销号", "Signed off this week"),
    "progress": ("本周进展", "Progress this week"),
    "late": ("逾期任务", "Overdue"),
    "soon": ("两周内到期", "Due in the next two weeks"),
    "extended": ("本周延期", "Extended this week"),
    "reviews": ("到期未报告的长期任务", "Ongoing tasks whose review is due"),
    "silent": ("本周未记录进展的单位", "Units that recorded nothing this week"),
    "silent_list": ("{units}，请联络员及时报送。", "{units}: liaisons, please report."),
    "none": ("无。", "None."),
    "id": ("编号", "ID"),
    "measure": ("整改举措", "Measure"),
    "lead_unit": ("牵头单位", "Lead unit"),
    "leader": ("牵头领导", "Lead"),
    "closed_on": ("销号日期", "Signed off"),
    "evidence": ("佐证材料（件）", "Evidence files"),
    "date": ("日期", "Date"),
    "note": ("进展", "Note"),
    "by": ("记录人", "By"),
    "deadline": ("完成时限", "Deadline"),
    "days_late": ("逾期天数", "Days late"),
    "days_left": ("剩余天数", "Days left"),
    "approved_on": ("批准日期", "Approved"),
    "from": ("原时限", "From"),
    "to": ("新时限", "To"),
    "reason": ("理由", "Reason"),
    "approved_by": ("批准人", "Approved by"),
    "review_due": ("应报告日期", "Review due"),
}


def weekly_document(report: WeeklyReport, language: Language) -> Document:
    def w(key: str, **values: object) -> str:
        text = _WORDS[key][0 if language == "zh" else 1]
        return text.format(**values) if values else text

    headings = iter(range(1, 20))

    def heading(key: str) -> Heading:
        number = next(headings)
        prefix = f"{chinese_number(number)}、" if language == "zh" else f"{number}. "
        return Heading(1, prefix + w(key))

    def table(keys: tuple[str, ...], rows: list[tuple[str, ...]]) -> Table:
        return Table(tuple(w(k) for k in keys), tuple(rows), w("none"))

    now, before = report.now, report.before
    blocks: list[Block] = [
        heading("totals"),
        Paragraph(
            w(
                "summary",
                end=report.end,
                total=now.total,
                done=now.done,
                in_progress=now.in_progress,
                ongoing=now.ongoing,
                overdue=now.overdue,
                rate=percent(now.rate),
                rate_before=percent(before.rate),
            )
        ),
        table(("item", "now", "before"), _totals(now, before, w, report.reopened)),
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
        heading("closed"),
        table(
            ("id", "measure", "lead_unit", "closed_on", "evidence"),
            [
                (c.task_id, c.title, c.lead_unit, str(c.closed_on), str(c.evidence))
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
                [(n.task_id, n.title, str(n.day), n.text, n.by or "") for n in unit.notes],
            )
        )
    blocks += [
        heading("late"),
        table(
            ("id", "measure", "deadline", "days_late", "lead_unit", "leader"),
            [
                (x.task_id, x.title, str(x.deadline), str(x.days), x.lead_unit, x.leader)
                for x in report.overdue
            ],
        ),
        heading("soon"),
        table(
            ("id", "measure", "deadline", "days_left", "lead_unit"),
            [
                (x.task_id, x.title, str(x.deadline), str(x.days), x.lead_unit)
                for x in report.due_soon
            ],
        ),
        heading("extended"),
        table(
            ("id", "measure", "approved_on", "from", "to", "reason", "approved_by"),
            [
                (
                    x.task_id,
                    x.title,
                    str(x.day),
                    str(x.from_),
                    str(x.to),
                    x.reason,
                    x.approved_by or "",
                )
                for x in report.extended
            ],
        ),
        heading("reviews"),
        table(
            ("id", "measure", "review_due", "lead_unit"),
            [(r.task_id, r.title, str(r.due), r.lead_unit) for r in report.reviews_due],
        ),
        heading("silent"),
        Paragraph(
            w("silent_list", units="、".join(report.silent_units))
            if report.silent_units
            else w("none")
        ),
    ]
    return Document(
        title=w("title", title=report.title),
        subtitle=w("period", start=report.start, end=report.end),
        language=language,
        blocks=tuple(blocks),
    )


def _totals(
    now: Tally, before: Tally, say: Callable[[str], str], reopened: tuple[int, int]
) -> list[tuple[str, ...]]:
    keys = ("total", "done", "in_progress", "ongoing", "cancelled", "overdue", "due_soon")
    rows: list[tuple[str, ...]] = [
        (say(key), str(getattr(now, key)), str(getattr(before, key))) for key in keys
    ]
    rows.append((say("rate"), percent(now.rate), percent(before.rate)))
    rows.append((say("reopened"), str(reopened[0]), str(reopened[1])))
    return rows
