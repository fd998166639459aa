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
    from zhenggai.cli.common import OutputLanguage
    from zhenggai.labels import Language
    from zhenggai.ledger.loaded import Ledger
    from zhenggai.render.document import Document

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

    if week is not None and (start or end):
        raise typer.BadParameter(said_now(said("give --week, or --from and --to, not both")))
    loaded, language, last = _open(ledger, no_cache, lang, as_of, output_format, output)
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
    if loaded.settings.children:  # every ledger's week, each by its own settings
        from zhenggai.cli.family import read_family
        from zhenggai.reports.family import build_family_weekly

        family, broken = read_family(loaded, language, no_cache=no_cache)
        report = build_family_weekly(
            [(m.name, build_weekly(m.ledger, first, last)) for m in family.members],
            loaded.settings.title,
        )
    else:
        report, broken = build_weekly(loaded, first, last), False
    loaded.save_cache()
    _emit(weekly_document(report, language), output_format, output, last)
    if broken:  # a child that could not be read: the report is out, and CI is told
        raise typer.Exit(1)


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
    as_of: AsOfOption = None,
    no_cache: NoCacheOption = False,
    lang: LangOption = None,
    ledger: LedgerOption = None,
) -> None:
    """The bulletin (整改进展情况通报): the office's texts in bulletin/*.md with the day's
    figures, and each feedback problem's measures told from the ledger."""
    from zhenggai.render.bulletin import bulletin_document
    from zhenggai.reports.bulletin import Audience, build_bulletin

    loaded, language, day = _open(ledger, no_cache, lang, as_of, output_format, output)
    chosen = Audience(audience.value)
    broken = False
    if loaded.settings.children:  # the parent's texts; every ledger's figures and problems
        from zhenggai.cli.family import read_family

        family, broken = read_family(loaded, language, no_cache=no_cache)
        children = [
            (m.name, build_bulletin(m.ledger, today_for(m.ledger, as_of), chosen))
            for m in family.children
        ]
        report = build_bulletin(loaded, day, chosen, children)
    else:
        report = build_bulletin(loaded, day, chosen)
    loaded.save_cache()
    document = bulletin_document(report, language, loaded.settings.source.kind)
    _emit(document, output_format, output, day)
    if broken:  # a child that could not be read: the bulletin is out, and CI is told
        raise typer.Exit(1)


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
    from zhenggai.render.dashboard import dashboard_html
    from zhenggai.reports.dashboard import build_dashboard

    loaded, language, day = _open(ledger, no_cache, lang, as_of, ReportFormat.HTML, output)
    if loaded.settings.children:
        from zhenggai.cli.family import family_dashboard

        report, broken = family_dashboard(loaded, as_of, no_cache, public, language)
    else:
        report, broken = build_dashboard(loaded, day, public), False
    loaded.save_cache()
    page = dashboard_html(report, language)
    if output is None:
        write_out(page)
    else:
        from zhenggai.files.atomic import write_atomic

        write_atomic(output, page.encode("utf-8"))
        write_err("zhenggai: " + said_now(said("wrote {file}", file=output)))
    if broken:  # a child that could not be read: the page is written, and CI is told
        raise typer.Exit(1)


def _open(
    ledger: list[Path] | None,
    no_cache: bool,
    lang: "OutputLanguage | None",
    as_of: date | None,
    output_format: ReportFormat,
    output: Path | None,
) -> "tuple[Ledger, Language, date]":
    """The ledger (files it could not load said on stderr), the language and the day of
    a report; a Word document without --output is refused before anything is read."""
    if output_format is ReportFormat.DOCX and output is None:
        raise LedgerError(said("a Word document is a file: give --output FILE.docx"))
    loaded = open_ledger(ledger, no_cache)
    language = language_for(loaded, lang)
    report_load_problems(loaded, language)
    return loaded, language, today_for(loaded, as_of)


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
