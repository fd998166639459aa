"""The one change type every write command makes, and the one way it is applied.

A change is planned whole before anything is written: the files it replaces or
creates (each read back by the ledger's strict reader when it was planned), the
evidence files it copies in, and the task plans among them that the checks judge
before writing and look at again after. `apply_change` copies the evidence in, then
writes every file all or none; on any failure what was copied is removed and what
was written put back, so the ledger is as it was.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zhenggai.files.atomic import copy_atomic, make_folders, remove_folders, write_atomic
from zhenggai.files.journal import write_journaled
from zhenggai.findings import LedgerError
from zhenggai.ledger.evidence import StoredEvidence
from zhenggai.messages import Text
from zhenggai.messages import text as said
from zhenggai.writes.plan import Plan


@dataclass(frozen=True)
class Change:
    """What one write command writes, in one ledger (``root``)."""

    root: Path
    message: Text  # said to the user in the ledger's language; the commit in English
    files: tuple[tuple[Path, bytes], ...] = ()  # whole new contents, written all or none
    copies: tuple[StoredEvidence, ...] = ()  # evidence copied in before the files
    tasks: tuple[Plan, ...] = ()  # the task plans among the files: judged, then re-checked
    created: str | None = None  # the id of a task it makes (printed for scripts)
    warnings: tuple[Text, ...] = ()  # for the user, e.g. a year with no holiday calendar
    commit_message: str | None = None  # when the commit says more or less than ``message``
    recheck: bool = False  # look again at the one task it edits, after writing
    shows_files: bool = True  # whether the user is told the files (not a hundred notices)

    @property
    def paths(self) -> list[Path]:
        """Every file the change writes or copies in (what a commit takes)."""
        return [path for path, _ in self.files] + [self.root / item.path for item in self.copies]

    @property
    def shown(self) -> list[str]:
        """The files it writes, relative to its ledger (what the user is told)."""
        return [Path(os.path.relpath(path, self.root)).as_posix() for path, _ in self.files]

    @property
    def for_git(self) -> str:
        return self.commit_message or self.message.english()


def of_plan(plan: Plan) -> Change:
    """The change of one task edit: its file, its evidence, said as the plan says it."""
    assert plan.packed is not None
    return Change(
        plan.path.parent.parent,
        Text(*plan.packed),
        ((plan.path, plan.content),),
        plan.copies,
        (plan,),
        plan.task_id if plan.created else None,
        plan.warnings,
        plan.message,
        recheck=True,
    )


def of_plans(root: Path, plans: Iterable[Plan], message: Text, **extra: Any) -> Change:
    """The change of several task edits in the ledger at ``root``, said as ``message``."""
    plans = tuple(plans)
    files = tuple((plan.path, plan.content) for plan in plans)
    copies = tuple(item for plan in plans for item in plan.copies)
    return Change(root, message, files, copies, plans, **extra)


def apply_change(change: Change) -> None:
    """Copy the evidence in, then write every file all or none; on failure, remove what
    was copied and the folders made for it, so the ledger is as it was."""
    copied: list[Path] = []
    made: list[Path] = []
    try:
        for item in change.copies:
            target = change.root / item.path
            if target.exists():
                raise LedgerError(
                    said("{file} appeared while the edit was being planned", file=item.path)
                )
            made += make_folders(target.parent)
            written = copy_atomic(item.source, target)
            copied.append(target)
            if written != (item.sha256, item.size):
                raise LedgerError(
                    said("{file} changed while it was being copied; try again", file=item.source)
                )
        if len(change.files) == 1:  # one file: replaced whole, its own sync and its errors
            write_atomic(*change.files[0])
        else:  # several: all or none, a kill between two renames included
            write_journaled(change.root, list(change.files))
    except BaseException:
        for target in copied:
            with contextlib.suppress(FileNotFoundError):
                target.unlink()
        remove_folders(made)
        raise
