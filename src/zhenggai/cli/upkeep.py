"""The commands that change what a task is: `cancel`, `edit`, `milestone`, `counter`."""

from typing import TYPE_CHECKING, Annotated

import typer

from zhenggai.cli.common import LangOption, LedgerOption
from zhenggai.cli.completion import problem_ids
from zhenggai.cli.options import (
    LeadOption,
    MeasureOption,
    OwnerOption,
    SourceRefOption,
    TagsOption,
    TaskIdArgument,
    UnitsOption,
)
from zhenggai.cli.writing import ByOption, CommitOption, DateOption, Editing, edit_task
from zhenggai.messages import text as said

if TYPE_CHECKING:
    from zhenggai.writes.plan import Plan


def cancel(
    task_id: TaskIdArgument,
    reason: Annotated[str, typer.Option("--reason", help="Why the measure is dropped (撤销).")],
    day: DateOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
    lang: LangOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Cancel a task (撤销), with a dated record of why and by whom."""
    from zhenggai.writes.upkeep import plan_cancel

    def make(e: Editing) -> "Plan":
        return plan_cancel(e.ledger, e.task_id, reason, e.who(by), e.day(day))

    edit_task(ledger, commit, task_id, make, lang)


def edit(
    task_id: TaskIdArgument,
    title: Annotated[
        str | None, typer.Option("--title", help="The measure (整改举措).", show_default=False)
    ] = None,
    measure: MeasureOption = None,
    units: UnitsOption = None,
    lead: LeadOption = None,
    owner: OwnerOption = None,
    tags: TagsOption = None,
    public: Annotated[
        bool | None,
        typer.Option(
            "--public/--private", help="Whether it is in the public bulletin.", show_default=False
        ),
    ] = None,
    source_ref: SourceRefOption = None,
    problem: Annotated[
        str | None,
        typer.Option(
            "--problem",
            autocompletion=problem_ids,
            help="The problem it answers (id, title or a short form).",
            show_default=False,
        ),
    ] = None,
    commit: CommitOption = None,
    lang: LangOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Change the keys named, and only those; a signed-off task must be reopened first."""
    from zhenggai.workspace.names import Kind, resolve_each
    from zhenggai.writes.upkeep import TaskEdit, plan_edit

    def make(e: Editing) -> "Plan":
        # Units and the leader by id, full name or a short form, as every command takes them.
        named = resolve_each(
            e.ledger,
            [("--unit", typed, Kind.UNIT) for typed in units or ()]
            + ([("--lead", lead, Kind.LEADER)] if lead else [])
            + ([("--problem", problem, Kind.PROBLEM)] if problem else []),
            said("cannot edit {id}", id=e.task_id),
        )
        change = TaskEdit(
            title=title,
            measure=measure,
            units=tuple(named[: len(units)]) if units else None,
            lead=named[len(units or ())] if lead else None,
            problem=named[-1] if problem else None,
            owner=owner,
            tags=tuple(tags) if tags else None,
            public=public,
            source_ref=source_ref,
        )
        return plan_edit(e.ledger, e.task_id, change)

    edit_task(ledger, commit, task_id, make, lang)


milestone_app = typer.Typer(help="A task's milestones (节点): add, done.", no_args_is_help=True)


@milestone_app.command("add")
def milestone_add(
    task_id: TaskIdArgument,
    due: Annotated[str, typer.Option("--due", metavar="YYYY-MM-DD", help="When it is due.")],
    what: Annotated[str, typer.Option("--what", help="What is to be reached.")],
    commit: CommitOption = None,
    lang: LangOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Add a milestone to a task."""
    from zhenggai.cli.writing import option_date
    from zhenggai.writes.upkeep import plan_milestone_add

    day = option_date(due, "--due")
    assert day is not None  # --due is required

    def make(e: Editing) -> "Plan":
        return plan_milestone_add(e.ledger, e.task_id, day, what)

    edit_task(ledger, commit, task_id, make, lang)


@milestone_app.command("done")
def milestone_done(
    task_id: TaskIdArgument,
    number: Annotated[
        int, typer.Argument(metavar="N", help="Which, from 1, as `show` lists them.")
    ],
    day: DateOption = None,
    commit: CommitOption = None,
    lang: LangOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Record the day a milestone was reached."""
    from zhenggai.writes.upkeep import plan_milestone_done

    def make(e: Editing) -> "Plan":
        return plan_milestone_done(e.ledger, e.task_id, number, e.day(day))

    edit_task(ledger, commit, task_id, make, lang)


def counter(
    task_id: TaskIdArgument,
    done: Annotated[int, typer.Option("--done", min=0, help="How many are done now.")],
    what: Annotated[
        str | None,
        typer.Option(
            "--what", help="Which counter (or what a new one counts).", show_default=False
        ),
    ] = None,
    total: Annotated[
        int | None,
        typer.Option(
            "--total", min=1, help="How many in all (makes a new counter).", show_default=False
        ),
    ] = None,
    commit: CommitOption = None,
    lang: LangOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Count a measure's progress: 5 of 8 项网信任务 done."""
    from zhenggai.writes.upkeep import plan_counter

    def make(e: Editing) -> "Plan":
        return plan_counter(e.ledger, e.task_id, done, what, total)

    edit_task(ledger, commit, task_id, make, lang)
