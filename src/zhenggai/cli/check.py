"""`zhenggai check`: every named check, one exit code for CI."""

import os
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from datetime import date

    from zhenggai.checks.report import CheckReport
    from zhenggai.messages import Language

from zhenggai.cli.common import (
    AllowOutsideOption,
    AsOfOption,
    LangOption,
    LedgerOption,
    NoCacheOption,
    display_prefix,
    language_for,
    render_context,
    say_now,
    write_err,
    write_out,
)
from zhenggai.cli.front import open_reading
from zhenggai.cli.sink import deliver


class CheckFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"
    GITLAB = "gitlab"
    JUNIT = "junit"


def _split(values: list[str] | None) -> list[str]:
    """Options may be repeated or comma-separated: ``--fail-on overdue,stale``."""
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]


def check(
    ledger: LedgerOption = None,
    as_of: AsOfOption = None,
    output_format: Annotated[
        CheckFormat | None,
        typer.Option(
            "--format",
            help="Output format. Default: github when GITHUB_ACTIONS=true, else text.",
            show_default=False,
        ),
    ] = None,
    select: Annotated[
        list[str] | None,
        typer.Option(
            "--select", metavar="CHECK", help="Run only these checks or tiers.", show_default=False
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option("--ignore", metavar="CHECK", help="Skip these checks.", show_default=False),
    ] = None,
    fail_on: Annotated[
        list[str] | None,
        typer.Option(
            "--fail-on",
            metavar="CHECK",
            help="Make these checks errors (e.g. overdue,stale).",
            show_default=False,
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="REV",
            help="Also check what changed since this git revision (e.g. origin/main).",
            show_default=False,
        ),
    ] = None,
    list_checks: Annotated[
        bool, typer.Option("--list", help="Print the checks with their documentation.")
    ] = False,
    no_cache: NoCacheOption = False,
    allow_outside: AllowOutsideOption = False,
    lang: LangOption = None,
) -> None:
    """Check the ledger. Exit 0 clean, 1 findings at error level, 2 usage or config error."""
    from zhenggai.checks.runner import OneFileChecks
    from zhenggai.workspace.reading import check as check_workspace

    if list_checks:
        from zhenggai.cli.helptext import ledger_language
        from zhenggai.messages import language_of
        from zhenggai.render.checklist import format_check_list

        environ = dict(os.environ)
        setting = ledger_language(ledger[0] if ledger else None, environ, Path.cwd())
        write_out(format_check_list(language_of(lang.value if lang else None, environ, setting)))
        return
    # The one-file checks, and hashing the evidence each task records, are done as
    # each changed file is read: where its task is built, on every core. Files that
    # cannot be read are findings of the report (`parse`), not said apart.
    workspace = open_reading(ledger, lang, as_of, no_cache, allow_outside, quiet=True,
                             one_file_checks=OneFileChecks, hash_evidence=True)  # fmt: skip
    options = (_split(select), _split(ignore), _split(fail_on))
    report, warnings = check_workspace(workspace, options, since)
    language = language_for(workspace.ledger, lang)
    for name, why in warnings:
        write_err(f"zhenggai: warning: {name}: {say_now(why)}")
    chosen = output_format or (
        CheckFormat.GITHUB if os.environ.get("GITHUB_ACTIONS") == "true" else CheckFormat.TEXT
    )
    ctx = render_context(workspace.ledger, lang, prefix=display_prefix(workspace.root))
    deliver("check", chosen.value, report, ctx)
    write_err(_summary(report, workspace.today(), language))
    workspace.finish()
    if report.errors:
        raise typer.Exit(1)


def _summary(report: "CheckReport", today: "date", language: "Language") -> str:
    from zhenggai.messages import say_packed, text, text_n

    def counted(singular: str, plural: str, n: int) -> str:
        return say_packed(text_n(singular, plural, n).packed(), language)

    line = text(
        "zhenggai check: {errors}, {warnings}; {files}, {checks}, as of {day}",
        errors=counted("{n} error", "{n} errors", report.errors),
        warnings=counted("{n} warning", "{n} warnings", report.warnings),
        files=counted("{n} file", "{n} files", report.files),
        checks=counted("{n} check", "{n} checks", len(report.checks)),
        day=today,
    )
    return say_packed(line.packed(), language)
