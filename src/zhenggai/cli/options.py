"""Options and arguments several commands share, declared once (with their completion)."""

from typing import Annotated

import typer

from zhenggai.cli.completion import leader_ids, task_ids, unit_ids

TaskIdArgument = Annotated[str, typer.Argument(metavar="TASK-ID", autocompletion=task_ids)]
UnitsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--unit",
        autocompletion=unit_ids,
        help="A unit id; repeat it, the first leads.",
        show_default=False,
    ),
]
LeadOption = Annotated[
    str | None,
    typer.Option(
        "--lead", autocompletion=leader_ids, help="The leader id (牵头领导).", show_default=False
    ),
]
MeasureOption = Annotated[
    str | None, typer.Option("--measure", help="What will be done, in full.", show_default=False)
]
SourceRefOption = Annotated[
    str | None,
    typer.Option("--source-ref", help="Where it stands in the source text.", show_default=False),
]
OwnerOption = Annotated[
    str | None, typer.Option("--owner", help="The person responsible.", show_default=False)
]
TagsOption = Annotated[
    list[str] | None, typer.Option("--tag", help="A tag; repeat it.", show_default=False)
]
