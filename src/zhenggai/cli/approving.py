"""The commands of a sign-off or an extension that passes through levels: `approve`
moves the waiting application one level on, `return` sends it back to the unit, and
`report signoff` prints the form each level signs."""

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zhenggai.cli.common import AsOfOption, LangOption, LedgerOption, NoCacheOption, say_now
from zhenggai.cli.completion import unit_ids
from zhenggai.cli.options import TaskIdArgument
from zhenggai.cli.reporting import (
    FormatOption,
    OutputOption,
    ReportFormat,
    TemplateOption,
    open_report,
)
from zhenggai.cli.writing import ByOption, CommitOption, DateOption, Editing, edit_task
from zhenggai.findings import LedgerError
from zhenggai.messages import text as said

if TYPE_CHECKING:
    from zhenggai.writes.plan import Plan


def _who(e: Editing, by: str | None) -> str:
    who = e.who(by)
    if not who:
        raise LedgerError(said("who acts? give --by (or set ZHENGGAI_USER)"))
    return who


def approve(
    task_id: TaskIdArgument,
    level: Annotated[
        str | None,
        typer.Option(
            "--level",
            help="The level that approves, by name or number (refused unless it is the one "
            "the application waits at).",
            show_default=False,
        ),
    ] = None,
    opinion: Annotated[
        str | None,
        typer.Option("--opinion", help="The level's opinion (审核意见).", show_default=False),
    ] = None,
    day: DateOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
    lang: LangOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Approve a waiting application at its level; the last level signs the task off
    (or moves its deadline)."""
    from zhenggai.writes.approvals import plan_approve

    def make(e: Editing) -> "Plan":
        return plan_approve(e.ledger, e.task_id, level, _who(e, by), opinion, e.day(day))

    edit_task(ledger, commit, task_id, make, lang)


def send_back(
    task_id: TaskIdArgument,
    reason: Annotated[str, typer.Option("--reason", help="Why it goes back (退回理由).")],
    day: DateOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
    lang: LangOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Return a waiting application to the unit (退回), with the reason; the unit may
    apply again."""
    from zhenggai.writes.approvals import plan_return

    def make(e: Editing) -> "Plan":
        return plan_return(e.ledger, e.task_id, reason, _who(e, by), e.day(day))

    edit_task(ledger, commit, task_id, make, lang)


def attach(
    task_id: TaskIdArgument,
    evidence: Annotated[
        list[Path],
        typer.Option("--evidence", metavar="FILE", help="A file to attach; repeatable."),
    ],
    kind: Annotated[
        str | None,
        typer.Option("--kind", help="What it is: 销号审批表, 照片…", show_default=False),
    ] = None,
    day: DateOption = None,
    commit: CommitOption = None,
    lang: LangOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Pin a file to a task as evidence, by its hash, without changing any other record:
    the signed 销号审批表, scanned, after the sign-off."""
    from zhenggai.writes.approvals import plan_attach

    def make(e: Editing) -> "Plan":
        return plan_attach(e.ledger, e.task_id, list(evidence), kind, e.day(day))

    edit_task(ledger, commit, task_id, make, lang)


class FormKind(StrEnum):
    SIGNOFF = "signoff"
    EXTENSION = "extension"


def signoff_form(
    task_id: Annotated[
        str | None,
        typer.Argument(
            metavar="[TASK-ID]",
            help="The task whose latest application goes on the form.",
            show_default=False,
        ),
    ] = None,
    pending: Annotated[
        bool,
        typer.Option("--pending", help="A form for every application waiting, a page each."),
    ] = False,
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit",
            autocompletion=unit_ids,
            help="With --pending: only the tasks this unit leads or cooperates on.",
            show_default=False,
        ),
    ] = None,
    kind: Annotated[
        FormKind | None,
        typer.Option(
            "--kind",
            help="signoff (销号审批表) or extension (延期申请表). Default: the latest application.",
            show_default=False,
        ),
    ] = None,
    output_format: FormatOption = ReportFormat.MD,
    output: OutputOption = None,
    template: TemplateOption = None,
    as_of: AsOfOption = None,
    no_cache: NoCacheOption = False,
    lang: LangOption = None,
    ledger: LedgerOption = None,
) -> None:
    """The form each level signs (销号审批表, 延期申请表): the task's facts, the evidence
    with its hashes, each level's opinion where recorded and a blank to sign where not."""
    from zhenggai.cli.common import render_context
    from zhenggai.cli.front import finish
    from zhenggai.cli.sink import deliver
    from zhenggai.render.signoff import signoff_layout
    from zhenggai.workspace.documents import signoff_forms

    if task_id is not None and pending:
        raise typer.BadParameter(say_now(said("name a task or give --pending, not both")))
    workspace = open_report(ledger, no_cache, lang, as_of, output_format, output, template)
    forms = signoff_forms(workspace, task_id, pending or unit is not None, unit,
                          kind.value if kind else None)  # fmt: skip
    ctx = render_context(workspace.ledger, lang, day=workspace.today(), template=template)
    document = signoff_layout(forms, workspace.ledger.settings.title, ctx.labels.language)
    deliver("report signoff", output_format.value, document, ctx, output, workspace=workspace)
    finish(workspace)
