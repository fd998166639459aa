"""`zhenggai report`: the documents the office hands in, as Markdown, HTML or Word."""

from datetime import date, timedelta
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

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
from zhenggai.findings import LedgerError
from zhenggai.messages import text as said

if TYPE_CHECKING:
    from zhenggai.render.document import Document

report_app = typer.Typer(
    help="Reports the office hands in: the weekly report.", no_args_is_help=True
)


class ReportFormat(StrEnum):
    MD = "md"
    HTML = "html"
    DOCX = "docx"


FormatOption = Annotated[
    ReportFormat, typer.Option("--format", help="md (to standard output), html or docx.")
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Where to write it. Default: standard output (docx needs a file).",
        show_default=False,
    ),
]


@report_app.command("weekly")
def weekly(
    week: Annotated[
        str | None,
        typer.Option(
            "--week", metavar="YYYY-Www", help="An ISO week: 2021-W42.", show_default=False
        ),
    ] = None,
    start: Annotated[
        str | None,
        typer.Option(
            "--from", metavar="YYYY-MM-DD", help="The first day of the period.", show_default=False
        ),
    ] = None,
    end: Annotated[
        str | None,
        typer.Option(
            "--to", metavar="YYYY-MM-DD", help="The last day of the period.", show_default=False
        ),
    ] = None,
    output_format: FormatOption = ReportFormat.MD,
    output: OutputOption = None,
    as_of: AsOfOption = None,
    no_cache: NoCacheOption = False,
    lang: LangOption = None,
    ledger: LedgerOption = None,
) -> None:
    """The weekly report (工作周报): totals now and a week before, sign-offs, progress by
    unit, overdue and due soon, extensions, reviews due, units that recorded nothing."""
    from zhenggai.cli.writing import _parse_option_date
    from zhenggai.render.weekly import weekly_document
    from zhenggai.reports.weekly import build_weekly, iso_week

    if output_format is ReportFormat.DOCX and output is None:
        raise LedgerError(said("a Word document is a file: give --output FILE.docx"))
    if week is not None and (start or end):
        raise typer.BadParameter(said_now(said("give --week, or --from and --to, not both")))
    loaded = open_ledger(ledger, no_cache)
    language = language_for(loaded, lang)
    report_load_problems(loaded, language)
    last = today_for(loaded, as_of)
    if week is not None:
        try:
            first, last = iso_week(week)
        except ValueError:
            raise typer.BadParameter(
                said_now(said("{week} is not a week: write it as 2021-W42", week=repr(week))),
                param_hint="--week",
            ) from None
    else:
        last = _parse_option_date(end, "--to") or last
        first = _parse_option_date(start, "--from") or last - timedelta(days=6)
        if first > last:
            raise typer.BadParameter(
                said_now(said("--from {start} is after --to {end}", start=first, end=last))
            )
    report = build_weekly(loaded, first, last)
    loaded.save_cache()
    _emit(weekly_document(report, language), output_format, output, last)


def _emit(
    document: "Document", output_format: ReportFormat, output: Path | None, day: date
) -> None:
    from zhenggai.render.document import to_markdown

    content: str | bytes
    if output_format is ReportFormat.MD:
        content = to_markdown(document)
    elif output_format is ReportFormat.HTML:
        from zhenggai.render.html import to_html

        content = to_html(document)
    else:
        from zhenggai.render.docx import to_docx

        content = to_docx(document, day)
    if output is None:
        assert isinstance(content, str)
        write_out(content)
        return
    from zhenggai.files.atomic import write_atomic

    write_atomic(output, content.encode("utf-8") if isinstance(content, str) else content)
    write_err("zhenggai: " + said_now(said("wrote {file}", file=output)))
