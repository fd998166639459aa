"""The commands that change a task: `progress`, `extend`, `close`, `reopen`, and the
options and the one call every task edit shares (the unit of work is the core's)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zhenggai.cli.common import LangOption, LedgerOption, say_now
from zhenggai.cli.options import TaskIdArgument
from zhenggai.findings import LedgerError
from zhenggai.messages import reason_of
from zhenggai.messages import text as said

if TYPE_CHECKING:
    from zhenggai.cli.common import OutputLanguage
    from zhenggai.ledger.loaded import Ledger
    from zhenggai.workspace.space import Workspace
    from zhenggai.writes.plan import Plan
    from zhenggai.writes.unit import Target

DateOption = Annotated[
    str | None,
    typer.Option(
        "--date",
        metavar="YYYY-MM-DD",
        help="The day of the record. Default: today in the ledger's timezone.",
        show_default=False,
    ),
]
CommitOption = Annotated[
    bool | None,
    typer.Option(
        "--commit/--no-commit",
        help="Commit the change to git. Default: the ledger's `commit` setting.",
        show_default=False,
    ),
]
ByOption = Annotated[
    str | None,
    typer.Option(
        "--by",
        help="Who records it. Default: $ZHENGGAI_USER, else git's user.name.",
        show_default=False,
    ),
]


class WeeklyMark(StrEnum):
    """Where the weekly report lists a note."""

    problem = "problem"  # 存在问题
    next = "next"  # 下步工作安排


@dataclass(frozen=True)
class Editing:
    """What an edit is planned with: the ledger that holds the task (read under its
    lock), the task, and the day and author of a new record."""

    target: "Target"
    workspace: "Workspace"

    @property
    def ledger(self) -> "Ledger":
        return self.target.ledger

    @property
    def task_id(self) -> str:
        return self.target.task_id

    def day(self, typed: str | None) -> date:
        """The day of a new record: --date, else today; never after today."""
        from zhenggai.writes.plan import record_day

        return record_day(option_date(typed, "--date"), self.target.today)

    def who(self, by: str | None) -> str | None:
        """Who records it: --by, else $ZHENGGAI_USER, else git's user.name."""
        from zhenggai.workspace.writing import who

        return who(self.workspace, by, self.ledger.root)


def edit_task(
    ledger_option: list[Path] | None,
    commit_option: bool | None,
    typed: str | None,
    make: "Callable[[Editing], Plan]",
    lang: "OutputLanguage | None" = None,
) -> None:
    """One task edited through the unit of work (in the ledger that holds it), and said."""
    from zhenggai.cli.front import open_writing, say_written
    from zhenggai.workspace.writing import write
    from zhenggai.writes.change import of_plan

    workspace = open_writing(ledger_option, lang)
    written = write(
        workspace, typed, lambda target: of_plan(make(Editing(target, workspace))), commit_option
    )
    say_written(written)


def option_date(text: str | None, option: str) -> date | None:
    from zhenggai.days.dates import parse_day

    if text is None:
        return None
    try:
        return parse_day(text)
    except ValueError as err:
        raise typer.BadParameter(say_now(reason_of(err)), param_hint=option) from None


def progress(
    task_id: TaskIdArgument,
    text: Annotated[str, typer.Argument(metavar="NOTE", help="What was done.")],
    public: Annotated[
        bool,
        typer.Option("--public", help="Mark it for publication: a bulletin may quote it."),
    ] = False,
    weekly: Annotated[
        WeeklyMark | None,
        typer.Option(
            "--weekly",
            help="List it in the weekly report: problem (存在问题) or next (下步工作安排).",
        ),
    ] = None,
    late_entry: Annotated[
        bool,
        typer.Option(
            "--late-entry",
            help="Take a note dated before the last one (forgotten last week): it goes in "
            "its place by date, recorded with the day it was entered.",
        ),
    ] = False,
    day: DateOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
    lang: LangOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Append a dated progress note to a task (the weekly report's raw material)."""
    from zhenggai.writes.edits import plan_progress

    def make(e: Editing) -> "Plan":
        mark = weekly.value if weekly is not None else None
        entered = e.day(None) if late_entry else None  # today, in the ledger's timezone
        return plan_progress(e.ledger, e.task_id, e.day(day), text, e.who(by), public, mark,
                             entered)  # fmt: skip

    edit_task(ledger, commit, task_id, make, lang)


def extend(
    task_id: TaskIdArgument,
    to: Annotated[
        str,
        typer.Option(
            "--to", help="The new deadline: a date, or +30d/+2m/+10wd from the current one."
        ),
    ],
    reason: Annotated[str, typer.Option("--reason", help="Why the deadline moves.")],
    approved_by: Annotated[
        str | None,
        typer.Option("--approved-by", help="Who approved the extension.", show_default=False),
    ] = None,
    day: DateOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
    lang: LangOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Move a task's deadline (延期), keeping the original in the extension record; where
    the ledger's extensions pass through levels, apply for it (申请延期)."""
    from zhenggai.writes.edits import plan_extend

    def make(e: Editing) -> "Plan":
        return plan_extend(e.ledger, e.task_id, to, reason, approved_by, e.day(day), e.who(by))

    edit_task(ledger, commit, task_id, make, lang)


def close(
    task_id: TaskIdArgument,
    evidence: Annotated[
        list[Path] | None,
        typer.Option(
            "--evidence", metavar="FILE", help="An evidence file; repeatable.", show_default=False
        ),
    ] = None,
    summary: Annotated[
        str | None,
        typer.Option(
            "--summary", help="What was done. Default: the last progress note.", show_default=False
        ),
    ] = None,
    approved_by: Annotated[
        str | None,
        typer.Option("--approved-by", help="Who accepted the work (验收).", show_default=False),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option("--kind", help="Kind of evidence: 纪要, 制度文件, 照片…", show_default=False),
    ] = None,
    no_evidence: Annotated[
        bool,
        typer.Option("--no-evidence", help="Close without evidence, where the ledger allows it."),
    ] = False,
    reason: Annotated[
        str | None,
        typer.Option(
            "--reason", help="Why there is no evidence (with --no-evidence).", show_default=False
        ),
    ] = None,
    day: DateOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
    lang: LangOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Sign a task off (销号): copy its evidence in, record the hashes, mark it done."""
    from zhenggai.writes.edits import plan_close

    if no_evidence and evidence:
        raise typer.BadParameter(say_now(said("give --evidence or --no-evidence, not both")))
    if reason is not None and not no_evidence:
        raise typer.BadParameter(say_now(said("--reason goes with --no-evidence")))

    def make(e: Editing) -> "Plan":
        who = e.who(by)
        if not who:
            raise LedgerError(said("who signs it off? give --by (or set ZHENGGAI_USER)"))
        return plan_close(
            e.ledger,
            e.task_id,
            list(evidence or ()),
            day=e.day(day),
            by=who,
            summary=summary,
            approved_by=approved_by,
            kind=kind,
            no_evidence_reason=(reason or "") if no_evidence else None,
        )

    edit_task(ledger, commit, task_id, make, lang)


def reopen(
    task_id: TaskIdArgument,
    reason: Annotated[str, typer.Option("--reason", help="What the spot check (回头看) found.")],
    day: DateOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
    lang: LangOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Reopen a closed task; its sign-off is kept under the reopening."""
    from zhenggai.writes.edits import plan_reopen

    def make(e: Editing) -> "Plan":
        return plan_reopen(e.ledger, e.task_id, reason, e.who(by), e.day(day))

    edit_task(ledger, commit, task_id, make, lang)
