"""`zhenggai status`: counts per problem, unit and leader, and completion rates."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from zhenggai.ledger.loaded import Ledger
from zhenggai.ledger.queries import TaskRow, rows_for
from zhenggai.records.model import Status


@dataclass(frozen=True)
class Tally:
    """Counts for one group of tasks (a problem, a unit, a leader, or all)."""

    key: str
    name: str
    total: int
    done: int
    in_progress: int
    ongoing: int
    cancelled: int
    overdue: int
    due_soon: int
    extended: int
    done_late: int  # of ``done``: signed off after the deadline then in force (逾期完成)
    pending: int = 0  # of those in progress: a sign-off applied for, awaiting approval

    @property
    def rate(self) -> Fraction | None:
        """Done ÷ (total − cancelled); None when nothing counts."""
        base = self.total - self.cancelled
        return Fraction(self.done, base) if base else None

    @property
    def rate_on_time(self) -> Fraction | None:
        """Done on time ÷ (total − cancelled): work signed off by its deadline."""
        base = self.total - self.cancelled
        return Fraction(self.done - self.done_late, base) if base else None

    @property
    def rate_dated(self) -> Fraction | None:
        """Done ÷ (total − cancelled − ongoing): leaves 长期坚持 work out."""
        base = self.total - self.cancelled - self.ongoing
        return Fraction(self.done, base) if base else None


@dataclass(frozen=True)
class ProblemCount:
    """Problems rectified (整改到位): a problem is when none of its measures is still in
    progress and at least one is done (长期坚持 work goes on after; cancelled ones do
    not count). Published bulletins count problems as well as measures."""

    total: int  # problems with a measure that counts on the day
    rectified: int

    @property
    def rate(self) -> Fraction | None:
        return Fraction(self.rectified, self.total) if self.total else None


@dataclass(frozen=True)
class SectionTallies:
    key: str
    name: str
    tally: Tally
    problems: tuple[Tally, ...]
    problem_count: ProblemCount
    early: bool = False  # 先期整改: not feedback problems


@dataclass(frozen=True)
class StatusReport:
    """Everything `zhenggai status` shows, as data."""

    title: str
    today: date
    notice_days: int
    overall: Tally
    problem_count: ProblemCount  # the feedback problems (early sections left out)
    sections: tuple[SectionTallies, ...]
    lead_units: tuple[Tally, ...]
    cooperating_units: tuple[Tally, ...]
    leaders: tuple[Tally, ...]
    # (立|改|废, adopted by today, still planned), in that order: batches counted by size.
    regulations: tuple[tuple[str, int, int], ...]
    reopened_by_review: int = 0  # tasks a 回头看 review reopened by today
    by_ledger: tuple[Tally, ...] = ()  # over many ledgers: each one's totals, worst first


def tally(key: str, name: str, rows: Iterable[TaskRow], notice_days: int) -> Tally:
    rows = list(rows)
    # From each task's state on the day: a tally never needs the whole task.
    statuses = Counter(row.state.status for row in rows)
    return Tally(
        key=key,
        name=name,
        total=len(rows),
        done=statuses[Status.DONE],
        in_progress=statuses[Status.IN_PROGRESS],
        ongoing=statuses[Status.ONGOING],
        cancelled=statuses[Status.CANCELLED],
        overdue=sum(1 for row in rows if row.state.overdue),
        due_soon=sum(
            1
            for row in rows
            if row.state.is_open
            and row.state.days_left is not None
            and 0 <= row.state.days_left <= notice_days
        ),
        extended=sum(1 for row in rows if row.state.extensions),
        done_late=sum(1 for row in rows if row.state.done_late),
        pending=sum(1 for row in rows if row.state.pending and row.state.pending.kind == "signoff"),
    )


def is_rectified(tally: Tally) -> bool | None:
    """Whether a problem with this tally is rectified; None if no measure counts."""
    if tally.total - tally.cancelled == 0:
        return None
    return tally.in_progress == 0 and tally.done > 0


def problem_count(tallies: Iterable[Tally]) -> ProblemCount:
    judged = [verdict for t in tallies if (verdict := is_rectified(t)) is not None]
    return ProblemCount(len(judged), sum(judged))


def reopened_by_review(rows: Iterable[TaskRow], today: date) -> int:
    """Tasks a 回头看 review has reopened by ``today`` (whatever they became since)."""
    return sum(
        1
        for row in rows
        if any(e.review and not e.closed and e.day <= today for e in row.loaded.timeline.sign_offs)
    )


def grouped(
    rows: list[TaskRow],
    keys_of: Callable[[TaskRow], Iterable[str]],
    order: list[tuple[str, str]],
    notice_days: int,
) -> tuple[Tally, ...]:
    """One tally per registry entry that has tasks, in registry order; unknown keys last."""
    members: dict[str, list[TaskRow]] = {}
    for row in rows:
        for key in keys_of(row):
            members.setdefault(key, []).append(row)
    names = dict(order)
    ordered = [key for key, _ in order if key in members]
    ordered += sorted(key for key in members if key not in names)
    return tuple(tally(key, names.get(key, key), members[key], notice_days) for key in ordered)


def build_status(ledger: Ledger, today: date) -> StatusReport:
    rows = rows_for(ledger, today)
    notice = ledger.settings.thresholds.notice_days
    by_problem: dict[str, list[TaskRow]] = {}
    for row in rows:
        by_problem.setdefault(row.loaded.groups.problem, []).append(row)
    sections = []
    for section in ledger.sections:
        problem_tallies = tuple(
            tally(p.id, p.title, by_problem.get(p.id, []), notice) for p in section.problems
        )
        section_rows = [r for p in section.problems for r in by_problem.get(p.id, [])]
        sections.append(
            SectionTallies(
                section.id,
                section.title,
                tally(section.id, section.title, section_rows, notice),
                problem_tallies,
                problem_count(problem_tallies),
                section.early,
            )
        )
    known = {p.id for section in ledger.sections for p in section.problems}
    strays = [row for row in rows if row.loaded.groups.problem not in known]
    if strays:
        # Tasks whose problem is not in problems.yaml still count (`check` names them).
        stray_problems = sorted({row.loaded.groups.problem for row in strays})
        stray_tallies = tuple(tally(p, p, by_problem[p], notice) for p in stray_problems)
        sections.append(
            SectionTallies(
                "?",
                "?",
                tally("?", "?", strays, notice),
                stray_tallies,
                problem_count(stray_tallies),
            )
        )
    units = [(unit.id, unit.name) for unit in ledger.settings.units]
    leaders = [(leader.id, leader.name) for leader in ledger.settings.leaders]
    # From each task's groups: the report never builds a task whole.
    adopted: Counter[str] = Counter()
    planned: Counter[str] = Counter()
    day = today.toordinal()
    for row in rows:
        for action, count, adopted_on in row.loaded.groups.regulations:
            (adopted if adopted_on is not None and adopted_on <= day else planned)[action] += count
    return StatusReport(
        title=ledger.settings.title,
        today=today,
        notice_days=notice,
        overall=tally("all", ledger.settings.title, rows, notice),
        problem_count=problem_count(
            p for section in sections if not section.early for p in section.problems
        ),
        sections=tuple(sections),
        lead_units=grouped(rows, lambda r: [r.loaded.groups.lead_unit], units, notice),
        cooperating_units=grouped(rows, lambda r: r.loaded.groups.units[1:], units, notice),
        leaders=grouped(rows, lambda r: [r.loaded.groups.lead], leaders, notice),
        regulations=tuple(
            (action, adopted[action], planned[action]) for action in ("立", "改", "废")
        ),
        reopened_by_review=reopened_by_review(rows, today),
    )
