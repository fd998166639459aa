"""The commands of a sign-off or an extension that passes through levels: `approve`
moves the waiting application one level on, `return` sends it back to the unit."""

from typing import TYPE_CHECKING, Annotated

import typer

from zhenggai.cli.common import LangOption, LedgerOption
from zhenggai.cli.options import TaskIdArgument
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
