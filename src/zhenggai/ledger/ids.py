"""Task ids as people type them: ``42``, ``task-042`` and ``TASK-42`` all mean TASK-042
when only one task has that number; an id that matches nothing says the nearest."""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable
from pathlib import Path

from zhenggai.findings import LedgerError
from zhenggai.ledger.paths import TASK_SUFFIX, TASKS_DIR
from zhenggai.messages import text as said

_TYPED = re.compile(r"(?:([^\W\d_][\w]*)-)?0*(\d+)")
_ID = re.compile(r"(.+)-0*(\d+)")


def task_ids_in(root: Path) -> list[str]:
    """The ids the task files under ``tasks/`` are named for (loaded or not)."""
    try:
        with os.scandir(root / TASKS_DIR) as entries:
            return sorted(
                entry.name.removesuffix(TASK_SUFFIX)
                for entry in entries
                if entry.name.endswith(TASK_SUFFIX) and not entry.name.startswith(".")
            )
    except OSError:
        return []


def resolve_task_id(typed: str, known: Iterable[str]) -> str:
    """The one id of ``known`` that ``typed`` names; LedgerError (the nearest ids named)
    when it names none, or several."""
    if not re.fullmatch(r"[^\s/\\]+", typed) or typed in (".", ".."):
        raise LedgerError(said("{typed} is not a task id", typed=repr(typed)))
    ids = sorted(set(known))
    if typed in ids:
        return typed
    text = typed.strip()
    typed_number = _TYPED.fullmatch(text)
    if typed_number is not None:
        word, number = typed_number.group(1), int(typed_number.group(2))
        matches = []
        for task_id in ids:
            parts = _ID.fullmatch(task_id)
            if (
                parts is not None
                and int(parts.group(2)) == number
                and (word is None or word.casefold() == parts.group(1).casefold())
            ):
                matches.append(task_id)
    else:
        matches = [task_id for task_id in ids if task_id.casefold() == text.casefold()]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise LedgerError(
            said(
                "{typed} could be {ids}: give the whole id",
                typed=repr(typed),
                ids=", ".join(matches),
            )
        )
    nearest = difflib.get_close_matches(text.upper(), ids, n=3, cutoff=0.6)
    if nearest:
        raise LedgerError(
            said(
                "no task {typed} in the ledger; the nearest: {ids} "
                "(`zhenggai list` shows them all)",
                typed=typed,
                ids=", ".join(nearest),
            )
        )
    raise LedgerError(
        said("no task {typed} in the ledger (`zhenggai list` shows them all)", typed=typed)
    )
