"""`zhenggai log`: a task's commits, as text or JSON."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from zhenggai.files.gitutil import LogEntry
from zhenggai.render.context import JSON_SCHEMA_VERSION
from zhenggai.safetext import inline


def format_text(task_id: str, entries: Sequence[LogEntry]) -> str:
    """One line a commit: short hash, date, author, subject (user text made safe)."""
    del task_id
    return "".join(
        inline(f"{entry.commit}  {entry.date[:10]}  {entry.author}  {entry.subject}") + "\n"
        for entry in entries
    )


def format_json(task_id: str, entries: Sequence[LogEntry]) -> str:
    document = {
        "schema_version": JSON_SCHEMA_VERSION,
        "task": task_id,
        "commits": [
            {"commit": e.commit, "date": e.date, "author": e.author, "subject": e.subject}
            for e in entries
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


FORMATS: dict[str, Callable[[str, Sequence[LogEntry]], str]] = {
    "text": format_text,
    "json": format_json,
}
