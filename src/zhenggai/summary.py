"""What the checks and `zhenggai list` need of every task, kept apart from the whole task.

A warm run reads these from the parse cache and builds whole tasks only for
the few it shows or checks further.
"""

from __future__ import annotations

from dataclasses import dataclass

from zhenggai.model import Evidence, Task
from zhenggai.state import Timeline, timeline_of


@dataclass(frozen=True, slots=True, kw_only=True)
class TaskSummary:
    id: str
    timeline: Timeline
    evidence: list[Evidence]


def summarize(task: Task) -> TaskSummary:
    return TaskSummary(id=task.id, timeline=timeline_of(task), evidence=task.evidence)
