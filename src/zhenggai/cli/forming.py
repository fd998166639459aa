"""`zhenggai forms`: the weekly round of 填报表 with the units — `issue` a form to each
unit, `collect` them as they come back, `status`: who reported, on time or late."""

from datetime import timedelta
from pathlib import Path
from typing import Annotated

import typer

from zhenggai.cli.common import (
    AsOfOption,
    LangOption,
    LedgerOption,
    NoCacheOption,
    write_err,
    write_out,
)
from zhenggai.cli.completion import unit_ids
from zhenggai.cli.writing import ByOption, CommitOption, DateOption, option_date

forms_app = typer.Typer(
    help="The weekly round of 填报表: issue a form to each unit, collect them, who reported.",
    no_args_is_help=True,
)
PeriodOption = Annotated[
    str | None,
    typer.Option(
        "--period",
        metavar="YYYY-Www",
        help="The ISO week of the round, e.g. 2021-W42. Default: the week of the day.",
        show_default=False,
    ),
]


@forms_app.command("issue")
def issue(
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="The folder the workbooks are written into."),
    ],
    unit: Annotated[
        list[str] | None,
        typer.Option(
            "--unit",
            autocompletion=unit_ids,
            help="A unit to send a form to (repeatable). Default: every unit with open work.",
            show_default=False,
        ),
    ] = None,
    period: PeriodOption = None,
    due: Annotated[
        str | None,
        typer.Option(
            "--due",
            metavar="YYYY-MM-DD",
            help="The day the forms are to be returned. Default: the Friday of the period.",
            show_default=False,
        ),
    ] = None,
    mail: Annotated[
        bool,
        typer.Option(
            "--mail",
            help="Also write, beside each workbook, the mail that sends it to the liaison "
            "(.eml, the workbook attached) and a text for a chat app (.txt).",
        ),
    ] = False,
    sender: Annotated[
        str | None,
        typer.Option("--from", help="With --mail: the sender's address.", show_default=False),
    ] = None,
    day: DateOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
    lang: LangOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Write each unit's 填报表 (its open and ongoing tasks, the facts locked, the cells to
    fill open), and record the round in forms/<period>.yaml."""
    from zhenggai.cli.common import language_in_use
    from zhenggai.cli.front import open_writing, say_written
    from zhenggai.messages import say_packed
    from zhenggai.messages import text_n as said_n
    from zhenggai.reports.forms import iso_period, period_days
    from zhenggai.workspace.forms import issue as issue_forms
    from zhenggai.workspace.writing import who
    from zhenggai.writes.plan import record_day

    workspace = open_writing(ledger, lang)
    issued = record_day(option_date(day, "--date"), workspace.real_today())
    chosen = period or iso_period(issued)
    try:
        start, _ = period_days(chosen)
    except ValueError:
        raise typer.BadParameter(f"{chosen!r}: 2021-W42", param_hint="--period") from None
    until = option_date(due, "--due") or start + timedelta(days=4)
    forms, files, written = issue_forms(
        workspace, list(unit or ()), chosen, issued, until, output, who(workspace, by), commit,
        (sender or "") if mail else None,
    )  # fmt: skip  # fmt: skip
    for form, path in zip(forms, files, strict=True):
        write_out(f"{path}\t{form.unit}\t{len(form.rows)}\n")
    say_written(written)
    if mail:
        from zhenggai.messages import text as said

        for form in forms:
            if not form.email:
                line = said("{unit} has no mail address: its message has no recipient "
                            "(`zhenggai unit set {unit} --email …`)", unit=form.unit)  # fmt: skip
                write_err(f"zhenggai: warning: {say_packed(line.packed(), language_in_use())}\n")
    shown = said_n("{n} form, due {due}", "{n} forms, due {due}", len(forms), due=until)
    write_err(f"zhenggai: {say_packed(shown.packed(), language_in_use())}\n")


@forms_app.command("collect")
def collect(
    paths: Annotated[
        list[Path],
        typer.Argument(metavar="PATH...", help="Returned workbooks, folders of them, or zips."),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what would be recorded; write nothing.")
    ] = False,
    day: DateOption = None,
    commit: CommitOption = None,
    lang: LangOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Collect returned 填报表: each row matched by its task id, its facts held to those
    issued, progress, evidence and applications recorded, each workbook all or nothing.
    Exit 0 all collected, 1 cells that cannot be taken (named by address)."""
    from zhenggai.cli.common import language_in_use
    from zhenggai.cli.front import open_writing, say_written
    from zhenggai.messages import say_packed
    from zhenggai.messages import text as said
    from zhenggai.safetext import inline
    from zhenggai.workspace.forms import collect as collect_forms

    workspace = open_writing(ledger, lang)
    language = language_in_use()
    refused = False
    collected = option_date(day, "--date")
    for done in collect_forms(workspace, list(paths), collected, dry_run, commit):
        for problem in done.problems:
            write_err(f"{inline(problem.address)}: error: "
                      f"{say_packed(problem.message.packed(), language)}\n")  # fmt: skip
        if done.problems:
            refused = True
            line = said("{file}: nothing recorded, fix the cells above and collect it again",
                        file=done.source)  # fmt: skip
            write_err(f"zhenggai: {say_packed(line.packed(), language)}\n")
        elif done.again:
            line = said("{file} was collected already: nothing to do", file=done.source)
            write_err(f"zhenggai: {say_packed(line.packed(), language)}\n")
        else:
            for task_id in done.tasks:
                write_out(f"~ {task_id}  {inline(done.source)}\n")
            if done.written is not None and not dry_run:
                say_written(done.written)
    if refused:
        raise typer.Exit(1)


@forms_app.command("status")
def status(
    period: PeriodOption = None,
    as_of: AsOfOption = None,
    no_cache: NoCacheOption = False,
    lang: LangOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Who reported: per unit, on time (按时), late (迟报, days late) or not yet (未报),
    and the rows it filled; every round, or one period's."""
    from zhenggai.cli.common import render_context
    from zhenggai.cli.front import finish, open_reading
    from zhenggai.cli.sink import deliver
    from zhenggai.workspace.forms import status as register

    workspace = open_reading(ledger, lang, as_of, no_cache)
    registers = register(workspace, period)
    deliver("forms status", "table", registers, render_context(workspace.ledger, lang))
    finish(workspace)
