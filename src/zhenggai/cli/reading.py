"""The reading commands: `list`, `show`, `status`, `log`."""

from enum import StrEnum
from typing import Annotated

import typer

from zhenggai.cli.common import (
    AllowOutsideOption,
    AsOfOption,
    LangOption,
    LedgerOption,
    NoCacheOption,
    TextOrJson,
    language_for,
    render_context,
    say_now,
    write_err,
)
from zhenggai.cli.completion import leader_ids, problem_ids, task_ids, unit_ids
from zhenggai.cli.front import finish, open_reading
from zhenggai.cli.options import TaskIdArgument, Words
from zhenggai.cli.sink import deliver
from zhenggai.findings import LedgerError
from zhenggai.messages import text as said
from zhenggai.records.vocab import Light, SortKey, Status


class ListFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MD = "md"


def list_tasks(
    overdue: Annotated[
        bool, typer.Option("--overdue", help="Only tasks past their deadline.")
    ] = False,
    due_within: Annotated[
        int | None,
        typer.Option(
            "--due-within",
            metavar="DAYS",
            min=0,
            help="Only open tasks due within DAYS days.",
            show_default=False,
        ),
    ] = None,
    status: Annotated[
        list[Status] | None,
        typer.Option(
            "--status",
            click_type=Words(Status),
            help="Only tasks with this status (repeatable).",
            show_default=False,
        ),
    ] = None,
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit",
            autocompletion=unit_ids,
            help="Only tasks this unit leads or cooperates on.",
            show_default=False,
        ),
    ] = None,
    lead_unit: Annotated[
        str | None,
        typer.Option("--lead-unit", help="Only tasks this unit leads.", show_default=False),
    ] = None,
    problem: Annotated[
        str | None,
        typer.Option(
            "--problem",
            autocompletion=problem_ids,
            help="Only tasks of this problem.",
            show_default=False,
        ),
    ] = None,
    lead: Annotated[
        str | None,
        typer.Option(
            "--lead",
            autocompletion=leader_ids,
            help="Only tasks this leader leads.",
            show_default=False,
        ),
    ] = None,
    tag: Annotated[
        str | None, typer.Option("--tag", help="Only tasks with this tag.", show_default=False)
    ] = None,
    stale: Annotated[
        bool, typer.Option("--stale", help="Only open tasks with no recent progress note.")
    ] = False,
    light: Annotated[
        list[Light] | None,
        typer.Option(
            "--light",
            click_type=Words(Light),
            help="Only tasks with this light (repeatable).",
            show_default=False,
        ),
    ] = None,
    pending: Annotated[
        bool,
        typer.Option("--pending", help="Only tasks whose application awaits approval (待审核)."),
    ] = False,
    level: Annotated[
        str | None,
        typer.Option(
            "--level",
            help="With --pending: only applications waiting at this level (name or number).",
            show_default=False,
        ),
    ] = None,
    sort: Annotated[SortKey, typer.Option("--sort", help="Order of the rows.")] = SortKey.DEADLINE,
    output_format: Annotated[
        ListFormat, typer.Option("--format", help="Output format.")
    ] = ListFormat.TABLE,
    lang: LangOption = None,
    as_of: AsOfOption = None,
    ledger: LedgerOption = None,
    no_cache: NoCacheOption = False,
    child: Annotated[
        str | None,
        typer.Option(
            "--child",
            metavar="NAME",
            help="Over many ledgers: only this child's tasks (and its children's).",
            show_default=False,
        ),
    ] = None,
    allow_outside: AllowOutsideOption = False,
) -> None:
    """List tasks with their deadlines and state: `zhenggai list --overdue`."""
    from zhenggai.ledger.queries import TaskFilter
    from zhenggai.messages import say_packed, text_n
    from zhenggai.workspace.reading import selection

    workspace = open_reading(ledger, lang, as_of, no_cache, allow_outside)
    task_filter = TaskFilter(
        overdue=overdue,
        due_within=due_within,
        statuses=frozenset(status or ()),
        unit=unit,
        lead_unit=lead_unit,
        problem=problem,
        lead=lead,
        tag=tag,
        stale=stale,
        lights=frozenset(light or ()),
        pending=pending or level is not None,
        pending_level=level,
    )
    chosen, total = selection(workspace, task_filter, sort, child)
    deliver("list", output_format.value, chosen, render_context(workspace.ledger, lang))
    shown = text_n(
        "zhenggai list: {n} of {total} task, as of {day}",
        "zhenggai list: {n} of {total} tasks, as of {day}",
        len(chosen.rows),
        total=total,
        day=chosen.today,
    )
    write_err(say_packed(shown.packed(), language_for(workspace.ledger, lang)))
    finish(workspace)


def show(
    task_id: Annotated[
        str, typer.Argument(metavar="TASK-ID", help="The task to show.", autocompletion=task_ids)
    ],
    output_format: Annotated[
        TextOrJson, typer.Option("--format", help="Output format.")
    ] = TextOrJson.TEXT,
    lang: LangOption = None,
    as_of: AsOfOption = None,
    ledger: LedgerOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Show one task whole: its records and its computed state."""
    from zhenggai.render.output import ShownTask
    from zhenggai.workspace.reading import task_row

    workspace = open_reading(ledger, lang, as_of, no_cache)
    row, holder = task_row(workspace, task_id)
    ctx = render_context(workspace.ledger, lang)
    deliver("show", output_format.value, ShownTask(row, holder), ctx)
    finish(workspace)


def status(
    output_format: Annotated[
        ListFormat, typer.Option("--format", help="Output format.")
    ] = ListFormat.TABLE,
    lang: LangOption = None,
    as_of: AsOfOption = None,
    ledger: LedgerOption = None,
    no_cache: NoCacheOption = False,
    allow_outside: AllowOutsideOption = False,
) -> None:
    """Summary tables by problem, unit and leader, with completion rates."""
    from zhenggai.workspace.reading import status as build

    workspace = open_reading(ledger, lang, as_of, no_cache, allow_outside)
    report = build(workspace)
    deliver("status", output_format.value, report, render_context(workspace.ledger, lang))
    finish(workspace)


def log(
    task_id: TaskIdArgument,
    output_format: Annotated[
        TextOrJson, typer.Option("--format", help="Output format.")
    ] = TextOrJson.TEXT,
    lang: LangOption = None,
    ledger: LedgerOption = None,
) -> None:
    """The task's history from git: date (in the ledger's timezone), author, message."""
    from dataclasses import replace
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from zhenggai.files.gitutil import GitError, repository_of
    from zhenggai.files.gitutil import log as git_log
    from zhenggai.ledger.ids import resolve_task_id, task_ids_in
    from zhenggai.ledger.paths import EVIDENCE_DIR, TASK_SUFFIX, TASKS_DIR
    from zhenggai.render.output import History

    workspace = open_reading(ledger, lang)
    loaded = workspace.ledger
    root = loaded.root
    task_id = resolve_task_id(task_id, task_ids_in(root))
    repository = repository_of(root)
    if repository is None:
        raise LedgerError(
            said("{root} is not in a git repository: there is no history to show", root=root)
        )
    paths = [root / TASKS_DIR / f"{task_id}{TASK_SUFFIX}", root / EVIDENCE_DIR / task_id]
    try:
        entries = git_log(repository, paths)
    except GitError as err:
        raise LedgerError(said("git log failed: {why}", why=err)) from None
    # A commit made at 23:30 in Beijing is on that day in the ledger, whatever the
    # committer's clock said.
    zone = ZoneInfo(loaded.settings.timezone)
    entries = [
        replace(entry, date=datetime.fromisoformat(entry.date).astimezone(zone).isoformat())
        for entry in entries
    ]
    ctx = render_context(loaded, lang)
    deliver("log", output_format.value, History(task_id, entries), ctx)
    if not entries:
        write_err("zhenggai: " + say_now(said("no commits touch {id}", id=task_id)))
