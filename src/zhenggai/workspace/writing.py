"""What the write commands ask a workspace: a change written through the one unit of
work (`writes.unit`), in the ledger that holds what it changes; and the writes of
more than one part — notices recorded in each ledger, a 回头看 sample and its reviews,
an import."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from zhenggai.messages import text as said
from zhenggai.messages import text_n as said_n
from zhenggai.workspace.space import Workspace
from zhenggai.writes.change import Change, of_plans
from zhenggai.writes.unit import Target, Written, write_change

# For the type checker only: a write imports what it writes (a sample, not the import).
if TYPE_CHECKING:
    from zhenggai.imports.run import ImportRequest, ImportResult
    from zhenggai.ledger.family import Member
    from zhenggai.reports.notice import NoticeReport
    from zhenggai.reports.sampling import Sample


def write(
    workspace: Workspace,
    typed: str | None,
    make: Callable[[Target], Change],
    commit: bool | None,
    *,
    whole: bool = False,
) -> Written:
    """The change ``make`` plans for the task ``typed`` (None: the opened ledger itself),
    written in the ledger that holds it as one unit of work."""
    return write_change(workspace.ledger, typed, make, workspace.real_today, commit, whole=whole)


def who(workspace: Workspace, by: str | None, root: Path | None = None) -> str | None:
    """Who records it: ``by``, else $ZHENGGAI_USER, else git's user.name."""
    if by:
        return by
    if workspace.options.user:
        return workspace.options.user
    from zhenggai.files.gitutil import user_name

    return user_name(root or workspace.root)


def record_notices(
    workspace: Workspace,
    parts: list[tuple[Member, NoticeReport]],
    by: str | None,
    commit: bool | None,
) -> list[Written]:
    """Each notice into each of its tasks, in the ledger that holds them (its own lock),
    every task of a ledger written or none."""
    from zhenggai.writes.notices import plan_notice
    from zhenggai.writes.plan import record_day

    written = []
    for member, report in parts:

        def make(target: Target, report: NoticeReport = report) -> Change:
            issued = record_day(workspace.today(target.ledger), target.today)
            author = who(workspace, by, target.ledger.root)
            plans = [
                plan
                for notice in report.notices
                for item in notice.items
                if (plan := plan_notice(target.ledger, item.task_id, issued, item.level,
                                        report.reply_by, author, notice.number)) is not None
            ]  # fmt: skip
            message = said_n("recorded {n} notice in its task",
                             "recorded {n} notices in their tasks", len(plans))  # fmt: skip
            return of_plans(target.ledger.root, plans, message, shows_files=False,
                            commit_message=f"notices of {issued}: {len(plans)}")  # fmt: skip

        written.append(write_change(member.ledger, None, make, workspace.real_today, commit))
    return written


def record_sample(workspace: Workspace, drawn: Sample, commit: bool | None) -> Written:
    """The sample written to reviews/REVIEW-YYYY-NN.yaml of the opened ledger."""
    from zhenggai.writes.plan import record_day
    from zhenggai.writes.reviews import next_review_id, plan_sample_record, sample_record_text

    def make(target: Target) -> Change:
        day = record_day(drawn.day, target.today)
        record_id = next_review_id(target.ledger, day.year)
        text = sample_record_text(
            record_id, day, who(workspace, None), drawn.seed, drawn.method,
            drawn.closed_before, (len(drawn.population), drawn.rule.english()), drawn.picks,
        )  # fmt: skip
        path, content = plan_sample_record(target.ledger, text, record_id)
        return Change(target.ledger.root, said("wrote {file}", file=f"reviews/{path.name}"),
                      ((path, content),), shows_files=False,
                      commit_message=f"sample {record_id}: {len(drawn.picks)} tasks")  # fmt: skip

    return write(workspace, None, make, commit)


def record_review(
    workspace: Workspace,
    typed: str,
    result: str,
    note: str | None,
    by: str | None,
    day: date | None,
    record_id: str | None,
    commit: bool | None,
) -> Written:
    """A review's outcome on its sampling record (the opened ledger's); a fail reopens
    the task in the ledger that holds it, in the same write, under both locks."""
    from zhenggai.writes.plan import record_day
    from zhenggai.writes.reviews import plan_review

    def make(target: Target) -> Change:
        task = str(target.task)
        reopen_in = (target.ledger, target.task_id) if target.ledger is not target.top else None
        when = record_day(day, workspace.real_today(target.top))
        planned = plan_review(target.top, task, result, note, who(workspace, by), when,
                              record_id, reopen_in)  # fmt: skip
        files = [(planned.record_path, planned.record_content)]
        if planned.reopen is not None:
            files.append((planned.reopen.path, planned.reopen.content))
        message = (
            said("review {id} in {record}: fail, reopened", id=task, record=planned.record_id)
            if planned.reopen is not None
            else said("review {id} in {record}: pass", id=task, record=planned.record_id)
        )
        reopen = (planned.reopen,) if planned.reopen is not None else ()
        return Change(target.top.root, message, tuple(files), tasks=reopen, shows_files=False)

    return write(workspace, typed, make, commit)


def run_import(
    workspace: Workspace,
    request: ImportRequest,
    keep_going: bool,
    dry_run: bool,
    commit: bool | None,
) -> tuple[ImportResult, Written]:
    """An office's sheet read and planned against the whole ledger under its lock, and
    written all or none (with ``dry_run``, planned and nothing written)."""
    from zhenggai.imports.run import import_change, prepare_import

    results: list[ImportResult] = []

    def make(target: Target) -> Change:
        result = prepare_import(target.ledger, request, target.today, keep_going)
        results.append(result)
        if result.plan is None or dry_run:
            nothing = said_n("import {file}: {n} new task", "import {file}: {n} new tasks", 0,
                             file=request.source.name)  # fmt: skip
            return Change(target.ledger.root, nothing, shows_files=False)
        return import_change(result.plan, request.source)

    written = write(workspace, None, make, commit, whole=True)
    return results[0], written
