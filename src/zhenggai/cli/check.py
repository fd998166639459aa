"""`zhenggai check`: every named check, one exit code for CI."""

import os
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zhenggai.findings import LedgerError
from zhenggai.messages import text as said

if TYPE_CHECKING:
    from datetime import date

    from zhenggai.checks.report import CheckReport
    from zhenggai.ledger.baseline import Baseline
    from zhenggai.ledger.family import Member
    from zhenggai.ledger.loaded import Ledger
    from zhenggai.messages import Language

from zhenggai.cli.common import (
    AllowOutsideOption,
    AsOfOption,
    LangOption,
    LedgerOption,
    NoCacheOption,
    display_prefix,
    language_for,
    open_ledger,
    today_for,
    write_err,
    write_out,
)


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
    from zhenggai.checks.runner import OneFileChecks, levels_for, run_checks
    from zhenggai.render.findings import FORMATS

    if list_checks:
        from zhenggai.cli.helptext import ledger_language
        from zhenggai.messages import language_of
        from zhenggai.render.checklist import format_check_list

        environ = dict(os.environ)
        setting = ledger_language(ledger[0] if ledger else None, environ, Path.cwd())
        write_out(format_check_list(language_of(lang.value if lang else None, environ, setting)))
        return
    # The one-file checks, and hashing the evidence each task records, are done as
    # each changed file is read: where its task is built, on every core.
    loaded = open_ledger(ledger, no_cache, OneFileChecks, hash_evidence=True)
    levels = levels_for(loaded, _split(select), _split(ignore), _split(fail_on))
    today = today_for(loaded, as_of)
    baseline = _baseline(loaded.root, since) if since is not None else None
    if loaded.settings.children:
        report = _family_report(loaded, no_cache, allow_outside, baseline, since, as_of,
                                (_split(select), _split(ignore), _split(fail_on)))  # fmt: skip
    else:
        # A record dated after the real today is in the future, whatever day is asked about.
        report = run_checks(loaded, today, levels, baseline, real_today=today_for(loaded, None))
        loaded.save_cache()  # evidence hashes learnt by this run
    chosen = output_format or (
        CheckFormat.GITHUB if os.environ.get("GITHUB_ACTIONS") == "true" else CheckFormat.TEXT
    )
    language = language_for(loaded, lang)
    write_out(FORMATS[chosen.value](report, display_prefix(loaded.root), language))
    write_err(_summary(report, today, language))
    if report.errors:
        raise typer.Exit(1)


def _family_report(
    loaded: "Ledger",
    no_cache: bool,
    allow_outside: bool,
    baseline: "Baseline | None",
    since: str | None,
    as_of: "date | None",
    options: tuple[list[str], list[str], list[str]],
) -> "CheckReport":
    """The parent and every child, each checked with its own settings (the children on
    every core), as one report."""
    from functools import partial

    from zhenggai.checks.family import family_report, member_checks
    from zhenggai.checks.runner import OneFileChecks, levels_for
    from zhenggai.cli.family import family_of
    from zhenggai.ledger.family import Member, map_members
    from zhenggai.ledger.load import load_ledger

    def whole(member: Member) -> "Ledger":
        if not member.prefix:
            return loaded
        return load_ledger(
            member.ledger.root,
            use_cache=not no_cache,
            one_file_checks=OneFileChecks,
            hash_evidence=True,
            preload=False,
        )

    family = family_of(loaded, whole=False, allow_outside=allow_outside)
    job = partial(
        member_checks,
        load=whole,
        levels_of=lambda ledger: levels_for(ledger, *options),
        day_of=lambda ledger: today_for(ledger, as_of),
        real_day_of=lambda ledger: today_for(ledger, None),
        baseline_of=partial(_member_baseline, baseline, since),
    )
    return family_report(family, map_members(family.members, job))


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


def _member_baseline(
    parent: "Baseline | None", since: str | None, member: "Member"
) -> "Baseline | None":
    """A member's own tasks at ``--since``: the parent's as read, a child's from the git
    history that holds it (a submodule has its own); where that revision is not there,
    its change checks are not run and it is said."""
    if since is None or not member.prefix:
        return parent
    try:
        return _baseline(member.ledger.root, since)
    except LedgerError as err:
        from zhenggai.cli.common import language_in_use

        write_err(f"zhenggai: warning: {member.name}: {err.in_language(language_in_use())}")
        return None


def _baseline(root: Path, revision: str) -> "Baseline":
    """The ledger's tasks as they were at ``revision``, read from git."""
    from zhenggai.files.gitutil import GitError, files_at, repository_of, resolve_revision
    from zhenggai.ledger.baseline import build_baseline

    repository = repository_of(root)
    if repository is None:
        raise LedgerError(said("--since needs a git repository; {root} is not in one", root=root))
    try:
        commit = resolve_revision(repository, revision)
        files = files_at(repository, commit, root)
    except GitError as err:
        raise LedgerError(
            said("--since {revision}: {why}", revision=revision, why=err)
            if str(err)
            else said("--since {revision}: no such revision", revision=revision)
        ) from None
    prefix = root.resolve().relative_to(repository.resolve()).as_posix()
    return build_baseline(revision, files, "" if prefix == "." else prefix)
