"""Options and arguments several commands share, declared once (with their completion)."""

from enum import StrEnum
from typing import Annotated, Any

import typer
from typer._click.types import ParamType

from zhenggai.cli.completion import leader_ids, task_ids, unit_ids


class Words(ParamType):
    """A choice typed as its value (done) or any of its words (已完成, 已销号): the
    vocabulary import reads (`records.typed_words`), on the command line too."""

    def __init__(self, kind: type[StrEnum]) -> None:
        self.kind = kind
        self.name = kind.__name__.lower()

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        from zhenggai.cli.common import language_in_use, say_now
        from zhenggai.messages import TextError
        from zhenggai.messages import text as said
        from zhenggai.records.typed_words import choices, read_word

        if isinstance(value, self.kind):
            return value
        try:
            return read_word(self.kind, str(value))
        except TextError:
            known = choices(self.kind, chinese=language_in_use() == "zh")
            refused = said("{value} is not one of {choices}.", value=value, choices=known)
            self.fail(say_now(refused), param, ctx)

    def get_metavar(self, param: Any, ctx: Any) -> str:
        return "[" + "|".join(value.value for value in self.kind) + "]"

    def shell_complete(self, ctx: Any, param: Any, incomplete: str) -> list[Any]:
        from typer._click.shell_completion import CompletionItem

        return [CompletionItem(value.value) for value in self.kind if value.startswith(incomplete)]


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
