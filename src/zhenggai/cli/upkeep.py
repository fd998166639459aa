"""The commands that change what a task is: `cancel` and `edit`."""

from typing import TYPE_CHECKING, Annotated

import typer

from zhenggai.cli.common import LedgerOption
from zhenggai.cli.completion import leader_ids, task_ids, unit_ids
from zhenggai.cli.writing import ByOption, CommitOption, DateOption, _day, _edit, _task, _who

if TYPE_CHECKING:
    from zhenggai.ledger.loaded import Ledger
    from zhenggai.writes.plan import Plan


def cancel(
    task_id: Annotated[str, typer.Argument(metavar="TASK-ID", autocompletion=task_ids)],
    reason: Annotated[str, typer.Option("--reason", help="Why the measure is dropped (撤销).")],
    day: DateOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Cancel a task (撤销), with a dated record of why and by whom."""
    from zhenggai.writes.upkeep import plan_cancel

    def make(loaded: "Ledger") -> "Plan":
        found = _task(loaded, task_id)
        return plan_cancel(loaded, found, reason, _who(by, loaded.root), _day(loaded, day))

    _edit(ledger, commit, make)


def edit(
    task_id: Annotated[str, typer.Argument(metavar="TASK-ID", autocompletion=task_ids)],
    title: Annotated[
        str | None, typer.Option("--title", help="The measure (整改举措).", show_default=False)
    ] = None,
    measure: Annotated[
        str | None, typer.Option("--measure", help="The measure in detail.", show_default=False)
    ] = None,
    units: Annotated[
        list[str] | None,
        typer.Option(
            "--unit",
            autocompletion=unit_ids,
            help="A unit id; repeat it, the first leads (replaces all).",
            show_default=False,
        ),
    ] = None,
    lead: Annotated[
        str | None,
        typer.Option(
            "--lead",
            autocompletion=leader_ids,
            help="The leader id (牵头领导).",
            show_default=False,
        ),
    ] = None,
    owner: Annotated[
        str | None, typer.Option("--owner", help="The person responsible.", show_default=False)
    ] = None,
    tags: Annotated[
        list[str] | None,
        typer.Option("--tag", help="A tag; repeat it (replaces all).", show_default=False),
    ] = None,
    public: Annotated[
        bool | None,
        typer.Option(
            "--public/--private", help="Whether it is in the public bulletin.", show_default=False
        ),
    ] = None,
    source_ref: Annotated[
        str | None,
        typer.Option(
            "--source-ref", help="Where it stands in the source text.", show_default=False
        ),
    ] = None,
    commit: CommitOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Change the keys named, and only those; a signed-off task must be reopened first."""
    from zhenggai.writes.upkeep import TaskEdit, plan_edit

    change = TaskEdit(
        title=title,
        measure=measure,
        units=tuple(units) if units else None,
        lead=lead,
        owner=owner,
        tags=tuple(tags) if tags else None,
        public=public,
        source_ref=source_ref,
    )

    def make(loaded: "Ledger") -> "Plan":
        return plan_edit(loaded, _task(loaded, task_id), change)

    _edit(ledger, commit, make)
