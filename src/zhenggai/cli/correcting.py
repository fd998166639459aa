"""`zhenggai correct`: a mistyped date put right, the correction kept in the task."""

from typing import TYPE_CHECKING, Annotated

import typer

from zhenggai.cli.common import LangOption, LedgerOption, say_now
from zhenggai.cli.options import TaskIdArgument
from zhenggai.cli.writing import ByOption, CommitOption, Editing, edit_task, option_date
from zhenggai.messages import text as said

if TYPE_CHECKING:
    from zhenggai.writes.plan import Plan


def correct(
    task_id: TaskIdArgument,
    to: Annotated[str, typer.Option("--date", metavar="YYYY-MM-DD", help="The right date.")],
    reason: Annotated[str, typer.Option("--reason", help="Why it was wrong, e.g. 笔误.")],
    progress_note: Annotated[
        int | None,
        typer.Option(
            "--progress",
            metavar="N",
            help="Progress note N (as `show` numbers them).",
            show_default=False,
        ),
    ] = None,
    extension: Annotated[
        int | None,
        typer.Option(
            "--extension", metavar="N", help="The approval day of extension N.", show_default=False
        ),
    ] = None,
    evidence: Annotated[
        int | None,
        typer.Option(
            "--evidence", metavar="N", help="The day evidence N was added.", show_default=False
        ),
    ] = None,
    milestone: Annotated[
        int | None,
        typer.Option(
            "--milestone", metavar="N", help="The day milestone N was reached.", show_default=False
        ),
    ] = None,
    reopening: Annotated[
        int | None,
        typer.Option(
            "--reopening", metavar="N", help="The day of reopening N.", show_default=False
        ),
    ] = None,
    regulation: Annotated[
        int | None,
        typer.Option(
            "--regulation",
            metavar="N",
            help="The day regulation N was adopted.",
            show_default=False,
        ),
    ] = None,
    closing: Annotated[bool, typer.Option("--closing", help="The sign-off's date.")] = False,
    cancelled: Annotated[
        bool, typer.Option("--cancelled", help="The cancellation's date.")
    ] = False,
    created: Annotated[bool, typer.Option("--created", help="The day the task was added.")] = False,
    by: ByOption = None,
    commit: CommitOption = None,
    lang: LangOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Put a mistyped date right; the correction and its reason are kept in the task."""
    from zhenggai.writes.edits import plan_correct

    numbered = {
        "progress": progress_note,
        "extension": extension,
        "evidence": evidence,
        "milestone": milestone,
        "reopening": reopening,
        "regulation": regulation,
    }
    flags = {"closing": closing, "cancelled": cancelled, "created": created}
    chosen = [name for name, number in numbered.items() if number is not None]
    chosen += [name for name, given in flags.items() if given]
    if len(chosen) != 1:
        options = ", ".join(
            f"--{name}" + (" N" if name in numbered else "") for name in (*numbered, *flags)
        )
        raise typer.BadParameter(
            say_now(said("say which date to correct: one of {options}", options=options))
        )
    record = chosen[0]
    new_day = option_date(to, "--date")
    assert new_day is not None  # --date is required

    def make(e: Editing) -> "Plan":
        return plan_correct(
            e.ledger,
            e.task_id,
            record,
            numbered.get(record),
            new_day,
            reason,
            e.who(by),
            e.target.today,
        )

    edit_task(ledger, commit, task_id, make, lang)
