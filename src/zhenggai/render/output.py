"""The one output interface: every command's result goes to a formatter picked by name
from its table, and every formatter has one shape — ``(result, ctx) -> str | bytes``,
pure, with what it needs besides the data in the `RenderContext` (the words, the
terminal, the folder paths are shown from, the day of a document). A table is built
once per kind of result; the command line picks from it and hands the bytes to its
one sink."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from zhenggai.render.context import RenderContext

# Only what a command's result is, for the type checker: the formats of one command are
# imported when it runs, not those of every command (`status` needs no dashboard).
if TYPE_CHECKING:
    from zhenggai.checks.report import CheckReport
    from zhenggai.files.gitutil import LogEntry
    from zhenggai.ledger.loaded import Ledger
    from zhenggai.ledger.queries import Selection, TaskRow
    from zhenggai.messages import Language
    from zhenggai.render.layout import Layout
    from zhenggai.reports.dashboard import DashboardReport
    from zhenggai.reports.forms import Register
    from zhenggai.reports.ledger_sheet import LedgerSheet
    from zhenggai.reports.status import StatusReport

R = TypeVar("R")

#: A formatter: a command's result, as text or bytes.
Formatter = Callable[[R, RenderContext], "str | bytes"]
#: The formats a kind of result can be written in, by the name a user picks.
Formats = Mapping[str, Formatter[R]]


class ShownTask(NamedTuple):
    """A task with its state (`show`), and the ledger that holds it (its registries)."""

    row: TaskRow
    ledger: Ledger


class History(NamedTuple):
    """A task's commits (`log`)."""

    task_id: str
    entries: Sequence[LogEntry]


class Drawn(NamedTuple):
    """A 回头看 sample's picks (`sample`): the qualified id, the closing day, the lead
    unit and the title of each."""

    picks: Sequence[tuple[str, str, str, str]]


F = TypeVar("F")


def _adapted(
    formats: Mapping[str, F], call: Callable[[F, R, RenderContext], str | bytes]
) -> Formats[R]:
    """Formatters of another shape made to take (result, ctx)."""
    return {name: partial(call, formatter) for name, formatter in formats.items()}


def check_formats() -> Formats[CheckReport]:
    from zhenggai.render.findings import FORMATS

    def call(f: Callable[[CheckReport, str, Language], str], report: CheckReport,
             ctx: RenderContext) -> str:  # fmt: skip
        return f(report, ctx.prefix, ctx.labels.language)

    return _adapted(FORMATS, call)


def listing_formats() -> Formats[Selection]:
    from zhenggai.render.listing import FORMATS

    return FORMATS


def status_formats() -> Formats[StatusReport]:
    from zhenggai.render.status import FORMATS

    return FORMATS


def task_formats() -> Formats[ShownTask]:
    from zhenggai.render.task import FORMATS

    def call(f: Callable[[TaskRow, Ledger, RenderContext], str], shown: ShownTask,
             ctx: RenderContext) -> str:  # fmt: skip
        return f(shown.row, shown.ledger, ctx)

    return _adapted(FORMATS, call)


def history_formats() -> Formats[History]:
    from zhenggai.render.history import FORMATS

    def call(f: Callable[[str, Sequence[LogEntry]], str], shown: History,
             ctx: RenderContext) -> str:  # fmt: skip
        return f(shown.task_id, shown.entries)

    return _adapted(FORMATS, call)


Titled = TypeVar("Titled", "LedgerSheet", "DashboardReport")


def _titled(report: Titled, ctx: RenderContext) -> Titled:
    """A report with a ``title``, marked 示例 after it where the ledger is an example."""
    from dataclasses import replace

    if not ctx.example:
        return report
    return replace(report, title=f"{report.title} {ctx.labels('example_mark')}")


def document_formats() -> Formats[Layout]:
    """A report (weekly, bulletin, notices) as Markdown, HTML or a Word document; from an
    example ledger, marked 示例 under its title."""

    def marked(document: Layout, ctx: RenderContext) -> Layout:
        from dataclasses import replace

        if not ctx.example:
            return document
        from zhenggai.render.layout import Block, Paragraph, Title

        mark = ctx.labels("example_mark")
        subtitle = f"{mark}　{document.subtitle}" if document.subtitle else mark
        blocks: list[Block] = []
        for block in document.blocks:  # each document made at once marked under its title
            blocks.append(block)
            if isinstance(block, Title):
                blocks.append(Paragraph(mark, align="center"))
        return replace(document, subtitle=subtitle, blocks=tuple(blocks))

    def markdown(document: Layout, ctx: RenderContext) -> str:
        from zhenggai.render.layout import to_markdown

        return to_markdown(marked(document, ctx))

    def html(document: Layout, ctx: RenderContext) -> str:
        from zhenggai.render.html import to_html

        return to_html(marked(document, ctx))

    def docx(document: Layout, ctx: RenderContext) -> bytes:
        from zhenggai.render.docx import to_docx

        assert ctx.day is not None, "a Word document is dated"
        written = to_docx(marked(document, ctx), ctx.day)
        if ctx.template is None:
            return written
        from zhenggai.render.letterhead import into_template

        fields = dict(ctx.fields)
        values = {"标题": document.title, "发文机关": document.issuer,
                  "发文字号": document.number, "成文日期": document.dated,
                  "印发日期": document.dated, "签发人": fields.get("签发人", ""),
                  "密级": fields.get("密级", ""),
                  "印发机关": fields.get("印发机关") or document.issuer}  # fmt: skip
        return into_template(written, ctx.template, values)

    return {"md": markdown, "html": html, "docx": docx}


def sheet_formats() -> Formats[LedgerSheet]:
    """The 台账 as a workbook, CSV, JSON or a calendar."""

    def xlsx(sheet: LedgerSheet, ctx: RenderContext) -> bytes:
        from zhenggai.render.xlsx import workbook_bytes

        return workbook_bytes(_titled(sheet, ctx), ctx.labels.language)

    def csv(sheet: LedgerSheet, ctx: RenderContext) -> str:
        from zhenggai.render.exports import sheet_csv

        return sheet_csv(sheet, ctx.labels.language)

    def json(sheet: LedgerSheet, ctx: RenderContext) -> str:
        from zhenggai.render.exports import sheet_json

        return sheet_json(sheet)

    def ics(sheet: LedgerSheet, ctx: RenderContext) -> bytes:
        from zhenggai.render.exports import sheet_ics

        return sheet_ics(sheet, ctx.labels.language)

    return {"xlsx": xlsx, "csv": csv, "json": json, "ics": ics}


def dashboard_formats() -> Formats[DashboardReport]:
    def html(report: DashboardReport, ctx: RenderContext) -> str:
        from zhenggai.render.dashboard import dashboard_html

        return dashboard_html(_titled(report, ctx), ctx.labels.language)

    return {"html": html}


def registry_formats(table: str) -> Formats[Ledger]:
    """A registry (units, leaders, problems) as a table."""
    from zhenggai.render.registries import TABLES

    return {"table": TABLES[table]}


def forms_status_formats() -> Formats[list[Register]]:
    """Who reported in each round of 填报表, as a table."""
    from zhenggai.render.forms import format_table

    return {"table": format_table}


def sample_formats() -> Formats[Drawn]:
    def text(drawn: Drawn, ctx: RenderContext) -> str:
        from zhenggai.safetext import inline

        return "".join(inline("  ".join(pick)) + "\n" for pick in drawn.picks)

    return {"text": text}


#: Every command's formats, by the command's name: what `--format` offers, or the one
#: format of a command without it. A test holds each command and each format to this.
TABLES: dict[str, Callable[[], Mapping[str, Callable[..., str | bytes]]]] = {
    "check": check_formats,
    "list": listing_formats,
    "status": status_formats,
    "show": task_formats,
    "log": history_formats,
    "report weekly": document_formats,
    "report bulletin": document_formats,
    "report notice": document_formats,
    "report signoff": document_formats,
    "report dashboard": dashboard_formats,
    "export": sheet_formats,
    "unit list": lambda: registry_formats("units"),
    "leader list": lambda: registry_formats("leaders"),
    "problem list": lambda: registry_formats("problems"),
    "sample": sample_formats,
    "forms status": forms_status_formats,
}
