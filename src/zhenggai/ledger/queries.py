"""Pure selections over a ledger on a given day: which tasks, in which order."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from zhenggai.days.state import TaskState, Timeline, compute_state, days_overdue, standing_on
from zhenggai.ledger.loaded import Ledger, LoadedTask
from zhenggai.records.model import Status, Task
from zhenggai.records.vocab import Light, SortKey


@dataclass(frozen=True)
class TaskFilter:
    """What ``zhenggai list`` asks for; every criterion given must hold."""

    overdue: bool = False
    due_within: int | None = None
    statuses: frozenset[Status] = frozenset()
    unit: str | None = None  # lead or cooperating
    lead_unit: str | None = None
    problem: str | None = None
    lead: str | None = None
    tag: str | None = None
    stale: bool = False
    lights: frozenset[Light] = frozenset()
    pending: bool = False  # an application awaits approval
    pending_level: str | None = None  # ... at this level, by name or number (1: applying)

    def admits(self, timeline: Timeline, today: date) -> bool:
        """False for a task these criteria reject on its timeline alone: its whole
        state on ``today`` need not be worked out (most of a ledger, for --overdue)."""
        if self.overdue and days_overdue(timeline, today) is None:
            return False
        if self.pending and not timeline.requests:
            return False
        return not self.statuses or standing_on(timeline, today).status in self.statuses

    def _waits(self, state: TaskState) -> bool:
        pending = state.pending
        if pending is None:
            return False
        level = self.pending_level
        return level is None or level in (pending.level_name, str(pending.level + 1))

    @cached_property
    def _asks_groups(self) -> bool:
        """Whether a criterion looks at the task's groups (its units, problem, leader, tags)."""
        criteria = (self.unit, self.lead_unit, self.problem, self.lead, self.tag)
        return any(criterion is not None for criterion in criteria)

    def matches(self, loaded: LoadedTask, state: TaskState) -> bool:
        # What the state answers comes first, then the task's groups: never the whole task.
        if self.overdue and not state.overdue:
            return False
        if self.due_within is not None and not (
            state.is_open
            and state.days_left is not None
            and 0 <= state.days_left <= self.due_within
        ):
            return False
        if self.statuses and state.status not in self.statuses:
            return False
        if self.stale and state.stale_days is None:
            return False
        if self.lights and state.light not in self.lights:
            return False
        if self.pending and not self._waits(state):
            return False
        if not self._asks_groups:
            return True
        groups = loaded.groups
        if self.unit is not None and self.unit not in groups.units:
            return False
        if self.lead_unit is not None and groups.lead_unit != self.lead_unit:
            return False
        if self.problem is not None and groups.problem != self.problem:
            return False
        if self.lead is not None and groups.lead != self.lead:
            return False
        return self.tag is None or self.tag in groups.tags


@dataclass(frozen=True)
class TaskRow:
    """A task with its state on the day asked about."""

    loaded: LoadedTask
    state: TaskState
    ledger: str = ""  # over many ledgers: the child's name ("" for the parent's own)

    @property
    def task(self) -> Task:
        return self.loaded.task


@dataclass(frozen=True)
class Selection:
    """The rows a query found, and what was asked."""

    today: date
    rows: tuple[TaskRow, ...]
    task_filter: TaskFilter = field(default_factory=TaskFilter)
    sort: SortKey = SortKey.DEADLINE


def rows_for(ledger: Ledger, today: date, task_filter: TaskFilter | None = None) -> list[TaskRow]:
    """Every task that existed on ``today`` (and that ``task_filter`` admits) with its
    state on that day, in id order."""
    settings = ledger.settings
    tasks: Iterable[LoadedTask] = ledger.tasks
    if task_filter is not None:
        tasks = [loaded for loaded in tasks if task_filter.admits(loaded.timeline, today)]
    rows = (
        TaskRow(loaded, compute_state(loaded.timeline, settings, today))
        for loaded in sorted(tasks, key=lambda loaded: loaded.id)
    )
    return [row for row in rows if row.state.exists]


def select_tasks(
    ledger: Ledger,
    today: date,
    task_filter: TaskFilter | None = None,
    sort: SortKey = SortKey.DEADLINE,
) -> Selection:
    """The tasks matching ``task_filter``, sorted (ties broken by id, so output is stable)."""
    task_filter = task_filter or TaskFilter()
    rows = rows_for(ledger, today, task_filter)
    chosen = [row for row in rows if task_filter.matches(row.loaded, row.state)]
    return Selection(today, tuple(sort_rows(chosen, sort)), task_filter, sort)


def sort_rows(rows: Iterable[TaskRow], sort: SortKey) -> list[TaskRow]:
    def key(row: TaskRow) -> tuple[object, ...]:
        task_id, deadline = row.loaded.id, row.state.deadline
        if sort is SortKey.ID:
            return (task_id, row.ledger)
        if sort is SortKey.UNIT:
            return (row.ledger, row.loaded.groups.lead_unit, task_id)
        if sort is SortKey.DAYS_LATE:
            return (-row.state.days_late, deadline or date.max, task_id, row.ledger)
        return (deadline or date.max, task_id, row.ledger)

    return sorted(rows, key=key)
