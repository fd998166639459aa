"""Checks on time: what is late on the day asked about. Warnings unless raised."""

from __future__ import annotations

from collections.abc import Iterator

from zhenggai.checks.base import CheckContext, task_finding
from zhenggai.findings import Finding
from zhenggai.messages import text, text_n


def check_overdue(ctx: CheckContext) -> Iterator[Finding]:
    """An open task is past its deadline, or one of its milestones is past due.

    A task due today is not overdue until the day is over, in the ledger's
    timezone. Done, cancelled and ongoing tasks are never overdue. A warning
    by default; ``--fail-on overdue`` (or ``checks: {overdue: error}`` in
    zhenggai.yaml) makes a pipeline go red on late work.

    Fails (``--as-of 2021-10-01``)::

        status: in-progress
        deadline: 2021-09-30

    Passes::

        status: done
        deadline: 2021-09-30
    """
    today = ctx.today
    for loaded, state in ctx.live_states:
        if not state.is_open:
            continue
        if state.overdue:
            late = state.days_late or 0
            message = (
                text_n(
                    "overdue by {n} day (deadline {deadline}, extended {times}×)",
                    "overdue by {n} days (deadline {deadline}, extended {times}×)",
                    late,
                    deadline=state.deadline,
                    times=state.extensions,
                )
                if state.extensions
                else text_n(
                    "overdue by {n} day (deadline {deadline})",
                    "overdue by {n} days (deadline {deadline})",
                    late,
                    deadline=state.deadline,
                )
            )
            yield task_finding(
                loaded,
                ("deadline",),
                message,
                hint=text("finish and close it, or record an extension with `zhenggai extend`"),
            )
        for milestone in state.open_milestones:
            if milestone.due < today:
                yield task_finding(
                    loaded,
                    ("milestones", milestone.index, "due"),
                    text_n(
                        "milestone '{what}' overdue by {n} day",
                        "milestone '{what}' overdue by {n} days",
                        (today - milestone.due).days,
                        what=milestone.what,
                    ),
                    hint=text("record its `done:` date when it is reached"),
                )


def check_review_overdue(ctx: CheckContext) -> Iterator[Finding]:
    """An ongoing task missed its review: no progress note in the last period due.

    A quarterly task must show a note dated within the last finished quarter
    or later; a ``first-quarter`` task one dated in the year by 31 March.
    Periods that ended before the inspection's feedback are not asked for.

    Fails (``--as-of 2021-10-23``)::

        status: ongoing
        cadence: quarterly
        progress:
          - {date: 2021-05-10, text: 党组中心组第二季度集体学习}

    Passes::

        progress:
          - {date: 2021-09-28, text: 党组中心组第三季度集体学习}
    """
    for loaded, state in ctx.live_states:
        missed = state.review
        if missed is not None:
            last = state.last_progress
            cadence = loaded.timeline.cadence
            yield task_finding(
                loaded,
                ("cadence",),
                text(
                    "{cadence} review due {due} has no progress note (last: {last})",
                    cadence=cadence.value if cadence else "",
                    due=missed.due,
                    last=last or "none",
                )
                if last
                else text(
                    "{cadence} review due {due} has no progress note (last: none)",
                    cadence=cadence.value if cadence else "",
                    due=missed.due,
                ),
                hint=text("record the period's work with `zhenggai progress`"),
            )


def check_stale(ctx: CheckContext) -> Iterator[Finding]:
    """An open task has had no progress note within the ledger's ``stale_days`` (default 30).

    The weekly report needs something to say; a task nobody has written about
    for a month is one nobody is following. Counted from the inspection's
    feedback date for a task with no notes at all.

    Fails (``--as-of 2021-10-23``, stale_days 30)::

        status: in-progress
        progress:
          - {date: 2021-08-20, text: 起草完成}

    Passes::

        progress:
          - {date: 2021-10-15, text: 征求意见稿已发各单位}
    """
    for loaded, state in ctx.live_states:
        idle = state.stale_days
        if idle is not None:
            last = state.last_progress
            message = (
                text_n(
                    "no progress note for {n} day (last: {last})",
                    "no progress note for {n} days (last: {last})",
                    idle,
                    last=last,
                )
                if last is not None
                else text_n(
                    "no progress note for {n} day (last: none)",
                    "no progress note for {n} days (last: none)",
                    idle,
                )
            )
            yield task_finding(
                loaded,
                ("progress",) if last is not None else ("status",),
                message,
                hint=text("record where it stands with `zhenggai progress`"),
            )


def check_notice_unanswered(ctx: CheckContext) -> Iterator[Finding]:
    """An open task's last supervision notice (督办单) passed its reply-by day unanswered.

    Answered means what the unit did from the day it was issued to its reply-by
    day: a progress note by anyone but the notice's issuer, a sign-off, an
    extension or an application. Notices are recorded by ``zhenggai report notice
    --record``; after an unanswered 督办 the next notice is a 告诫 (warning). An
    earlier notice followed by a later one is not reported again.

    Fails (``--as-of 2021-10-23``)::

        deadline: 2021-09-30
        notices:
          - {date: 2021-10-08, level: 督办, reply_by: 2021-10-15}

    Passes::

        progress:
          - {date: 2021-10-12, text: 已按督办要求报送整改方案}
    """
    from zhenggai.days.notices import unanswered

    for loaded, state in ctx.live_states:
        missed = unanswered(loaded.timeline, state.today, loaded.groups.units)
        if missed is not None:
            yield task_finding(
                loaded,
                ("notices", loaded.timeline.notices.index(missed), "reply_by"),
                text(
                    "the {level} notice of {issued} asked for a reply by {reply_by}: "
                    "nothing was recorded",
                    level=missed.level,
                    issued=missed.issued,
                    reply_by=missed.reply_by,
                ),
                hint=text(
                    "record the unit's reply with `zhenggai progress`; the next notice is a 告诫"
                ),
            )


def check_review_pending(ctx: CheckContext) -> Iterator[Finding]:
    """A 回头看 sample still has picks without an outcome `review_days` after it was drawn.

    ``zhenggai review TASK-ID --result pass|fail`` records each outcome; a sample left
    half-reviewed is a look-back that was announced and not done. Default 30 days.

    Fails (``--as-of 2021-10-23``, review_days 30)::

        date: 2021-08-02
        picks:
          - task: TASK-001

    Passes::

        picks:
          - {task: TASK-001, result: pass, date: 2021-08-20}
    """
    from datetime import timedelta

    from zhenggai.checks.base import file_finding

    allowed = timedelta(days=ctx.ledger.settings.review_days)
    for review in ctx.ledger.reviews:
        record = review.record
        if record.date > ctx.today or record.date + allowed >= ctx.today:
            continue
        for index, pick in enumerate(record.picks):
            if pick.result is None:
                yield file_finding(
                    review.path,
                    text(
                        "{task} was drawn for review on {drawn} and has no outcome after "
                        "{days} days",
                        task=pick.task,
                        drawn=record.date,
                        days=(ctx.today - record.date).days,
                    ),
                    text(
                        "record it with `zhenggai review {task} --result pass|fail`", task=pick.task
                    ),
                    review.document.locate(("picks", index, "task")),
                )


def check_forms_missing(ctx: CheckContext) -> Iterator[Finding]:
    """A unit sent a 填报表 returned it by the day it was due.

    ``zhenggai forms issue`` records each round in ``forms/<period>.yaml``; once its
    ``due`` day has passed, a unit without a return collected (``zhenggai forms
    collect``) has not reported for that period.

    Fails (``--as-of 2021-10-25``)::

        period: 2021-W42
        due: 2021-10-22
        forms:
          - {unit: 研究室, file: 研究室_2021-W42.xlsx, rows: []}

    Passes: the same, with ``returns: [{unit: 研究室, …}]``.
    """
    from zhenggai.checks.base import file_finding

    for round_ in ctx.ledger.rounds:
        record = round_.record
        if record.due >= ctx.today or record.issued > ctx.today:
            continue
        returned = {ret.unit for ret in record.returns if ret.collected <= ctx.today}
        for index, form in enumerate(record.forms):
            if form.unit in returned:
                continue
            yield file_finding(
                round_.path,
                text("{unit} has not returned its form of {period} (due {due}, {days} days "
                     "ago)", unit=form.unit, period=record.period, due=record.due,
                     days=(ctx.today - record.due).days),
                text("remind the liaison, then `zhenggai forms collect` the form"),
                round_.document.locate(("forms", index, "unit")),
            )  # fmt: skip
