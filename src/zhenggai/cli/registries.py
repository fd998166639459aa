"""`zhenggai unit`, `leader`: the registries kept by commands, not by hand."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zhenggai.cli.common import LangOption, LedgerOption
from zhenggai.cli.sink import deliver
from zhenggai.cli.writing import CommitOption

if TYPE_CHECKING:
    from collections.abc import Callable

    from zhenggai.cli.common import OutputLanguage
    from zhenggai.ledger.loaded import Ledger
    from zhenggai.writes.change import Change

unit_app = typer.Typer(
    help="The units (责任单位): add, set, rename, merge, remove, list.", no_args_is_help=True
)
leader_app = typer.Typer(
    help="The leaders (牵头领导): add, set, rename, merge, remove, list.", no_args_is_help=True
)


def write_registry(
    ledger_option: list[Path] | None,
    commit: bool | None,
    make: "Callable[[Ledger], Change]",
    lang: "OutputLanguage | None" = None,
) -> None:
    """A registry change through the unit of work, and said."""
    from zhenggai.cli.front import open_writing, say_written
    from zhenggai.workspace.writing import write

    workspace = open_writing(ledger_option, lang)
    say_written(write(workspace, None, lambda target: make(target.ledger), commit))


def _id(loaded: "Ledger", typed: str, kind: str, option: str = "ID") -> str:
    """The entry ``typed`` names: its id, full name or a short form, as every command
    takes them (`workspace.names`)."""
    from zhenggai.workspace.names import Kind, resolve_one

    return resolve_one(option, typed, Kind(kind), loaded)


def list_registry(
    ledger_option: list[Path] | None, lang: "OutputLanguage | None", kind: str
) -> None:
    from zhenggai.cli.common import render_context
    from zhenggai.cli.front import finish, open_reading

    workspace = open_reading(ledger_option, lang)
    ctx = render_context(workspace.ledger, lang)
    deliver(f"{kind} list", "table", workspace.ledger, ctx)
    finish(workspace)


LiaisonOption = Annotated[
    str | None, typer.Option("--liaison", help="The liaison (联络员).", show_default=False)
]
PhoneOption = Annotated[
    str | None, typer.Option("--phone", help="The liaison's phone.", show_default=False)
]
EmailOption = Annotated[
    str | None, typer.Option("--email", help="The liaison's mail address.", show_default=False)
]
IdArgument = Annotated[str, typer.Argument(metavar="ID", help="The id tasks will name it by.")]
NameOption = Annotated[str, typer.Option("--name", help="The full name.")]


@unit_app.command("add")
def unit_add(
    unit_id: IdArgument,
    name: NameOption,
    liaison: LiaisonOption = None,
    phone: PhoneOption = None,
    email: EmailOption = None,
    commit: CommitOption = None,
    lang: LangOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Add a unit to the registry in zhenggai.yaml."""
    from zhenggai.writes.registry import plan_unit_add

    def make(loaded: "Ledger") -> "Change":
        return plan_unit_add(loaded, unit_id, name, liaison, phone, email)

    write_registry(ledger, commit, make, lang)


@unit_app.command("set")
def unit_set(
    unit_id: Annotated[str, typer.Argument(metavar="ID", help="The unit.")],
    name: Annotated[
        str | None, typer.Option("--name", help="A new full name.", show_default=False)
    ] = None,
    liaison: LiaisonOption = None,
    phone: PhoneOption = None,
    email: EmailOption = None,
    prompt: Annotated[
        bool | None,
        typer.Option(
            "--prompt/--no-prompt",
            help="A supervising body (纪检监察组): sent a 提示函, not a 督办单.",
            show_default=False,
        ),
    ] = None,
    commit: CommitOption = None,
    lang: LangOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Set a unit's name, liaison, phone or mail address (an empty value removes one)."""
    from zhenggai.writes.people import plan_registry_set

    values = {"name": name, "liaison": liaison, "phone": phone, "email": email, "prompt": prompt}
    write_registry(
        ledger,
        commit,
        lambda loaded: plan_registry_set(loaded, "unit", _id(loaded, unit_id, "unit"), values),
        lang,
    )


@unit_app.command("rename")
def unit_rename(
    old: Annotated[str, typer.Argument(metavar="OLD-ID")],
    new: Annotated[str, typer.Argument(metavar="NEW-ID")],
    name: Annotated[
        str | None, typer.Option("--name", help="A new full name too.", show_default=False)
    ] = None,
    commit: CommitOption = None,
    lang: LangOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Give a unit a new id, in the registry and in every task that names it, as one change."""
    from zhenggai.writes.people import plan_registry_rename

    write_registry(
        ledger,
        commit,
        lambda loaded: plan_registry_rename(
            loaded, "unit", _id(loaded, old, "unit", "OLD-ID"), new, name
        ),
        lang,
    )


@unit_app.command("list")
def unit_list(lang: LangOption = None, ledger: LedgerOption = None) -> None:
    """The units, with how many tasks each leads and joins."""
    list_registry(ledger, lang, "unit")


@leader_app.command("add")
def leader_add(
    leader_id: IdArgument,
    name: NameOption,
    role: Annotated[
        str | None, typer.Option("--role", help="Their part in the work.", show_default=False)
    ] = None,
    commit: CommitOption = None,
    lang: LangOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Add a leader to the registry in zhenggai.yaml."""
    from zhenggai.writes.registry import plan_leader_add

    write_registry(
        ledger, commit, lambda loaded: plan_leader_add(loaded, leader_id, name, role), lang
    )


@leader_app.command("list")
def leader_list(lang: LangOption = None, ledger: LedgerOption = None) -> None:
    """The leaders, with how many tasks each leads."""
    list_registry(ledger, lang, "leader")


@leader_app.command("set")
def leader_set(
    leader_id: Annotated[str, typer.Argument(metavar="ID", help="The leader.")],
    name: Annotated[
        str | None, typer.Option("--name", help="A new full name.", show_default=False)
    ] = None,
    role: Annotated[
        str | None,
        typer.Option("--role", help="Their part in the work (empty: none).", show_default=False),
    ] = None,
    commit: CommitOption = None,
    lang: LangOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Set a leader's name or role."""
    from zhenggai.writes.people import plan_registry_set

    values = {"name": name, "role": role}
    write_registry(
        ledger,
        commit,
        lambda loaded: plan_registry_set(
            loaded, "leader", _id(loaded, leader_id, "leader"), values
        ),
        lang,
    )


@leader_app.command("rename")
def leader_rename(
    old: Annotated[str, typer.Argument(metavar="OLD-ID")],
    new: Annotated[str, typer.Argument(metavar="NEW-ID")],
    name: Annotated[
        str | None, typer.Option("--name", help="A new full name too.", show_default=False)
    ] = None,
    commit: CommitOption = None,
    lang: LangOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Give a leader a new id, in the registry and in every task they lead, as one change."""
    from zhenggai.writes.people import plan_registry_rename

    write_registry(
        ledger,
        commit,
        lambda loaded: plan_registry_rename(
            loaded, "leader", _id(loaded, old, "leader", "OLD-ID"), new, name
        ),
        lang,
    )


def _removal_and_merge(app: typer.Typer, kind: str, words: dict[str, str]) -> None:
    """`remove` and `merge` for the registry of ``kind``: the same acts on units and on
    leaders, told in their own words (``words``: each command's and argument's help)."""

    def remove(
        entry_id: Annotated[str, typer.Argument(metavar="ID", help=words["id"])],
        commit: CommitOption = None,
        lang: LangOption = None,
        ledger: LedgerOption = None,
    ) -> None:
        from zhenggai.writes.people import plan_registry_remove

        write_registry(
            ledger,
            commit,
            lambda loaded: plan_registry_remove(loaded, kind, _id(loaded, entry_id, kind)),
            lang,
        )

    def merge(
        entry_id: Annotated[str, typer.Argument(metavar="ID", help=words["away"])],
        into: Annotated[str, typer.Option("--into", help=words["into"])],
        commit: CommitOption = None,
        lang: LangOption = None,
        ledger: LedgerOption = None,
    ) -> None:
        from zhenggai.writes.people import plan_registry_merge

        write_registry(
            ledger,
            commit,
            lambda loaded: plan_registry_merge(
                loaded, kind, _id(loaded, entry_id, kind), _id(loaded, into, kind, "--into")
            ),
            lang,
        )

    app.command("remove", help=words["remove"])(remove)
    app.command("merge", help=words["merge"])(merge)


_removal_and_merge(
    unit_app,
    "unit",
    {
        "id": "The unit.",
        "away": "The unit to merge away.",
        "into": "The unit that takes its tasks.",
        "remove": "Remove a unit no task names (one that tasks name is merged into another).",
        "merge": "Merge a unit into another: its tasks name the other, as one change.",
    },
)
_removal_and_merge(
    leader_app,
    "leader",
    {
        "id": "The leader.",
        "away": "The leader to merge away.",
        "into": "The leader who takes their tasks.",
        "remove": "Remove a leader no task names (one that tasks name is merged into another).",
        "merge": "Merge a leader into another: their tasks name the other, as one change.",
    },
)
