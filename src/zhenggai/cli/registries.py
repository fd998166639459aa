"""`zhenggai unit`, `leader`, `problem`: the registries kept by commands, not by hand."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zhenggai.cli.common import (
    LangOption,
    LedgerOption,
    display_prefix,
    language_for,
    write_err,
    write_out,
)
from zhenggai.cli.writing import CommitOption, commit_paths

if TYPE_CHECKING:
    from collections.abc import Callable

    from zhenggai.ledger.loaded import Ledger
    from zhenggai.writes.registry import FilesPlan

unit_app = typer.Typer(help="The units (责任单位): add, rename, list.", no_args_is_help=True)
leader_app = typer.Typer(help="The leaders (牵头领导): add, list.", no_args_is_help=True)
problem_app = typer.Typer(
    help="The inspection's findings (反馈问题): add, list.", no_args_is_help=True
)


def _write(
    ledger_option: list[Path] | None, commit: bool | None, make: "Callable[[Ledger], FilesPlan]"
) -> None:
    """Lock, plan, write every file, commit: as the task writes, for registry files."""
    from zhenggai.cli.common import find_root
    from zhenggai.files.lock import ledger_lock
    from zhenggai.ledger.load import load_ledger
    from zhenggai.messages import say_packed
    from zhenggai.writes.registry import apply_files

    root = find_root(ledger_option)
    with ledger_lock(root):
        ledger = load_ledger(root, task_files=[])
        language_for(ledger, None)  # a refusal is said in the ledger's language
        plan = make(ledger)
        apply_files(plan)
    prefix = display_prefix(root)
    shown = ", ".join(f"{prefix}/{rel}" if prefix else rel for rel, _ in plan.contents)
    write_err(
        f"zhenggai: {say_packed(plan.message.packed(), language_for(ledger, None))} ({shown})"
    )
    if commit if commit is not None else ledger.settings.commit:
        commit_paths(root, plan.paths, plan.message.english())


def _list(ledger_option: list[Path] | None, lang: object, table: str) -> None:
    from zhenggai.cli.common import open_ledger, render_context
    from zhenggai.render import registries

    loaded = open_ledger(ledger_option)
    ctx = render_context(loaded, lang)  # type: ignore[arg-type]
    write_out(getattr(registries, table)(loaded, ctx))
    loaded.save_cache()  # what this run read, for the next


IdArgument = Annotated[str, typer.Argument(metavar="ID", help="The id tasks will name it by.")]
NameOption = Annotated[str, typer.Option("--name", help="The full name.")]


@unit_app.command("add")
def unit_add(
    unit_id: IdArgument,
    name: NameOption,
    liaison: Annotated[
        str | None, typer.Option("--liaison", help="The liaison (联络员).", show_default=False)
    ] = None,
    phone: Annotated[
        str | None, typer.Option("--phone", help="The liaison's phone.", show_default=False)
    ] = None,
    commit: CommitOption = None,
    lang: LangOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Add a unit to the registry in zhenggai.yaml."""
    from zhenggai.writes.registry import plan_unit_add

    _write(ledger, commit, lambda loaded: plan_unit_add(loaded, unit_id, name, liaison, phone))


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

    _write(ledger, commit, lambda loaded: plan_unit_rename(loaded, old, new, name))


@unit_app.command("list")
def unit_list(lang: LangOption = None, ledger: LedgerOption = None) -> None:
    """The units, with how many tasks each leads and joins."""
    _list(ledger, lang, "units_table")


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

    _write(ledger, commit, lambda loaded: plan_leader_add(loaded, leader_id, name, role))


@leader_app.command("list")
def leader_list(lang: LangOption = None, ledger: LedgerOption = None) -> None:
    """The leaders, with how many tasks each leads."""
    _list(ledger, lang, "leaders_table")


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
    )


@problem_app.command("list")
def problem_list(lang: LangOption = None, ledger: LedgerOption = None) -> None:
    """The problems by section, with how many tasks answer each."""
    _list(ledger, lang, "problems_table")
