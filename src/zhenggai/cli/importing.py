"""`zhenggai import xlsx|csv FILE`: an office's spreadsheet 台账 brought into the ledger."""

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from zhenggai.cli.common import LangOption, LedgerOption, write_err, write_out
from zhenggai.cli.options import Words
from zhenggai.cli.writing import ByOption, CommitOption, option_date
from zhenggai.records.vocab import Cadence


class ImportKind(StrEnum):
    XLSX = "xlsx"
    CSV = "csv"


def import_sheet(
    kind: Annotated[ImportKind, typer.Argument(help="xlsx (also xls, ods) or csv.")],
    source: Annotated[Path, typer.Argument(metavar="FILE", help="The sheet to import.")],
    sheet: Annotated[
        str | None,
        typer.Option(
            "--sheet", help="The sheet to read. Default: the first visible one.", show_default=False
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print what would be made; write nothing.")
    ] = False,
    day: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="YYYY-MM-DD",
            help="The day the sheet was filled. Default: its 填报日期, else today.",
            show_default=False,
        ),
    ] = None,
    evidence_dir: Annotated[
        Path | None,
        typer.Option(
            "--evidence-dir",
            metavar="DIR",
            help="Where the files named in 佐证材料 are; found ones are copied in.",
            show_default=False,
        ),
    ] = None,
    maps: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            metavar="COLUMN=field",
            help="Read a column as a field, by header or letter: 落实举措=measure, I=deadline.",
            show_default=False,
        ),
    ] = None,
    keep_going: Annotated[
        bool,
        typer.Option("--keep-going", help="Write the rows that can be read; list the rest."),
    ] = False,
    encoding: Annotated[
        str | None,
        typer.Option(
            "--encoding",
            help="The CSV's encoding. Default: UTF-8, else GB18030.",
            show_default=False,
        ),
    ] = None,
    cadence: Annotated[
        Cadence,
        typer.Option(
            "--cadence",
            click_type=Words(Cadence),
            help="Review cadence of the ongoing tasks (长期坚持) it makes.",
        ),
    ] = Cadence.QUARTERLY,
    new_unit: Annotated[
        list[str] | None,
        typer.Option(
            "--new-unit",
            metavar="NAME",
            help="A unit one character from a registered one that is new indeed "
            "(repeatable); without it, such a name stops the import.",
            show_default=False,
        ),
    ] = None,
    new_leader: Annotated[
        list[str] | None,
        typer.Option(
            "--new-leader",
            metavar="NAME",
            help="A leader one character from a registered one who is new indeed (repeatable).",
            show_default=False,
        ),
    ] = None,
    by: ByOption = None,
    commit: CommitOption = None,
    lang: LangOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Import an office's 台账 from a spreadsheet: tasks, units, leaders and problems.
    Exit 0 all read, 1 cells that cannot be read (named by address), 2 usage error."""
    from zhenggai.cli.common import language_in_use
    from zhenggai.cli.front import open_writing, say_written
    from zhenggai.imports.run import ImportRequest
    from zhenggai.render.imported import changes, problem_lines, summary
    from zhenggai.workspace.writing import run_import, who

    filled = option_date(day, "--date")
    workspace = open_writing(ledger, lang)
    request = ImportRequest(
        source=source,
        kind=kind.value,
        sheet=sheet,
        maps=list(maps or ()),
        day=filled,
        evidence_dir=evidence_dir,
        encoding=encoding,
        cadence=cadence.value,
        by=who(workspace, by) or "导入",
        new_units=frozenset(new_unit or ()),
        new_leaders=frozenset(new_leader or ()),
    )
    result, written = run_import(workspace, request, keep_going, dry_run, commit)
    language = language_in_use()
    write_err(problem_lines(result, str(source), language))
    write_out(changes(result))
    write_err(summary(result, dry_run, language))
    say_written(written, message=False)
    if result.reading.problems or result.reading.header_row < 0:
        raise typer.Exit(1)
