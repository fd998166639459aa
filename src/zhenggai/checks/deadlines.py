"""Checks on a task's dates: a deadline (or a cadence) is there, and dates agree."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from zhenggai.checks.base import CheckContext, task_finding
from zhenggai.files.document import Loc
from zhenggai.findings import Finding
from zhenggai.ledger.loaded import LoadedTask
from zhenggai.messages import text
from zhenggai.records.model import Status, Task, Term


def check_deadline_present(ctx: CheckContext, loaded: LoadedTask) -> Iterator[Finding]:
    """Every task has a deadline; an ongoing task has a review cadence instead.

    This is the check to run in CI: a measure without a completion date
    (完成时限) cannot be followed up. Cancelled tasks need neither.

    Fails::

        term: dated
        status: in-progress
        # no deadline

    Passes::

        term: dated
        deadline: 2021-12-31
        deadline_basis: 年内

    and, for a 长期坚持 task::

        term: ongoing
        status: ongoing
        cadence: quarterly
    """
    task = loaded.task
    if task.status is Status.CANCELLED:
        return
    ongoing = task.term is Term.ONGOING or task.status is Status.ONGOING
    if ongoing and task.cadence is None:
        yield task_finding(
            loaded,
            ("term",) if task.term is Term.ONGOING else ("status",),
            text("ongoing task has no review cadence"),
            hint=text("add `cadence: monthly|quarterly|half-yearly|yearly|first-quarter`"),
        )
    elif not ongoing and task.deadline is None:
        yield task_finding(
            loaded,
            ("term",),
            text("{term} task has no deadline", term=task.term.value),
            hint=text("add `deadline: YYYY-MM-DD` (and the wording in `deadline_basis`)"),
        )


def check_dates_in_order(ctx: CheckContext, loaded: LoadedTask) -> Iterator[Finding]:
    """A task's dates agree with each other.

    - each extension runs from the deadline before it to a later one, and the
      task's ``deadline`` is the last extension's ``to``;
    - progress notes are in date order (they are an append-only log);
    - no milestone is due after the task's deadline;
    - a reopening comes after the sign-off it undoes;
    - no date lies before the inspection began (a mistyped year).

    Fails::

        deadline: 2021-09-30
        extensions:
          - {from: 2021-06-30, to: 2021-10-31, reason: 待上级批复}

    Passes::

        deadline: 2021-10-31
        extensions:
          - {from: 2021-06-30, to: 2021-10-31, reason: 待上级批复}
    """
    source = ctx.ledger.settings.source
    earliest = source.period.start if source.period else source.feedback_date
    yield from _extension_chain(loaded)
    yield from _notes_in_order(loaded)
    yield from _milestones_within_deadline(loaded)
    task = loaded.task
    for index, reopening in enumerate(task.reopenings):
        if reopening.date < reopening.previous_closing.date:
            yield task_finding(
                loaded,
                ("reopenings", index, "date"),
                text(
                    "reopened on {day}, before the sign-off of {signed} it undoes",
                    day=reopening.date,
                    signed=reopening.previous_closing.date,
                ),
            )
    for loc, day in _dated(loaded):
        if day < earliest:
            yield task_finding(
                loaded,
                loc,
                text("{day} is before the inspection began ({began})", day=day, began=earliest),
                hint=text("check the year"),
            )


def check_future_date(ctx: CheckContext) -> Iterator[Finding]:
    """No record is dated after today: a note, sign-off or extension cannot have happened yet.

    "Today" is the real day in the ledger's timezone, not the ``--as-of`` day:
    a mistyped year (2031 for 2021) would otherwise count as done,
    or late, on the wrong days. Deadlines and milestones' due dates may of
    course lie ahead. Put a mistyped date right with ``zhenggai correct``, which
    records the correction and its reason.

    Fails (in 2021)::

        progress:
          - {date: 2031-10-20, text: 已印发}

    Passes::

        progress:
          - {date: 2021-10-20, text: 已印发}
    """
    today = ctx.real_today
    if today is None:
        return
    for loaded in ctx.ledger.tasks:
        last = loaded.timeline.last_record
        if last is None or last <= today:
            continue  # most tasks: settled from the timeline, without the whole task
        for loc, day in recorded_dates(loaded.task):
            if day > today:
                yield task_finding(
                    loaded,
                    loc,
                    text("{day} is after today: a record cannot be dated in the future", day=day),
                    hint=text("put it right with `zhenggai correct` (it records the reason)"),
                )


def recorded_dates(task: Task) -> Iterator[tuple[Loc, date]]:
    """Every day a task's records say something happened, at its key (not deadlines or
    due dates, which lie ahead)."""
    if task.created is not None:
        yield ("created",), task.created
    if task.cancelled is not None:
        yield ("cancelled", "date"), task.cancelled.date
    for index, milestone in enumerate(task.milestones):
        if milestone.done is not None:
            yield ("milestones", index, "done"), milestone.done
    for index, note in enumerate(task.progress):
        yield ("progress", index, "date"), note.date
    for index, extension in enumerate(task.extensions):
        if extension.date is not None:
            yield ("extensions", index, "date"), extension.date
    for index, item in enumerate(task.evidence):
        yield ("evidence", index, "added"), item.added
    if task.closing is not None:
        yield ("closing", "date"), task.closing.date
    for index, reopening in enumerate(task.reopenings):
        yield ("reopenings", index, "date"), reopening.date
        yield ("reopenings", index, "previous_closing", "date"), reopening.previous_closing.date
    for index, regulation in enumerate(task.regulations):
        key = "adopted" if regulation.adopted is not None else "date"
        if regulation.adopted_on is not None:
            yield ("regulations", index, key), regulation.adopted_on
    for index, correction in enumerate(task.corrections):
        yield ("corrections", index, "date"), correction.date


def _extension_chain(loaded: LoadedTask) -> Iterator[Finding]:
    task = loaded.task
    previous = None
    for index, extension in enumerate(task.extensions):
        if extension.to <= extension.from_:
            yield task_finding(
                loaded,
                ("extensions", index, "to"),
                text(
                    "extension moves the deadline from {old} back to {new}",
                    old=extension.from_,
                    new=extension.to,
                ),
                hint=text("`to` must be later than `from`"),
            )
        if previous is not None and extension.from_ != previous:
            yield task_finding(
                loaded,
                ("extensions", index, "from"),
                text(
                    "extension starts from {old}, but the deadline was then {then}",
                    old=extension.from_,
                    then=previous,
                ),
                hint=text("each extension's `from` is the previous extension's `to`"),
            )
        previous = extension.to
    if previous is not None and task.deadline != previous:
        yield task_finding(
            loaded,
            ("deadline",),
            text(
                "deadline {deadline} is not the last extension's new date {new}",
                deadline=task.deadline,
                new=previous,
            ),
            hint=text("record every change of deadline as an extension (`zhenggai extend`)"),
        )


def _notes_in_order(loaded: LoadedTask) -> Iterator[Finding]:
    notes = loaded.task.progress
    for index in range(1, len(notes)):
        if notes[index].date < notes[index - 1].date:
            yield task_finding(
                loaded,
                ("progress", index, "date"),
                text(
                    "progress note of {day} comes after one of {before}",
                    day=notes[index].date,
                    before=notes[index - 1].date,
                ),
                hint=text("keep progress notes in date order, newest last"),
            )


def _milestones_within_deadline(loaded: LoadedTask) -> Iterator[Finding]:
    deadline = loaded.task.deadline
    if deadline is None:
        return
    for index, milestone in enumerate(loaded.task.milestones):
        if milestone.due > deadline:
            yield task_finding(
                loaded,
                ("milestones", index, "due"),
                text(
                    "milestone due {due}, after the task's deadline {deadline}",
                    due=milestone.due,
                    deadline=deadline,
                ),
            )


def _dated(loaded: LoadedTask) -> Iterator[tuple[Loc, date]]:
    task = loaded.task
    yield from recorded_dates(task)
    if task.deadline is not None:
        yield ("deadline",), task.deadline
