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
    language_for,
    open_ledger,
    report_load_problems,
    said_now,
    today_for,
    write_err,
    write_out,
)
from zhenggai.cli.completion import unit_ids
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
    from zhenggai.reports.ledger_sheet import ledger_sheet

    if kind is ExportFormat.XLSX and output is None:
        raise LedgerError(said("an xlsx workbook is a file: give --output FILE.xlsx"))
    loaded = open_ledger(ledger, no_cache)
    language = language_for(loaded, lang)
    report_load_problems(loaded, language)
    if unit is not None and unit not in loaded.unit_ids:
        known = ", ".join(sorted(loaded.unit_ids))
        raise LedgerError(
            said(
                "{option}: unknown {value}; known: {known}",
                option="--unit",
                value=repr(unit),
                known=known,
            )
        )
    sheet = ledger_sheet(loaded, today_for(loaded, as_of), unit, public)
    content: bytes | str
    if kind is ExportFormat.XLSX:
        from zhenggai.render.xlsx import workbook_bytes

        content = workbook_bytes(sheet, language)
    elif kind is ExportFormat.CSV:
        from zhenggai.render.exports import sheet_csv

        content = sheet_csv(sheet, language)
    elif kind is ExportFormat.JSON:
        from zhenggai.render.exports import sheet_json

        content = sheet_json(sheet)
    else:
        from zhenggai.render.exports import sheet_ics

        content = sheet_ics(sheet, language)
    loaded.save_cache()
    if output is None:
        write_out(content if isinstance(content, str) else content.decode("utf-8"))
        return
    from zhenggai.files.atomic import write_atomic

    write_atomic(output, content.encode("utf-8") if isinstance(content, str) else content)
    count = len(sheet.rows)
    write_err(
        "zhenggai: "
        + said_now(
            said_n(
                "wrote {file}: {n} task as of {day}",
                "wrote {file}: {n} tasks as of {day}",
                count,
                file=output,
                day=sheet.as_of,
            )
        )
    )
