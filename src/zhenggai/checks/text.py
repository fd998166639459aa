"""Checks on what is written by hand in a task's one-line fields."""

from __future__ import annotations

from collections.abc import Iterator

from zhenggai.checks.base import CheckContext, task_finding
from zhenggai.findings import Finding
from zhenggai.ledger.loaded import LoadedTask
from zhenggai.messages import text
from zhenggai.records.model import Task
from zhenggai.safetext import first_unsafe

Loc = tuple[str | int, ...]


def _one_line_fields(task: Task) -> Iterator[tuple[Loc, str | None]]:
    """Each one-line field of ``task`` (names, ids, authors), with where it is."""
    yield ("title",), task.title
    yield ("problem",), task.problem
    yield ("lead",), task.lead
    yield ("owner",), task.owner
    yield ("source_ref",), task.source_ref
    yield ("deadline_basis",), task.deadline_basis
    for index, unit in enumerate(task.units):
        yield ("units", index), unit
    for index, tag in enumerate(task.tags):
        yield ("tags", index), tag
    for index, note in enumerate(task.progress):
        yield ("progress", index, "by"), note.by
    for index, extension in enumerate(task.extensions):
        yield ("extensions", index, "approved_by"), extension.approved_by
    for index, item in enumerate(task.evidence):
        yield ("evidence", index, "kind"), item.kind
    if task.closing is not None:
        yield ("closing", "by"), task.closing.by
        yield ("closing", "approved_by"), task.closing.approved_by
    if task.cancelled is not None:
        yield ("cancelled", "by"), task.cancelled.by
    for index, reopening in enumerate(task.reopenings):
        yield ("reopenings", index, "by"), reopening.by
    for index, notice in enumerate(task.notices):
        yield ("notices", index, "by"), notice.by


def check_plain_text(ctx: CheckContext, loaded: LoadedTask) -> Iterator[Finding]:
    """A one-line field holds no line break, control or direction character.

    The one-line fields are a task's title, ids and names, and who recorded each
    record. Written by hand, such a character would act on the terminal or reorder
    the text of whoever reads the ledger; the write commands refuse it already.

    Fails::

        title: "建立\\u202e周报制度"

    Passes::

        title: 建立周报制度
    """
    for loc, value in _one_line_fields(loaded.task):
        found = first_unsafe(value) if value else None
        if found is not None:
            yield task_finding(
                loaded,
                loc,
                text("{key} holds {found}, a line break or control character", key=_shown(loc),
                     found=found),
                hint=text("retype it as one line of plain text"),
            )  # fmt: skip


def _shown(loc: Loc) -> str:
    """``('progress', 0, 'by')`` as the schema's messages say it: ``progress[0].by``."""
    shown = ""
    for part in loc:
        shown += f"[{part}]" if isinstance(part, int) else (f".{part}" if shown else part)
    return shown
