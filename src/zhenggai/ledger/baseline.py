"""The ledger as it was at an earlier revision: the "before" that change checks compare with.

Git facts are gathered by the caller (`gitutil.files_at`) and handed in as
bytes; this module only parses them, with the same strict reader as today's
files (`reader.read_task`). A file that did not read or validate then has no
"before" to compare with: it is kept in ``unreadable`` with the findings that
said why, never dropped unseen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath

from zhenggai.findings import Finding
from zhenggai.ledger.paths import TASK_SUFFIX, TASKS_DIR
from zhenggai.ledger.reader import read_task
from zhenggai.records.model import Task


@dataclass(frozen=True)
class Baseline:
    """Tasks at a revision, by id, with the path each was in (relative to the ledger root)."""

    revision: str
    tasks: dict[str, tuple[str, Task]]
    unreadable: dict[str, list[Finding]] = field(default_factory=dict)


def build_baseline(revision: str, files: dict[str, bytes], ledger_prefix: str) -> Baseline:
    """Parse the task files among ``files`` (paths relative to the repository)."""
    tasks: dict[str, tuple[str, Task]] = {}
    unreadable: dict[str, list[Finding]] = {}
    prefix = f"{ledger_prefix}/" if ledger_prefix else ""
    for name, raw in sorted(files.items()):
        rel = name[len(prefix) :] if name.startswith(prefix) else name
        parts = PurePosixPath(rel).parts
        if len(parts) != 2 or parts[0] != TASKS_DIR or not rel.endswith(TASK_SUFFIX):
            continue
        reading = read_task(raw, rel, rel)
        if reading.task is None:
            unreadable[rel] = reading.findings
            continue
        tasks.setdefault(reading.task.id, (rel, reading.task))
    return Baseline(revision, tasks, unreadable)
