"""The bulletin (整改进展情况通报) as data, in the shape published bulletins take: the
opening, part 一 (how the work was organised) and part 三 (next steps) from texts the
office writes (`bulletin/*.md`, with placeholders), part 二 from the ledger — each
feedback problem in order with its measures — and the figures bulletins quote.

Two audiences: ``public`` leaves out every `public: false` task (its text, its
outcomes, any count broken down by name); ``party`` (党内通报) leaves out only tasks
marked as a case still being handled (在办案件). Whether left-out tasks still count
in the totals is the ledger's `bulletin.count_private`, and the report says which.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum
from pathlib import Path

from zhenggai.chinese import chinese_date, chinese_period
from zhenggai.ledger.inspection import authority_of, require_bulletin_names
from zhenggai.ledger.loaded import Ledger
from zhenggai.ledger.paths import BULLETIN_DIR
from zhenggai.ledger.queries import TaskRow, rows_for
from zhenggai.ledger.texts import BULLETIN_TEXTS, default_text, read_ledger_text
from zhenggai.records.model import PENDING_CASE, Outcomes, Status, Task
from zhenggai.reports.clauses import Passage, SourcePlace, passages, source_place
from zhenggai.reports.status import problem_count, tally
from zhenggai.reports.templates import TextPart, Values, fill, parse_text


class Audience(StrEnum):
    PUBLIC = "public"
    PARTY = "party"


@dataclass(frozen=True)
class Measure:
    task_id: str
    text: str  # as the bulletin words it: its bulletin text, else the measure, else the title
    status: Status  # on the day
    note: str | None  # the latest note marked for publication, by the day
    place: SourcePlace


@dataclass(frozen=True)
class ProblemPart:
    number: int  # 1, 2, … across the headings, as bulletins number them
    title: str
    passages: tuple[Passage[Measure], ...]  # as the source tells them: clauses, bodies


@dataclass(frozen=True)
class SectionPart:
    title: str
    problems: tuple[ProblemPart, ...]


@dataclass(frozen=True)
class Figures:
    plan_measures: int | None  # in the rectification plan (settings)
    total: int  # the plan's measures counted on the day (left-out ones if they count)
    done: int
    in_progress: int
    ongoing: int
    cancelled: int
    early: int  # 先期整改 measures, counted apart from the plan's
    early_done: int
    problems_total: int
    problems_rectified: int
    regulations: dict[str, tuple[int, int]]  # 立|改|废: (adopted by the day, planned)
    outcomes: dict[str, Decimal]  # category (an `Outcomes` field) → sum, only non-zero
    left_out: int  # tasks of the ledger this audience does not see
    left_out_counted: bool  # whether they count in the totals above
    private_reasons: dict[str, int]  # party: the private tasks it shows, by reason


@dataclass(frozen=True)
class BulletinReport:
    title: str
    issuer: str
    day: date
    audience: Audience
    opening: TextPart
    part1: TextPart
    part2: TextPart  # its heading, and paragraphs before the problems
    sections: tuple[SectionPart, ...]
    part3: TextPart
    figures: Figures
    contact: dict[str, str]  # phone, mailbox, postcode, email: those the settings give
    announce_left_out: bool = False  # say how many tasks it leaves out
    title_lines: tuple[str, ...] = ()  # as the office breaks the title
    title_keep: tuple[str, ...] = ()  # phrases a line break must not split
    sealed: bool = False  # the signature laid out for a seal
    printer: str | None = None  # 印发机关 of the 版记


def build_bulletin(
    ledger: Ledger,
    day: date,
    audience: Audience,
    children: list[tuple[str, BulletinReport]] = (),  # type: ignore[assignment]
) -> BulletinReport:
    """The bulletin of ``day`` for ``audience``; LedgerError (with file, line and
    column) for a placeholder in the office's texts that does not exist. A parent's
    takes its ``children``'s bulletins (name, bulletin): their figures added to its own,
    their problems told after its own, each heading under the child's name."""
    settings = ledger.settings
    require_bulletin_names(settings.bulletin)
    rows = rows_for(ledger, day)
    shown = [row for row in rows if _shown(row.task, audience)]
    counted = rows if settings.bulletin.count_private else shown
    figures = _figures(ledger, day, counted, shown, audience, len(rows) - len(shown))
    figures = _added(figures, [child.figures for _, child in children])
    values = placeholders(ledger, day, figures)
    kind = settings.source.kind
    texts = {name: _text(ledger.root, name, kind, values) for name in BULLETIN_TEXTS}
    source, bulletin = settings.source, settings.bulletin
    issuer = bulletin.issuer or ""
    title = (
        "".join(bulletin.title_lines)
        or bulletin.title
        or (f"{issuer}关于{source.round or ''}{source.kind}整改进展情况的通报")
    )
    contact = bulletin.contact
    return BulletinReport(
        title=title,
        issuer=issuer,
        day=day,
        audience=audience,
        opening=texts["opening"],
        part1=texts["part1"],
        part2=texts["part2"],
        sections=_numbered(
            _sections(ledger, day, shown)
            + tuple(
                replace(section, title=f"{name}：{section.title}")
                for name, child in children
                for section in child.sections
            )
        ),
        part3=texts["part3"],
        figures=figures,
        contact={
            key: value
            for key in ("phone", "mailbox", "postcode", "email")
            if contact is not None and (value := getattr(contact, key))
        },
        announce_left_out=ledger.settings.bulletin.announce_left_out,
        title_lines=tuple(bulletin.title_lines),
        title_keep=tuple(
            phrase
            for phrase in (issuer, bulletin.subject, source.inspector, source.round)
            if phrase
        ),
        sealed=settings.documents.sealed,
        printer=settings.documents.printer,
    )


def _added(figures: Figures, others: list[Figures]) -> Figures:
    """A parent's figures and its children's together (the plan's measures: the parent's)."""
    if not others:
        return figures
    every = [figures, *others]

    def total(field: str) -> int:
        return sum(getattr(f, field) for f in every)

    outcomes: dict[str, Decimal] = {}
    reasons: Counter[str] = Counter()
    for f in every:
        for key, value in f.outcomes.items():
            outcomes[key] = outcomes.get(key, Decimal(0)) + value
        reasons.update(f.private_reasons)
    return replace(
        figures,
        total=total("total"),
        done=total("done"),
        in_progress=total("in_progress"),
        ongoing=total("ongoing"),
        cancelled=total("cancelled"),
        early=total("early"),
        early_done=total("early_done"),
        problems_total=total("problems_total"),
        problems_rectified=total("problems_rectified"),
        left_out=total("left_out"),
        regulations={
            a: (sum(f.regulations[a][0] for f in every), sum(f.regulations[a][1] for f in every))
            for a in ("立", "改", "废")
        },
        outcomes=outcomes,
        private_reasons=dict(reasons),
    )  # fmt: skip


def _numbered(sections: tuple[SectionPart, ...]) -> tuple[SectionPart, ...]:
    """The problems numbered 1, 2, … through every heading."""
    number = 0
    renumbered = []
    for section in sections:
        problems = []
        for problem in section.problems:
            number += 1
            problems.append(replace(problem, number=number))
        renumbered.append(replace(section, problems=tuple(problems)))
    return tuple(renumbered)


def _shown(task: Task, audience: Audience) -> bool:
    if audience is Audience.PUBLIC:
        return task.public
    return task.private_reason != PENDING_CASE


def _sections(ledger: Ledger, day: date, rows: list[TaskRow]) -> tuple[SectionPart, ...]:
    by_problem: dict[str, list[TaskRow]] = {}
    for row in rows:
        by_problem.setdefault(row.task.problem, []).append(row)
    parts, number = [], 0
    for section in ledger.sections:
        if section.early:
            continue  # 先期整改 is told in part 一
        problems = []
        for problem in section.problems:
            number += 1
            measures = [
                _measure(row, day)
                for row in by_problem.get(problem.id, [])
                if row.state.status is not Status.CANCELLED
            ]
            told = passages(measures, lambda m: m.place, lambda m: m.task_id)
            problems.append(ProblemPart(number, problem.title, told))
        parts.append(SectionPart(section.title, tuple(problems)))
    return tuple(parts)


def _measure(row: TaskRow, day: date) -> Measure:
    # Only a note the office marked for publication: the rest is the office's own log.
    notes = [note for note in row.task.progress if note.date <= day and note.public]
    last = max(notes, key=lambda note: note.date).text if notes else None
    task = row.task
    text = task.bulletin_text or task.measure or task.title
    return Measure(task.id, text, row.state.status, last, source_place(task.source_ref))


def _figures(
    ledger: Ledger,
    day: date,
    counted: list[TaskRow],
    shown: list[TaskRow],
    audience: Audience,
    left_out: int,
) -> Figures:
    notice = ledger.settings.thresholds.notice_days
    early_problems = {p.id for s in ledger.sections if s.early for p in s.problems}
    early = [row for row in counted if row.task.problem in early_problems]
    plan = [row for row in counted if row.task.problem not in early_problems]
    overall = tally("all", "", plan, notice)
    by_problem: dict[str, list[TaskRow]] = {}
    for row in counted:
        by_problem.setdefault(row.task.problem, []).append(row)
    problems = problem_count(
        tally(p.id, p.title, by_problem.get(p.id, []), notice)
        for s in ledger.sections
        if not s.early
        for p in s.problems
    )
    adopted: Counter[str] = Counter()
    planned: Counter[str] = Counter()
    for row in counted:
        for regulation in row.task.regulations:
            on = regulation.adopted_on
            (adopted if on is not None and on <= day else planned)[regulation.action] += (
                regulation.count
            )
    outcomes: dict[str, Decimal] = {}
    for row in shown:  # outcomes are broken down by name: only what the audience sees
        if row.task.outcomes is not None:
            for key, value in _outcome_values(row.task.outcomes).items():
                outcomes[key] = outcomes.get(key, Decimal(0)) + value
    reasons: Counter[str] = Counter(
        str(row.task.private_reason or "") for row in shown if not row.task.public
    )
    return Figures(
        plan_measures=ledger.settings.source.plan_measures,
        total=overall.total,
        done=overall.done,
        in_progress=overall.in_progress,
        ongoing=overall.ongoing,
        cancelled=overall.cancelled,
        early=len(early),
        early_done=sum(1 for row in early if row.state.status is Status.DONE),
        problems_total=problems.total,
        problems_rectified=problems.rectified,
        regulations={a: (adopted[a], planned[a]) for a in ("立", "改", "废")},
        outcomes=outcomes,
        left_out=left_out,
        left_out_counted=ledger.settings.bulletin.count_private,
        private_reasons=dict(reasons) if audience is Audience.PARTY else {},
    )


#: The people dealt with under the 四种形态, from the lightest: told together.
FOUR_FORMS = (
    "reminded",
    "criticised",
    "admonished",
    "reorganised",
    "party_disciplined",
    "disciplined",
)
#: The outcome categories in the order bulletins list them: the 四种形态, then 问责 (a
#: count of its own), cases referred, and money.
OUTCOME_KEYS = (
    *FOUR_FORMS,
    "held_accountable",
    "referred",
    "confiscated_wan_yuan",
    "refunded_wan_yuan",
    "recovered_wan_yuan",
)


def _outcome_values(outcomes: Outcomes) -> dict[str, Decimal]:
    return {
        key: Decimal(value)
        for key in OUTCOME_KEYS
        if (value := getattr(outcomes, key)) is not None and value != 0
    }


def placeholders(ledger: Ledger, day: date, figures: Figures) -> dict[str, str]:
    """What the office's texts may quote, as it stood on ``day``."""
    settings = ledger.settings
    source, bulletin = settings.source, settings.bulletin
    regulations = figures.regulations
    values = {
        "issuer": bulletin.issuer or "",
        "subject": bulletin.subject or "",
        "authority": authority_of(source) or "上级党组织",
        "inspector": source.inspector,
        "kind": source.kind,
        "round": source.round or "",
        "document": source.document or "",
        "period": chinese_period(source.period.start, source.period.end) if source.period else "",
        "period_during": (
            f"于{chinese_period(source.period.start, source.period.end)}" if source.period else ""
        ),
        "feedback_date": chinese_date(source.feedback_date),
        "as_of": chinese_date(day),
        "plan_measures": str(figures.plan_measures or figures.total),
        "measures_total": str(figures.total),
        "measures_done": str(figures.done),
        "measures_in_progress": str(figures.in_progress),
        "measures_ongoing": str(figures.ongoing),
        "measures_early": str(figures.early),
        "problems_total": str(figures.problems_total),
        "problems_rectified": str(figures.problems_rectified),
        "regulations_total": str(sum(a + p for a, p in regulations.values())),
        "regulations_adopted": str(sum(a for a, _ in regulations.values())),
        "regulations_established": str(sum(regulations["立"])),
        "regulations_revised": str(sum(regulations["改"])),
        "regulations_abolished": str(sum(regulations["废"])),
    }
    for key in OUTCOME_KEYS:
        values[f"outcome_{key}"] = _number(figures.outcomes.get(key, Decimal(0)))
    # A fact counts from its day; the latest by the day is its value. Before its first
    # entry it has none: a text that quotes it then is an error, never "0".
    not_yet: dict[str, date] = {}
    for fact in sorted(bulletin.facts, key=lambda fact: fact.date):
        if fact.date <= day:
            values[fact.key] = str(fact.count)
        elif fact.key not in values:
            not_yet.setdefault(fact.key, fact.date)
    return Values(values, day, {k: v for k, v in not_yet.items() if k not in values})


def _number(value: Decimal) -> str:
    return format(value.normalize(), "f") if value else "0"


def _text(root: Path, name: str, kind: str, values: dict[str, str]) -> TextPart:
    """The office's text ``bulletin/NAME.md``, else the default, with values filled in."""
    rel = f"{BULLETIN_DIR}/{name}.md"
    text = read_ledger_text(root, rel)
    if text is None:
        text, rel = default_text(name, kind), f"(default {rel})"
    return fill(parse_text(text), values, rel, text)
