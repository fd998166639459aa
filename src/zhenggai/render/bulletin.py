"""The bulletin (整改进展情况通报) as a document: the office's texts as they are, part 二
told problem by problem — 一是…；二是…； — and the figures, in Chinese or English."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction

from zhenggai.chinese import chinese_date, chinese_number
from zhenggai.labels import Words
from zhenggai.messages import Language
from zhenggai.records.model import Status
from zhenggai.render.layout import Block, Heading, Layout, Paragraph, Signature
from zhenggai.render.status import percent
from zhenggai.reports.bulletin import (
    FOUR_FORMS,
    OUTCOME_KEYS,
    Audience,
    BulletinReport,
    Figures,
    Measure,
    ProblemPart,
)
from zhenggai.reports.clauses import Clause
from zhenggai.reports.templates import TextPart

Say = Callable[..., str]

_WORDS = Words(
    "bulletin",
    {
        "party": " (for party members)",
        "ordinal": "({n})",
        "in_progress": " (in progress)",
        "latest": " ({note})",
        "problem": "{n}. {title}. ",
        "no_measures": "(No measure of it is in this bulletin.)",
        "joiner": "; ",
        "end": ".",
        "covered": "Of the {plan} measures of the rectification plan, {total} are counted here: ",
        "all": "Of {total} measures, ",
        "progress": (
            "On {day}: {covered}{done} done, {in_progress} in progress, {ongoing} "
            "ongoing{cancelled}; {rate} done. Of {problems} problems, {rectified} are rectified."
        ),
        "cancelled": ", {n} cancelled",
        "early": " Besides, {n} measure(s) of the early rectification, {done} done.",
        "regulations": (
            "{total} regulations to establish, revise or abolish recorded one by one "
            "(established {a}, revised {b}, abolished {c}); {adopted} adopted."
        ),
        "outcomes": "{people}{money}.",
        "people": "{n} people dealt with under the four forms of discipline ({parts})",
        "money": "{comma}{parts}",
        "counted_in": (
            "The figures include {n} measure(s) not published; their content is not in this "
            "bulletin."
        ),
        "counted_out": "The figures leave out {n} measure(s) not published.",
        "party_shown": "This bulletin includes {n} measure(s) not published ({reasons}).",
        "cases_in": (
            "{n} measure(s) of cases still being handled count in the figures and are not told "
            "here."
        ),
        "cases_out": (
            "{n} measure(s) of cases still being handled are neither counted nor told here."
        ),
        "contact": "Views on the rectification are welcome: {ways}.",
        "phone": "phone {v}",
        "mailbox": "post: {v}",
        "postcode": "postcode {v}",
        "email": "email {v}",
    },
)

_OUTCOMES = Words(
    "outcome",
    {
        "party_disciplined": "{n} given party discipline (党纪处分)",
        "disciplined": "{n} sanctioned (政务处分)",
        "reorganised": "{n} dealt with by the organisation (组织处理)",
        "admonished": "{n} admonished (诫勉)",
        "criticised": "{n} criticised (批评教育)",
        "reminded": "{n} reminder talks (提醒谈话)",
        "held_accountable": "{n} held accountable",
        "referred": "{n} referred to the discipline commission",
        "confiscated_wan_yuan": "{n} (10,000 yuan) confiscated",
        "refunded_wan_yuan": "{n} (10,000 yuan) returned",
        "recovered_wan_yuan": "{n} (10,000 yuan) of losses recovered",
    },
)
_PEOPLE = FOUR_FORMS  # 问责 is told apart from them


def bulletin_layout(report: BulletinReport, language: Language, kind: str) -> Layout:
    zh = language == "zh"

    def w(key: str, **values: object) -> str:
        return _WORDS.say(key, language, **values)

    def part(number: int, text: TextPart) -> list[Block]:
        blocks: list[Block] = []
        if text.heading is not None:
            prefix = f"{chinese_number(number)}、" if zh else f"{number}. "
            blocks.append(Heading(1, prefix + text.heading.text))
        return blocks + [Paragraph(p.text) for p in text.paragraphs]

    blocks: list[Block] = [Paragraph(p.text) for p in report.opening.paragraphs]
    blocks += part(1, report.part1)
    blocks += part(2, report.part2)
    blocks += [Paragraph(text) for text in _figures(report, w, zh)]
    for section in report.sections:
        blocks.append(Heading(2, section.title))
        blocks += [
            Paragraph(text) for problem in section.problems for text in _problem(problem, w, zh)
        ]
    blocks += part(3, report.part3)
    if report.audience is Audience.PUBLIC and report.contact:
        blocks.append(Paragraph(w("contact", kind=kind, ways=_ways(report.contact, w, zh))))
    day = chinese_date(report.day) if zh else report.day.isoformat()
    blocks += [Paragraph(""), Signature(report.issuer, day, sealed=report.sealed)]
    title = report.title + (w("party") if report.audience is Audience.PARTY else "")
    return Layout(
        title=title,
        subtitle="",
        language=language,
        blocks=tuple(blocks),
        title_keep=report.title_keep,
        issuer=report.issuer,
        dated=day,
        # 党内通报 goes out as a document of the issuer: its 版头 and 印发 line.
        masthead=report.issuer if report.audience is Audience.PARTY else "",
        imprint=(report.printer or report.issuer, day)
        if report.audience is Audience.PARTY
        else ("", ""),
        title_lines=report.title_lines
        if report.audience is Audience.PUBLIC or not report.title_lines
        else (*report.title_lines[:-1], report.title_lines[-1] + w("party")),
    )


def _ways(contact: dict[str, str], w: Say, zh: bool) -> str:
    """联系电话：…；邮政信箱：…，邮编…；电子邮箱：… — the postcode beside its address."""
    ways: list[str] = []
    for key, value in contact.items():
        said = w(key, v=value)
        if key == "postcode" and "mailbox" in contact:
            ways[-1] += ("，" if zh else ", ") + said
        else:
            ways.append(said)
    return ("；" if zh else "; ").join(ways)


def _problem(problem: ProblemPart, w: Say, zh: bool) -> list[str]:
    """The problem's paragraphs: its title leading the first; a body the source tells
    of apart (机关纪委 after the 纪检监察组) in a paragraph of its own."""
    head = w("problem", n=problem.number, title=problem.title.rstrip("。."))
    if not problem.passages:
        return [head + w("no_measures")]
    told = [
        "".join(_clause(clause, w, zh) for clause in passage.clauses)
        for passage in problem.passages
    ]
    return [head + told[0], *told[1:]]


def _clause(clause: Clause[Measure], w: Say, zh: bool) -> str:
    """一是…；…。 — or, with no clause, each measure a sentence of its own."""
    told = [_measure(measure, w) for measure in clause.items]
    if clause.number is None:
        return "".join(text + w("end") for text in told)
    ordinal = w("ordinal", n=chinese_number(clause.number) if zh else clause.number)
    return ordinal + w("joiner").join(told) + w("end")


def _measure(measure: Measure, w: Say) -> str:
    """The measure as worded, and what the office published of it: a note it marked
    public, else that it is still in progress."""
    text = measure.text.strip().rstrip("。；;，,.")
    if measure.note:
        return text + w("latest", note=measure.note.strip().rstrip("。；;，,."))
    if measure.status is Status.IN_PROGRESS:
        return text + w("in_progress")
    return text


def _figures(report: BulletinReport, w: Say, zh: bool) -> list[str]:
    f: Figures = report.figures
    day = chinese_date(report.day) if zh else report.day.isoformat()
    covered = (
        w("covered", plan=f.plan_measures, total=f.total)
        if f.plan_measures and f.plan_measures != f.total
        else w("all", total=f.total)
    )
    rate_base = f.total - f.cancelled
    rate = percent(Fraction(f.done, rate_base) if rate_base else None)
    said = [
        w(
            "progress",
            day=day,
            covered=covered,
            done=f.done,
            in_progress=f.in_progress,
            ongoing=f.ongoing,
            cancelled=w("cancelled", n=f.cancelled) if f.cancelled else "",
            rate=rate,
            problems=f.problems_total,
            rectified=f.problems_rectified,
        )
        + (w("early", n=f.early, done=f.early_done) if f.early else "")
    ]
    regs = f.regulations
    total = sum(a + p for a, p in regs.values())
    if total:
        said.append(
            w(
                "regulations",
                total=total,
                a=sum(regs["立"]),
                b=sum(regs["改"]),
                c=sum(regs["废"]),
                adopted=sum(a for a, _ in regs.values()),
            )
        )
    outcome = _outcomes(f.outcomes, w, zh)
    if outcome:
        said.append(outcome)
    said += _left_out(report, w, zh)
    return said


def _outcomes(outcomes: dict[str, Decimal], w: Say, zh: bool) -> str:
    language: Language = "zh" if zh else "en"
    sep = "、" if zh else ", "
    people = [k for k in _PEOPLE if k in outcomes]
    money = [k for k in OUTCOME_KEYS if k not in _PEOPLE and k in outcomes]
    if not people and not money:
        return ""
    people_text = ""
    if people:
        n = sum((outcomes[k] for k in people), Decimal(0))
        parts = sep.join(_OUTCOMES.say(k, language, n=_plain(outcomes[k])) for k in people)
        people_text = w("people", n=_plain(n), parts=parts)
    money_text = ""
    if money:
        parts = sep.join(_OUTCOMES.say(k, language, n=_plain(outcomes[k])) for k in money)
        money_text = w("money", comma=("，" if zh else ", ") if people else "", parts=parts)
    return w("outcomes", people=people_text, money=money_text)


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _left_out(report: BulletinReport, w: Say, zh: bool) -> list[str]:
    f = report.figures
    said = []
    if report.audience is Audience.PARTY and f.private_reasons:
        sep = "、" if zh else ", "
        unnamed = "未注明理由" if zh else "no reason given"
        reasons = sep.join(
            f"{reason or unnamed}{n}项" if zh else f"{reason or unnamed}: {n}"
            for reason, n in sorted(f.private_reasons.items())
        )
        said.append(w("party_shown", n=sum(f.private_reasons.values()), reasons=reasons))
    if f.left_out and report.announce_left_out:
        if report.audience is Audience.PUBLIC:
            said.append(w("counted_in" if f.left_out_counted else "counted_out", n=f.left_out))
        else:
            said.append(w("cases_in" if f.left_out_counted else "cases_out", n=f.left_out))
    return said
