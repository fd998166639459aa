"""The 台账 as offices keep it, as data: the tasks grouped under their sections and
problems, each with the names a reader knows (leader, units), its latest progress
note and its state on the day. `zhenggai export` renders it as xlsx, CSV or iCalendar.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from zhenggai.ledger.loaded import Ledger
from zhenggai.ledger.queries import TaskFilter, TaskRow, rows_for
from zhenggai.records.model import Problem, ProgressNote, Section, Task


@dataclass(frozen=True)
class SheetRow:
    """One measure: its task, state, and what the sheet shows beside them."""

    number: int  # 序号, from 1 over the whole sheet
    row: TaskRow
    leader: str  # the leader's name
    lead_unit: str  # the lead unit's name
    other_units: tuple[str, ...]  # 配合单位, by name
    latest_note: ProgressNote | None  # as it stood on the day

    @property
    def task(self) -> Task:
        return self.row.task


@dataclass(frozen=True)
class ProblemGroup:
    problem: Problem | None  # None: a problem the registry does not know
    problem_id: str
    rows: tuple[SheetRow, ...]


@dataclass(frozen=True)
class SectionGroup:
    section: Section | None  # None: the problems of no section
    problems: tuple[ProblemGroup, ...]


@dataclass(frozen=True)
class LedgerSheet:
    title: str
    as_of: date
    unit: str | None  # the one unit whose list this is (任务清单), by name
    public_only: bool
    sections: tuple[SectionGroup, ...]

    @property
    def rows(self) -> tuple[SheetRow, ...]:
        return tuple(
            row for section in self.sections for group in section.problems for row in group.rows
        )


def ledger_sheet(
    ledger: Ledger, as_of: date, unit: str | None = None, public_only: bool = False
) -> LedgerSheet:
    """The 台账 on ``as_of``: every task that existed then, in the order of the source
    document (section, problem, then task id); ``unit`` keeps the tasks that unit leads
    or joins, ``public_only`` leaves out ``public: false`` tasks."""
    rows = rows_for(ledger, as_of, TaskFilter(unit=unit) if unit else None)
    rows = [
        row
        for row in rows
        if (unit is None or unit in row.task.units) and (row.task.public or not public_only)
    ]
    units = {u.id: u.name for u in ledger.settings.units}
    leaders = {x.id: x.name for x in ledger.settings.leaders}
    by_problem: dict[str, list[TaskRow]] = {}
    for row in rows:
        by_problem.setdefault(row.task.problem, []).append(row)
    order = [(section, problem) for section in ledger.sections for problem in section.problems]
    known = {problem.id for _, problem in order}
    unknown = sorted(problem_id for problem_id in by_problem if problem_id not in known)
    number = 0
    sections: list[SectionGroup] = []

    def group(problem: Problem | None, problem_id: str) -> ProblemGroup:
        nonlocal number
        made = []
        for row in by_problem.get(problem_id, []):
            number += 1
            task = row.task
            made.append(
                SheetRow(
                    number=number,
                    row=row,
                    leader=leaders.get(task.lead, task.lead),
                    lead_unit=units.get(task.lead_unit, task.lead_unit),
                    other_units=tuple(units.get(u, u) for u in task.units[1:]),
                    latest_note=_latest_note(task, as_of),
                )
            )
        return ProblemGroup(problem, problem_id, tuple(made))

    for section in ledger.sections:
        groups = [group(p, p.id) for p in section.problems if p.id in by_problem]
        if groups:
            sections.append(SectionGroup(section, tuple(groups)))
    if unknown:
        sections.append(SectionGroup(None, tuple(group(None, pid) for pid in unknown)))
    return LedgerSheet(
        title=ledger.settings.title,
        as_of=as_of,
        unit=units.get(unit, unit) if unit else None,
        public_only=public_only,
        sections=tuple(sections),
    )


def _latest_note(task: Task, as_of: date) -> ProgressNote | None:
    # Notes are a log in date order: the last one dated by then.
    return next((note for note in reversed(task.progress) if note.date <= as_of), None)


def family_sheet(parts: list[tuple[str, LedgerSheet]], title: str) -> LedgerSheet:
    """The members' 台账 (name, sheet; "" for the parent) as one: each child's headings
    under its name, its rows carrying it (编号 shown qualified), 序号 counted through."""
    from dataclasses import replace

    number = 0
    sections: list[SectionGroup] = []
    for name, sheet in parts:
        for section in sheet.sections:
            groups = []
            for group in section.problems:
                rows = []
                for sheet_row in group.rows:
                    number += 1
                    row = replace(sheet_row.row, ledger=name) if name else sheet_row.row
                    rows.append(replace(sheet_row, number=number, row=row))
                groups.append(replace(group, rows=tuple(rows)))
            heading = section.section
            if name:
                heading = replace(
                    heading or Section(id="?", title="?"),
                    title=f"{name} · {heading.title if heading else '?'}",
                )
            sections.append(SectionGroup(heading, tuple(groups)))
    first = parts[0][1]
    return LedgerSheet(title, first.as_of, first.unit, first.public_only, tuple(sections))
