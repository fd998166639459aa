"""Preloading, as git's preload-index: a forked child stats the task files (and takes
stock of evidence/) while the command reads the parse cache. On by default where it
pays (see `docs/performance.md`); `ZHENGGAI_PRELOAD=0` turns it off."""

from __future__ import annotations

import marshal
import os
from pathlib import Path
from typing import Any, BinaryIO

from zhenggai.ledger.cache import CACHE_DIR, CACHE_FILE
from zhenggai.ledger.inventory import Inventory
from zhenggai.ledger.paths import TASKS_DIR
from zhenggai.ledger.scan import TaskFolderScan, scan_tasks
from zhenggai.ledger.workers import threads_running

#: From a parse cache this large (some 1,200 tasks), a warm run stats the task files in a
#: second process while it reads the cache: below it the fork costs what it saves (the
#: measurements are in docs/performance.md; at 10,000 tasks it saves about a sixth).
PRELOAD_MIN_CACHE_BYTES = 1_000_000


class Preload:
    """`scan_tasks` in a forked child process, while this one reads the parse cache;
    then, for a command that checks evidence, `evidence.take_inventory`, while this
    one unpacks the tasks and runs the other checks.

    The stat calls are mostly the system's time, and the second core is idle then:
    git's preload-index does the same on threads, which in Python would only take
    turns holding the interpreter. Any failure of the child leaves its answers None,
    and this process does the work itself.
    """

    def __init__(self, folder: str, evidence_root: Path | None) -> None:
        """Start the child; OSError if it cannot be (no pipe or process to be had)."""
        reading, writing = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(reading)
            os.close(writing)
            raise
        if pid == 0:  # the child: answer, and end without cleaning up
            status = 1
            try:
                # Let go of the caller's terminal and pipes at once: `zhenggai check | cat`
                # must end with this process, not with a child still walking evidence/.
                quiet = os.open(os.devnull, os.O_RDWR)
                for stream in (0, 1, 2):
                    os.dup2(quiet, stream)
                os.close(reading)
                with open(writing, "wb") as out:
                    _send(out, scan_tasks(folder, with_stat=True))
                    if evidence_root is not None:
                        from zhenggai.ledger.inventory import take_inventory

                        _send(out, take_inventory(evidence_root))
                status = 0
            finally:
                os._exit(status)
        os.close(writing)
        self._pid: int | None = pid
        self._answers: BinaryIO | None = open(reading, "rb")  # noqa: SIM115 (read twice)
        self._scanned = False

    def result(self) -> TaskFolderScan | None:
        """The child's scan of the task folder, or None if it has none to give."""
        self._scanned = True
        scan: TaskFolderScan | None = self._receive()
        return scan

    def evidence_inventory(self) -> Inventory | None:
        """The child's inventory of evidence/, or None if it has none to give."""
        if not self._scanned:
            self.result()  # the scan comes first on the pipe, even if it went unused
        inventory: Inventory | None = self._receive()
        self.close()
        return inventory

    def _receive(self) -> Any:
        if self._answers is None:
            return None
        try:
            length = int.from_bytes(self._answers.read(8), "little")
            answer = marshal.loads(self._answers.read(length))
        except (OSError, EOFError, ValueError, TypeError):
            self.close()
            return None
        return answer

    def close(self) -> None:
        """End the child, answered or not (if not, its write fails, and it ends)."""
        if self._answers is not None:
            self._answers.close()
            self._answers = None
        if self._pid is not None:
            os.waitpid(self._pid, 0)
            self._pid = None


def _send(out: BinaryIO, answer: Any) -> None:
    data = marshal.dumps(answer)
    out.write(len(data).to_bytes(8, "little"))
    out.write(data)
    out.flush()  # the first answer must not wait for the second


def start_preload(root: Path, task_files: list[str] | None, with_evidence: bool) -> Preload | None:
    """A scan of the task folder (and, ``with_evidence``, an inventory of evidence/)
    started in a child process, where it pays for itself."""
    if task_files is not None or not hasattr(os, "fork") or threads_running():
        return None
    try:
        cache_size = (root / CACHE_DIR / CACHE_FILE).stat().st_size
    except OSError:
        return None
    folder = os.path.join(root, TASKS_DIR)
    if cache_size < PRELOAD_MIN_CACHE_BYTES or os.path.islink(folder) or not os.path.isdir(folder):
        return None
    try:
        return Preload(folder, root if with_evidence else None)
    except OSError:
        return None  # no pipe or process to be had: this process scans
