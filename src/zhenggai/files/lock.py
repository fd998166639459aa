"""One writer at a time: a lock on the ledger for every command that changes it."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from zhenggai.findings import LedgerError
from zhenggai.messages import text as said

LOCK_FILE = ".zhenggai.files.lock"


@contextmanager
def ledger_lock(root: Path, timeout: float = 30.0) -> Iterator[None]:
    """Hold the ledger's lock for the body of the ``with``.

    An OS lock rather than a lock file that exists or not: the kernel releases
    it when the holder exits or is killed, so a crashed command can never
    leave a stale lock. On POSIX the ledger folder itself is locked (flock on
    its descriptor), so nothing appears in the user's work tree; Windows locks
    a byte of a ``.zhenggai.files.lock`` file instead.
    """
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        descriptor = os.open(root / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    else:
        descriptor = os.open(root, os.O_RDONLY)
    try:
        _acquire(descriptor, timeout)
        try:
            yield
        finally:
            _release(descriptor)
    finally:
        os.close(descriptor)


def _acquire(descriptor: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    delay = 0.005
    while not _try_lock(descriptor):
        if time.monotonic() >= deadline:
            raise LedgerError(
                said(
                    "the ledger is busy: another zhenggai command held its lock for {seconds} s",
                    seconds=f"{timeout:.0f}",
                )
            )
        time.sleep(delay)
        delay = min(delay * 2, 0.1)


if sys.platform != "win32":
    import fcntl

    def _try_lock(descriptor: int) -> bool:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _release(descriptor: int) -> None:
        fcntl.flock(descriptor, fcntl.LOCK_UN)

else:  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(descriptor: int) -> bool:
        try:
            os.lseek(descriptor, 0, os.SEEK_SET)
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _release(descriptor: int) -> None:
        os.lseek(descriptor, 0, os.SEEK_SET)
        msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)
