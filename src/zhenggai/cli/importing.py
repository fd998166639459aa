"""`zhenggai import xlsx|csv FILE`: an office's spreadsheet 台账 brought into the ledger."""

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from zhenggai.cli.common import (
    LangOption,
    LedgerOption,
    language_for,
    today_for,
    write_err,
    write_out,
)
from zhenggai.cli.writing import ByOption, CommitOption, _parse_option_date, _who, commit_paths
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
        typer.Option("--cadence", help="Review cadence of the ongoing tasks (长期坚持) it makes."),
    ] = Cadence.QUARTERLY,
    by: ByOption = None,
    commit: CommitOption = None,
    lang: LangOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Import an office's 台账 from a spreadsheet: tasks, units, leaders and problems.
    Exit 0 all read, 1 cells that cannot be read (named by address), 2 usage error."""
    from zhenggai.cli.common import find_root
    from zhenggai.files.lock import ledger_lock
    from zhenggai.imports.run import ImportRequest, apply_import, prepare_import
    from zhenggai.ledger.load import load_ledger
    from zhenggai.render.imported import changes, problem_lines, summary

    filled = _parse_option_date(day, "--date")
    root = find_root(ledger)
    with ledger_lock(root):
        loaded = load_ledger(root)
        language = language_for(loaded, lang)
        request = ImportRequest(
            source=source,
            kind=kind.value,
            sheet=sheet,
            maps=list(maps or ()),
            day=filled,
            evidence_dir=evidence_dir,
            encoding=encoding,
            cadence=cadence.value,
            by=_who(by, root) or "导入",
        )
        result = prepare_import(loaded, request, today_for(loaded, None), keep_going)
        write_err(problem_lines(result, str(source), language))
        if result.plan is not None and not dry_run:
            apply_import(result.plan)
    write_out(changes(result))
    write_err(summary(result, dry_run, language))
    plan = result.plan
    wants_commit = commit if commit is not None else loaded.settings.commit
    if plan is not None and not dry_run and plan.files and wants_commit:
        paths = [root / rel for rel in plan.files] + [root / item.path for item in plan.copies]
        commit_paths(root, paths, f"import {source.name}: {len(plan.report.created)} new")
    if result.reading.problems or result.reading.header_row < 0:
        raise typer.Exit(1)
