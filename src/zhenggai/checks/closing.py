"""Checks on a task's status and its sign-off (销号)."""

from __future__ import annotations

from collections.abc import Iterator

from zhenggai.checks.base import CheckContext, task_finding
from zhenggai.findings import Finding
from zhenggai.ledger.loaded import LoadedTask
from zhenggai.ledger.paths import SETTINGS_FILE
from zhenggai.messages import text
from zhenggai.records.model import Status


def check_status_record(ctx: CheckContext, loaded: LoadedTask) -> Iterator[Finding]:
    """A task's status agrees with its records.

    - a done task has a closing record (销号: date, by, summary), and one
      with ``approved_by`` when the ledger sets ``signoff_requires_approver``;
    - only a done task has a closing record (a reopened task keeps the old
      one under ``reopenings``);
    - a cancelled task carries its ``cancelled`` record (date, reason; older
      files: ``cancel_reason``), and only a cancelled task does;
    - a done task's counters are complete.

    Fails::

        status: done
        # no closing record

    Passes::

        status: done
        closing:
          date: 2021-06-30
          by: 整改办
          summary: 已印发《机关党组会议工作规则》
    """
    requires_approver = ctx.ledger.settings.signoff_requires_approver
    task = loaded.task
    done = task.status is Status.DONE
    if done and task.closing is None:
        yield task_finding(
            loaded,
            ("status",),
            text("task is done but has no closing record"),
            hint=text("sign it off with `zhenggai close ID --evidence FILE`"),
        )
    if not done and task.closing is not None:
        yield task_finding(
            loaded,
            ("closing",),
            text("task has a closing record but its status is {status}", status=task.status.value),
            hint=text("set status: done, or reopen it with `zhenggai reopen`"),
        )
    if done and task.closing is not None and requires_approver and not task.closing.approved_by:
        yield task_finding(
            loaded,
            ("closing",),
            text("sign-off has no approver (验收), which this ledger requires"),
            hint=text(
                "add closing.approved_by (or unset signoff_requires_approver in {file})",
                file=SETTINGS_FILE,
            ),
        )
    cancelled = task.status is Status.CANCELLED
    if cancelled and not task.cancel_reason and task.cancelled is None:
        yield task_finding(
            loaded,
            ("status",),
            text("cancelled task gives no reason"),
            hint=text("add `cancelled: {{date: YYYY-MM-DD, reason: ...}}`"),
        )
    for key in ("cancelled", "cancel_reason"):
        if not cancelled and getattr(task, key) is not None:
            yield task_finding(
                loaded,
                (key,),
                text("{key} on a task whose status is {status}", key=key, status=task.status.value),
            )
    if done:
        for index, counter in enumerate(task.counters):
            if counter.done < counter.total:
                yield task_finding(
                    loaded,
                    ("counters", index),
                    text(
                        "task is done but {what} stands at {done} of {total}",
                        what=counter.what,
                        done=counter.done,
                        total=counter.total,
                    ),
                )


def check_evidence_present(ctx: CheckContext, loaded: LoadedTask) -> Iterator[Finding]:
    """A done task carries evidence (佐证材料) of the work.

    Unless the ledger sets ``allow_close_without_evidence: true`` and the
    closing record says why in ``no_evidence_reason``.

    Fails::

        status: done
        evidence: []

    Passes::

        status: done
        evidence:
          - path: evidence/TASK-001/会议纪要.pdf
            sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
            size: 48213
            added: 2021-06-30
            kind: 纪要
    """
    allowed = ctx.ledger.settings.allow_close_without_evidence
    task = loaded.task
    excused = allowed and task.closing is not None and task.closing.no_evidence_reason
    if task.status is Status.DONE and not task.evidence and not excused:
        yield task_finding(
            loaded,
            ("status",),
            text("task is done but records no evidence"),
            hint=text("attach the evidence with `zhenggai close ID --evidence FILE`"),
        )
