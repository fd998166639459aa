"""`zhenggai schema`: JSON Schema for editors."""

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from zhenggai.cli.common import OutputLanguage, said_now, write_err, write_out
from zhenggai.messages import text as said


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
    from zhenggai.records.schema import write_schemas

    if output is not None:
        for path in write_schemas(output, lang.value):
            write_err(said_now(said("wrote {file}", file=path)))
        return
    from zhenggai.records.schema import schema_text

    write_out(schema_text(kind.value, lang.value))
