"""Reading task files for a cold run: on every core when there are enough of them, each
answer plain values a worker sends back cheaply (`FileRead`)."""

from __future__ import annotations

import marshal
import os
import posixpath
import sys
from collections.abc import Callable
from dataclasses import astuple, dataclass
from pathlib import Path
from typing import Any, NamedTuple

from zhenggai.files.document import ReadResult
from zhenggai.files.filestat import Stat, stat_key
from zhenggai.findings import FindingTuple
from zhenggai.ledger.cache import OwnFindings, digest
from zhenggai.ledger.loaded import LoadedTask
from zhenggai.ledger.reader import read_task, unreadable
from zhenggai.ledger.summary import summarize
from zhenggai.records.model import Task
from zhenggai.records.packing import pack
from zhenggai.records.validation import prepare

#: Below this many files to read, a second process costs more than it saves (300 files:
#: 0.53 s alone, 0.44 s forked; the measurements are in docs/performance.md).
PARALLEL_MIN_FILES = 250


class FileRead(NamedTuple):
    """What reading one task file gave, as plain values (a worker sends them back cheaply):
    for a task, its record and summary packed, its positions as marshal data, its
    own findings packed and its evidence hashes; for a file that did not read, ``rejected``."""

    content: bytes | None  # the file's content digest (`cache.digest`), None if unread
    record: bytes | None = None  # marshal data of the packed task
    summary: Any = None  # the packed `TaskSummary`
    positions: bytes | None = None  # marshal data of its key positions
    own_findings: Any = None  # the packed findings of the one-file checks, or None
    hashes: tuple[tuple[str, Stat, str], ...] = ()  # (path, stat, sha256) of its evidence
    rejected: tuple[FindingTuple, ...] = ()  # the findings that kept it out, as tuples


def threads_running() -> bool:
    """Whether other threads run here (a program that loads ledgers itself): a process
    with threads is not forked, as a lock one of them holds would never be let go."""
    threading = sys.modules.get("threading")
    return threading is not None and threading.active_count() > 1


def in_worker() -> bool:
    """Whether this is a worker of a pool (one child ledger of many, `family`): a pool's
    workers may not start pools of their own."""
    from multiprocessing import current_process

    return bool(current_process().daemon)


@dataclass(frozen=True)
class ReadExtras:
    """What is done with each task file read, besides reading it (see `load_ledger`)."""

    own_findings_of: Callable[[LoadedTask], OwnFindings] | None = None
    hash_evidence: bool = False


# The extras of the run, for the worker processes: set before they fork.
_worker_extras = ReadExtras()


def read_all(root: Path, rels: list[str], extras: ReadExtras = ReadExtras()) -> list[FileRead]:
    """Read, parse and validate task files, on every core when there are enough to pay for it."""
    if not rels:
        return []
    workers = min(os.cpu_count() or 1, 8)
    root_text = str(root)
    if len(rels) < PARALLEL_MIN_FILES or workers < 2:
        return [read_for_cache(root_text, rel, extras) for rel in rels]
    from multiprocessing import get_all_start_methods, get_context  # only for large ledgers

    if "fork" not in get_all_start_methods() or threads_running() or in_worker():
        return [read_for_cache(root_text, rel, extras) for rel in rels]
    # fork: the workers start with everything imported and the validator built (built
    # after the fork, each worker would build its own: slower than not forking at all).
    prepare(Task)
    chunk = max(1, len(rels) // (workers * 4))
    # A forked worker inherits its initializer's arguments; nothing is pickled.
    pool = get_context("fork").Pool(workers, initializer=_set_worker_extras, initargs=(extras,))
    with pool:
        return pool.starmap(_read_in_worker, [(root_text, rel) for rel in rels], chunksize=chunk)


def _set_worker_extras(extras: ReadExtras) -> None:
    global _worker_extras
    _worker_extras = extras


def _read_in_worker(root_text: str, rel: str) -> FileRead:
    return read_for_cache(root_text, rel, _worker_extras)


def read_for_cache(root_text: str, rel: str, extras: ReadExtras = ReadExtras()) -> FileRead:
    """Read one task file (``rel`` from the root ``root_text``) by the strict reader."""
    from zhenggai.files.yamlio import read_raw

    path = f"{root_text}/{rel}"  # no Path: it costs as much as reading the file
    raw = read_raw(path)
    if isinstance(raw, ReadResult):
        return FileRead(None, rejected=tuple(astuple(finding) for finding in unreadable(raw, rel)))
    reading = read_task(raw, path, rel, positions=True)
    task, document = reading.task, reading.document
    if task is None or document is None:
        return FileRead(
            digest(raw), rejected=tuple(astuple(finding) for finding in reading.findings)
        )
    summary = summarize(task)
    packed_own_findings = None
    if extras.own_findings_of is not None:
        loaded = LoadedTask.of_task(rel, root_text, summary, task, document)
        key, own_findings = extras.own_findings_of(loaded)
        packed_own_findings = (key, [astuple(finding) for finding in own_findings])
    return FileRead(
        digest(raw),
        marshal.dumps(pack(task)),
        pack(summary),
        marshal.dumps(document.computed_positions() or {}),
        packed_own_findings,
        tuple(_evidence_hashes(root_text, task)) if extras.hash_evidence else (),
    )


def _evidence_hashes(root_text: str, task: Task) -> list[tuple[str, Stat, str]]:
    """The sha256 of each regular file ``task`` records as evidence, with its stat.

    Only worked out here, ahead of the evidence check: that check still decides
    which files may be trusted (inside the ledger, listed under evidence/).
    """
    from zhenggai.files.within import hash_within
    from zhenggai.ledger.evidence import is_relative_inside

    found = []
    for record in task.evidence:
        if not is_relative_inside(record.path):
            continue  # never read outside the ledger; the evidence check reports the path
        try:
            # No link followed on the way, never a FIFO or a device: reading could block.
            sha256, info = hash_within(root_text, posixpath.normpath(record.path))
        except OSError:
            continue  # missing, or a link: the evidence check says so
        found.append((record.path, stat_key(info), sha256))
    return found
