"""The leaders' page as data: the figures of `status`, the lights, completion by lead
unit, progress week by week since the feedback, tasks by problem, the lists, and every
task with what its detail shows."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from zhenggai.days.series import DayCount, counts_on
from zhenggai.ledger.loaded import Ledger
from zhenggai.ledger.qualified import qualify
from zhenggai.ledger.queries import TaskRow, rows_for
from zhenggai.records.vocab import Light
from zhenggai.reports.status import StatusReport, Tally, build_status

#: "Due soon" on the page: the next 20 days, as the issue of the page asks.
DUE_WINDOW_DAYS = 20
#: Weeks in the chart over time at most; a longer ledger is sampled every few weeks.
MAX_POINTS = 60


@dataclass(frozen=True)
class UnitBar:
    key: str
    name: str
    done: int
    in_progress: int  # not overdue
    overdue: int
    ongoing: int

    @property
    def total(self) -> int:
        return self.done + self.in_progress + self.overdue + self.ongoing


@dataclass(frozen=True)
class ProblemBar:
    section: str
    key: str
    name: str
    done: int
    open: int  # in progress or ongoing


@dataclass(frozen=True)
class DashboardReport:
    title: str
    day: date
    public: bool  # the public version: `public: false` tasks left out entirely
    status: StatusReport  # the figures, by `status`'s formula
    lights: dict[Light, int]
    units: tuple[UnitBar, ...]  # worst first
    weeks: tuple[DayCount, ...]  # since the feedback
    problems: tuple[ProblemBar, ...]
    overdue: tuple[TaskRow, ...]  # worst first
    due_soon: tuple[TaskRow, ...]  # soonest first
    rows: tuple[TaskRow, ...]  # every task on the day, in id order
    unit_names: dict[str, str]
    leader_names: dict[str, str]
    problem_names: dict[str, str]


def build_dashboard(ledger: Ledger, day: date, public: bool) -> DashboardReport:
    if public:
        ledger = _public_only(ledger)
    rows = rows_for(ledger, day)
    status = build_status(ledger, day)
    # The lights of the work still open (a done or ongoing task has none).
    lights: Counter[Light] = Counter(row.state.light for row in rows if row.state.is_open)
    return DashboardReport(
        title=ledger.settings.title,
        day=day,
        public=public,
        status=status,
        lights={
            light: lights[light] for light in (Light.RED, Light.YELLOW, Light.NOTICE, Light.GREEN)
        },
        units=_units(status.lead_units),
        weeks=tuple(_weeks(ledger, day)),
        problems=tuple(
            ProblemBar(s.key, p.key, p.name, p.done, p.in_progress + p.ongoing)
            for s in status.sections
            for p in s.problems
        ),
        overdue=tuple(
            sorted(
                (r for r in rows if r.state.overdue),
                key=lambda r: (r.state.days_left or 0, r.loaded.id),
            )
        ),
        due_soon=tuple(
            sorted(
                (
                    r
                    for r in rows
                    if r.state.is_open
                    and r.state.days_left is not None
                    and 0 <= r.state.days_left <= DUE_WINDOW_DAYS
                ),
                key=lambda r: (r.state.days_left or 0, r.loaded.id),
            )
        ),
        rows=tuple(rows),
        unit_names={unit.id: unit.name for unit in ledger.settings.units},
        leader_names={leader.id: leader.name for leader in ledger.settings.leaders},
        problem_names={p.id: p.title for s in ledger.sections for p in s.problems},
    )


def _public_only(ledger: Ledger) -> Ledger:
    return replace(ledger, tasks=[loaded for loaded in ledger.tasks if loaded.task.public])


def _units(tallies: tuple[Tally, ...]) -> tuple[UnitBar, ...]:
    bars = [
        UnitBar(t.key, t.name, t.done, t.in_progress - t.overdue, t.overdue, t.ongoing)
        for t in tallies
    ]
    # worst first: the most overdue, then the lowest share done
    return tuple(
        sorted(bars, key=lambda b: (-b.overdue, b.done / b.total if b.total else 1, b.key))
    )


def _weeks(ledger: Ledger, day: date) -> list[DayCount]:
    start = ledger.settings.source.feedback_date
    if day < start:
        return []
    weeks = (day - start).days // 7
    step = max(1, -(-weeks // MAX_POINTS))  # ceiling: at most MAX_POINTS points
    days = [start + timedelta(days=7 * k) for k in range(0, weeks + 1, step)]
    if days[-1] != day:
        days.append(day)
    return counts_on((loaded.timeline for loaded in ledger.tasks), ledger.settings, days)


def qualified(row: TaskRow, key: str) -> str:
    """An id of a task's ledger, qualified by the ledger's name over many ledgers."""
    return qualify(row.ledger, key)


def task_record(row: TaskRow) -> dict[str, Any]:
    """What the page's table and a task's detail show of it."""
    task, state = row.task, row.state
    return {
        "id": task.id,
        "key": qualified(row, task.id),
        "ledger": row.ledger,
        "unit_key": qualified(row, task.lead_unit),
        "lead_key": qualified(row, task.lead),
        "problem_key": qualified(row, task.problem),
        "title": task.title,
        "measure": task.measure,
        "problem": task.problem,
        "lead": task.lead,
        "units": task.units,
        "status": state.status.value,
        "light": state.light.value,
        "deadline": state.deadline.isoformat() if state.deadline else None,
        "days_left": state.days_left,
        "overdue": state.overdue,
        "notes": [
            {"date": n.date.isoformat(), "text": n.text, "by": n.by}
            for n in task.progress
            if n.date <= state.today
        ],
        "extensions": [
            {
                "from": x.from_.isoformat(),
                "to": x.to.isoformat(),
                "reason": x.reason,
                "approved_by": x.approved_by,
                "date": x.date.isoformat() if x.date else None,
            }
            for x in task.extensions
            if x.date is None or x.date <= state.today
        ],
        "evidence": [
            {"name": e.path.rsplit("/", 1)[-1], "sha256": e.sha256, "added": e.added.isoformat()}
            for e in task.evidence
            if e.added <= state.today
        ],
        "closing": (
            {
                "date": task.closing.date.isoformat(),
                "by": task.closing.by,
                "summary": task.closing.summary,
            }
            if task.closing is not None and state.closed_on is not None
            else None
        ),
    }


def build_family_dashboard(
    parts: list[tuple[str, DashboardReport]], status: StatusReport, title: str, public: bool
) -> DashboardReport:
    """The members' pages (name, page; "" for the parent) as one: figures of the family's
    `status`, lights and weeks added up, bars and names qualified by the ledger's name.
    The weeks are added day by day where the members' days agree (same feedback date),
    else only the last day, which every member has."""

    def named(name: str, key: str) -> str:
        return qualify(name, key)

    lights: Counter[Light] = Counter()
    for _, part in parts:
        lights.update(part.lights)
    grids = {tuple(p.day for p in part.weeks) for _, part in parts}
    weeks: tuple[DayCount, ...] = ()
    if len(grids) == 1:
        weeks = tuple(
            DayCount(points[0].day, sum(p.existing for p in points), sum(p.done for p in points),
                     sum(p.overdue for p in points))
            for points in zip(*(part.weeks for _, part in parts), strict=True)
        )  # fmt: skip
    rows = [replace(row, ledger=name) if name else row for name, part in parts for row in part.rows]
    return DashboardReport(
        title=title,
        day=parts[0][1].day,
        public=public,
        status=status,
        lights={light: lights[light] for light in parts[0][1].lights},
        units=tuple(
            sorted(
                (replace(u, key=named(name, u.key), name=named(name, u.name))
                 for name, part in parts for u in part.units),
                key=lambda b: (-b.overdue, b.done / b.total if b.total else 1, b.key),
            )
        ),
        weeks=weeks or parts[0][1].weeks[-1:],
        problems=tuple(
            replace(p, section=named(name, p.section), key=named(name, p.key))
            for name, part in parts for p in part.problems
        ),
        overdue=tuple(sorted((r for r in rows if r.state.overdue),
                             key=lambda r: (r.state.days_left or 0, r.loaded.id, r.ledger))),
        due_soon=tuple(
            sorted(
                (replace(r, ledger=name) if name else r for name, part in parts
                 for r in part.due_soon),
                key=lambda r: (r.state.days_left or 0, r.loaded.id, r.ledger),
            )
        ),
        rows=tuple(rows),
        unit_names={named(n, k): v for n, part in parts for k, v in part.unit_names.items()},
        leader_names={named(n, k): v for n, part in parts for k, v in part.leader_names.items()},
        problem_names={named(n, k): v for n, part in parts for k, v in part.problem_names.items()},
    )  # fmt: skip
