"""`zhenggai export`: the ledger as the 台账 people know (xlsx), or as CSV, JSON, iCalendar."""

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
from zhenggai.cli.completion import unit_ids
from zhenggai.findings import LedgerError
from zhenggai.messages import text as said
from zhenggai.messages import text_n as said_n

if TYPE_CHECKING:
    from datetime import date

    from zhenggai.labels import Language
    from zhenggai.ledger.loaded import Ledger
    from zhenggai.reports.ledger_sheet import LedgerSheet


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
    if kind is ExportFormat.XLSX and output is None:
        raise LedgerError(said("an xlsx workbook is a file: give --output FILE.xlsx"))
    loaded = open_ledger(ledger, no_cache)
    language = language_for(loaded, lang)
    report_load_problems(loaded, language)
    broken = False
    if loaded.settings.children:  # one 台账 of every ledger, each by its own settings
        sheet, broken = _family_sheet(loaded, as_of, no_cache, unit, public, language)
    else:
        sheet = _one_sheet(loaded, as_of, unit, public)
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
    else:
        from zhenggai.files.atomic import write_atomic

        write_atomic(output, content.encode("utf-8") if isinstance(content, str) else content)
        write_err(
            "zhenggai: "
            + said_now(
                said_n(
                    "wrote {file}: {n} task as of {day}",
                    "wrote {file}: {n} tasks as of {day}",
                    len(sheet.rows),
                    file=output,
                    day=sheet.as_of,
                )
            )
        )
    if broken:  # a child that could not be read: the 台账 is out, and CI is told
        raise typer.Exit(1)


def _one_sheet(
    loaded: "Ledger", as_of: "date | None", unit: str | None, public: bool
) -> "LedgerSheet":
    from zhenggai.reports.ledger_sheet import ledger_sheet

    if unit is not None and unit not in loaded.unit_ids:
        known = ", ".join(sorted(loaded.unit_ids))
        raise LedgerError(
            said("{option}: unknown {value}; known: {known}", option="--unit",
                 value=repr(unit), known=known)
        )  # fmt: skip
    return ledger_sheet(loaded, today_for(loaded, as_of), unit, public)


def _family_sheet(
    loaded: "Ledger", as_of: "date | None", no_cache: bool, unit: str | None, public: bool,
    language: "Language",
) -> "tuple[LedgerSheet, bool]":  # fmt: skip
    """Every ledger's 台账 as one; ``--unit 提案局:办公室`` names one child's unit. A child
    that cannot be read is said on stderr (and True returned)."""
    from zhenggai.cli.family import read_family
    from zhenggai.reports.ledger_sheet import family_sheet, ledger_sheet

    family, broken = read_family(loaded, language, no_cache=no_cache)
    child, _, plain = (unit or "").rpartition(":")
    parts = []
    for member in family.members:
        if unit is not None and (member.name != child or plain not in member.ledger.unit_ids):
            continue
        day = today_for(member.ledger, as_of)
        parts.append((member.name, ledger_sheet(member.ledger, day, plain or None, public)))
    if not parts:
        known = sorted(f"{m.name}:{u}" if m.name else u for m in family.members
                       for u in m.ledger.unit_ids)  # fmt: skip
        raise LedgerError(
            said("{option}: unknown {value}; known: {known}", option="--unit",
                 value=repr(unit), known=", ".join(known))
        )  # fmt: skip
    return family_sheet(parts, loaded.settings.title), broken
