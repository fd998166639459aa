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


def _longer_texts(task: Task) -> Iterator[tuple[Loc, str | None]]:
    """Each text of ``task`` that is not one line: the measure, then the notes."""
    yield ("measure",), task.measure
    yield ("bulletin_text",), task.bulletin_text
    yield ("cancel_reason",), task.cancel_reason
    for index, milestone in enumerate(task.milestones):
        yield ("milestones", index, "what"), milestone.what
    for index, note in enumerate(task.progress):
        yield ("progress", index, "text"), note.text
    for index, counter in enumerate(task.counters):
        yield ("counters", index, "what"), counter.what
    for index, extension in enumerate(task.extensions):
        yield ("extensions", index, "basis"), extension.basis
        yield ("extensions", index, "reason"), extension.reason
    for index, item in enumerate(task.evidence):
        yield ("evidence", index, "path"), item.path
        yield ("evidence", index, "note"), item.note
    if task.closing is not None:
        yield ("closing", "summary"), task.closing.summary
        yield ("closing", "no_evidence_reason"), task.closing.no_evidence_reason
    if task.cancelled is not None:
        yield ("cancelled", "reason"), task.cancelled.reason
    for index, reopening in enumerate(task.reopenings):
        yield ("reopenings", index, "reason"), reopening.reason
        yield (
            ("reopenings", index, "previous_closing", "summary"),
            (reopening.previous_closing.summary),
        )
    for index, regulation in enumerate(task.regulations):
        yield ("regulations", index, "name"), regulation.name
    for index, correction in enumerate(task.corrections):
        yield ("corrections", index, "reason"), correction.reason


def check_text_length(ctx: CheckContext, loaded: LoadedTask) -> Iterator[Finding]:
    """No text is longer than the ledger's bound for it (``text_max`` in zhenggai.yaml).

    A title and every one-line field may hold ``text_max.title`` characters (200
    unless set), the measure ``text_max.measure`` (5,000) and every other text
    ``text_max.note`` (5,000). Import and the write commands refuse longer texts;
    a text pasted by hand is caught here, before a report built from it takes an
    office suite minutes to open or an export to Excel cuts it.

    Fails::

        title: 建立周报制度……（三百字）

    Passes::

        title: 建立周报制度
    """
    bounds = ctx.ledger.settings.text_max
    task = loaded.task
    measured = [(loc, value, bounds.title) for loc, value in _one_line_fields(task)]
    measured += [
        (loc, value, bounds.measure if loc in (("measure",), ("bulletin_text",)) else bounds.note)
        for loc, value in _longer_texts(task)
    ]
    for loc, value, bound in measured:
        if value is not None and len(value) > bound:
            yield task_finding(
                loaded,
                loc,
                text("{key} is {length} characters long, more than the {bound} it may be",
                     key=_shown(loc), length=len(value), bound=bound),
                hint=text("shorten it, or put the full text in an evidence file; a ledger "
                          "that needs longer texts raises text_max in zhenggai.yaml"),
            )  # fmt: skip


def _shown(loc: Loc) -> str:
    """``('progress', 0, 'by')`` as the schema's messages say it: ``progress[0].by``."""
    shown = ""
    for part in loc:
        shown += f"[{part}]" if isinstance(part, int) else (f".{part}" if shown else part)
    return shown
