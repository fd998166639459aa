"""What the checks, `zhenggai list` and `zhenggai status` need of every task, kept apart
from the whole task.

A warm run reads these from the parse cache and builds whole tasks only for
the few it shows or checks further.
"""

from __future__ import annotations

import marshal
from dataclasses import dataclass
from typing import NamedTuple

from zhenggai.days.state import Timeline, timeline_of
from zhenggai.records.model import Evidence, Task


class TaskGroups(NamedTuple):
    """What a task is counted and filtered under."""

    problem: str
    units: list[str]  # the lead unit first
    lead: str
    tags: list[str]
    # One (立|改|废, count, the day adopted as an ordinal or None) for each regulation record.
    regulations: list[tuple[str, int, int | None]]

    @property
    def lead_unit(self) -> str:
        return self.units[0]


@dataclass(frozen=True, slots=True, kw_only=True)
class TaskSummary:
    id: str
    timeline: Timeline
    evidence: list[Evidence]
    # The task's `TaskGroups` as marshal data: one object to load per task, unpacked only
    # by the commands that group or filter by them (never by `check`).
    groups: bytes


def summarize(task: Task) -> TaskSummary:
    groups = (
        task.problem,
        task.units,
        task.lead,
        task.tags,
        [
            (item.action, item.count, day.toordinal() if (day := item.adopted_on) else None)
            for item in task.regulations
        ],
    )
    return TaskSummary(
        id=task.id,
        timeline=timeline_of(task),
        evidence=task.evidence,
        groups=marshal.dumps(groups),
    )


def unpack_groups(packed: bytes) -> TaskGroups:
    return TaskGroups._make(marshal.loads(packed))
