"""The commands that change a task: `progress`, `extend`, `close`, `reopen`, `correct`,
and what every write shares (the lock, the check before writing, `--commit`)."""

import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zhenggai.cli.common import (
    LangOption,
    LedgerOption,
    display_prefix,
    language_for,
    said_now,
    today_for,
    write_err,
    write_out,
)
from zhenggai.cli.options import TaskIdArgument
from zhenggai.findings import LedgerError
from zhenggai.messages import reason_of
from zhenggai.messages import text as said

if TYPE_CHECKING:
    from zhenggai.labels import Language
    from zhenggai.ledger.loaded import Ledger
    from zhenggai.writes.plan import Plan

DateOption = Annotated[
    str | None,
    typer.Option(
        "--date",
        metavar="YYYY-MM-DD",
        help="The day of the record. Default: today in the ledger's timezone.",
        show_default=False,
    ),
]
CommitOption = Annotated[
    bool | None,
    typer.Option(
        "--commit/--no-commit",
        help="Commit the change to git. Default: the ledger's `commit` setting.",
        show_default=False,
    ),
]
ByOption = Annotated[
    str | None,
    typer.Option(
        "--by",
        help="Who records it. Default: $ZHENGGAI_USER, else git's user.name.",
        show_default=False,
    ),
]


def _day(ledger: "Ledger", text: str | None) -> date:
    """The day of a new record: --date, else today; never after today."""
    from zhenggai.writes.plan import record_day

    return record_day(_parse_option_date(text, "--date"), today_for(ledger, None))


def _task(ledger: "Ledger", typed: str) -> str:
    """The id a task was named by as typed (``42``, ``task-042``), from its files. In a
    parent ledger, a child's task (``提案局:TASK-042``, or a plain id only a child
    holds) sends the write to that child (`ToChild`, caught by `_edit`)."""
    from zhenggai.ledger.ids import resolve_task_id, task_ids_in

    if typed in _routed:
        typed = _routed[typed]
    elif ledger.settings.children:
        from zhenggai.cli.family import route_task

        routed = route_task(ledger, typed)
        if routed is not None:
            raise ToChild(routed[0], typed, routed[1])
        typed = typed.rpartition(":")[2]
    return resolve_task_id(typed, task_ids_in(ledger.root))


class ToChild(Exception):
    """The task of a write lives in a child ledger: the write goes there, under its lock."""

    def __init__(self, root: Path, typed: str, plain: str) -> None:
        super().__init__(typed)
        self.root, self.typed, self.plain = root, typed, plain


#: Ids typed for a write that were sent to a child ledger: as typed → the id there.
_routed: dict[str, str] = {}


def _who(by: str | None, root: Path) -> str | None:
    """Who records it: --by, else $ZHENGGAI_USER, else git's user.name."""
    if by:
        return by
    if os.environ.get("ZHENGGAI_USER"):
        return os.environ["ZHENGGAI_USER"]
    from zhenggai.files.gitutil import user_name

    return user_name(root)


def _edit(
    ledger_option: list[Path] | None,
    commit_option: bool | None,
    make_plan: "Callable[[Ledger], Plan]",
) -> None:
    """Lock, plan, judge, write, re-check, commit: the one path every write command takes."""
    from zhenggai.cli.common import find_root

    root = find_root(ledger_option)
    try:
        ledger, plan, today = _planned_and_written(root, make_plan)
    except ToChild as child:  # the task is a child ledger's: written there, under its lock
        _routed[child.typed] = child.plain
        root = child.root
        ledger, plan, today = _planned_and_written(root, make_plan)
    prefix = display_prefix(root)
    shown = f"{prefix}/{plan.rel}" if prefix else plan.rel
    write_out(f"{plan.task_id}\n" if plan.created else "")
    from zhenggai.messages import say_packed

    language = language_for(ledger, None)
    for warning in plan.warnings:
        write_err(f"zhenggai: warning: {say_packed(warning.packed(), language)}")
    said = say_packed(plan.said, language) if plan.said else plan.message
    write_err(f"zhenggai: {said} ({shown})")
    # Judged on the ledger's today, not the record's day: a back-dated note must not hide
    # that the task is late now. Warnings only: errors were refused before writing.
    _recheck(root, plan, today, language)
    if commit_option if commit_option is not None else ledger.settings.commit:
        _commit(root, plan)


def _planned_and_written(
    root: Path, make_plan: "Callable[[Ledger], Plan]"
) -> "tuple[Ledger, Plan, date]":
    from zhenggai.files.lock import ledger_lock
    from zhenggai.ledger.load import load_ledger
    from zhenggai.writes.plan import apply_plan, judge_plan

    with ledger_lock(root):
        # Registries only: an edit reads the one task it changes.
        ledger = load_ledger(root, task_files=[])
        language_for(ledger, None)  # a refusal is said in the ledger's language
        plan = make_plan(ledger)
        today = today_for(ledger, None)
        judge_plan(ledger, plan, today)  # a write never leaves an error behind
        apply_plan(plan)
    return ledger, plan, today


def _recheck(root: Path, plan: "Plan", today: date, language: "Language") -> None:
    """Show what the checks now say about the edited task (they never undo the edit)."""
    from zhenggai.checks.runner import levels_for, run_checks
    from zhenggai.ledger.load import load_ledger
    from zhenggai.render.findings import format_findings

    ledger = load_ledger(root, task_files=[plan.rel])
    levels = levels_for(ledger, ignore=["unique-id"])  # needs every task; `check` runs it
    report = run_checks(ledger, today, levels, real_today=today)
    from zhenggai.ledger.paths import EVIDENCE_DIR

    evidence_folder = f"{EVIDENCE_DIR}/{plan.task_id}/"
    mine = [
        finding
        for finding in report.findings
        if finding.task == plan.task_id or finding.path.startswith(evidence_folder)
    ]
    sys.stderr.write(format_findings(mine, display_prefix(root), language))


def _commit(root: Path, plan: "Plan") -> None:
    commit_paths(root, [plan.path, *(root / item.path for item in plan.copies)], plan.message)


def commit_paths(root: Path, paths: "list[Path]", message: str) -> None:
    """Commit exactly ``paths`` with ``message`` (``--commit``), or say why not."""
    from zhenggai.files.gitutil import GitError, commit, repository_of

    repository = repository_of(root)
    if repository is None:
        write_err(
            "zhenggai: "
            + said_now(said("not a git repository: the change is written but not committed"))
        )
        return
    try:
        short = commit(repository, paths, message)
    except GitError as err:
        raise LedgerError(
            said("the change is written, but git could not commit it: {why}", why=err)
        ) from None
    write_err("zhenggai: " + said_now(said("committed {commit}", commit=short)))


def _parse_option_date(text: str | None, option: str) -> date | None:
    from zhenggai.days.dates import parse_iso_date

    if text is None:
        return None
    try:
        return parse_iso_date(text)
    except ValueError as err:
        raise typer.BadParameter(said_now(reason_of(err)), param_hint=option) from None


def progress(
    task_id: TaskIdArgument,
    text: Annotated[str, typer.Argument(metavar="NOTE", help="What was done.")],
    day: DateOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
    lang: LangOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Append a dated progress note to a task (the weekly report's raw material)."""
    from zhenggai.writes.edits import plan_progress

    def make(loaded: "Ledger") -> "Plan":
        return plan_progress(
            loaded, _task(loaded, task_id), _day(loaded, day), text, _who(by, loaded.root)
        )

    _edit(ledger, commit, make)


def extend(
    task_id: TaskIdArgument,
    to: Annotated[
        str,
        typer.Option(
            "--to", help="The new deadline: a date, or +30d/+2m/+10wd from the current one."
        ),
    ],
    reason: Annotated[str, typer.Option("--reason", help="Why the deadline moves.")],
    approved_by: Annotated[
        str | None,
        typer.Option("--approved-by", help="Who approved the extension.", show_default=False),
    ] = None,
    day: DateOption = None,
    commit: CommitOption = None,
    lang: LangOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Move a task's deadline (延期), keeping the original in the extension record."""
    from zhenggai.writes.edits import plan_extend

    def make(loaded: "Ledger") -> "Plan":
        return plan_extend(
            loaded, _task(loaded, task_id), to, reason, approved_by, _day(loaded, day)
        )

    _edit(ledger, commit, make)


def close(
    task_id: TaskIdArgument,
    evidence: Annotated[
        list[Path] | None,
        typer.Option(
            "--evidence", metavar="FILE", help="An evidence file; repeatable.", show_default=False
        ),
    ] = None,
    summary: Annotated[
        str | None,
        typer.Option(
            "--summary", help="What was done. Default: the last progress note.", show_default=False
        ),
    ] = None,
    approved_by: Annotated[
        str | None,
        typer.Option("--approved-by", help="Who accepted the work (验收).", show_default=False),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option("--kind", help="Kind of evidence: 纪要, 制度文件, 照片…", show_default=False),
    ] = None,
    no_evidence: Annotated[
        bool,
        typer.Option("--no-evidence", help="Close without evidence, where the ledger allows it."),
    ] = False,
    reason: Annotated[
        str | None,
        typer.Option(
            "--reason", help="Why there is no evidence (with --no-evidence).", show_default=False
        ),
    ] = None,
    day: DateOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
    lang: LangOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Sign a task off (销号): copy its evidence in, record the hashes, mark it done."""
    from zhenggai.writes.edits import plan_close

    if no_evidence and evidence:
        raise typer.BadParameter(said_now(said("give --evidence or --no-evidence, not both")))
    if reason is not None and not no_evidence:
        raise typer.BadParameter(said_now(said("--reason goes with --no-evidence")))

    def make(loaded: "Ledger") -> "Plan":
        who = _who(by, loaded.root)
        if not who:
            raise LedgerError(said("who signs it off? give --by (or set ZHENGGAI_USER)"))
        return plan_close(
            loaded,
            _task(loaded, task_id),
            list(evidence or ()),
            day=_day(loaded, day),
            by=who,
            summary=summary,
            approved_by=approved_by,
            kind=kind,
            no_evidence_reason=(reason or "") if no_evidence else None,
        )

    _edit(ledger, commit, make)


def reopen(
    task_id: TaskIdArgument,
    reason: Annotated[str, typer.Option("--reason", help="What the spot check (回头看) found.")],
    day: DateOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
    lang: LangOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Reopen a closed task; its sign-off is kept under the reopening."""
    from zhenggai.writes.edits import plan_reopen

    def make(loaded: "Ledger") -> "Plan":
        return plan_reopen(
            loaded, _task(loaded, task_id), reason, _who(by, loaded.root), _day(loaded, day)
        )

    _edit(ledger, commit, make)
