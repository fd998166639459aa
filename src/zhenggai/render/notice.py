"""Supervision notices (督办单) as documents: one per unit, each a document of its own
(its title, number, the issuer's signature, a 回执 to send back, pages numbered from
1), in Chinese or English."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from zhenggai.chinese import chinese_date
from zhenggai.days.notices import NoticeLevel
from zhenggai.labels import Words
from zhenggai.messages import Language
from zhenggai.render.layout import (
    Block,
    Heading,
    Layout,
    PageBreak,
    Paragraph,
    Signature,
    Table,
    Title,
)
from zhenggai.reports.notice import NoticeItem, NoticeReport, UnitNotice

_WORDS = Words(
    "notice",
    {
        "title": "Supervision notices",
        "prompt_title": "Reminder of duty",
        "prompt_level": "Reminder of duty",
        "prompt_heading": "Reminder of duty: {unit}",
        "prompt_asked": (
            "These tasks are overdue or coming due. As the body that supervises them, please "
            "see to them within your duties, and report by {reply_by}."
        ),
        "subtitle": "{title}, {issued}",
        "heading": "{level}: {unit}",
        "to": "To: {unit}",
        "liaison": " (liaison: {liaison})",
        "phone": ", phone {phone}",
        "dates": "Issued on {issued}; reply by {reply_by}.",
        "opening": (
            "On {issued}, {n} rectification task(s) your unit leads are overdue or coming due:"
        ),
        "id": "ID",
        "measure": "Measure",
        "source_ref": "Source: {source}",
        "deadline": "Deadline",
        "led_by": "Lead: {leader}",
        "last_note": "Last progress",
        "level": "Level",
        "days_late": "{n} days late",
        "days_left": "{n} d left",
        "was": "{deadline}\n(was {original})",
        "no_note": "none",
        "earlier": "before: {notices}",
        "earlier_one": "{issued} {level}",
        "requirement": "What is asked",
        "none": "No task is overdue or coming due: no notice.",
        "cooperating": "Cooperating: {units}",
        "milestone": "Milestone overdue: {what} (due {due})",
        "receipt": "Receipt (to send back by {reply_by})",
        "receipt_number": "Notice: {number}",
        "progress": "Progress, and why late",
        "next": "Next steps and when done",
        "receipt_sign": "Head of unit (signature):　　　　　　Contact:　　　　　　Phone:",
    },
)

_ASKED: dict[NoticeLevel, tuple[str, str]] = {
    NoticeLevel.REMINDER: (
        "上述任务临近完成时限。请抓紧推进，确保按期完成，并于{reply_by}前报送进展。",
        "These tasks are coming due. Press on to finish them in time, and report progress "
        "by {reply_by}.",
    ),
    NoticeLevel.SUPERVISION: (
        "上述任务已超过完成时限。请于{reply_by}前书面反馈整改进展、未按期完成的原因和下一步"
        "措施；确需延期的，按程序报批。",
        "These tasks are past their deadlines. By {reply_by}, report in writing where each "
        "stands, why it is late and what comes next; a deadline that must move is extended "
        "through the approval procedure.",
    ),
    NoticeLevel.WARNING: (
        "前次督办要求的反馈逾期未报。请单位主要负责同志督促落实，于{reply_by}前书面说明情况"
        "并反馈整改进展；仍未反馈的，将按有关规定报告。",
        "The reply an earlier notice asked for did not come. The unit's head is asked to see "
        "to it, and to explain in writing and report progress by {reply_by}; if nothing "
        "comes, it will be reported as the rules require.",
    ),
}

_LEVEL_EN = {
    NoticeLevel.REMINDER: "Reminder (提醒)",
    NoticeLevel.SUPERVISION: "Supervision (督办)",
    NoticeLevel.WARNING: "Warning (告诫)",
}


def notice_layout(report: NoticeReport, language: Language) -> Layout:
    zh = language == "zh"

    def w(key: str, **values: object) -> str:
        return _WORDS.say(key, language, **values)

    def level(value: NoticeLevel | str) -> str:
        return str(value) if zh else _LEVEL_EN.get(NoticeLevel(value), str(value))

    def day(value: date) -> str:
        return chinese_date(value) if zh else value.isoformat()

    blocks: list[Block] = []
    if not report.notices:
        blocks.append(Paragraph(w("none")))
    for number, notice in enumerate(report.notices):
        if number:  # each notice a document of its own, for its own unit
            blocks += [PageBreak(restart=True), Title(w(_title(notice)))]
        blocks += _one_notice(report, notice, w, level, zh, day)
    first = report.notices[0] if report.notices else None
    return Layout(
        title=w(_title(first) if first else "title"),
        issuer=report.issuer or "",
        number=first.number or "" if first else "",
        dated=day(report.issued),
        subtitle="",
        language=language,
        blocks=tuple(blocks),
    )


def _title(notice: UnitNotice) -> str:
    """A supervising body gets a 提示函; every other unit a 督办单."""
    return "prompt_title" if notice.prompt else "title"


Say = Callable[..., str]
SayLevel = Callable[[NoticeLevel | str], str]


def _one_notice(
    report: NoticeReport,
    notice: UnitNotice,
    w: Say,
    level: SayLevel,
    zh: bool,
    day: Callable[[date], str],
) -> list[Block]:
    addressee = w("to", unit=notice.unit)
    if notice.liaison:
        addressee += w("liaison", liaison=notice.liaison)
        if notice.phone:
            addressee = addressee.rstrip("）)") + w("phone", phone=notice.phone)
            addressee += "）" if zh else ")"
    rows = [_row(item, w, level, day, notice.prompt) for item in notice.items]
    reply_by = notice.reply_by or report.reply_by
    asked = _ASKED[notice.level][0 if zh else 1].format(reply_by=day(reply_by))
    if notice.prompt:
        asked = w("prompt_asked", reply_by=day(reply_by))
    blocks: list[Block] = [Paragraph(notice.number, align="center")] if notice.number else []
    blocks += [
        Heading(
            1,
            w("prompt_heading", unit=notice.unit)
            if notice.prompt
            else w("heading", level=level(notice.level), unit=notice.unit),
        ),
        Paragraph(addressee),
        Paragraph(w("dates", issued=day(report.issued), reply_by=day(reply_by))),
        Paragraph(w("opening", issued=day(report.issued), n=len(notice.items))),
        Table(
            tuple(w(key) for key in ("id", "measure", "deadline", "last_note", "level")),
            tuple(rows),
        ),
        Heading(2, w("requirement")),
        Paragraph(asked),
    ]
    if report.issuer:
        blocks += [Paragraph(""), Signature(report.issuer, day(report.issued), report.sealed)]
    blocks += [
        PageBreak(),
        Heading(1, w("receipt", reply_by=day(reply_by))),
        *([Paragraph(w("receipt_number", number=notice.number))] if notice.number else []),
        Paragraph(w("to", unit=notice.unit)),
        Table(
            tuple(w(key) for key in ("id", "progress", "next")),
            tuple((item.task_id, "", "") for item in notice.items),
        ),
        Paragraph(w("receipt_sign")),
    ]
    return blocks


def _row(
    item: NoticeItem, w: Say, level: SayLevel, day: Callable[[date], str], prompt: bool = False
) -> tuple[str, ...]:
    # the measure says more than the title, and mostly begins with it
    measure = item.title
    if item.measure and item.title not in item.measure:
        measure = f"{item.title}\n{item.measure}"
    elif item.measure:
        measure = item.measure
    measure += "\n" + w("led_by", leader=item.leader)
    if item.cooperating:
        measure += "\n" + w("cooperating", units="、".join(item.cooperating))
    for what, due in item.milestones:
        measure += "\n" + w("milestone", what=what, due=day(due))
    if item.source_ref:  # where in the source; its place within the clause is the ledger's
        measure += "\n" + w("source_ref", source=re.sub(r"\s+\d+$", "", item.source_ref))
    deadline = day(item.deadline)
    if item.original_deadline is not None and item.original_deadline != item.deadline:
        deadline = w("was", deadline=day(item.deadline), original=day(item.original_deadline))
    late = (
        w("days_late", n=-item.days_left)
        if item.days_left < 0
        else w("days_left", n=item.days_left)
    )
    note = f"{day(item.last_note[0])} {item.last_note[1]}" if item.last_note else w("no_note")
    said_level = w("prompt_level") if prompt else level(item.level)
    if item.earlier:
        earlier = "、".join(
            w("earlier_one", issued=day(n.issued), level=level(n.level)) for n in item.earlier
        )
        said_level += "\n" + w("earlier", notices=earlier)
    return (item.task_id, measure, f"{deadline}\n{late}", note, said_level)
