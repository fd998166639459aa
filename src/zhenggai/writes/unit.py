"""The one unit of work every write command goes through.

Find the ledger that holds what is written (in a parent, the child that holds the
task), take its lock, read it, plan the change, judge every task it writes by the
checks, apply it all or nothing, look again at what the checks now say of the
edited task, and commit when asked — in that order, for every write: the task
edits, the registries, notices recorded, samples and reviews, imports. The lock is
held from reading to writing, so what was planned is what is written.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from zhenggai.findings import Finding, LedgerError
from zhenggai.ledger.family import Family, Member, load_family
from zhenggai.ledger.ids import resolve_task_id, task_ids_in
from zhenggai.ledger.load import load_ledger
from zhenggai.ledger.loaded import Ledger
from zhenggai.ledger.paths import EVIDENCE_DIR
from zhenggai.ledger.qualified import QualifiedId
from zhenggai.messages import text as said
from zhenggai.writes.change import Change, apply_change
from zhenggai.writes.plan import judge_plan


@dataclass(frozen=True)
class Target:
    """What a change is planned against: the ledger it writes in, read under its lock
    (registries only, or whole where the change needs every task), and the task named."""

    ledger: Ledger
    task: QualifiedId | None  # the task named, its id as in ``ledger`` (None: no task)
    today: date  # the real today in the ledger's timezone: records are never after it
    top: Ledger  # the ledger the command opened (the same, unless the task is a child's)

    @property
    def task_id(self) -> str:
        assert self.task is not None, "this write names no task"
        return self.task.id


@dataclass(frozen=True)
class Written:
    """What a write did: the change, what the checks now say of its task, the commit."""

    change: Change
    findings: tuple[Finding, ...]  # on the edited task, after writing (never errors)
    committed: str | None  # the short commit id, when committed
    wanted_commit: bool  # a commit was asked for (the option, else the ledger's setting)


#: The real today of a ledger (in its timezone), from the clock the command line read.
TodayOf = Callable[[Ledger], date]


def locate(top: Ledger, typed: str) -> tuple[Path, QualifiedId]:
    """The ledger of ``top``'s family that holds the task ``typed`` names, and the task
    there (``top`` and its children read without their tasks: enough to find them).

    ``提案局:TASK-042`` names the child; a plain id is that of the one ledger holding
    it (the ledger itself when it has no children); held by several, it is refused,
    each qualified id named.
    """
    family = _registries(top)
    named = QualifiedId.parse(typed)
    ids: dict[Path, list[str]] = {}  # each ledger's task files, listed once

    def ids_of(member: Member) -> list[str]:
        return ids.setdefault(member.ledger.root, task_ids_in(member.ledger.root))

    if named.ledger:
        members = [m for m in family.members if m.name == named.ledger]
        if not members:
            known = ", ".join(m.name for m in family.children)
            raise LedgerError(said("no ledger {name} here; known: {known}",
                                   name=repr(named.ledger), known=known or "—"))  # fmt: skip
    elif len(family.members) == 1:
        members = family.members
    else:
        wanted = named.id.upper()
        members = [
            m for m in family.members if any(task_id.upper() == wanted for task_id in ids_of(m))
        ]
        if len(members) > 1:
            raise LedgerError(
                said("{id} is in {n} ledgers: name one, e.g. {choices}", id=named.id,
                     n=len(members), choices=", ".join(m.qualified(named.id) for m in members))
            )  # fmt: skip
    member = members[0] if members else family.members[0]
    task_id = resolve_task_id(named.id, ids_of(member))
    return member.ledger.root, QualifiedId(member.name, task_id)


def _registries(top: Ledger) -> Family:
    """The family of ``top`` (a ledger without children is a family of one)."""

    def load(root: Path) -> Ledger:
        return top if root == top.root else load_ledger(root, task_files=[])

    return load_family(top.root, load)


def write_change(
    top: Ledger,
    typed: str | None,
    make: Callable[[Target], Change],
    today_of: TodayOf,
    commit: bool | None,
    *,
    whole: bool = False,
) -> Written:
    """Plan the change ``make`` gives for the task ``typed`` (None: the ledger ``top``
    itself), and write it as one unit: locked, judged, all or nothing, re-checked,
    committed when ``commit`` says (None: the ledger's ``commit`` setting). ``top`` is
    the ledger as the command found it; what the change is planned on is read again
    under the lock."""
    root, task = locate(top, typed) if typed is not None else (top.root, None)
    with contextlib.ExitStack() as locks:
        from zhenggai.files.lock import ledger_lock

        locks.enter_context(ledger_lock(root))
        finish_killed_write(root)
        ledger = load_ledger(root, task_files=None if whole else [])
        parent = ledger
        if root.resolve() != top.root.resolve():  # a child's task: the parent is locked too
            locks.enter_context(ledger_lock(top.root))
            parent = load_ledger(top.root, task_files=[])
        change = make(Target(ledger, task, today_of(ledger), parent))
        for plan in change.tasks:
            # Judged on the ledger's real today, not the record's day: a back-dated note
            # must not hide what is wrong today. A write never leaves an error behind.
            held_by = ledger if plan.path.parent.parent == ledger.root else parent
            judge_plan(held_by, plan, today_of(held_by))
        apply_change(change)
    findings = _recheck(change, today_of(ledger)) if change.recheck else ()
    owner = parent if change.root == parent.root else ledger
    wanted = bool(change.files) and (commit if commit is not None else owner.settings.commit)
    committed = _commit(change) if wanted else None
    return Written(change, findings, committed, wanted)


def write_changes(
    top: Ledger,
    makes: list[Callable[[Target], Change]],
    today_of: TodayOf,
    commit: bool | None,
) -> list[Written | LedgerError]:
    """Several changes of the ledger ``top`` itself, one after another under one lock and
    one reading of its registries (a hundred returned forms: one unit of work each, not a
    hundred readings): each planned, judged, written all or nothing and committed on its
    own; what each did, or why it was refused (the others are written all the same).
    Each ``make`` reads what it changes from disk, where the ones before it wrote."""
    from zhenggai.files.lock import ledger_lock

    done: list[Written | LedgerError] = []
    with ledger_lock(top.root):
        finish_killed_write(top.root)
        ledger = load_ledger(top.root, task_files=[])
        wanted = commit if commit is not None else ledger.settings.commit
        for make in makes:
            try:
                change = make(Target(ledger, None, today_of(ledger), ledger))
                for plan in change.tasks:
                    judge_plan(ledger, plan, today_of(ledger))
                apply_change(change)
            except LedgerError as err:
                done.append(err)
                continue
            asked = bool(change.files) and wanted
            done.append(Written(change, (), _commit(change) if asked else None, asked))
    return done


def finish_killed_write(root: Path) -> bool:
    """Finish a write of the ledger at ``root`` that was killed between its renames (the
    caller holds the lock); whether there was one."""
    from zhenggai.files.journal import JOURNAL, recover

    try:
        return recover(root)
    except ValueError:
        raise LedgerError(
            said("{file} in {root} is not a journal zhenggai wrote: remove it (no zhenggai "
                 "command is writing)", file=JOURNAL, root=root)
        ) from None  # fmt: skip


def _recheck(change: Change, today: date) -> tuple[Finding, ...]:
    """What the checks now say of the edited task (they never undo the edit)."""
    from zhenggai.checks.runner import levels_for, run_checks

    (plan,) = change.tasks
    ledger = load_ledger(change.root, task_files=[plan.rel])
    # unique-id and review-record need every task: `check` runs them
    levels = levels_for(ledger, ignore=["unique-id", "review-record"])
    report = run_checks(ledger, today, levels, real_today=today)
    evidence_folder = f"{EVIDENCE_DIR}/{plan.task_id}/"
    return tuple(
        finding
        for finding in report.findings
        if finding.task == plan.task_id or finding.path.startswith(evidence_folder)
    )


def _commit(change: Change) -> str | None:
    """Commit exactly the change's files; None when the ledger is not in a repository."""
    from zhenggai.files.gitutil import GitError, commit, repository_of

    repository = repository_of(change.root)
    if repository is None:
        return None
    try:
        return commit(repository, change.paths, change.for_git)
    except GitError as err:
        raise LedgerError(
            said("the change is written, but git could not commit it: {why}", why=err)
        ) from None
