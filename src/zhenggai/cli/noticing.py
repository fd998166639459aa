"""`zhenggai report notice`: 督办单, one page per unit with work late or coming due;
`--record` writes each notice into its tasks (over many ledgers, into each child)."""

from typing import Annotated

import typer

from zhenggai.cli.common import (
    AsOfOption,
    LangOption,
    LedgerOption,
    NoCacheOption,
    say_now,
    write_err,
)
from zhenggai.cli.completion import unit_ids
from zhenggai.cli.reporting import (
    FormatOption,
    OutputOption,
    ReportFormat,
    TemplateOption,
    open_report,
)
from zhenggai.cli.writing import ByOption, CommitOption


def notice(
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit",
            autocompletion=unit_ids,
            help="One unit's notice (its id or name). Default: every unit that has one.",
            show_default=False,
        ),
    ] = None,
    reply_within: Annotated[
        str,
        typer.Option(
            "--reply-within",
            metavar="TERM",
            help="When the reply is due, counted from the day: 5wd (working days), 7d, a date.",
        ),
    ] = "5wd",
    record: Annotated[
        bool,
        typer.Option(
            "--record",
            help="Record each notice in its tasks, so the next one escalates and "
            "`notice-unanswered` can tell a missed reply.",
        ),
    ] = False,
    by: ByOption = None,
    commit: CommitOption = None,
    output_format: FormatOption = ReportFormat.MD,
    output: OutputOption = None,
    template: TemplateOption = None,
    as_of: AsOfOption = None,
    no_cache: NoCacheOption = False,
    lang: LangOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Supervision notices (督办单): one page per unit with tasks overdue or coming due,
    at the level their history calls for: 提醒, 督办, or 告诫 after an unanswered one."""
    from zhenggai.cli.common import render_context
    from zhenggai.cli.front import finish, say_written
    from zhenggai.cli.sink import deliver
    from zhenggai.render.notice import notice_layout
    from zhenggai.workspace.documents import notices

    workspace = open_report(ledger, no_cache, lang, as_of, output_format, output, template)
    parts, report, warnings = notices(workspace, unit, reply_within)
    for warning in warnings:
        write_err("zhenggai: warning: " + say_now(warning))
    if record:
        from zhenggai.workspace.writing import record_notices

        for written in record_notices(workspace, parts, by, commit):
            say_written(written)
    ctx = render_context(workspace.ledger, lang, day=workspace.today(), template=template)
    document = notice_layout(report, ctx.labels.language)
    deliver("report notice", output_format.value, document, ctx, output, workspace=workspace)
    finish(workspace)
