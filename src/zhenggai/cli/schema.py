"""`zhenggai schema`: JSON Schema for editors."""

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from zhenggai.cli.common import OutputLanguage
from zhenggai.cli.sink import emit


class SchemaKind(StrEnum):
    TASK = "task"
    SETTINGS = "settings"
    PROBLEMS = "problems"
    HOLIDAYS = "holidays"


def schema(
    kind: Annotated[
        SchemaKind, typer.Argument(help="Which file: task, settings, problems or holidays.")
    ] = SchemaKind.TASK,
    lang: Annotated[
        OutputLanguage, typer.Option("--lang", help="Language of titles and descriptions.")
    ] = OutputLanguage.ZH,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            metavar="DIR",
            help="Write every schema into DIR as <kind>.schema.json instead of printing one.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Print the JSON Schema (draft-07) of a ledger file, for the VS Code YAML extension."""
    from zhenggai.records.schema import FILE_NAMES, schema_text

    if output is None:
        emit(schema_text(kind.value, lang.value))
        return
    for each, name in FILE_NAMES.items():
        emit(schema_text(each, lang.value), output / name)
