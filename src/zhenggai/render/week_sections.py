"""The weekly report's further sections as blocks (completion by lead unit and by
leader, the week's 督办, milestones overdue, regulations adopted, 存在问题, 下步工作安排)
and its sending lines (报、送、抄送). A section with nothing to say is left out."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date

from zhenggai.labels import Words
from zhenggai.messages import Language
from zhenggai.render.layout import Block, Heading, Paragraph, Table
from zhenggai.render.status import percent
from zhenggai.reports.status import Tally
from zhenggai.reports.week_sections import WeekSections

_WORDS = Words(
    "week",
    {
        "units_done": "Completion by lead unit",
        "leaders_done": "Completion by leader",
        "supervision": "Supervision notices",
        "notices_said": (
            "This week {issued} notice(s) were issued ({levels}); of the replies due by the "
            "end of the week, {answered} came and {missing} did not."
        ),
        "level_count": "{level} {n}",
        "replies_late": "Replies overdue",
        "milestones_late": "Milestones overdue",
        "adopted": "Regulations adopted this week",
        "problems": "Problems",
        "next_steps": "Next steps",
        "unit": "Unit",
        "level": "Level",
        "issued": "Issued",
        "reply_by": "Reply by",
        "due": "Due",
        "regulation": "Regulation",
        "action": "Action",
        "date": "Date",
        "report_to": "To: {names}",
        "send_to": "Sent to: {names}",
        "copy_to": "Copied to: {names}",
    },
)

Numbered = Callable[[str], Heading]


def completion_blocks(sections: WeekSections, language: Language) -> list[Block]:
    """Under the week's totals: completion by lead unit and by leader."""

    def w(key: str, **values: object) -> str:
        return _WORDS.say(key, language, **values)

    def completion(name: str, tallies: tuple[Tally, ...]) -> list[Block]:
        rows = [(t.name, str(t.total), str(t.done), str(t.in_progress), str(t.overdue),
                 percent(t.rate)) for t in tallies]  # fmt: skip
        keys = (name, "total", "done", "in_progress", "overdue", "rate")
        return [Table(tuple(w(k) for k in keys), tuple(rows))]

    early: list[Block] = []
    if sections.lead_units:
        early += [Paragraph(w("units_done")), *completion("unit", sections.lead_units)]
    if sections.leaders:
        early += [Paragraph(w("leaders_done")), *completion("lead", sections.leaders)]
    return early


def later_blocks(
    sections: WeekSections, language: Language, numbered: Numbered, day: Callable[[date], str]
) -> list[Block]:
    """After the late and due work: the week's 督办, milestones overdue, regulations
    adopted, 存在问题 and 下步工作安排, each numbered on as the report goes."""

    def w(key: str, **values: object) -> str:
        return _WORDS.say(key, language, **values)

    def table(keys: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> Table:
        return Table(tuple(w(k) for k in keys), tuple(rows))

    later: list[Block] = []
    if sections.notices or sections.replies_late:
        issued = [n for n in sections.notices if n.issued >= sections.start]
        levels = Counter(n.level for n in issued)
        due = [
            n for n in sections.notices if n.answered is not None and n.reply_by >= sections.start
        ]
        later += [
            numbered(w("supervision")),
            Paragraph(
                w(
                    "notices_said",
                    issued=len(issued),
                    levels="、".join(w("level_count", level=k, n=v) for k, v in levels.items()),
                    answered=sum(1 for n in due if n.answered),
                    missing=sum(1 for n in due if not n.answered),
                )
            ),
        ]
        if sections.replies_late:
            later += [
                Paragraph(w("replies_late")),
                table(
                    ("id", "title", "level", "issued", "reply_by", "lead_unit"),
                    [(n.task_id, n.title, n.level, day(n.issued), day(n.reply_by), n.lead_unit)
                     for n in sections.replies_late],
                ),
            ]  # fmt: skip
    if sections.milestones:
        later += [
            numbered(w("milestones_late")),
            table(
                ("id", "milestones", "due", "days_late", "lead_unit"),
                [(m.task_id, m.what, day(m.due), str(m.days), m.lead_unit)
                 for m in sections.milestones],
            ),
        ]  # fmt: skip
    if sections.adopted:
        later += [
            numbered(w("adopted")),
            table(
                ("id", "regulation", "action", "date"),
                [(a.task_id, a.name + (f"（{a.count}）" if a.count > 1 else ""), a.action,
                  day(a.day)) for a in sections.adopted],
            ),
        ]  # fmt: skip
    if sections.problems:
        later += [numbered(w("problems"))]
        later += [Paragraph(f"{f.lead_unit}（{f.task_id}）：{f.text}") for f in sections.problems]
    if sections.next_steps:
        later += [numbered(w("next_steps"))]
        later += [Paragraph(text) for text in sections.next_steps]
    return later


def sending_lines(
    language: Language, report_to: tuple[str, ...], send_to: tuple[str, ...],
    copy_to: tuple[str, ...],
) -> tuple[str, ...]:  # fmt: skip
    """报：… 送：… 抄送：… — those the settings name (the 版记's lines)."""
    sep = "、" if language == "zh" else ", "
    lines = [(key, names) for key, names in (("report_to", report_to), ("send_to", send_to),
                                             ("copy_to", copy_to)) if names]  # fmt: skip
    return tuple(_WORDS.say(key, language, names=sep.join(names)) for key, names in lines)
