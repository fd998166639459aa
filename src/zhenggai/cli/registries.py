"""`zhenggai unit`, `leader`, `problem`: the registries kept by commands, not by hand."""

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

unit_app = typer.Typer(help="The units (责任单位): add, rename, list.", no_args_is_help=True)
leader_app = typer.Typer(help="The leaders (牵头领导): add, list.", no_args_is_help=True)
problem_app = typer.Typer(
    help="The inspection's findings (反馈问题): add, list.", no_args_is_help=True
)


def _write(
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


def _list(ledger_option: list[Path] | None, lang: "OutputLanguage | None", kind: str) -> None:
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

    _write(ledger, commit, make, lang)


@unit_app.command("set")
def unit_set(
    unit_id: Annotated[str, typer.Argument(metavar="ID", help="The unit.")],
    liaison: LiaisonOption = None,
    phone: PhoneOption = None,
    email: EmailOption = None,
    commit: CommitOption = None,
    lang: LangOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Set a unit's liaison, phone or mail address (an empty value removes it)."""
    from zhenggai.writes.registry import plan_unit_set

    values = {"liaison": liaison, "phone": phone, "email": email}
    _write(ledger, commit, lambda loaded: plan_unit_set(loaded, unit_id, values), lang)


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
    from zhenggai.writes.registry import plan_unit_rename

    _write(ledger, commit, lambda loaded: plan_unit_rename(loaded, old, new, name), lang)


@unit_app.command("list")
def unit_list(lang: LangOption = None, ledger: LedgerOption = None) -> None:
    """The units, with how many tasks each leads and joins."""
    _list(ledger, lang, "unit")


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

    _write(ledger, commit, lambda loaded: plan_leader_add(loaded, leader_id, name, role), lang)


@leader_app.command("list")
def leader_list(lang: LangOption = None, ledger: LedgerOption = None) -> None:
    """The leaders, with how many tasks each leads."""
    _list(ledger, lang, "leader")


@problem_app.command("add")
def problem_add(
    problem_id: IdArgument,
    title: Annotated[str, typer.Option("--title", help="The finding, in one line.")],
    section: Annotated[str, typer.Option("--section", help="The id of its heading.")],
    source_ref: Annotated[
        str | None,
        typer.Option("--source-ref", help="Where it stands in the feedback.", show_default=False),
    ] = None,
    summary: Annotated[
        str | None, typer.Option("--summary", help="How it showed itself.", show_default=False)
    ] = None,
    commit: CommitOption = None,
    lang: LangOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Add a problem under a section of problems.yaml."""
    from zhenggai.writes.registry import plan_problem_add

    _write(
        ledger,
        commit,
        lambda loaded: plan_problem_add(loaded, problem_id, title, section, source_ref, summary),
        lang,
    )


@problem_app.command("list")
def problem_list(lang: LangOption = None, ledger: LedgerOption = None) -> None:
    """The problems by section, with how many tasks answer each."""
    _list(ledger, lang, "problem")
