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
    render_context,
    say_now,
)
from zhenggai.cli.front import finish, open_reading
from zhenggai.cli.sink import deliver
from zhenggai.findings import LedgerError
from zhenggai.messages import text as said

if TYPE_CHECKING:
    from zhenggai.cli.common import OutputLanguage
    from zhenggai.workspace.space import Workspace

report_app = typer.Typer(
    help="Reports the office hands in: the weekly report, the supervision notices, the "
    "bulletin, the leaders' page.",
    no_args_is_help=True,
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


TemplateOption = Annotated[
    Path | None,
    typer.Option(
        "--template",
        metavar="OFFICE.docx",
        help="The office's Word template to write it into: its {正文} paragraph takes the "
        "body; {标题}, {发文字号}, {签发人}, {密级}, {印发机关}, … are filled in.",
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
    template: TemplateOption = None,
    as_of: AsOfOption = None,
    no_cache: NoCacheOption = False,
    lang: LangOption = None,
    ledger: LedgerOption = None,
) -> None:
    """The weekly report (工作周报): totals now and a week before, sign-offs, progress by
    unit, overdue and due soon, extensions, reviews due, units that recorded nothing."""
    from zhenggai.cli.writing import option_date
    from zhenggai.render.weekly import weekly_layout
    from zhenggai.reports.weekly import iso_week
    from zhenggai.workspace.documents import weekly as build_weekly

    if week is not None and (start or end):
        raise typer.BadParameter(say_now(said("give --week, or --from and --to, not both")))
    workspace = open_report(ledger, no_cache, lang, as_of, output_format, output, template)
    last = workspace.today()
    if week is not None:
        try:
            first, last = iso_week(week)
        except ValueError:
            raise typer.BadParameter(
                say_now(said("{week} is not a week: write it as 2021-W42", week=repr(week))),
                param_hint="--week",
            ) from None
    else:
        last = option_date(end, "--to") or last
        first = option_date(start, "--from") or last - timedelta(days=6)
        if first > last:
            raise typer.BadParameter(
                say_now(said("--from {start} is after --to {end}", start=first, end=last))
            )
    report = build_weekly(workspace, first, last)
    ctx = render_context(workspace.ledger, lang, day=last, template=template)
    layout = weekly_layout(report, ctx.labels.language)
    deliver("report weekly", output_format.value, layout, ctx, output, workspace=workspace)
    finish(workspace)


class AudienceChoice(StrEnum):
    PUBLIC = "public"
    PARTY = "party"


@report_app.command("bulletin")
def bulletin(
    audience: Annotated[
        AudienceChoice,
        typer.Option(
            "--audience",
            help="public: leaves out public: false tasks; party (党内通报): leaves out only "
            "cases still being handled (在办案件).",
        ),
    ] = AudienceChoice.PUBLIC,
    output_format: FormatOption = ReportFormat.MD,
    output: OutputOption = None,
    template: TemplateOption = None,
    as_of: AsOfOption = None,
    no_cache: NoCacheOption = False,
    lang: LangOption = None,
    ledger: LedgerOption = None,
) -> None:
    """The bulletin (整改进展情况通报): the office's texts in bulletin/*.md with the day's
    figures, and each feedback problem's measures told from the ledger."""
    from zhenggai.render.bulletin import bulletin_layout
    from zhenggai.reports.bulletin import Audience
    from zhenggai.workspace.documents import bulletin as build_bulletin

    workspace = open_report(ledger, no_cache, lang, as_of, output_format, output, template)
    report = build_bulletin(workspace, Audience(audience.value))
    kind = workspace.ledger.settings.source.kind
    ctx = render_context(workspace.ledger, lang, day=report.day, template=template)
    document = bulletin_layout(report, ctx.labels.language, kind)
    deliver("report bulletin", output_format.value, document, ctx, output, workspace=workspace)
    finish(workspace)


@report_app.command("dashboard")
def dashboard(
    output: OutputOption = None,
    public: Annotated[
        bool,
        typer.Option(
            "--public",
            help="Leave public: false tasks out entirely: not counted, not listed, not in "
            "the page's data.",
        ),
    ] = False,
    as_of: AsOfOption = None,
    no_cache: NoCacheOption = False,
    lang: LangOption = None,
    ledger: LedgerOption = None,
) -> None:
    """The leaders' page: one offline HTML file with the figures, four charts, the overdue
    and due-soon lists, and every task with search, filters, sorting and its detail."""
    from zhenggai.workspace.documents import dashboard as build_dashboard

    workspace = open_report(ledger, no_cache, lang, as_of, ReportFormat.HTML, output)
    report = build_dashboard(workspace, public)
    ctx = render_context(workspace.ledger, lang)
    deliver("report dashboard", "html", report, ctx, output, workspace=workspace)
    finish(workspace)


def open_report(
    ledger: list[Path] | None,
    no_cache: bool,
    lang: "OutputLanguage | None",
    as_of: date | None,
    output_format: ReportFormat,
    output: Path | None,
    template: Path | None = None,
) -> "Workspace":
    """The workspace a report reads; a Word document without --output, or a template for
    another format, is refused before anything is read."""
    if output_format is ReportFormat.DOCX and output is None:
        raise LedgerError(said("a Word document is a file: give --output FILE.docx"))
    if template is not None and output_format is not ReportFormat.DOCX:
        raise LedgerError(said("--template is a Word template: give --format docx"))
    return open_reading(ledger, lang, as_of, no_cache)
