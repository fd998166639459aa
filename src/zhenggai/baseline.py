"""The ledger as it was at an earlier revision: the "before" that change checks compare with.

Git facts are gathered by the caller (`gitutil.files_at`) and handed in as
bytes; this module only parses them, with the same strict reader as today's
files. A file that did not parse or validate then is left out: there is no
"before" to compare it with.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from zhenggai.ledger import TASKS_DIR
from zhenggai.model import Task
from zhenggai.validation import Invalid, validate


@dataclass(frozen=True)
class Baseline:
    """Tasks at a revision, by id, with the path each was in (relative to the ledger root)."""

    revision: str
    tasks: dict[str, tuple[str, Task]]


def build_baseline(revision: str, files: dict[str, bytes], ledger_prefix: str) -> Baseline:
    """Parse the task files among ``files`` (paths relative to the repository)."""
    from zhenggai.yamlio import parse_bytes

    tasks: dict[str, tuple[str, Task]] = {}
    prefix = f"{ledger_prefix}/" if ledger_prefix else ""
    for name, raw in sorted(files.items()):
        rel = name[len(prefix) :] if name.startswith(prefix) else name
        parts = PurePosixPath(rel).parts
        if len(parts) != 2 or parts[0] != TASKS_DIR or not rel.endswith(".yaml"):
            continue
        result = parse_bytes(raw, Path(rel))
        if result.document is None:
            continue
        try:
            task = validate(Task, result.document.data)
        except Invalid:
            continue
        tasks.setdefault(task.id, (rel, task))
    return Baseline(revision, tasks)
