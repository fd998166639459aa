"""What the reading commands ask a workspace: the rows of `list`, one task for `show`,
`status`, `check`, the closed tasks a 回头看 sample draws from — each built per ledger
by its own settings and day, and merged by the one rule of its kind."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from zhenggai.findings import LedgerError
from zhenggai.ledger.family import Member
from zhenggai.ledger.loaded import Ledger
from zhenggai.messages import Text
from zhenggai.messages import text as said
from zhenggai.records.vocab import SortKey
from zhenggai.workspace.names import Kind, resolve
from zhenggai.workspace.space import Workspace

# For the type checker only: each command imports what its own answer needs.
if TYPE_CHECKING:
    from zhenggai.checks.report import CheckReport
    from zhenggai.ledger.baseline import Baseline
    from zhenggai.ledger.queries import Selection, TaskFilter, TaskRow
    from zhenggai.reports.status import StatusReport

#: The options of `list` that name a registry entry, and what they name.
_NAMED = (("unit", "--unit", Kind.UNIT), ("lead_unit", "--lead-unit", Kind.UNIT),
          ("lead", "--lead", Kind.LEADER), ("problem", "--problem", Kind.PROBLEM))  # fmt: skip


def members_named(workspace: Workspace, child: str | None) -> list[Member]:
    """Every ledger of the workspace, or ``--child``'s (and its own children)."""
    members = workspace.members()
    if child is None:
        return members
    chosen = [m for m in members if m.name == child or m.name.startswith(child + ":")]
    if not chosen:
        names = [m.name for m in members if m.name]
        raise LedgerError(said("--child: unknown {value}; known: {known}", value=repr(child),
                               known=", ".join(names) or "—"))  # fmt: skip
    return chosen


def selection(
    workspace: Workspace, task_filter: TaskFilter, sort: SortKey, child: str | None = None
) -> tuple[Selection, int]:
    """The rows every ledger (or ``child``'s) selects, each by its own day and settings,
    named by their ledger and sorted as one; and how many tasks they hold in all."""
    from zhenggai.ledger.queries import Selection, select_tasks, sort_rows

    members = members_named(workspace, child)
    ids = {
        field: resolve(option, typed, kind, members)
        for field, option, kind in _NAMED
        if (typed := getattr(task_filter, field)) is not None
    }
    parts = []
    for member in members:
        if any(member.name not in found for found in ids.values()):
            continue  # it has no such unit, leader or problem: none of its tasks is asked
        named: dict[str, object] = {field: found[member.name] for field, found in ids.items()}
        own = replace(task_filter, **named)  # type: ignore[arg-type]
        part = select_tasks(member.ledger, workspace.today(member.ledger), own, sort)
        parts.append((member, part))
    total = sum(len(member.ledger.tasks) for member in members)
    if len(parts) == 1 and not parts[0][0].name:  # the ledger alone: its selection as it is
        return parts[0][1], total
    rows = [replace(row, ledger=member.name) for member, part in parts for row in part.rows]
    merged = Selection(workspace.today(), tuple(sort_rows(rows, sort)), task_filter, sort)
    return merged, total


def task_row(workspace: Workspace, typed: str) -> tuple[TaskRow, Ledger]:
    """The task ``typed`` names (over many ledgers ``提案局:TASK-042``, or a plain id one
    ledger alone holds), with its state on the day, and the ledger that holds it."""
    from zhenggai.days.state import compute_state
    from zhenggai.ledger.ids import resolve_task_id, task_ids_in
    from zhenggai.ledger.queries import TaskRow
    from zhenggai.writes.unit import locate

    ledger = workspace.ledger
    if workspace.is_family:
        root, named = locate(workspace.ledger, typed)
        ledger, typed = workspace.read(root), named.id
    task_id = resolve_task_id(typed, [*ledger.by_id, *task_ids_in(ledger.root)])
    loaded = ledger.by_id.get(task_id)
    if loaded is None:
        raise LedgerError(
            said("{id} does not load: see its findings above (`zhenggai check`)", id=task_id)
        )
    state = compute_state(loaded.timeline, ledger.settings, workspace.today(ledger))
    return TaskRow(loaded, state), ledger


def status(workspace: Workspace) -> StatusReport:
    """The status of every ledger, each by its own settings (the children on every
    core), as one report; the ledger alone, as it is."""
    from zhenggai.reports.status import build_status

    def job(ledger: Ledger, member: Member) -> StatusReport:
        return build_status(ledger, workspace.today(ledger))

    reports = workspace.each(job)
    if not workspace.is_family:
        return reports[0]
    from zhenggai.reports.family import build_family_status

    return build_family_status(workspace.family(whole=False), reports)


def check(
    workspace: Workspace, options: tuple[list[str], list[str], list[str]], since: str | None
) -> tuple[CheckReport, list[tuple[str, Text | str]]]:
    """Every ledger checked with its own settings and levels (``options``: select,
    ignore, fail-on), on the day asked and its real today, as one report; with
    ``since``, each against itself at that git revision. Also what could not be
    compared (a child whose history lacks the revision), to be said as warnings."""
    from zhenggai.checks.runner import OneFileChecks, levels_for, run_checks

    top = baseline_at(workspace.root, since) if since is not None else None

    def job(ledger: Ledger, member: Member) -> tuple[CheckReport, tuple[str, Text | str] | None]:
        baseline, warning = top, None
        if since is not None and member.prefix:  # a child: from the history that holds it
            try:
                baseline = baseline_at(ledger.root, since)
            except LedgerError as err:
                why = Text(*err.packed[0]) if err.packed else err.message  # pickled from a worker
                baseline, warning = None, (member.name, why)
        report = run_checks(ledger, workspace.today(ledger), levels_for(ledger, *options),
                            baseline, real_today=workspace.real_today(ledger))  # fmt: skip
        return report, warning

    results = workspace.each(job, one_file_checks=OneFileChecks, hash_evidence=True)
    warnings = [warning for _, warning in results if warning is not None]
    reports = [report for report, _ in results]
    if not workspace.is_family:
        return reports[0], warnings
    from zhenggai.checks.family import family_report

    return family_report(workspace.family(whole=False), reports), warnings


def baseline_at(root: Path, revision: str) -> Baseline:
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


def closed_rows(workspace: Workspace, closed_before: date | None) -> list[TaskRow]:
    """The closed tasks of every ledger a 回头看 sample draws from, named by ledger."""
    from zhenggai.reports.sampling import closed_population

    day = workspace.today()
    return [
        replace(row, ledger=member.name) if member.name else row
        for member in workspace.members()
        for row in closed_population(member.ledger, day, closed_before)
    ]
