"""`zhenggai export`: the ledger as the 台账 people know (xlsx), or as CSV, JSON, iCalendar."""

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from zhenggai.cli.common import (
    AsOfOption,
    LangOption,
    LedgerOption,
    NoCacheOption,
    render_context,
)
from zhenggai.cli.completion import unit_ids
from zhenggai.cli.front import finish, open_reading
from zhenggai.cli.sink import deliver
from zhenggai.findings import LedgerError
from zhenggai.messages import text as said
from zhenggai.messages import text_n as said_n


class ExportFormat(StrEnum):
    XLSX = "xlsx"
    CSV = "csv"
    JSON = "json"
    ICS = "ics"


def export(
    kind: Annotated[ExportFormat, typer.Argument(help="xlsx, csv, json or ics.")],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Where to write it. Default: standard output (xlsx needs a file).",
            show_default=False,
        ),
    ] = None,
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit",
            help="One unit's own task list (任务清单): the tasks it leads or joins.",
            autocompletion=unit_ids,
            show_default=False,
        ),
    ] = None,
    public: Annotated[
        bool, typer.Option("--public", help="Leave out the tasks marked `public: false`.")
    ] = False,
    as_of: AsOfOption = None,
    no_cache: NoCacheOption = False,
    lang: LangOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Export the 台账: xlsx as offices print it, CSV, JSON (whole tasks) or iCalendar."""
    from zhenggai.workspace.documents import sheet as build_sheet

    if kind is ExportFormat.XLSX and output is None:
        raise LedgerError(said("an xlsx workbook is a file: give --output FILE.xlsx"))
    workspace = open_reading(ledger, lang, as_of, no_cache)
    sheet = build_sheet(workspace, unit, public)
    written = said_n("wrote {file}: {n} task as of {day}", "wrote {file}: {n} tasks as of {day}",
                     len(sheet.rows), file=output, day=sheet.as_of)  # fmt: skip
    ctx = render_context(workspace.ledger, lang)
    deliver("export", kind.value, sheet, ctx, output, written, workspace)
    finish(workspace)
