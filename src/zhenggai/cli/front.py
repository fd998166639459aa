"""The command line's side of the workspace: opening it from the options, saying
what could not be read and what a write did, and ending a run with its exit status.
Every command goes through here; none opens a ledger, takes a lock or saves a cache."""

import os
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from zhenggai.cli.common import display_prefix, language_for, say_now, write_err, write_out
from zhenggai.messages import text as said

if TYPE_CHECKING:
    from zhenggai.cli.common import OutputLanguage
    from zhenggai.ledger.load import OwnFindingsMaker
    from zhenggai.workspace.space import Options, Unreadable, Workspace
    from zhenggai.writes.unit import Written


def options(
    as_of: date | None = None, no_cache: bool = False, allow_outside: bool = False
) -> "Options":
    """What a run reads once: the clock (the only place it is read), the environment."""
    from zhenggai.workspace.space import Options

    return Options(
        now=datetime.now(UTC),
        as_of=as_of,
        use_cache=not no_cache,
        allow_outside=allow_outside,
        # Preloading (the task folder stat'ed in a child process) is a choice, as git's
        # core.preloadIndex: on by default, where it measured faster (docs/performance.md).
        preload=os.environ.get("ZHENGGAI_PRELOAD", "1") != "0",
        user=os.environ.get("ZHENGGAI_USER") or None,
    )


def roots(paths: list[Path] | None) -> list[Path]:
    """The ledgers named by --ledger (several read as one), else the one found."""
    from zhenggai.ledger.find import find_ledger

    return [find_ledger(path, os.environ, Path.cwd()) for path in paths or [None]]  # type: ignore[list-item]


def open_reading(
    ledger: list[Path] | None,
    lang: "OutputLanguage | None" = None,
    as_of: date | None = None,
    no_cache: bool = False,
    allow_outside: bool = False,
    *,
    quiet: bool = False,
    one_file_checks: "OwnFindingsMaker | None" = None,
    hash_evidence: bool = False,
) -> "Workspace":
    """The workspace a reading command reads; every file that could not be read is said
    on stderr as it is found (unless ``quiet``: `check` reports them as findings)."""
    from zhenggai.workspace.space import open_workspace

    workspace = open_workspace(
        roots(ledger),
        options(as_of, no_cache, allow_outside),
        one_file_checks=one_file_checks,
        hash_evidence=hash_evidence,
        note_own=not quiet,
    )
    _kept[:] = [workspace]
    language_for(workspace.ledger, lang)  # what an error is said in from now on
    if not quiet:
        workspace.listen(say_unreadable)
    return workspace


def open_writing(ledger: list[Path] | None, lang: "OutputLanguage | None" = None) -> "Workspace":
    """The workspace a write goes to: one ledger (with its children), its registries."""
    from zhenggai.workspace.space import open_workspace

    workspace = open_workspace(roots(ledger), options(), writing=True)
    language_for(workspace.ledger, lang)  # a refusal is said in the ledger's language
    return workspace


#: The workspace of the run, held until the process ends (`app.main` frees nothing).
_kept: list["Workspace"] = []


def say_unreadable(unreadable: "Unreadable") -> None:
    """Files that could not be read, each where it is, and what it means for the output."""
    from zhenggai.cli.common import language_in_use
    from zhenggai.findings import Finding
    from zhenggai.messages import say_packed, text_n
    from zhenggai.render.findings import format_findings

    language = language_in_use()
    findings = sorted(unreadable.findings, key=Finding.sort_key)
    sys.stderr.write(format_findings(findings, display_prefix(unreadable.root), language))
    line = text_n(
        "zhenggai: {n} problem in the ledger's files; what they hold is missing above "
        "(run `zhenggai check`)",
        "zhenggai: {n} problems in the ledger's files; what they hold is missing above "
        "(run `zhenggai check`)",
        len(findings),
    )
    write_err(say_packed(line.packed(), language))


def finish(workspace: "Workspace") -> None:
    """End a reading run: the caches saved; exit 1 when a file could not be read (the
    output is out, and CI is told it lacks what those files hold)."""
    workspace.finish()
    if workspace.broken:
        raise typer.Exit(1)


def say_written(written: "Written", *, message: bool = True) -> None:
    """What a write did: the new task's id on stdout; warnings, the change and its
    files, what the checks now say of the task, and the commit on stderr."""
    from zhenggai.cli.common import language_in_use
    from zhenggai.messages import say_packed
    from zhenggai.render.findings import format_findings

    change = written.change
    language = language_in_use()
    if change.created:
        write_out(f"{change.created}\n")
    for warning in change.warnings:
        write_err(f"zhenggai: warning: {say_packed(warning.packed(), language)}")
    prefix = display_prefix(change.root)
    if message:
        line = f"zhenggai: {say_packed(change.message.packed(), language)}"
        if change.shows_files:
            shown = ", ".join(f"{prefix}/{rel}" if prefix else rel for rel in change.shown)
            line += f" ({shown})"
        write_err(line)
    if written.findings:
        sys.stderr.write(format_findings(list(written.findings), prefix, language))
    if written.committed is not None:
        write_err("zhenggai: " + say_now(said("committed {commit}", commit=written.committed)))
    elif written.wanted_commit:
        write_err(
            "zhenggai: "
            + say_now(said("not a git repository: the change is written but not committed"))
        )
