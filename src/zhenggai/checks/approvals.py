"""Checks on sign-offs and extensions that pass through approval levels."""

from __future__ import annotations

from collections.abc import Iterator

from zhenggai.checks.base import CheckContext, task_finding
from zhenggai.findings import Finding
from zhenggai.ledger.loaded import LoadedTask
from zhenggai.messages import text, text_n


def check_approval_record(ctx: CheckContext, loaded: LoadedTask) -> Iterator[Finding]:
    """A sign-off carries its levels' approvals; each application goes level by level.

    Where ``approval:`` sets more than one level, a closing record (from
    ``approval.since``, when set) names the day it was applied for and each later
    level's approval, as `zhenggai approve` writes them; a hand-written
    ``status: done`` with a bare closing fails. Each application's acts follow the
    levels in order, dated in order, nothing after a return, and ``approved`` is
    the last level's day.

    Fails (levels 责任单位申请 → 整改办审核 → 牵头领导审批)::

        status: done
        closing: {date: 2021-11-10, by: 研究室, summary: 已印发}

    Passes::

        closing:
          date: 2021-11-10
          by: 研究室
          summary: 已印发
          applied: 2021-11-05
          approvals:
            - {level: 整改办审核, action: approved, date: 2021-11-08, by: 整改办}
            - {level: 牵头领导审批, action: approved, date: 2021-11-10, by: 党组副书记}
    """
    approval = ctx.ledger.settings.approval
    task = loaded.task
    since = approval.since
    closing = task.closing
    held = since is None or (closing is not None and closing.date >= since)
    if closing is not None and approval.chained("signoff") and held:
        wanted = [level.name for level in approval.signoff[1:]]
        got = [step.level for step in closing.approvals if step.action == "approved"]
        if got != wanted or closing.applied is None:
            yield task_finding(
                loaded,
                ("closing",),
                text("the sign-off lacks the approvals its levels require: {wanted}",
                     wanted=" → ".join(wanted)),
                hint=text("apply with `zhenggai close` and approve with `zhenggai approve`, "
                          "or reopen it; a ledger that took the levels up later sets "
                          "approval.since"),
            )  # fmt: skip
    for index, request in enumerate(task.requests):
        if since is not None and request.date < since:
            continue
        levels = [level.name for level in approval.levels(request.kind)]
        last, at = request.date, 1
        for number, step in enumerate(request.steps):
            where = ("requests", index, "steps", number)
            expected = levels[at] if at < len(levels) else None
            if step.level != expected:
                yield task_finding(
                    loaded, where,
                    text("{level} acts out of turn: the application waits at {expected}",
                         level=step.level, expected=expected or "—"),
                    hint=text("acts follow the levels in order: `zhenggai approve` records them"),
                )  # fmt: skip
                break
            if step.date < last:
                yield task_finding(
                    loaded, where,
                    text("dated {day}, before the act it follows ({last})", day=step.date,
                         last=last),
                    hint=text("put the date right with `zhenggai correct`"),
                )  # fmt: skip
                break
            if step.action == "returned" and number != len(request.steps) - 1:
                yield task_finding(
                    loaded, where,
                    text("acts follow a return: a returned application is ended"),
                    hint=text("the unit applies again: a new application"),
                )  # fmt: skip
                break
            last = step.date
            at += step.action == "approved"
        approvals = [step for step in request.steps if step.action == "approved"]
        complete = len(approvals) == len(levels) - 1
        if request.approved is None or (complete and request.approved == approvals[-1].date):
            continue
        missing = len(levels) - 1 - len(approvals)
        wrong = (
            text_n("approved on {day}, but {n} level has not approved",
                   "approved on {day}, but {n} levels have not approved", missing,
                   day=request.approved)
            if not complete
            else text("approved on {day}, not the last level's day {last}",
                      day=request.approved, last=approvals[-1].date)
        )  # fmt: skip
        yield task_finding(
            loaded,
            ("requests", index, "approved"),
            wrong,
            hint=text("`approved` is the day the last level approved"),
        )


def check_request_pending(ctx: CheckContext) -> Iterator[Finding]:
    """An application does not wait at one level longer than the ledger allows.

    ``approval.pending_days`` (7 unless set) is how long an application (申请销号,
    申请延期) may wait at one level before this warns: the office owes the unit an
    answer, approved or returned.

    Fails (``--as-of 2021-11-20``, applied 2021-11-05, nothing since)::

        requests:
          - {kind: signoff, date: 2021-11-05, by: 研究室, summary: 已印发}

    Passes: the same, approved or returned by 2021-11-12.
    """
    allowed = ctx.ledger.settings.approval.pending_days
    for loaded, state in ctx.live_states:
        pending = state.pending
        if pending is None:
            continue
        waited = (ctx.today - pending.since).days
        if waited > allowed:
            yield task_finding(
                loaded,
                ("requests",),
                text_n(
                    "the application has waited {n} day at {level} (since {since})",
                    "the application has waited {n} days at {level} (since {since})",
                    waited,
                    level=pending.level_name,
                    since=pending.since,
                ),
                hint=text("approve it with `zhenggai approve`, or return it with "
                          "`zhenggai return`"),
            )  # fmt: skip
