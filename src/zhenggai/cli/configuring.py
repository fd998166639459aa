"""`zhenggai settings`: a setting of zhenggai.yaml changed by command, not by hand."""

from typing import Annotated

import typer

from zhenggai.cli.common import LangOption, LedgerOption
from zhenggai.cli.registries import write_registry
from zhenggai.cli.writing import CommitOption

settings_app = typer.Typer(help="The ledger's settings (zhenggai.yaml): set, unset.",
                           no_args_is_help=True)  # fmt: skip

KeyArgument = Annotated[
    str, typer.Argument(metavar="KEY", help="The setting, e.g. bulletin.issuer.")
]


@settings_app.command("set")
def settings_set(
    key: KeyArgument,
    values: Annotated[
        list[str],
        typer.Argument(metavar="VALUE...", help="Its value; several for a list."),
    ],
    commit: CommitOption = None,
    lang: LangOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Set a setting, read as its type (a number, yes/no, a date, a list); comments and
    every other line are kept, and nothing is written unless the file reads back."""
    from zhenggai.writes.settings_edit import plan_settings_set

    write_registry(ledger, commit, lambda loaded: plan_settings_set(loaded, key, values), lang)


@settings_app.command("unset")
def settings_unset(
    key: KeyArgument,
    commit: CommitOption = None,
    lang: LangOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Remove an optional setting: its default holds again."""
    from zhenggai.writes.settings_edit import plan_settings_set

    write_registry(ledger, commit, lambda loaded: plan_settings_set(loaded, key, []), lang)
