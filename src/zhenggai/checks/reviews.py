"""Checks on the 回头看 sampling records under ``reviews/``, written by `zhenggai sample`
and `zhenggai review`, or by hand."""

from __future__ import annotations

from collections.abc import Iterator

from zhenggai.checks.base import CheckContext, file_finding
from zhenggai.findings import Finding
from zhenggai.ledger.qualified import QualifiedId
from zhenggai.messages import text


def check_review_record(ctx: CheckContext) -> Iterator[Finding]:
    """Each pick of a 回头看 record is a task of the ledger, drawn once, reopened if failed.

    A record edited by hand could name a task the ledger lacks, draw one twice, or
    record a failure that reopened nothing: the look-back would say what was not done.
    (A pick over many ledgers, ``提案局:TASK-042``, is its child's to hold.)

    Fails::

        picks:
          - {task: TASK-999}
          - {task: TASK-001, result: fail, note: 未完成}   # TASK-001 was not reopened

    Passes::

        picks:
          - {task: TASK-001, result: pass, date: 2021-08-20}
    """
    by_id = ctx.ledger.by_id
    for review in ctx.ledger.reviews:
        record = review.record
        seen: set[str] = set()
        for index, pick in enumerate(record.picks):
            where = review.document.locate(("picks", index, "task"))
            if QualifiedId.parse(pick.task).ledger:
                continue
            if pick.task in seen:
                yield file_finding(
                    review.path,
                    text("{task} is drawn twice in {record}", task=pick.task, record=record.id),
                    text("keep one pick of each task"),
                    where,
                )
            seen.add(pick.task)
            loaded = by_id.get(pick.task)
            if loaded is None:
                yield file_finding(
                    review.path,
                    text("{task} is not a task of this ledger", task=pick.task),
                    text("a pick names a task the sample drew: correct the id"),
                    where,
                )
                continue
            if pick.result == "fail" and not any(
                reopening.review == record.id for reopening in loaded.task.reopenings
            ):
                yield file_finding(
                    review.path,
                    text("{task} failed the review in {record} but was not reopened",
                         task=pick.task, record=record.id),
                    text("record the outcome with `zhenggai review {task} --result fail`: "
                         "it reopens the task", task=pick.task),
                    review.document.locate(("picks", index, "result")),
                )  # fmt: skip
