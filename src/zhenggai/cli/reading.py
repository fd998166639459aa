"""The reading commands: `list`, `show`, `status`, `log`."""

from collections.abc import Iterable
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zhenggai.cli.common import (
    AllowOutsideOption,
    AsOfOption,
    LangOption,
    LedgerOption,
    NoCacheOption,
    OutputLanguage,
    TextOrJson,
    language_for,
    open_ledger,
    render_context,
    report_load_problems,
    said_now,
    today_for,
    write_err,
    write_out,
)
from zhenggai.cli.completion import leader_ids, problem_ids, task_ids, unit_ids
from zhenggai.cli.options import TaskIdArgument
from zhenggai.findings import LedgerError
from zhenggai.messages import text as said
from zhenggai.records.vocab import Light, SortKey, Status

if TYPE_CHECKING:
    from datetime import date
    from pathlib import Path

    from zhenggai.ledger.loaded import Ledger


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
            "--status", help="Only tasks with this status (repeatable).", show_default=False
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
            "--light", help="Only tasks with this light (repeatable).", show_default=False
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
    from zhenggai.ledger.queries import TaskFilter, select_tasks
    from zhenggai.render.listing import FORMATS

    loaded, broken, today = _open(ledger, as_of, no_cache, lang)
    if not loaded.settings.children:  # over many ledgers each child has its own registries
        _require_known("--unit", unit, loaded.unit_ids)
        _require_known("--lead-unit", lead_unit, loaded.unit_ids)
        _require_known("--lead", lead, loaded.leader_ids)
        if loaded.problems_loaded:
            _require_known("--problem", problem, loaded.problems.keys())
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
    )
    total = len(loaded.tasks)
    if loaded.settings.children or child is not None:
        from zhenggai.cli.family import family_selection

        selection, total, family_broken = family_selection(
            loaded, child, as_of, no_cache, allow_outside, lang, task_filter, sort
        )
        broken = broken or family_broken
    else:
        selection = select_tasks(loaded, today, task_filter, sort)
    write_out(FORMATS[output_format.value](selection, render_context(loaded, lang)))
    loaded.save_cache()
    from zhenggai.messages import say_packed, text_n

    shown = text_n(
        "zhenggai list: {n} of {total} task, as of {day}",
        "zhenggai list: {n} of {total} tasks, as of {day}",
        len(selection.rows),
        total=total,
        day=today,
    )
    write_err(say_packed(shown.packed(), language_for(loaded, lang)))
    if broken:
        raise typer.Exit(1)


def _open(
    ledger: list[Path] | None,
    as_of: date | None,
    no_cache: bool,
    lang: OutputLanguage | None = None,
) -> "tuple[Ledger, bool, date]":
    """The ledger (files it could not load reported on stderr), whether any were, and the day."""
    loaded = open_ledger(ledger, no_cache)
    broken = report_load_problems(loaded, language_for(loaded, lang))
    return loaded, broken, today_for(loaded, as_of)


def _require_known(option: str, value: str | None, known: Iterable[str]) -> None:
    """A misspelt unit or leader is a usage error, not an empty list that looks like good news."""
    names = sorted(known)
    if value is not None and value not in names:
        raise LedgerError(
            said(
                "{option}: unknown {value}; known: {known}",
                option=option,
                value=repr(value),
                known=", ".join(names),
            )
        )


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
    from zhenggai.days.state import compute_state
    from zhenggai.ledger.ids import resolve_task_id, task_ids_in
    from zhenggai.ledger.queries import TaskRow
    from zhenggai.render.task import FORMATS

    loaded, broken, today = _open(ledger, as_of, no_cache, lang)
    if loaded.settings.children:
        from zhenggai.cli.family import member_of

        # over many ledgers: 提案局:TASK-042, or a plain id that one ledger alone holds
        loaded, task_id = member_of(loaded, task_id, no_cache)
        today = today_for(loaded, as_of)
    task_id = resolve_task_id(task_id, [*loaded.by_id, *task_ids_in(loaded.root)])
    found = loaded.by_id.get(task_id)
    if found is None:
        raise LedgerError(
            said("{id} does not load: see its findings above (`zhenggai check`)", id=task_id)
        )
    row = TaskRow(found, compute_state(found.timeline, loaded.settings, today))
    write_out(FORMATS[output_format.value](row, loaded, render_context(loaded, lang)))
    loaded.save_cache()
    if broken:
        raise typer.Exit(1)


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
    from zhenggai.render.status import FORMATS
    from zhenggai.reports.status import build_status

    loaded, broken, today = _open(ledger, as_of, no_cache, lang)
    if loaded.settings.children:
        from zhenggai.cli.family import family_status

        report, broken = family_status(loaded, as_of, no_cache, allow_outside, lang, broken)
    else:
        report = build_status(loaded, today)
    write_out(FORMATS[output_format.value](report, render_context(loaded, lang)))
    loaded.save_cache()
    if broken:
        raise typer.Exit(1)


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
    from zhenggai.render.history import FORMATS

    loaded = open_ledger(ledger)
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
    write_out(FORMATS[output_format.value](task_id, entries))
    if not entries:
        write_err("zhenggai: " + said_now(said("no commits touch {id}", id=task_id)))
